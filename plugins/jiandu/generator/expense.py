"""Expenses (八项规定): travel requests and claims, entertainment approvals and claims, vehicle costs.

Background business follows the standards in the dbt seeds (read here, so the generator and the rules can
never disagree on what compliant means). Per subsidiary it plants one case of each expense rule and the
near-miss decoys the rules must leave alone:

- RF_EXP_001 hotel over the cap for the traveller's tier *on the travel date* (a promoted person is judged by
  the rank held that day); decoys: rate exactly at the cap, peak-season rate within the peak cap, the same
  rate after the promotion that allows it.
- RF_EXP_002 transport class above the tier's entitlement; decoys: a 司局级 in 一等座, a 部级 in 公务舱.
- RF_EXP_003 travel claims with no approved OA request, a rejected one, or dates outside it; decoy: trip
  exactly on the approved dates.
- RF_EXP_004..008 entertainment without timely pre-approval (none, late, rejected, a number OA does not know),
  without letter or guest list or with a list that does not match (head count, claimed guests, the letter's
  unit), over the per-person cap, over the approved amount, too many accompanying staff; a different shape in
  each subsidiary: one invoice, several invoices, several claims for one meal or one approval, approval numbers
  typed loosely; decoys at exactly each limit, a claim that names no approval but has one for the person and
  day, two meals of one person on two days.
- RF_EXP_009 banned keyword families (购物卡 variants, liquor and cigarette brands, KTV, 景区 ...) in invoice items
  or claim purposes, full-width and spaced; a meal invoice above the single-invoice screening amount; decoys that
  only look alike (茶歇, 中华全国总工会, 茅台机场, 工会所需) and a meal invoice exactly at the screening amount.
- RF_EXP_010 the same invoice (code + number) reimbursed twice, across claims and subsidiaries; decoy: the
  same number under another invoice code.
- RF_EXP_011 vehicle costs for plates not in the official-vehicle register; decoy: a registered plate
  typed in lower case with a space.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_DOWN, Decimal
from functools import cache

from jiandu.generator.context import Context
from jiandu.settings import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "dbt_project" / "seeds" / "standards"
CENT = Decimal("0.01")
HOST_LEVEL = {1: "集团本部", 2: "二级单位", 3: "三级单位"}  # std_entertainment.host_level by org level
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
PROVINCE_PREFIX = {"S01": "苏", "S02": "粤", "S03": "津", "S04": "陕", "S05": "豫"}
OFFICE_ITEMS = ["打印纸", "硒鼓", "文件柜", "会议茶歇", "礼堂场地租赁", "办公桌椅", "资料印刷"]


def _read(name: str) -> list[dict]:
    with (SEEDS / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@cache
def _standards() -> dict:
    tiers = {r["rank_code"]: r["travel_tier"] for r in _read("map_hr_rank_travel_tier.csv") if not r["subsidiary_code"]}
    caps = {}
    for r in _read("std_travel_hotel_caps.csv"):
        if not r["subsidiary_code"] and not r["effective_to"]:
            peak = {int(m) for m in r["peak_months"].split(",")} if r["peak_months"] else set()
            caps[(r["city"], r["tier"])] = (Decimal(r["cap_per_night"]), peak,
                                            Decimal(r["peak_cap_per_night"]) if r["peak_cap_per_night"] else None)
    transport = {(r["tier"], r["transport_mode"]): r["allowed_classes"].split("|")
                 for r in _read("std_travel_transport_class.csv") if not r["subsidiary_code"]}
    ent = {r["host_level"]: r for r in _read("std_entertainment.csv") if not r["subsidiary_code"]}
    return {"tiers": tiers, "caps": caps, "transport": transport, "entertainment": ent}


def hotel_cap(city: str, tier: str, day: date) -> Decimal:
    cap, peak, peak_cap = _standards()["caps"][(city, tier)]
    return peak_cap if peak_cap is not None and day.month in peak else cap


@dataclass
class _Books:
    """Rows of every table this module writes, and the numbering of claims, requests and invoices."""

    claims: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)
    requests: list[dict] = field(default_factory=list)
    approvals: list[dict] = field(default_factory=list)
    vehicles: list[dict] = field(default_factory=list)
    counters: dict = field(default_factory=dict)

    def number(self, prefix: str, org: str, day: date, width: int = 5) -> str:
        key = (prefix, org, day.strftime("%Y%m"))
        self.counters[key] = self.counters.get(key, 0) + 1
        return f"{prefix}-{org}-{day:%Y%m}-{self.counters[key]:0{width}d}"

    def invoice(self) -> tuple[str, str]:
        self.counters["invoice"] = self.counters.get("invoice", 0) + 1
        n = self.counters["invoice"]
        return f"0{11002100000 + n // 10_000_000:011d}", f"{n % 100_000_000:08d}"


def _ts(day: date, hour: int = 16) -> str:
    return datetime.combine(day, time(hour, 0)).isoformat(sep=" ")


def _claim(books: _Books, org: str, emp: str, claim_type: str, day: date, summary: str,
           oa_request_id: str | None, lines: list[dict]) -> dict:
    claim_no = books.number("BX", org, day)
    total = sum((Decimal(line["amount"]) for line in lines), Decimal("0"))
    claim = dict(claim_no=claim_no, org_code=org, claimant_emp_code=emp, claim_type=claim_type,
                 claim_date=day.isoformat(), total_amount=str(total.quantize(CENT)), approval_status="已审批",
                 oa_request_id=oa_request_id, summary=summary, ts=_ts(day))
    books.claims.append(claim)
    for i, line in enumerate(lines, start=1):
        row = dict.fromkeys(("traveller_emp_code", "origin_city", "dest_city", "end_date", "hotel_nights",
                             "nightly_rate", "transport_mode", "transport_class", "guest_count", "accompany_count",
                             "vehicle_plate", "invoice_code", "invoice_no", "item_name"))
        row.update(line, claim_no=claim_no, line_no=i, ts=_ts(day))
        books.lines.append(row)
    return claim


@dataclass
class _Trip:
    person: object
    city: str
    start: date
    nights: int
    mode: str = "高铁动车"
    travel_class: str | None = None  # None: the lowest class the tier allows
    rate: Decimal | None = None  # None: a compliant rate under the cap
    request: str = "approved"  # approved / none / rejected / shorter
    request_dates: tuple[date, date] | None = None

    @property
    def end(self) -> date:
        return self.start + timedelta(days=self.nights)


def _write_trip(books: _Books, rng, org: str, trip: _Trip, home: str) -> tuple[dict, dict, dict]:
    """A travel request (unless none) and its claim: outbound and return tickets, hotel, meal allowance.
    Returns (claim, hotel line, outbound ticket line)."""
    std = _standards()
    tier = std["tiers"][trip.person.rank_on(trip.start)]
    request_id = None
    if trip.request != "none":
        lo, hi = trip.request_dates or (trip.start - timedelta(days=rng.randrange(0, 2)),
                                        trip.end + timedelta(days=rng.randrange(0, 2)))
        if trip.request == "shorter":
            lo, hi = trip.start, trip.end - timedelta(days=2)
        asked = lo - timedelta(days=rng.randrange(2, 8))
        request_id = books.number("CC", org, asked, 4)
        books.requests.append(dict(
            request_id=request_id, org_code=org, traveller_emp_code=trip.person.emp_code,
            purpose=rng.choice(["参加行业会议", "项目现场检查", "客户走访", "业务培训", "工程验收"]),
            dest_city=trip.city, start_date=lo.isoformat(), end_date=hi.isoformat(),
            status="驳回" if trip.request == "rejected" else "已批准", approver_emp_code=trip.person.manager_emp_code,
            approved_at=_ts(asked + timedelta(days=1), 10), ts=_ts(asked + timedelta(days=1), 10)))
    allowed = std["transport"][(tier, trip.mode)]
    travel_class = trip.travel_class or allowed[-1]
    fare = Decimal(rng.randrange(300, 1500)).quantize(CENT)
    cap = hotel_cap(trip.city, tier, trip.start)
    rate = trip.rate if trip.rate is not None else (cap * Decimal(rng.randrange(60, 96)) / 100).quantize(
        Decimal("1"), ROUND_DOWN)
    who = trip.person.emp_code

    def ticket(origin: str, dest: str, day: date) -> dict:
        code, no = books.invoice()
        return dict(expense_type="城市间交通费", traveller_emp_code=who, origin_city=origin, dest_city=dest,
                    start_date=day.isoformat(), end_date=day.isoformat(), transport_mode=trip.mode,
                    transport_class=travel_class, invoice_code=code, invoice_no=no,
                    item_name={"飞机": "航空运输电子客票行程单", "火车": "铁路电子客票", "高铁动车": "铁路电子客票",
                               "轮船": "船票"}[trip.mode], amount=str(fare))

    code, no = books.invoice()
    hotel = dict(expense_type="住宿费", traveller_emp_code=who, dest_city=trip.city, start_date=trip.start.isoformat(),
                 end_date=trip.end.isoformat(), hotel_nights=trip.nights, nightly_rate=str(rate.quantize(CENT)),
                 invoice_code=code, invoice_no=no, item_name="住宿服务", amount=str((rate * trip.nights).quantize(CENT)))
    meals = dict(expense_type="伙食补助费", traveller_emp_code=who, dest_city=trip.city,
                 start_date=trip.start.isoformat(), end_date=trip.end.isoformat(),
                 amount=str(Decimal(100 * (trip.nights + 1)).quantize(CENT)))
    outbound = ticket(home, trip.city, trip.start)
    lines = [outbound, hotel, meals, ticket(trip.city, home, trip.end)]
    claim = _claim(books, org, who, "差旅费", trip.end + timedelta(days=rng.randrange(2, 9)),
                   f"赴{trip.city}出差", request_id, lines)
    return claim, books.lines[-3], books.lines[-4]


def _key(line: dict) -> str:
    return f"{line['claim_no']}|{line['line_no']}"


GUEST_UNITS = ["某市发展和改革委员会", "某省国资委调研组", "合作单位考察团", "某设计研究院", "某市住房和城乡建设局",
               "某高校产学研合作处"]
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗"


def _messy_code(rng, code: str) -> str:
    """An approval number as people type it into the claim: lower case, full-width, spaces, no dashes."""
    return rng.choice([
        code.lower(),
        "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in code),
        f" {code} ",
        code.replace("-", ""),
        code.replace("-", " - "),
    ])


def _spread(rng, total: Decimal, parts: int) -> list[Decimal]:
    """`total` split into `parts` amounts of whole cents, none of them zero."""
    cents = int(total * 100)
    cuts = sorted(rng.sample(range(cents // (parts * 3), cents - cents // (parts * 3)), parts - 1)) if parts > 1 else []
    edges = [0, *cuts, cents]
    return [Decimal(b - a) / 100 for a, b in zip(edges, edges[1:], strict=False)]


def _guest_list(rng, listed: int, style: str) -> tuple[str | None, int | None]:
    """(guest_list, guest_list_count) of an approval: the names in one of the ways OA users write them."""
    posts = ['', '', '（处长）', ' 科员', ' 副主任']  # a post after the name is not another name
    names = [f"{rng.choice(SURNAMES)}某{i}{rng.choice(posts)}" for i in range(1, listed + 1)]
    if style == "none":
        return None, None
    if style == "count_only":  # the list is an attachment; OA keeps its head count
        return None, listed
    if style == "etc":
        return f"{names[0]}等{listed}人", None
    sep = rng.choice(["、", "，", ",", " ", "；"])
    return sep.join(names), rng.choice([None, listed])


def _entertainment(books: _Books, rng, org: str, host: dict, person, day: date, guests: int, accompany: int, *,
                   per_person: int | None = None, approved_amount: Decimal | None = None, approval: str = "ok",
                   letter: bool = True, guest_list: str | None = None, listed: int | None = None,
                   letter_unit: str = "same", claimed_guests: int | None = None, invoices: int = 1, claims: int = 1,
                   ref: str | None = None, loose_date: bool = False) -> list[dict]:
    """One meal: its OA approval (unless approval='none') and its claim lines; returns the lines.

    approval: ok / none / late (approved two days after) / rejected / unknown (the claim names a number OA does
    not have) / unlinked (the claim names none; the approval is the person's for that day).
    guest_list: names / etc (某某等N人) / count_only / none; `listed` names on it (default: the guests).
    letter_unit: same (the guest unit, as typed in the letter) / other / None (not recorded).
    The meal is `invoices` invoices on `claims` claims of the person; `claimed_guests` is the guest count
    the lines state (default the guests; of a split meal the first line states it, the others sometimes);
    `loose_date`: the later invoices of a meal with an approval are dated the next day (as claimed loosely)."""
    cap = Decimal(host["meal_cap_per_person"])
    per_person = per_person if per_person is not None else int(cap * Decimal(rng.randrange(55, 96)) / 100)
    amount = Decimal(per_person * (guests + accompany)).quantize(CENT)
    approval_id = claim_ref = None
    if approval not in ("none", "unknown"):
        approved_on = day + timedelta(days=2) if approval == "late" else day - timedelta(days=rng.randrange(1, 6))
        approval_id = books.number("JD", org, approved_on, 4)
        unit = rng.choice(GUEST_UNITS)
        names, count = _guest_list(rng, listed if listed is not None else guests,
                                   guest_list or rng.choice(["names", "names", "names", "etc", "count_only"]))
        if letter_unit == "same":
            letter_from = rng.choice([unit, unit + "办公室", " ".join(unit), f" {unit}　"])
        else:
            letter_from = None if letter_unit is None else next(u for u in GUEST_UNITS if u != unit)
        books.approvals.append(dict(
            approval_id=approval_id, org_code=org, applicant_emp_code=person.emp_code, guest_unit=unit,
            reason=rng.choice(["项目调研座谈", "工作交流", "业务洽谈", "工程验收"]), planned_date=day.isoformat(),
            guest_count=guests, guest_list=names, guest_list_count=count, accompany_count=accompany,
            approved_amount=str((approved_amount if approved_amount is not None
                                 else cap * (guests + accompany)).quantize(CENT)),
            letter_attached=1 if letter else 0, letter_unit=letter_from if letter else None,
            status="驳回" if approval == "rejected" else "已批准", approved_at=_ts(approved_on, 9),
            ts=_ts(approved_on, 9)))
        if approval != "unlinked":
            claim_ref = _messy_code(rng, approval_id) if (ref or rng.choice(["exact"] * 4 + ["messy"])) == "messy" \
                else approval_id
    elif approval == "unknown":
        claim_ref = books.number("JD", org, day - timedelta(days=40), 4) + "X"
    shown = claimed_guests if claimed_guests is not None else guests
    code, no = books.invoice()
    lines = []
    for i, part in enumerate(_spread(rng, amount, invoices)):
        if i:
            code, no = books.invoice()
        states = i == 0 or rng.random() < 0.5
        dated = day + timedelta(days=1) if i and loose_date and claim_ref else day
        lines.append(dict(expense_type="业务招待费", start_date=dated.isoformat(), guest_count=shown if states else None,
                          accompany_count=accompany if states else None, invoice_code=code, invoice_no=no,
                          item_name=rng.choice(["餐饮服务", "*餐饮服务*餐费", "餐费"]), amount=str(part)))
    per_claim = [lines[i::claims] for i in range(claims)]
    written = []
    for k, claim_lines in enumerate(per_claim):
        _claim(books, org, person.emp_code, "业务招待费", day + timedelta(days=rng.randrange(1, 6) + k),
               "公务接待用餐", claim_ref, claim_lines)
        written += books.lines[-len(claim_lines):]
    return written


def _meal_truth(truth, rule: str, org: str, lines: list[dict], amount, kind: str, note: str) -> None:
    """One planted meal or approval: its first line carries the amount, its other lines are found with it."""
    for i, line in enumerate(lines):
        truth.add(rule, org, "nc_erp.expense_claim_line", _key(line),
                  (str(amount) if i == 0 else "0.00") if kind == "planted" else "0.00", kind,
                  note if i == 0 else f"{note}（同一次接待的第{i + 1}张发票）")


def _free_day(books: _Books, org: str, person, day: date) -> date:
    """The first day from `day` on which `person` applied for no entertainment in `org` (so an unlinked claim
    finds exactly its own approval, and a claim without one finds none)."""
    taken = {a["planned_date"] for a in books.approvals
             if a["org_code"] == org and a["applicant_emp_code"] == person.emp_code}
    while day.isoformat() in taken:
        day += timedelta(days=1)
    return day


def _plant_entertainment(books: _Books, rng, truth, org: str, s_idx: int, host: dict, staff: list, e: date) -> None:
    cap = int(Decimal(host["meal_cap_per_person"]))
    people = staff[5:16] if s_idx % 2 == 0 else staff[-16:-5]  # different people in each subsidiary
    # RF_EXP_004: no timely pre-approval, in four shapes; decoys approved that morning, or found by person and day.
    kind = ["none", "late", "rejected", "unknown"][s_idx % 4]
    day = _free_day(books, org, people[0], e)
    lines = _entertainment(books, rng, org, host, people[0], day, 3 + s_idx % 3, 2, approval=kind,
                           invoices=2 if kind == "none" else 1, claims=2 if kind == "none" else 1)
    _meal_truth(truth, "RF_EXP_004", org, lines, sum(Decimal(x["amount"]) for x in lines), "planted",
                {"none": "无接待审批单（一次接待分两张报销单）", "late": "审批晚于接待日期", "rejected": "接待审批被驳回",
                 "unknown": "报销单所填审批单号在OA中不存在"}[kind])
    lines = _entertainment(books, rng, org, host, people[1], e + timedelta(days=1), 4, 2)
    books.approvals[-1]["approved_at"] = _ts(e + timedelta(days=1), 8)  # approved the morning of the dinner
    _meal_truth(truth, "RF_EXP_004", org, lines, 0, "decoy", "接待当日事前审批")
    day = _free_day(books, org, people[2], e + timedelta(days=1))
    lines = _entertainment(books, rng, org, host, people[2], day, 3, 1, approval="unlinked")
    _meal_truth(truth, "RF_EXP_004", org, lines, 0, "decoy", "报销单未填审批单号，按申请人和接待日期可找到事前审批")

    # RF_EXP_005: letter and list missing or not matching, one shape per subsidiary; decoys complete.
    kind = ["no_letter", "no_list", "short_list", "other_unit", "more_guests"][s_idx % 5]
    args = {"no_letter": {"letter": False}, "no_list": {"guest_list": "none"},
            "short_list": {"listed": 2, "guest_list": "names"}, "other_unit": {"letter_unit": "other"},
            "more_guests": {"claimed_guests": 5, "listed": 3, "guest_list": "names",
                            "approved_amount": Decimal(cap * 7)}}[kind]
    lines = _entertainment(books, rng, org, host, people[3], e + timedelta(days=2), 3, 2,
                           invoices=1 + s_idx % 2, claims=1 + s_idx % 2, **args)
    _meal_truth(truth, "RF_EXP_005", org, lines, sum(Decimal(x["amount"]) for x in lines), "planted",
                {"no_letter": "无来访公函", "no_list": "无接待清单", "short_list": "接待清单2人，审批来宾3人",
                 "other_unit": "公函单位与来访单位不符", "more_guests": "报销来宾5人，接待清单3人"}[kind])
    lines = _entertainment(books, rng, org, host, people[4], e + timedelta(days=3), 1, 1)
    _meal_truth(truth, "RF_EXP_005", org, lines, 0, "decoy", "来宾仅1人，公函与清单齐全")
    lines = _entertainment(books, rng, org, host, people[4], e + timedelta(days=4), 6, 2,
                           guest_list=["etc", "count_only"][s_idx % 2])
    _meal_truth(truth, "RF_EXP_005", org, lines, 0, "decoy", ["清单写作“某某等6人”", "清单为附件，仅有人数"][s_idx % 2])

    # RF_EXP_006: the whole meal over the per-person cap: one invoice, two invoices, or two claims.
    over = cap + rng.randrange(10, 60)
    parts = 1 + s_idx % 3
    lines = _entertainment(books, rng, org, host, people[5], e + timedelta(days=4), 5, 2, per_person=over,
                           approved_amount=Decimal(over * 7), invoices=parts, claims=1 if parts < 3 else 2,
                           ref="exact", loose_date=parts == 3)
    _meal_truth(truth, "RF_EXP_006", org, lines, Decimal((over - cap) * 7).quantize(CENT), "planted",
                f"人均{over}元，标准{cap}元（{len(lines)}张发票" + ("，一张日期填成次日）" if parts == 3 else "）"))
    lines = _entertainment(books, rng, org, host, people[6], e + timedelta(days=5), 5, 2, per_person=cap,
                           invoices=2, claims=2)
    _meal_truth(truth, "RF_EXP_006", org, lines, 0, "decoy", "两张报销单合计人均恰为标准")
    for k in range(2):  # two dinners of one person on two days, each within the cap
        lines = _entertainment(books, rng, org, host, people[7], e + timedelta(days=6 + k), 4, 1,
                               per_person=cap - rng.randrange(1, 10))
        _meal_truth(truth, "RF_EXP_006", org, lines, 0, "decoy", f"同一经办人不同日期的第{k + 1}次接待，各自未超标")

    # RF_EXP_007: everything claimed against one approval above the approved amount.
    per = cap - 10
    split = s_idx % 2 == 1
    approved = Decimal(per * 6 - rng.randrange(30, 100))
    lines = _entertainment(books, rng, org, host, people[8], e + timedelta(days=6), 4, 2, per_person=per,
                           approved_amount=approved, invoices=2 if split else 1, claims=2 if split else 1,
                           loose_date=split)
    _meal_truth(truth, "RF_EXP_007", org, lines, (per * 6 - approved).quantize(CENT), "planted",
                f"报销合计{per * 6}元，核定{approved}元" + ("（两张报销单）" if split else ""))
    lines = _entertainment(books, rng, org, host, people[9], e + timedelta(days=7), 4, 2, per_person=per,
                           approved_amount=Decimal(per * 6), invoices=2, claims=2)
    _meal_truth(truth, "RF_EXP_007", org, lines, 0, "decoy", "两张报销单合计恰为核定金额")

    # RF_EXP_008: too many accompanying staff for the guests.
    per = cap - 5
    guests, accompany = [(5, 5), (11, 4)][s_idx % 2]
    lines = _entertainment(books, rng, org, host, people[10], e + timedelta(days=8), guests, accompany,
                           per_person=per, invoices=1 + s_idx % 2)
    limit = 3 if guests <= 10 else guests // 3
    _meal_truth(truth, "RF_EXP_008", org, lines, Decimal(per * (accompany - limit)).quantize(CENT), "planted",
                f"来宾{guests}人陪餐{accompany}人（上限{limit}人）")
    for guests, accompany in ((12, 4), (10, 3)):
        lines = _entertainment(books, rng, org, host, people[10], e + timedelta(days=9 + guests - 10), guests,
                               accompany, per_person=per)
        _meal_truth(truth, "RF_EXP_008", org, lines, 0, "decoy", f"来宾{guests}人陪餐{accompany}人（上限{accompany}人）")


BANNED_ITEMS = [  # (invoice item, claim purpose): each subsidiary plants two of them
    ("*预付卡*超市 购物卡", "购买办公用品"), ("ＫＴＶ包间", "接待"), ("*酒*贵州茅台酒 53%vol 500ml", "招待用酒"),
    ("*烟草制品*软中华（硬）", "办公用品"), ("京东E卡", "购买办公用品"), ("景区门票", "考察"), ("食品", "购买中秋月饼"),
    ("茶叶礼盒", "购买办公用品"), ("会所餐饮", "业务交流"), ("加油卡充值", "车辆燃油费"),
]
LOOK_ALIKES = [  # (invoice item, claim purpose) that only look like a banned keyword
    ("会议茶歇", "会议保障"), ("礼堂场地租赁", "年度工作会议"), ("培训费", "参加中华全国总工会培训"),
    ("航空运输电子客票行程单", "赴遵义茅台机场项目验收"), ("打印纸", "工会所需办公用品"),
    ("资料印刷", "向市文化和旅游局报送资料"), ("会议费", "中华人民共和国成立纪念座谈会"),
]


def _plant_banned(books: _Books, rng, truth, org: str, s_idx: int, host: dict, staff: list, e: date) -> None:
    person = staff[-1 - s_idx % 5]
    n = len(BANNED_ITEMS)
    cases = [(*BANNED_ITEMS[(2 * s_idx) % n], "planted"), (*BANNED_ITEMS[(2 * s_idx + 1) % n], "planted")]
    cases += [(*LOOK_ALIKES[(s_idx + k) % len(LOOK_ALIKES)], "decoy") for k in range(3)]
    for item, purpose, kind in cases:
        code, no = books.invoice()
        amount = Decimal(rng.randrange(500, 5000)).quantize(CENT)
        _claim(books, org, person.emp_code, "办公费", e, purpose, None,
               [dict(expense_type="办公用品", start_date=e.isoformat(), invoice_code=code, invoice_no=no,
                     item_name=item, amount=str(amount))])
        truth.add("RF_EXP_009", org, "nc_erp.expense_claim_line", _key(books.lines[-1]),
                  str(amount) if kind == "planted" else "0.00", kind, f"发票品名：{item}；事由：{purpose}")
    # a meal invoice above the single-invoice screening amount (within the per-person cap: 20 diners); decoy:
    # exactly the screening amount
    screen = Decimal(host["single_invoice_screen_amount"])
    cap = int(Decimal(host["meal_cap_per_person"]))
    per = int(screen / 20) + 1 + rng.randrange(0, max(1, cap - int(screen / 20) - 1))
    lines = _entertainment(books, rng, org, host, person, e + timedelta(days=1), 15, 5, per_person=per)
    for line in lines:
        truth.add("RF_EXP_009", org, "nc_erp.expense_claim_line", _key(line), line["amount"], "planted",
                  f"单张餐饮发票{per * 20}元，超过筛查金额{screen}元")
    lines = _entertainment(books, rng, org, host, person, e + timedelta(days=2), 15, 5,
                           per_person=int(screen / 20))
    truth.add("RF_EXP_009", org, "nc_erp.expense_claim_line", _key(lines[0]), "0.00", "decoy",
              f"单张餐饮发票恰为筛查金额{screen}元")


def _plate(rng, org: str) -> str:
    return PROVINCE_PREFIX.get(org, "京") + rng.choice(PLATE_LETTERS) + "".join(
        rng.choice("0123456789" + PLATE_LETTERS[:6]) for _ in range(5))


def tables(ctx: Context) -> Iterator[tuple[str, str, object]]:
    rng = ctx.rng("expense")
    erng = ctx.rng("expense:entertainment")  # entertainment draws apart: changing it never shifts travel
    std = _standards()
    counters: dict = {}
    hotels: list[dict] = []  # a sample of hotel lines, re-reimbursed below (RF_EXP_010)
    truth = ctx.truth
    cities = sorted({city for city, _ in std["caps"]})
    last_day = ctx.as_of - timedelta(days=20)  # every trip is claimed by the as-of date

    for s_idx, (org, _, _) in enumerate(ctx.subsidiaries):
        books = _Books(counters=counters)  # one subsidiary at a time: memory stays bounded at tier M and L
        staff = ctx.staff_of(org)
        home = cities[s_idx % len(cities)]
        host = std["entertainment"][HOST_LEVEL[2]]
        plates = [_plate(rng, org) for _ in range(3)]
        for i, plate in enumerate(plates):
            books.vehicles.append(dict(plate_no=plate, org_code=org, vehicle_type=["机要通信用车", "应急保障用车",
                                                                                  "生产经营用车"][i],
                                       registered_on="2019-06-01", status="在用", ts="2019-06-01 09:00:00"))
        # --- background: compliant business every month -------------------------------------------------------
        per_month = max(2, len(staff) // 10) * ctx.scale.activity
        for m in range(ctx.scale.months):
            month_start = ctx.start + timedelta(days=30 * m)
            for _ in range(per_month):
                start = month_start + timedelta(days=rng.randrange(28))
                if start > last_day:
                    continue
                trip = _Trip(rng.choice(staff), rng.choice([c for c in cities if c != home]), start,
                             rng.randrange(1, 5), mode=rng.choice(["飞机", "火车", "高铁动车", "高铁动车"]))
                _write_trip(books, rng, org, trip, home)
            for _ in range(max(1, per_month // 2)):
                day = month_start + timedelta(days=rng.randrange(28))
                if day > last_day:
                    continue
                guests = erng.randrange(2, 9)
                _entertainment(books, erng, org, host, erng.choice(staff), day, guests,
                               erng.randrange(1, min(3, guests) + 1), invoices=erng.choice([1, 1, 1, 2]))
                code, no = books.invoice()
                _claim(books, org, rng.choice(staff).emp_code, "办公费", day + timedelta(days=3), "购买办公用品",
                       None, [dict(expense_type="办公用品", start_date=day.isoformat(), invoice_code=code,
                                   invoice_no=no, item_name=rng.choice(OFFICE_ITEMS),
                                   amount=str(Decimal(rng.randrange(200, 3000)).quantize(CENT)))])
                code, no = books.invoice()
                _claim(books, org, rng.choice(staff).emp_code, "车辆费用", day + timedelta(days=4), "公务用车燃油费",
                       None, [dict(expense_type="车辆燃油费", start_date=day.isoformat(), vehicle_plate=rng.choice(plates),
                                   invoice_code=code, invoice_no=no, item_name="汽油",
                                   amount=str(Decimal(rng.randrange(200, 800)).quantize(CENT)))])

        # --- planted cases and decoys ---------------------------------------------------------------------------
        day = ctx.as_of - timedelta(days=60 + 7 * s_idx)
        staff_r04 = [p for p in staff if p.rank_code == "R04" and not p.promoted_on]
        r02 = next(p for p in staff if p.rank_code == "R02")
        r01 = next(p for p in staff if p.rank_code == "R01")
        promoted = next((p for p in staff if p.promoted_on and ctx.start + timedelta(days=40) < p.promoted_on
                         < last_day - timedelta(days=20)), None)

        # RF_EXP_001: hotel over the cap for the tier held that day.
        person = staff_r04[0]
        cap = hotel_cap("北京", std["tiers"]["R04"], day)
        rate = cap + rng.randrange(50, 300)
        _, hotel, _ = _write_trip(books, rng, org, _Trip(person, "北京", day, 2, rate=rate), home)
        truth.add("RF_EXP_001", org, "nc_erp.expense_claim_line", _key(hotel), str(((rate - cap) * 2).quantize(CENT)),
                  "planted", f"住宿{rate}元/晚，标准{cap}元/晚（其余人员，北京）")
        _, hotel, _ = _write_trip(books, rng, org, _Trip(staff_r04[1], "上海", day, 3,
                                                         rate=hotel_cap("上海", "其余人员", day)), home)
        truth.add("RF_EXP_001", org, "nc_erp.expense_claim_line", _key(hotel), "0.00", "decoy", "房价恰为标准上限")
        peak_day = date(day.year if day.month > 8 else day.year - 1, 8, 10)
        peak_rate = hotel_cap("哈尔滨", "其余人员", peak_day) - 10  # above the normal cap, within the peak cap
        _, hotel, _ = _write_trip(books, rng, org, _Trip(staff_r04[2], "哈尔滨", peak_day, 2, rate=peak_rate), home)
        truth.add("RF_EXP_001", org, "nc_erp.expense_claim_line", _key(hotel), "0.00", "decoy",
                  f"旺季（8月）哈尔滨{peak_rate}元/晚，不超过旺季标准")
        if promoted is not None:  # before the promotion: 其余人员 cap applies; after it: 司局级
            rate = hotel_cap("北京", "司局级", day) - 20
            before = promoted.promoted_on - timedelta(days=10)
            _, hotel, _ = _write_trip(books, rng, org, _Trip(promoted, "北京", before, 1, rate=rate), home)
            truth.add("RF_EXP_001", org, "nc_erp.expense_claim_line", _key(hotel),
                      str(rate - hotel_cap("北京", "其余人员", before)), "planted",
                      f"晋升前出差按其余人员标准：{rate}元/晚")
            after = promoted.promoted_on + timedelta(days=5)
            _, hotel, _ = _write_trip(books, rng, org, _Trip(promoted, "北京", after, 1, rate=rate), home)
            truth.add("RF_EXP_001", org, "nc_erp.expense_claim_line", _key(hotel), "0.00", "decoy",
                      f"晋升后出差按司局级标准：{rate}元/晚不超标")

        # RF_EXP_002: transport class above entitlement.
        claim, _, ticket = _write_trip(books, rng, org, _Trip(staff_r04[3], "广州", day + timedelta(days=1), 2,
                                                             mode="飞机", travel_class="公务舱"), home)
        for leg in (ticket, books.lines[-1]):  # outbound and return, both in business class
            truth.add("RF_EXP_002", org, "nc_erp.expense_claim_line", _key(leg), leg["amount"], "planted",
                      "其余人员乘坐飞机公务舱")
        _, _, ticket = _write_trip(books, rng, org, _Trip(r02, "武汉", day + timedelta(days=2), 2, mode="高铁动车",
                                                         travel_class="一等座"), home)
        truth.add("RF_EXP_002", org, "nc_erp.expense_claim_line", _key(ticket), "0.00", "decoy", "司局级乘坐高铁一等座")
        _, _, ticket = _write_trip(books, rng, org, _Trip(r01, "成都", day + timedelta(days=3), 2, mode="飞机",
                                                         travel_class="公务舱"), home)
        truth.add("RF_EXP_002", org, "nc_erp.expense_claim_line", _key(ticket), "0.00", "decoy", "部级乘坐飞机公务舱")

        # RF_EXP_003: travel without an approved request, or outside its dates.
        kind = ["none", "rejected", "shorter"][s_idx % 3]
        claim, _, _ = _write_trip(books, rng, org, _Trip(staff_r04[4], "西安", day + timedelta(days=4), 3,
                                                         request=kind), home)
        truth.add("RF_EXP_003", org, "nc_erp.expense_claim", claim["claim_no"], claim["total_amount"], "planted",
                  {"none": "无出差审批单", "rejected": "出差审批被驳回", "shorter": "实际返回晚于批准日期2天"}[kind])
        start = day + timedelta(days=5)
        claim, _, _ = _write_trip(books, rng, org, _Trip(staff_r04[5], "长沙", start, 2,
                                                         request_dates=(start, start + timedelta(days=2))), home)
        truth.add("RF_EXP_003", org, "nc_erp.expense_claim", claim["claim_no"], "0.00", "decoy",
                  "出差日期与批准日期恰好一致")

        # RF_EXP_004..008: entertainment, judged per meal (all its invoices and claims) and per approval.
        e = day + timedelta(days=6)
        _plant_entertainment(books, erng, truth, org, s_idx, host, staff, e)

        # RF_EXP_009: banned keyword families in what was bought, and a meal invoice above the screening amount.
        _plant_banned(books, erng, truth, org, s_idx, host, staff, e + timedelta(days=11))

        # RF_EXP_011: vehicle costs for a plate that is not registered; decoy: a registered plate typed loosely.
        for plate, kind in ((_plate(rng, org), "planted"), (plates[0][0] + plates[0][1].lower() + " " + plates[0][2:],
                                                             "decoy")):
            code, no = books.invoice()
            amount = Decimal(rng.randrange(300, 900)).quantize(CENT)
            _claim(books, org, staff[17].emp_code, "车辆费用", e + timedelta(days=12), "车辆燃油费", None,
                   [dict(expense_type="车辆燃油费", start_date=(e + timedelta(days=12)).isoformat(), vehicle_plate=plate,
                         invoice_code=code, invoice_no=no, item_name="汽油", amount=str(amount))])
            truth.add("RF_EXP_011", org, "nc_erp.expense_claim_line", _key(books.lines[-1]),
                      str(amount) if kind == "planted" else "0.00", kind,
                      "车牌不在公务用车登记台账" if kind == "planted" else f"登记车牌{plates[0]}的不规范写法{plate}")

        hotels += [line for line in books.lines if line["expense_type"] == "住宿费"][:10]
        yield from _tables(books)

    # RF_EXP_010: an earlier hotel invoice reimbursed again as office supplies, in the next subsidiary.
    books = _Books(counters=counters)
    orgs = [org for org, _, _ in ctx.subsidiaries]
    for s_idx, org in enumerate(orgs):
        original = hotels[(s_idx * 7 + 3) % len(hotels)]
        target = orgs[(s_idx + 1) % len(orgs)]
        staff = ctx.staff_of(target)
        day = ctx.as_of - timedelta(days=30 + s_idx)
        _claim(books, target, staff[18].emp_code, "办公费", day, "购买办公用品", None,
               [dict(expense_type="办公用品", start_date=day.isoformat(), invoice_code=original["invoice_code"],
                     invoice_no=original["invoice_no"], item_name="资料印刷", amount=original["amount"])])
        dup = books.lines[-1]
        truth.add("RF_EXP_010", org, "nc_erp.expense_claim_line", _key(original), "0.00", "planted",
                  "原始报销（首次）")
        truth.add("RF_EXP_010", target, "nc_erp.expense_claim_line", _key(dup), dup["amount"], "planted",
                  f"同一发票（首次在{org}报销）再次报销")
        other = hotels[(s_idx * 7 + 5) % len(hotels)]
        _claim(books, target, staff[19].emp_code, "办公费", day, "购买办公用品", None,
               [dict(expense_type="办公用品", start_date=day.isoformat(), invoice_code="0" + str(
                   int(other["invoice_code"]) + 900_000_000).zfill(11), invoice_no=other["invoice_no"],
                     item_name="资料印刷", amount=other["amount"])])
        truth.add("RF_EXP_010", org, "nc_erp.expense_claim_line", _key(books.lines[-1]), "0.00", "decoy",
                  "发票号码相同但发票代码不同")

    yield from _tables(books)


def _tables(books: _Books) -> Iterator[tuple[str, str, list[dict]]]:
    yield "nc_erp", "expense_claim", books.claims
    yield "nc_erp", "expense_claim_line", books.lines
    yield "oa", "travel_request", books.requests
    yield "oa", "entertainment_approval", books.approvals
    yield "oa", "vehicle", books.vehicles
