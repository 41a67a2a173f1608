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
- RF_EXP_004..008 entertainment without timely pre-approval, without letter or guest list, over the
  per-person cap, over the approved amount, too many accompanying staff; decoys at exactly each limit.
- RF_EXP_009 banned keywords (礼品, 购物卡, 烟酒 ...) in what was bought; decoys that only look alike (茶歇).
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

from jiandu.generator.context import Context
from jiandu.settings import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "dbt_project" / "seeds" / "standards"
CENT = Decimal("0.01")
HOST_LEVEL = {1: "集团本部", 2: "二级单位", 3: "三级单位"}  # std_entertainment.host_level by org level
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
PROVINCE_PREFIX = {"S01": "苏", "S02": "粤", "S03": "津", "S04": "陕", "S05": "豫"}
OFFICE_ITEMS = ["打印纸", "硒鼓", "文件柜", "会议茶歇", "礼堂场地租赁", "办公桌椅", "资料印刷"]
BANNED_ITEMS = ["购物卡", "高档酒", "茶叶礼盒（礼品）", "景区门票", "会所餐饮"]
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
