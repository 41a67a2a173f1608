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
- RF_EXP_004..008 entertainment without timely pre-approval, without letter or guest list, over the
  per-person cap, over the approved amount, too many accompanying staff; decoys at exactly each limit.
- RF_EXP_009 banned keywords (礼品, 购物卡, 烟酒 ...) in what was bought; decoys that only look alike (茶歇).
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
BANNED_ITEMS = ["购物卡", "高档酒", "茶叶礼盒（礼品）", "景区门票", "会所餐饮"]


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


def _entertainment(books: _Books, rng, org: str, host: dict, person, day: date, guests: int, accompany: int, *,
                   per_person: int | None = None, approved_amount: Decimal | None = None, approval: str = "ok",
                   letter: bool = True, guest_list: bool = True) -> dict:
    """An approval (unless approval='none') and its one-line claim; returns the claim line."""
    cap = Decimal(host["meal_cap_per_person"])
    per_person = per_person if per_person is not None else int(cap * Decimal(rng.randrange(55, 96)) / 100)
    amount = Decimal(per_person * (guests + accompany)).quantize(CENT)
    approval_id = None
    if approval != "none":
        approved_on = day + timedelta(days=2) if approval == "late" else day - timedelta(days=rng.randrange(1, 6))
        approval_id = books.number("JD", org, approved_on, 4)
        names = "、".join(f"{rng.choice('张王李赵刘陈杨黄周吴')}某{i}" for i in range(1, guests + 1))
        books.approvals.append(dict(
            approval_id=approval_id, org_code=org, applicant_emp_code=person.emp_code,
            guest_unit=rng.choice(["某市发展和改革委员会", "某省国资委调研组", "合作单位考察团", "某设计研究院"]),
            reason=rng.choice(["项目调研座谈", "工作交流", "业务洽谈", "工程验收"]), planned_date=day.isoformat(),
            guest_count=guests, guest_list=names if guest_list else None, accompany_count=accompany,
            approved_amount=str((approved_amount if approved_amount is not None
                                 else cap * (guests + accompany)).quantize(CENT)),
            letter_attached=1 if letter else 0, status="已批准", approved_at=_ts(approved_on, 9),
            ts=_ts(approved_on, 9)))
    code, no = books.invoice()
    _claim(books, org, person.emp_code, "业务招待费", day + timedelta(days=rng.randrange(1, 6)),
           "公务接待用餐", approval_id,
           [dict(expense_type="业务招待费", start_date=day.isoformat(), guest_count=guests, accompany_count=accompany,
                 invoice_code=code, invoice_no=no, item_name="餐饮服务", amount=str(amount))])
    return books.lines[-1]


def _plate(rng, org: str) -> str:
    return PROVINCE_PREFIX.get(org, "京") + rng.choice(PLATE_LETTERS) + "".join(
        rng.choice("0123456789" + PLATE_LETTERS[:6]) for _ in range(5))


def tables(ctx: Context) -> Iterator[tuple[str, str, object]]:
    rng = ctx.rng("expense")
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
                guests = rng.randrange(2, 9)
                _entertainment(books, rng, org, host, rng.choice(staff), day, guests,
                               rng.randrange(1, min(3, guests) + 1))
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

        # RF_EXP_004..008: entertainment.
        cap = int(Decimal(host["meal_cap_per_person"]))
        e = day + timedelta(days=6)
        line = _entertainment(books, rng, org, host, staff[5], e, 4, 2, approval=["none", "late"][s_idx % 2])
        truth.add("RF_EXP_004", org, "nc_erp.expense_claim_line", _key(line), line["amount"], "planted",
                  ["无接待审批单", "审批晚于接待日期"][s_idx % 2])
        line = _entertainment(books, rng, org, host, staff[6], e + timedelta(days=1), 4, 2)
        books.approvals[-1]["approved_at"] = _ts(e + timedelta(days=1), 8)  # approved the morning of the dinner
        truth.add("RF_EXP_004", org, "nc_erp.expense_claim_line", _key(line), "0.00", "decoy", "接待当日事前审批")
        line = _entertainment(books, rng, org, host, staff[7], e + timedelta(days=2), 3, 2,
                              **({"letter": False} if s_idx % 2 == 0 else {"guest_list": False}))
        truth.add("RF_EXP_005", org, "nc_erp.expense_claim_line", _key(line), line["amount"], "planted",
                  "无来访公函" if s_idx % 2 == 0 else "无接待清单")
        line = _entertainment(books, rng, org, host, staff[8], e + timedelta(days=3), 1, 1)
        truth.add("RF_EXP_005", org, "nc_erp.expense_claim_line", _key(line), "0.00", "decoy", "来宾仅1人，公函与清单齐全")
        over = cap + rng.randrange(20, 80)
        line = _entertainment(books, rng, org, host, staff[9], e + timedelta(days=4), 5, 2, per_person=over,
                              approved_amount=Decimal(over * 7))
        truth.add("RF_EXP_006", org, "nc_erp.expense_claim_line", _key(line), str(Decimal((over - cap) * 7).quantize(CENT)),
                  "planted", f"人均{over}元，标准{cap}元")
        line = _entertainment(books, rng, org, host, staff[10], e + timedelta(days=5), 5, 2, per_person=cap)
        truth.add("RF_EXP_006", org, "nc_erp.expense_claim_line", _key(line), "0.00", "decoy", "人均恰为标准")
        per = cap - 10
        approved = Decimal(per * 6 - rng.randrange(30, 100))
        line = _entertainment(books, rng, org, host, staff[11], e + timedelta(days=6), 4, 2, per_person=per,
                              approved_amount=approved)
        truth.add("RF_EXP_007", org, "nc_erp.expense_claim_line", _key(line), str((per * 6 - approved).quantize(CENT)),
                  "planted", f"报销{per * 6}元，核定{approved}元")
        line = _entertainment(books, rng, org, host, staff[12], e + timedelta(days=7), 4, 2, per_person=per,
                              approved_amount=Decimal(per * 6))
        truth.add("RF_EXP_007", org, "nc_erp.expense_claim_line", _key(line), "0.00", "decoy", "报销金额恰为核定金额")
        per = cap - 5
        line = _entertainment(books, rng, org, host, staff[13], e + timedelta(days=8), 5, 5, per_person=per)
        truth.add("RF_EXP_008", org, "nc_erp.expense_claim_line", _key(line), str(Decimal(per * 2).quantize(CENT)),
                  "planted", "来宾5人陪餐5人（上限3人）")
        line = _entertainment(books, rng, org, host, staff[14], e + timedelta(days=9), 12, 4, per_person=per)
        truth.add("RF_EXP_008", org, "nc_erp.expense_claim_line", _key(line), "0.00", "decoy", "来宾12人陪餐4人（上限4人）")
        line = _entertainment(books, rng, org, host, staff[15], e + timedelta(days=10), 10, 3, per_person=per)
        truth.add("RF_EXP_008", org, "nc_erp.expense_claim_line", _key(line), "0.00", "decoy", "来宾10人陪餐3人")

        # RF_EXP_009: banned keywords in what was bought.
        for item, kind in ((BANNED_ITEMS[s_idx % len(BANNED_ITEMS)], "planted"), ("会议茶歇", "decoy"),
                           ("礼堂场地租赁", "decoy")):
            code, no = books.invoice()
            amount = Decimal(rng.randrange(500, 5000)).quantize(CENT)
            _claim(books, org, staff[16].emp_code, "办公费", e + timedelta(days=11), "购买办公用品", None,
                   [dict(expense_type="办公用品", start_date=(e + timedelta(days=11)).isoformat(), invoice_code=code,
                         invoice_no=no, item_name=item, amount=str(amount))])
            truth.add("RF_EXP_009", org, "nc_erp.expense_claim_line", _key(books.lines[-1]),
                      str(amount) if kind == "planted" else "0.00", kind, f"发票品名：{item}")

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
