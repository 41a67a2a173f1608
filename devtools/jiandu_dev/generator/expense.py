"""Expenses (八项规定): travel requests and claims, entertainment approvals and claims, vehicle costs.

Background business follows the standards in the dbt seeds (read here, so the generator and the rules can
never disagree on what compliant means). Per subsidiary it plants one case of each expense rule and the
near-miss decoys the rules must leave alone:

- RF_EXP_001 hotel over the cap for the traveller's tier *on the travel date* (a promoted person is judged by
  the rank held that day), the city written the ways exports write it (北京市, "北京 ", 北京市朝阳区); over the
  province's 其他地区 cap in a city without a cap of its own; one stay split over two invoices; decoys: rate
  exactly at the cap (also a province-default city and a split stay), peak-season rate within the peak cap,
  the same rate after the promotion that allows it.
- RF_EXP_002 transport class above the tier's entitlement, with the spellings exports use (商务舱, C舱, 高铁 +
  一等); decoys: a 司局级 in 一等座 (高铁 / 一等, 火车 / 一等座 ...), a 部级 in 公务舱, 其余人员 in 动车 / 二等.
- RF_EXP_003 travel claims with no approved OA request, a rejected one, or dates outside it, a claim citing
  another person's approved request, a claim of two trips whose second was never approved; decoys: trip
  exactly on the approved dates, a request number typed in lower case with spaces, two trips each with its
  own approved request, a trip extended by a second approved request.
- 未匹配标准 (no rule): per subsidiary one stay in 香港 (no hotel cap) and two 动卧 tickets (class not mapped),
  which fct_standard_unmatched must list.
- RF_EXP_004..008 entertainment without timely pre-approval (none, late, rejected, a number OA does not know),
  without letter or guest list or with a list that does not match (head count, claimed guests, the letter's
  unit), over the per-person cap, over the approved amount, too many accompanying staff; a different shape in
  each subsidiary: one invoice, several invoices, several claims for one meal or one approval, approval numbers
  typed loosely; decoys at exactly each limit, a claim that names no approval but has one for the person and
  day, two meals of one person on two days.
- RF_EXP_009 banned keyword families (购物卡 variants, liquor and cigarette brands, KTV, 景区 ...) in invoice items
  or claim purposes, full-width and spaced; a meal invoice above the single-invoice screening amount; decoys that
  only look alike (茶歇, 中华全国总工会, 茅台机场, 工会所需) and a meal invoice exactly at the screening amount.
- RF_EXP_010 the same invoice (code + number) reimbursed twice, across claims and subsidiaries, the second
  time typed with full-width digits or spaces; a 数电 invoice (20-digit number, no code) claimed again with an
  empty code; decoys: the same number under another invoice code, one invoice split over two lines of one
  claim, an invoice resubmitted after its first claim was rejected.
- RF_EXP_011 vehicle costs for plates not in the official-vehicle register, or registered to another
  subsidiary of the group; decoys: a registered plate typed loosely (lower case, space, 京A·12345, full-width);
  some registers write their plates with a middle dot.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_DOWN, Decimal
from functools import cache

from jiandu.settings import PROJECT_ROOT
from jiandu_dev.generator.context import Context

SEEDS = PROJECT_ROOT / "dbt_project" / "seeds" / "standards"
CENT = Decimal("0.01")
HOST_LEVEL = {1: "集团本部", 2: "二级单位", 3: "三级单位"}  # std_entertainment.host_level by org level
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
PROVINCE_PREFIX = {"S01": "苏", "S02": "粤", "S03": "津", "S04": "陕", "S05": "豫"}
OFFICE_ITEMS = ["打印纸", "硒鼓", "文件柜", "会议茶歇", "礼堂场地租赁", "办公桌椅", "资料印刷"]
FULL_WIDTH = {ord(c): ord(c) + 0xFEE0 for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"}
PROVINCE_DEFAULT = "其他@"  # key prefix of a province's 其他地区 hotel cap in _standards()["caps"]
# cities without a hotel cap of their own (the province's 其他地区 cap applies), as exports write them
UNLISTED_CITIES = [("苏州", "苏州市"), ("洛阳", "河南省洛阳市"), ("绵阳", "绵阳"), ("桂林", "桂林市 "), ("鞍山", "鞍山市"),
                   ("赣州", "江西省赣州市"), ("宜昌", "宜昌")]
BEIJING_AS_WRITTEN = ["北京", "北京市", "北京 ", "北京市朝阳区", "北　京"]
OVER_CLASS_AS_WRITTEN = [("飞机", "公务舱"), ("航空", "商务舱"), ("飞机", "C舱"), ("民航", "公务舱"), ("飞机", "商务舱")]
LOWEST_CLASS_AS_WRITTEN = [("动车", "二等"), ("高铁", "二等座"), ("火车", "二等座"), ("飞机", "Y舱"), ("航空", "经济")]
FIRST_CLASS_TRAIN_AS_WRITTEN = [("高铁动车", "一等座"), ("高铁", "一等"), ("动车", "一等座"), ("火车", "一等座"),
                                ("城际", "一等")]


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
            city = PROVINCE_DEFAULT + r["province"] if r["city"] == "其他" else r["city"]
            caps[(city, r["tier"])] = (Decimal(r["cap_per_night"]), peak,
                                       Decimal(r["peak_cap_per_night"]) if r["peak_cap_per_night"] else None)
    provinces = {r["city"]: r["province"] for r in _read("map_city_province.csv")}
    transport = {(r["tier"], r["transport_mode"]): r["allowed_classes"].split("|")
                 for r in _read("std_travel_transport_class.csv") if not r["subsidiary_code"]}
    ent = {r["host_level"]: r for r in _read("std_entertainment.csv") if not r["subsidiary_code"]}
    return {"tiers": tiers, "caps": caps, "transport": transport, "entertainment": ent, "provinces": provinces}


def hotel_cap(city: str, tier: str, day: date) -> Decimal:
    """The cap for a city; a city without a row of its own takes its province's 其他地区 row."""
    std = _standards()
    key = (city, tier) if (city, tier) in std["caps"] else (PROVINCE_DEFAULT + std["provinces"][city], tier)
    cap, peak, peak_cap = std["caps"][key]
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
    city_as_written: str | None = None  # how the export writes the city (None: as in the standard)
    mode_as_written: str | None = None
    class_as_written: str | None = None
    request_for: object = None  # the request is another person's (None: the traveller's own)
    request_id_as_written: str | None = None  # a function of the request id (None: cited exactly)
    split_hotel: bool = False  # the stay on two invoices (two lines, half each)

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
            request_id=request_id, org_code=org, traveller_emp_code=(trip.request_for or trip.person).emp_code,
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
    city = trip.city_as_written or trip.city

    def ticket(origin: str, dest: str, day: date) -> dict:
        code, no = books.invoice()
        return dict(expense_type="城市间交通费", traveller_emp_code=who, origin_city=origin, dest_city=dest,
                    start_date=day.isoformat(), end_date=day.isoformat(),
                    transport_mode=trip.mode_as_written or trip.mode,
                    transport_class=trip.class_as_written or travel_class, invoice_code=code, invoice_no=no,
                    item_name={"飞机": "航空运输电子客票行程单", "火车": "铁路电子客票", "高铁动车": "铁路电子客票",
                               "轮船": "船票"}[trip.mode], amount=str(fare))

    parts = [rate / 2, rate - rate / 2] if trip.split_hotel else [rate]  # one stay on one or two invoices
    hotels = []
    for part in parts:
        code, no = books.invoice()
        hotels.append(dict(expense_type="住宿费", traveller_emp_code=who, dest_city=city,
                           start_date=trip.start.isoformat(), end_date=trip.end.isoformat(), hotel_nights=trip.nights,
                           nightly_rate=str(part.quantize(CENT)), invoice_code=code, invoice_no=no, item_name="住宿服务",
                           amount=str((part * trip.nights).quantize(CENT))))
    meals = dict(expense_type="伙食补助费", traveller_emp_code=who, dest_city=city,
                 start_date=trip.start.isoformat(), end_date=trip.end.isoformat(),
                 amount=str(Decimal(100 * (trip.nights + 1)).quantize(CENT)))
    outbound = ticket(home, city, trip.start)
    lines = [outbound, *hotels, meals, ticket(city, home, trip.end)]
    cited = trip.request_id_as_written(request_id) if request_id and trip.request_id_as_written else request_id
    claim = _claim(books, org, who, "差旅费", trip.end + timedelta(days=rng.randrange(2, 9)),
                   f"赴{trip.city}出差", cited, lines)
    return claim, books.lines[-2 - len(hotels)], books.lines[-3 - len(hotels)]


def _merge_claims(books: _Books, first: dict, second: dict) -> None:
    """Move the lines of `second` into `first` (one claim for two trips), numbering them on."""
    moved = [line for line in books.lines if line["claim_no"] == second["claim_no"]]
    count = sum(1 for line in books.lines if line["claim_no"] == first["claim_no"])
    for i, line in enumerate(moved, start=count + 1):
        line.update(claim_no=first["claim_no"], line_no=i)
    books.claims.remove(second)
    first["total_amount"] = str((Decimal(first["total_amount"]) + Decimal(second["total_amount"])).quantize(CENT))
    first["claim_date"] = max(first["claim_date"], second["claim_date"])


def _free(books: _Books, people: list, start: date, end: date):
    """The first person with no travel request near these dates (so no other approval covers the trip)."""
    for p in people:
        if not any(r["traveller_emp_code"] == p.emp_code and r["start_date"] <= (end + timedelta(days=3)).isoformat()
                   and r["end_date"] >= (start - timedelta(days=3)).isoformat() for r in books.requests):
            return p
    raise ValueError("no free traveller for a planted RF_EXP_003 case")


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
    cities = sorted({city for city, _ in std["caps"] if not city.startswith(PROVINCE_DEFAULT)})
    last_day = ctx.as_of - timedelta(days=20)  # every trip is claimed by the as-of date

    other_plates: list[str] = []  # the previous subsidiary's registered plates (RF_EXP_011)
    for s_idx, (org, _, _) in enumerate(ctx.subsidiaries):
        books = _Books(counters=counters)  # one subsidiary at a time: memory stays bounded at tier M and L
        staff = ctx.staff_of(org)
        home = cities[s_idx % len(cities)]
        host = std["entertainment"][HOST_LEVEL[2]]
        plates = [_plate(rng, org) for _ in range(3)]
        for i, plate in enumerate(plates):
            registered = f"{plate[:2]}·{plate[2:]}" if s_idx % 2 and i == 1 else plate  # 苏A·12345 in some registers
            books.vehicles.append(dict(plate_no=registered, org_code=org, vehicle_type=["机要通信用车", "应急保障用车",
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
                # only people already hired (with a rank record) travel: a trip before it is 职级未匹配
                travellers = [p for p in staff if p.hire_date <= start]
                trip = _Trip(rng.choice(travellers), rng.choice([c for c in cities if c != home]), start,
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

        # RF_EXP_001: hotel over the cap for the tier held that day, the city written as exports write it.
        person = staff_r04[0]
        cap = hotel_cap("北京", std["tiers"]["R04"], day)
        rate = cap + rng.randrange(50, 300)
        beijing = BEIJING_AS_WRITTEN[s_idx % len(BEIJING_AS_WRITTEN)]
        _, hotel, _ = _write_trip(books, rng, org, _Trip(person, "北京", day, 2, rate=rate, city_as_written=beijing),
                                  home)
        truth.add("RF_EXP_001", org, "nc_erp.expense_claim_line", _key(hotel), str(((rate - cap) * 2).quantize(CENT)),
                  "planted", f"住宿{rate}元/晚，标准{cap}元/晚（其余人员，城市写作“{beijing}”）")
        _, hotel, _ = _write_trip(books, rng, org, _Trip(staff_r04[1], "上海", day, 3,
                                                         rate=hotel_cap("上海", "其余人员", day)), home)
        truth.add("RF_EXP_001", org, "nc_erp.expense_claim_line", _key(hotel), "0.00", "decoy", "房价恰为标准上限")
        # a city without a cap of its own: its province's 其他地区 cap applies
        city, written = UNLISTED_CITIES[s_idx % len(UNLISTED_CITIES)]
        cap = hotel_cap(city, "其余人员", day)
        nights = 1 + s_idx % 3
        rate = cap + rng.randrange(1, 120)
        _, hotel, _ = _write_trip(books, rng, org, _Trip(staff_r04[6], city, day + timedelta(days=1), nights,
                                                         rate=rate, city_as_written=written), home)
        truth.add("RF_EXP_001", org, "nc_erp.expense_claim_line", _key(hotel), str(((rate - cap) * nights).quantize(CENT)),
                  "planted", f"{written.strip()}无单列标准，按本省其他地区标准{cap}元/晚，住宿{rate}元/晚")
        other, other_written = UNLISTED_CITIES[(s_idx + 3) % len(UNLISTED_CITIES)]
        _, hotel, _ = _write_trip(books, rng, org, _Trip(staff_r04[7], other, day + timedelta(days=2), 2,
                                                         rate=hotel_cap(other, "其余人员", day),
                                                         city_as_written=other_written), home)
        truth.add("RF_EXP_001", org, "nc_erp.expense_claim_line", _key(hotel), "0.00", "decoy",
                  f"{other_written.strip()}按本省其他地区标准，房价恰为上限")
        # one stay on two invoices: judged on what the stay cost per night
        no_peak = [c for c in cities if not std["caps"][(c, "其余人员")][1]]
        split_city = no_peak[(s_idx * 5 + 2) % len(no_peak)]
        split_day = day
        cap = hotel_cap(split_city, "其余人员", split_day)
        rate = cap + 2 * rng.randrange(5, 60)
        _, hotel, _ = _write_trip(books, rng, org, _Trip(staff_r04[8], split_city, split_day + timedelta(days=3), 2,
                                                         rate=rate, split_hotel=True), home)
        second = books.lines[books.lines.index(hotel) + 1]
        truth.add("RF_EXP_001", org, "nc_erp.expense_claim_line", _key(hotel), str(((rate - cap) * 2).quantize(CENT)),
                  "planted", f"一次住宿分两张发票，合计{rate}元/晚，标准{cap}元/晚")
        truth.add("RF_EXP_001", org, "nc_erp.expense_claim_line", _key(second), "0.00", "planted",
                  "同一次住宿的第二张发票")
        _, hotel, _ = _write_trip(books, rng, org, _Trip(staff_r04[9], split_city, split_day + timedelta(days=8), 2,
                                                         rate=cap, split_hotel=True), home)
        truth.add("RF_EXP_001", org, "nc_erp.expense_claim_line", _key(hotel), "0.00", "decoy",
                  f"一次住宿分两张发票，各{cap / 2}元/晚，合计恰为标准")
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

        # RF_EXP_002: transport class above entitlement, spelled as exports spell it.
        mode, written = OVER_CLASS_AS_WRITTEN[s_idx % len(OVER_CLASS_AS_WRITTEN)]
        claim, _, ticket = _write_trip(books, rng, org, _Trip(staff_r04[3], "广州", day + timedelta(days=1), 2,
                                                             mode="飞机", travel_class="公务舱", mode_as_written=mode,
                                                             class_as_written=written), home)
        for leg in (ticket, books.lines[-1]):  # outbound and return, both in business class
            truth.add("RF_EXP_002", org, "nc_erp.expense_claim_line", _key(leg), leg["amount"], "planted",
                      f"其余人员乘坐飞机公务舱（写作“{mode} / {written}”）")
        mode, written = FIRST_CLASS_TRAIN_AS_WRITTEN[(s_idx + 1) % len(FIRST_CLASS_TRAIN_AS_WRITTEN)]
        _, _, ticket = _write_trip(books, rng, org, _Trip(staff_r04[10], "南京", day + timedelta(days=2), 1,
                                                         mode="高铁动车", travel_class="一等座", mode_as_written=mode,
                                                         class_as_written=written), home)
        for leg in (ticket, books.lines[-1]):
            truth.add("RF_EXP_002", org, "nc_erp.expense_claim_line", _key(leg), leg["amount"], "planted",
                      f"其余人员乘坐高铁一等座（写作“{mode} / {written}”）")
        mode, written = FIRST_CLASS_TRAIN_AS_WRITTEN[s_idx % len(FIRST_CLASS_TRAIN_AS_WRITTEN)]
        _, _, ticket = _write_trip(books, rng, org, _Trip(r02, "武汉", day + timedelta(days=2), 2, mode="高铁动车",
                                                         travel_class="一等座", mode_as_written=mode,
                                                         class_as_written=written), home)
        truth.add("RF_EXP_002", org, "nc_erp.expense_claim_line", _key(ticket), "0.00", "decoy",
                  f"司局级乘坐高铁一等座（写作“{mode} / {written}”）")
        _, _, ticket = _write_trip(books, rng, org, _Trip(r01, "成都", day + timedelta(days=3), 2, mode="飞机",
                                                         travel_class="公务舱"), home)
        truth.add("RF_EXP_002", org, "nc_erp.expense_claim_line", _key(ticket), "0.00", "decoy", "部级乘坐飞机公务舱")
        mode, written = LOWEST_CLASS_AS_WRITTEN[s_idx % len(LOWEST_CLASS_AS_WRITTEN)]
        judged = "飞机" if written in ("Y舱", "经济") else "高铁动车"
        _, _, ticket = _write_trip(books, rng, org, _Trip(staff_r04[11], "长沙", day + timedelta(days=4), 1,
                                                         mode=judged, mode_as_written=mode, class_as_written=written),
                                   home)
        truth.add("RF_EXP_002", org, "nc_erp.expense_claim_line", _key(ticket), "0.00", "decoy",
                  f"其余人员乘坐最低等级（写作“{mode} / {written}”）")

        # RF_EXP_003: travel without an approved request of the traveller's own, or outside its dates.
        kind = ["none", "rejected", "shorter"][s_idx % 3]
        start = day + timedelta(days=4)
        # planted travellers: hired before the trip, with no other approval near it
        pool = [p for p in staff_r04[22:] if p.hire_date < day]
        claim, _, _ = _write_trip(books, rng, org, _Trip(_free(books, [staff_r04[4], *pool], start,
                                                               start + timedelta(days=3)), "西安", start, 3,
                                                         request=kind), home)
        truth.add("RF_EXP_003", org, "nc_erp.expense_claim", claim["claim_no"], claim["total_amount"], "planted",
                  {"none": "无出差审批单", "rejected": "出差审批被驳回", "shorter": "实际返回晚于批准日期2天"}[kind])
        start = day + timedelta(days=5)
        claim, _, _ = _write_trip(books, rng, org, _Trip(staff_r04[5], "长沙", start, 2,
                                                         request_dates=(start, start + timedelta(days=2))), home)
        truth.add("RF_EXP_003", org, "nc_erp.expense_claim", claim["claim_no"], "0.00", "decoy",
                  "出差日期与批准日期恰好一致")
        # the cited request is approved and covers the dates, but it is a colleague's
        start = day + timedelta(days=6 + s_idx % 4)
        traveller = _free(books, [staff_r04[12], *pool], start, start + timedelta(days=2))
        colleague = staff_r04[13 + s_idx % 3]
        claim, _, _ = _write_trip(books, rng, org, _Trip(traveller, "郑州", start, 2, request_for=colleague), home)
        truth.add("RF_EXP_003", org, "nc_erp.expense_claim", claim["claim_no"], claim["total_amount"], "planted",
                  "引用的出差审批单为他人的审批单")
        # one claim, two trips: the first approved and cited, the second never approved
        start = day + timedelta(days=3)
        traveller = _free(books, [staff_r04[16], *pool], start, start + timedelta(days=20))
        first, _, _ = _write_trip(books, rng, org, _Trip(traveller, "杭州", start, 2), home)
        second, _, _ = _write_trip(books, rng, org, _Trip(traveller, "合肥", start + timedelta(days=9 + s_idx % 5),
                                                          1 + s_idx % 2, request="none"), home)
        _merge_claims(books, first, second)
        truth.add("RF_EXP_003", org, "nc_erp.expense_claim", first["claim_no"], second["total_amount"], "planted",
                  "一张报销单两段行程，第二段无出差审批")
        # decoys: two trips each with its own approved request (only the first cited); an extension approved
        # separately; the request number typed in lower case with spaces
        traveller = staff_r04[19]
        first, _, _ = _write_trip(books, rng, org, _Trip(traveller, "南昌", start + timedelta(days=1), 2), home)
        second, _, _ = _write_trip(books, rng, org, _Trip(traveller, "福州", start + timedelta(days=12), 2), home)
        _merge_claims(books, first, second)
        truth.add("RF_EXP_003", org, "nc_erp.expense_claim", first["claim_no"], "0.00", "decoy",
                  "一张报销单两段行程，各有本人批准的出差审批")
        start = day + timedelta(days=8)
        claim, _, _ = _write_trip(books, rng, org, _Trip(staff_r04[20], "济南", start, 4, request="shorter"), home)
        books.requests.append(dict(books.requests[-1], request_id=books.requests[-1]["request_id"] + "-YQ",
                                   start_date=(start + timedelta(days=2)).isoformat(),
                                   end_date=(start + timedelta(days=4)).isoformat()))
        truth.add("RF_EXP_003", org, "nc_erp.expense_claim", claim["claim_no"], "0.00", "decoy",
                  "出差延期，另有本人批准的延期审批")
        claim, _, _ = _write_trip(books, rng, org, _Trip(staff_r04[21], "太原", start + timedelta(days=1), 2,
                                                         request_id_as_written=lambda rid: f" {rid.lower()} "), home)
        truth.add("RF_EXP_003", org, "nc_erp.expense_claim", claim["claim_no"], "0.00", "decoy",
                  "审批单号写作小写并带空格")
        # 未匹配标准 (fct_standard_unmatched, not a rule): a stay in a city the standard has no row for, and a
        # ticket in a class the mapping does not know; counted and reported, never passed as compliant
        _write_trip(books, rng, org, _Trip(staff_r04[21], "深圳", day + timedelta(days=30), 1, city_as_written="香港",
                                           mode="高铁动车", class_as_written="动卧"), home)

        # RF_EXP_004..008: entertainment, judged per meal (all its invoices and claims) and per approval.
        e = day + timedelta(days=6)
        _plant_entertainment(books, erng, truth, org, s_idx, host, staff, e)

        # RF_EXP_009: banned keyword families in what was bought, and a meal invoice above the screening amount.
        _plant_banned(books, erng, truth, org, s_idx, host, staff, e + timedelta(days=11))

        # RF_EXP_011: vehicle costs for a plate that is not registered (or registered to another subsidiary);
        # decoys: a registered plate typed loosely.
        loose = [plates[0][0] + plates[0][1].lower() + " " + plates[0][2:],
                 plates[0][:2] + "·" + plates[0][2:],
                 plates[0].translate(FULL_WIDTH),
                 plates[0][:2] + " " + plates[0][2:].lower()][s_idx % 4]
        cases = [(_plate(rng, org), "planted", "车牌不在公务用车登记台账"),
                 (loose, "decoy", f"登记车牌{plates[0]}的不规范写法{loose}")]
        if other_plates:
            cases.append((other_plates[1], "planted", "车牌登记在集团内另一单位"))
        for plate, kind, note in cases:
            code, no = books.invoice()
            amount = Decimal(rng.randrange(300, 900)).quantize(CENT)
            _claim(books, org, staff[17].emp_code, "车辆费用", e + timedelta(days=12), "车辆燃油费", None,
                   [dict(expense_type="车辆燃油费", start_date=(e + timedelta(days=12)).isoformat(), vehicle_plate=plate,
                         invoice_code=code, invoice_no=no, item_name="汽油", amount=str(amount))])
            truth.add("RF_EXP_011", org, "nc_erp.expense_claim_line", _key(books.lines[-1]),
                      str(amount) if kind == "planted" else "0.00", kind, note)
        other_plates = plates

        hotels += [line for line in books.lines if line["expense_type"] == "住宿费"][:10]
        yield from _tables(books)

    # RF_EXP_010: an earlier hotel invoice reimbursed again as office supplies, in the next subsidiary, typed
    # with full-width digits or spaces; a 数电 invoice claimed twice; decoys that only look alike.
    books = _Books(counters=counters)
    orgs = [org for org, _, _ in ctx.subsidiaries]
    for s_idx, org in enumerate(orgs):
        original = hotels[(s_idx * 7 + 3) % len(hotels)]
        target = orgs[(s_idx + 1) % len(orgs)]
        staff = ctx.staff_of(target)
        day = ctx.as_of - timedelta(days=30 + s_idx)
        code, no = [(original["invoice_code"], original["invoice_no"]),
                    (original["invoice_code"], original["invoice_no"].translate(FULL_WIDTH)),
                    (f" {original['invoice_code']} ", f"{original['invoice_no'][:4]} {original['invoice_no'][4:]}")
                    ][s_idx % 3]
        _claim(books, target, staff[18].emp_code, "办公费", day, "购买办公用品", None,
               [dict(expense_type="办公用品", start_date=day.isoformat(), invoice_code=code,
                     invoice_no=no, item_name="资料印刷", amount=original["amount"])])
        dup = books.lines[-1]
        truth.add("RF_EXP_010", org, "nc_erp.expense_claim_line", _key(original), "0.00", "planted",
                  "原始报销（首次）")
        truth.add("RF_EXP_010", target, "nc_erp.expense_claim_line", _key(dup), dup["amount"], "planted",
                  f"同一发票（首次在{org}报销）再次报销，写作“{code}-{no}”")
        other = hotels[(s_idx * 7 + 5) % len(hotels)]
        _claim(books, target, staff[19].emp_code, "办公费", day, "购买办公用品", None,
               [dict(expense_type="办公用品", start_date=day.isoformat(), invoice_code="0" + str(
                   int(other["invoice_code"]) + 900_000_000).zfill(11), invoice_no=other["invoice_no"],
                     item_name="资料印刷", amount=other["amount"])])
        truth.add("RF_EXP_010", org, "nc_erp.expense_claim_line", _key(books.lines[-1]), "0.00", "decoy",
                  "发票号码相同但发票代码不同")
        # a 数电 invoice (20 digits, no code) claimed in this subsidiary, then again with an empty code
        staff = ctx.staff_of(org)
        number = f"{day:%y}{32000000 + s_idx:08d}{rng.randrange(10**9, 10**10)}"
        amount = Decimal(rng.randrange(200, 2000)).quantize(CENT)
        _claim(books, org, staff[20].emp_code, "办公费", day - timedelta(days=20), "购买办公用品", None,
               [dict(expense_type="办公用品", start_date=(day - timedelta(days=25)).isoformat(), invoice_code=None,
                     invoice_no=number, item_name="打印纸", amount=str(amount))])
        first = books.lines[-1]
        again = number if s_idx % 2 else f"{number[:10]} {number[10:]}".translate(FULL_WIDTH)
        _claim(books, org, staff[21].emp_code, "办公费", day - timedelta(days=5), "购买办公用品", None,
               [dict(expense_type="办公用品", start_date=(day - timedelta(days=25)).isoformat(), invoice_code="",
                     invoice_no=again, item_name="打印纸", amount=str(amount))])
        truth.add("RF_EXP_010", org, "nc_erp.expense_claim_line", _key(first), "0.00", "planted", "数电发票首次报销")
        truth.add("RF_EXP_010", org, "nc_erp.expense_claim_line", _key(books.lines[-1]), str(amount), "planted",
                  f"数电发票再次报销（发票代码为空，号码写作“{again}”）")
        # decoys: one invoice on two lines of one claim; a claim rejected, then the invoice claimed again
        code, no = books.invoice()
        _claim(books, org, staff[22].emp_code, "办公费", day - timedelta(days=3), "购买办公用品", None,
               [dict(expense_type="办公用品", start_date=(day - timedelta(days=4)).isoformat(), invoice_code=code,
                     invoice_no=no, item_name=item, amount=str(Decimal(rng.randrange(100, 900)).quantize(CENT)))
                for item in ("打印纸", "硒鼓")])
        truth.add("RF_EXP_010", org, "nc_erp.expense_claim_line", _key(books.lines[-1]), "0.00", "decoy",
                  "同一发票在一张报销单内分两行")
        code, no = books.invoice()
        amount = str(Decimal(rng.randrange(100, 900)).quantize(CENT))
        rejected = _claim(books, org, staff[23].emp_code, "办公费", day - timedelta(days=12), "购买办公用品", None,
                          [dict(expense_type="办公用品", start_date=(day - timedelta(days=14)).isoformat(),
                                invoice_code=code, invoice_no=no, item_name="文件柜", amount=amount)])
        rejected["approval_status"] = "驳回"
        first = books.lines[-1]
        _claim(books, org, staff[23].emp_code, "办公费", day - timedelta(days=2), "购买办公用品", None,
               [dict(expense_type="办公用品", start_date=(day - timedelta(days=14)).isoformat(), invoice_code=code,
                     invoice_no=no, item_name="文件柜", amount=amount)])
        truth.add("RF_EXP_010", org, "nc_erp.expense_claim_line", _key(first), "0.00", "decoy",
                  "首次报销被驳回后重新报销（驳回的一次）")
        truth.add("RF_EXP_010", org, "nc_erp.expense_claim_line", _key(books.lines[-1]), "0.00", "decoy",
                  "首次报销被驳回后重新报销")

    yield from _tables(books)


def _tables(books: _Books) -> Iterator[tuple[str, str, list[dict]]]:
    yield "nc_erp", "expense_claim", books.claims
    yield "nc_erp", "expense_claim_line", books.lines
    yield "oa", "travel_request", books.requests
    yield "oa", "entertainment_approval", books.approvals
    yield "oa", "vehicle", books.vehicles
