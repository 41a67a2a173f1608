"""Independent cases for the expense rules RF_EXP_001 … RF_EXP_011 (travel, hotels, transport class,
entertainment, vehicles, duplicate invoices, banned keywords).

Written from each rule's `detects` / `basis` in the rule catalog and the standards seeds (std_travel_hotel_caps,
std_travel_transport_class, map_transport_*, std_entertainment, std_banned_keywords and its exclusions), in the
forms real ERP and OA exports take. Every claim planted here gets its own claim, request and invoice numbers
(…-9xxxx, invoice code 044031900111 or 20-digit numbers starting 2699), so it meets no background row by accident.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from tests.dbt_project.independent_cases import Planter

LINE_COLUMNS = ("expense_type", "traveller_emp_code", "origin_city", "dest_city", "start_date", "end_date",
                "hotel_nights", "nightly_rate", "transport_mode", "transport_class", "guest_count",
                "accompany_count", "vehicle_plate", "invoice_code", "invoice_no", "item_name", "amount")


class Expense:
    """Inserts claims, OA approvals and vehicles with numbers of their own and records the truth rows."""

    def __init__(self, p: Planter):
        self.p = p
        self.seq = 0
        self.invoice_seq = 0

    def _next(self) -> int:
        self.seq += 1
        return self.seq

    def invoice(self, digital: bool = False) -> tuple[str | None, str]:
        """A fresh invoice: an older one (code and 8-digit number) or a 数电 one (no code, 20 digits)."""
        self.invoice_seq += 1
        if digital:
            return None, f"2699{self.invoice_seq:016d}"
        return "044031900111", f"88{self.invoice_seq:06d}"

    def claim(self, sub: str, claimant: str, claim_type: str, claim_date: str, lines: list[dict],
              status: str = "已审批", request: str | None = None, summary: str | None = None) -> str:
        claim_no = f"BX-{sub}-{claim_date[:4]}{claim_date[5:7]}-9{self._next():04d}"
        ts = f"{claim_date} 16:00:00"
        total = sum(Decimal(str(line["amount"])) for line in lines)
        self.p.insert("nc_erp", "expense_claim", [dict(
            claim_no=claim_no, org_code=sub, claimant_emp_code=claimant, claim_type=claim_type,
            claim_date=claim_date, total_amount=float(total), approval_status=status, oa_request_id=request,
            summary=summary, ts=ts)])
        rows = []
        for n, line in enumerate(lines, start=1):
            unknown = set(line) - set(LINE_COLUMNS)
            assert not unknown, unknown
            row = {c: line.get(c) for c in LINE_COLUMNS}
            if "invoice_no" not in line:
                row["invoice_code"], row["invoice_no"] = self.invoice()
            rows.append(dict(claim_no=claim_no, line_no=n, **row, ts=ts))
        self.p.insert("nc_erp", "expense_claim_line", rows)
        return claim_no

    def travel_request(self, sub: str, traveller: str, dest: str, start: str, end: str,
                       status: str = "已批准") -> str:
        request_id = f"CC-{sub}-{start[:4]}{start[5:7]}-9{self._next():03d}"
        asked = (date.fromisoformat(start[:10]) - timedelta(days=5)).isoformat()
        self.p.insert("oa", "travel_request", [dict(
            request_id=request_id, org_code=sub, traveller_emp_code=traveller, purpose="项目现场检查",
            dest_city=dest, start_date=start, end_date=end, status=status,
            approver_emp_code=f"{sub}E0002", approved_at=f"{asked} 10:00:00", ts=f"{asked} 10:00:00")])
        return request_id

    def entertainment(self, sub: str, applicant: str, planned: str, guests: int, accompany: int | None,
                      approved_amount: float, guest_unit: str = "某市住房和城乡建设局",
                      guest_list: str | None = None, guest_list_count: int | None = None, letter: int = 1,
                      letter_unit: str | None = None, status: str = "已批准",
                      approved_at: str | None = "default") -> str:
        approval_id = f"JD-{sub}-{planned[:4]}{planned[5:7]}-9{self._next():03d}"
        if approved_at == "default":
            approved_at = f"{date.fromisoformat(planned) - timedelta(days=3)} 09:00:00"
        if guest_list is None and guest_list_count is None:
            guest_list = "、".join(f"李某{i}" for i in range(1, guests + 1))
        self.p.insert("oa", "entertainment_approval", [dict(
            approval_id=approval_id, org_code=sub, applicant_emp_code=applicant, guest_unit=guest_unit,
            reason="项目对接座谈", planned_date=planned, guest_count=guests, guest_list=guest_list,
            guest_list_count=guest_list_count, accompany_count=accompany, approved_amount=approved_amount,
            letter_attached=letter, letter_unit=guest_unit if letter_unit is None and letter else letter_unit,
            status=status, approved_at=approved_at, ts=approved_at or f"{planned} 09:00:00")])
        return approval_id

    def line_truth(self, rule: str, sub: str, claim_no: str, line_no: int, amount: str, kind: str,
                   note: str) -> None:
        self.p.truth(rule, sub, "nc_erp.expense_claim_line", f"{claim_no}|{line_no}", amount, kind, note)


def _people(p: Planter) -> dict:
    """Per subsidiary: two 一般员工 (其余人员), a 中层正职 (司局级) and a 集团领导 (部级), each in post with one rank
    since before 2024, and one employee promoted from 一般员工 to 中层副职 while these cases' months run."""
    people = {}
    for sub in ("S01", "S02", "S03", "S04", "S05"):
        single = p.query("hr", """
            select e.emp_code, r.rank_code from employee e join rank_history r on r.emp_code = e.emp_code
            where e.org_code = ? and e.status = '在职' and e.hire_date <= '2024-01-01'
                and r.effective_from <= '2024-01-01'
                and (select count(*) from rank_history x where x.emp_code = e.emp_code) = 1
            order by e.emp_code""", (sub,))
        by_rank: dict[str, list[str]] = {}
        for row in single:
            by_rank.setdefault(row["rank_code"], []).append(row["emp_code"])
        promoted = p.query("hr", """
            select e.emp_code, r.effective_from from employee e join rank_history r on r.emp_code = e.emp_code
            where e.org_code = ? and e.status = '在职' and r.rank_code = 'R03' and r.effective_to is null
                and r.effective_from between '2025-07-01' and '2026-02-20'
                and exists (select 1 from rank_history o where o.emp_code = e.emp_code and o.rank_code = 'R04')
            order by r.effective_from desc""", (sub,))
        people[sub] = dict(staff=by_rank["R04"][-1], staff2=by_rank["R04"][-2], middle=by_rank["R02"][-1],
                           leader=by_rank["R01"][0],
                           promoted=promoted[0] if promoted else None)
    return people


def plant(p: Planter) -> None:
    x = Expense(p)
    people = _people(p)
    hotels(x, people)
    transport(x, people)
    travel_approval(x, people)
    travel_approval_more(x, people)
    entertainment(x, people)
    banned_keywords(x, people)
    duplicate_invoices(x, people)
    vehicles(x, people)
    reversals(x, people)
    partial_reversals(x, people)
    entertainment_reversals(x, people)
    rejected_claims(x, people)
    leap_day_stay(x, people)
    claim_in_approval(x, people)


def _stay(traveller: str, city: str, start: str, end: str, nights: int | None, rate: float | None,
          amount: float, **extra) -> dict:
    return dict(dict(expense_type="住宿费", traveller_emp_code=traveller, dest_city=city, start_date=start,
                     end_date=end, hotel_nights=nights, nightly_rate=rate, item_name="住宿服务", amount=amount),
                **extra)


def hotels(x: Expense, people: dict) -> None:
    """RF_EXP_001 超标准住宿."""
    rule = "RF_EXP_001"
    s1, s2, s3 = people["S01"], people["S02"], people["S03"]
    # planted
    c = x.claim("S01", s1["staff"], "差旅费", "2026-01-16", [
        _stay(s1["staff"], "北京市 ", "2026-01-12", "2026-01-14", 2, 560, 1120)])
    x.line_truth(rule, "S01", c, 1, "120.00", "planted",
                 "城市写作“北京市 ”（带市、尾随空格）：其余人员560元/晚，北京标准500元，超标2晚120元")
    c = x.claim("S02", s2["staff"], "差旅费", "2026-01-24", [
        _stay(s2["staff"], "河北省保定市", "2026-01-19", "2026-01-22", 3, 400, 1200)])
    x.line_truth(rule, "S02", c, 1, "150.00", "planted",
                 "地级市“河北省保定市”无单列标准，按河北其他地区350元：400元/晚×3晚，超标150元")
    c = x.claim("S03", s3["staff"], "差旅费", "2026-02-08", [
        _stay(s3["staff"], "三亚", "2026-02-02", "2026-02-04", 2, 400, 800)])
    x.line_truth(rule, "S03", c, 1, "100.00", "planted",
                 "三亚无单列标准，按海南其他地区350元（省会海口的旺季标准不适用于其他地区）：超标100元")
    # one stay split over two invoices on two claims (room and a second invoice for the same nights)
    a = x.claim("S01", s1["staff2"], "差旅费", "2026-02-09", [
        _stay(s1["staff2"], "上海", "2026-02-02", "2026-02-05", 3, 400, 1200)])
    b = x.claim("S01", s1["staff2"], "差旅费", "2026-02-12", [
        _stay(s1["staff2"], "上海市浦东新区", "2026-02-02", "2026-02-05", 3, None, 600)])
    x.line_truth(rule, "S01", a, 1, "300.00", "planted",
                 "同一住宿分两张报销单两张发票（第二张写“上海市浦东新区”）：合计1800元/3晚=600元/晚，标准500元，超标300元")
    x.line_truth(rule, "S01", b, 1, "0.00", "planted", "同一住宿的第二张发票（合并判断）")
    c = x.claim("S02", s2["staff2"], "差旅费", "2026-01-05", [
        _stay(s2["staff2"], "广州", "2025-12-30", "2026-01-02", 3, 480, 1440)])
    x.line_truth(rule, "S02", c, 1, "90.00", "planted",
                 "跨年住宿2025-12-30至2026-01-02：广州480元/晚，标准450元，超标3晚90元")
    c = x.claim("S04", people["S04"]["staff"], "差旅费", "2026-03-08", [
        _stay(people["S04"]["staff"], "海口", "2026-03-02", "2026-03-04", 2, 420, 840)])
    x.line_truth(rule, "S04", c, 1, "140.00", "planted",
                 "海口3月不在旺季（11、12、1、2月）：420元/晚按平季标准350元，超标140元")
    c = x.claim("S05", people["S05"]["staff"], "差旅费", "2026-01-30", [
        _stay(people["S05"]["staff"], "杭州", "2026-01-26", "2026-01-28", None, None, 900)])
    x.line_truth(rule, "S05", c, 1, "100.00", "planted",
                 "住宿晚数和房价未填：按入住离店日期2晚计450元/晚，杭州标准400元，超标100元")
    c = x.claim("S01", s1["staff"], "差旅费", "2026-03-06", [
        _stay(s1["staff"], "北京", "2026-03-02", "2026-03-04", 2, 500.01, 1000.02)])
    x.line_truth(rule, "S01", c, 1, "0.02", "planted", "刚超标准：500.01元/晚，北京标准500元，超标0.02元")
    who = people["S04"]["staff2"]
    c = x.claim("S04", who, "差旅费", "2026-01-23", [
        _stay(" " + who.lower(), "北京", "2026-01-19", "2026-01-21", 2, 560, 1120)])
    x.line_truth(rule, "S04", c, 1, "120.00", "planted",
                 f"出差人工号写作“ {who.lower()}”（小写、前导空格）：仍按本人职级（其余人员）判断，超标120元")
    c = x.claim("S05", people["S05"]["staff2"], "差旅费", "2026-01-23", [
        _stay(people["S05"]["staff2"], "江苏省昆山市", "2026-01-19", "2026-01-21", 2, 420, 840)])
    x.line_truth(rule, "S05", c, 1, "80.00", "planted",
                 "县级市写作“江苏省昆山市”：无单列标准，按所属江苏省其他地区380元，420元/晚超标80元")
    promoted = people["S03"]["promoted"]
    if promoted:
        day = date.fromisoformat(promoted["effective_from"])
        before, after = (day - timedelta(days=1)).isoformat(), day.isoformat()
        c = x.claim("S03", promoted["emp_code"], "差旅费", (day + timedelta(days=8)).isoformat(), [
            _stay(promoted["emp_code"], "北京", before, (day + timedelta(days=1)).isoformat(), 2, 560, 1120)])
        x.line_truth(rule, "S03", c, 1, "120.00", "planted",
                     "晋升前一日入住：入住当日仍为其余人员，560元/晚超北京标准500元（离店时已晋升不改变标准）")
        c = x.claim("S03", promoted["emp_code"], "差旅费", (day + timedelta(days=20)).isoformat(), [
            _stay(promoted["emp_code"], "北京", (day + timedelta(days=10)).isoformat(),
                  (day + timedelta(days=12)).isoformat(), 2, 560, 1120)])
        x.line_truth(rule, "S03", c, 1, "0.00", "decoy", f"晋升（{after}）后入住按司局级标准650元：560元/晚不超标")
    # decoys
    c = x.claim("S01", s1["staff"], "差旅费", "2026-02-20", [
        _stay(s1["staff"], "北京市海淀区", "2026-02-16", "2026-02-18", 2, 500, 1000)])
    x.line_truth(rule, "S01", c, 1, "0.00", "decoy", "恰为标准：北京市海淀区500元/晚，标准500元")
    c = x.claim("S02", s2["staff"], "差旅费", "2026-02-27", [
        _stay(s2["middle"], "北京", "2026-02-23", "2026-02-25", 2, 600, 1200)])
    x.line_truth(rule, "S02", c, 1, "0.00", "decoy",
                 "一般员工代领导报销：出差人为中层正职（司局级650元），600元/晚不超标")
    c = x.claim("S03", s3["staff"], "差旅费", "2026-02-27", [
        _stay(s3["staff"], "北京", "2026-02-23", "2026-02-25", 2, 600, 1000)])
    x.line_truth(rule, "S03", c, 1, "0.00", "decoy",
                 "房价600元/晚但只报销标准内1000元（超标部分自理）：报销金额不超过标准乘以晚数")
    c = x.claim("S04", people["S04"]["staff"], "差旅费", "2026-01-20", [
        _stay(people["S04"]["staff"], "海口市", "2026-01-12", "2026-01-14", 2, 440, 880)])
    x.line_truth(rule, "S04", c, 1, "0.00", "decoy", "海口1月为旺季，旺季标准450元：440元/晚不超标")
    c = x.claim("S05", people["S05"]["staff"], "差旅费", "2026-02-14", [
        _stay(people["S05"]["staff"], "保定市", "2026-02-09", "2026-02-12", 3, 350, 1050)])
    x.line_truth(rule, "S05", c, 1, "0.00", "decoy", "保定按河北其他地区350元，恰为标准")
    c = x.claim("S05", people["S05"]["leader"], "差旅费", "2026-02-14", [
        _stay(people["S05"]["leader"], "上海", "2026-02-09", "2026-02-11", 2, 900, 1800)])
    x.line_truth(rule, "S05", c, 1, "0.00", "decoy", "集团领导（部级）上海标准1100元：900元/晚不超标")


def _ticket(traveller: str, mode: str | None, cls: str | None, day: str, amount: float,
            origin: str = "上海", dest: str = "北京") -> dict:
    return dict(expense_type="城市间交通费", traveller_emp_code=traveller, origin_city=origin, dest_city=dest,
                start_date=day, end_date=day, transport_mode=mode, transport_class=cls,
                item_name="铁路电子客票" if mode and "机" not in mode and "航" not in mode else "航空运输电子客票行程单",
                amount=amount)


def transport(x: Expense, people: dict) -> None:
    """RF_EXP_002 超标准乘坐交通工具."""
    rule = "RF_EXP_002"
    s1, s2, s3, s4 = people["S01"], people["S02"], people["S03"], people["S04"]
    c = x.claim("S01", s1["staff"], "差旅费", "2026-01-22", [
        _ticket(s1["staff"], "高铁", "一等", "2026-01-20", 933.0)])
    x.line_truth(rule, "S01", c, 1, "933.00", "planted", "其余人员乘坐高铁一等座（写作“高铁 / 一等”）")
    c = x.claim("S02", s2["staff"], "差旅费", "2026-01-28", [
        _ticket(s2["staff"], "航空", "Ｃ舱", "2026-01-26", 2310.0)])
    x.line_truth(rule, "S02", c, 1, "2310.00", "planted", "其余人员乘坐公务舱（全角“Ｃ舱”运价代码，交通方式写作“航空”）")
    c = x.claim("S03", s3["middle"], "差旅费", "2026-02-05", [
        _ticket(s3["middle"], "动车组", " 商务座 ", "2026-02-03", 1748.0)])
    x.line_truth(rule, "S03", c, 1, "1748.00", "planted", "司局级乘坐动车商务座（席别带空格“ 商务座 ”）")
    c = x.claim("S04", s4["middle"], "差旅费", "2026-02-11", [
        _ticket(s4["middle"], "飞机", "头等", "2026-02-09", 3500.0),
        _ticket(s4["middle"], "飞机", "经济舱", "2026-02-10", 1100.0, origin="北京", dest="上海")])
    x.line_truth(rule, "S04", c, 1, "3500.00", "planted", "司局级去程乘坐飞机头等舱（写作“头等”）")
    x.line_truth(rule, "S04", c, 2, "0.00", "decoy", "同一报销单返程经济舱：不超标")
    c = x.claim("S01", s1["middle"], "差旅费", "2026-02-27", [
        _ticket(s1["middle"], "飞机", "头等舱(F)", "2026-02-25", 4100.0),
        _ticket(s1["middle"], "飞机", "经济舱（Y）", "2026-02-26", 1240.0, origin="北京", dest="上海")])
    x.line_truth(rule, "S01", c, 1, "4100.00", "planted", "司局级乘坐头等舱，舱位写作“头等舱(F)”（括号内运价代码）")
    x.line_truth(rule, "S01", c, 2, "0.00", "decoy", "返程舱位写作“经济舱（Y）”（全角括号）：不超标")
    who = s2["staff2"]
    c = x.claim("S02", who, "差旅费", "2026-02-27", [
        _ticket(who.lower().replace("e", "-e"), "高铁", "一等座", "2026-02-25", 933.0)])
    x.line_truth(rule, "S02", c, 1, "933.00", "planted",
                 f"出差人工号写作“{who.lower().replace('e', '-e')}”（小写带连字符）：其余人员乘坐一等座")
    c = x.claim("S05", people["S05"]["staff"], "差旅费", "2026-02-17", [
        _ticket(people["S05"]["staff"], "火车", "软卧", "2026-02-15", 620.0)])
    x.line_truth(rule, "S05", c, 1, "620.00", "planted", "其余人员乘坐火车软卧（可乘硬座、硬卧）")
    c = x.claim("S01", s1["staff2"], "差旅费", "2026-01-02", [
        _ticket(s1["staff2"], "高铁", "二等座", "2025-12-31", 553.0),
        _ticket(s1["staff2"], "高铁", "一等座", "2026-01-01", 933.0, origin="北京", dest="上海")])
    x.line_truth(rule, "S01", c, 2, "933.00", "planted", "跨年行程：元旦返程其余人员乘坐一等座")
    x.line_truth(rule, "S01", c, 1, "0.00", "decoy", "跨年行程：去程二等座不超标")
    promoted = people["S03"]["promoted"]
    if promoted:
        day = date.fromisoformat(promoted["effective_from"])
        c = x.claim("S03", promoted["emp_code"], "差旅费", (day + timedelta(days=3)).isoformat(), [
            _ticket(promoted["emp_code"], "高铁", "一等座", (day - timedelta(days=1)).isoformat(), 933.0),
            _ticket(promoted["emp_code"], "高铁", "一等座", day.isoformat(), 933.0, origin="北京", dest="上海")])
        x.line_truth(rule, "S03", c, 1, "933.00", "planted", "晋升前一日乘坐一等座：当日仍为其余人员")
        x.line_truth(rule, "S03", c, 2, "0.00", "decoy", "晋升当日乘坐一等座：已为司局级，可乘一等座")
    # decoys
    c = x.claim("S02", s2["staff"], "差旅费", "2026-02-19", [
        _ticket(s2["middle"], "高铁", "一等", "2026-02-17", 933.0)])
    x.line_truth(rule, "S02", c, 1, "0.00", "decoy", "一般员工代报销：出差人为中层正职（司局级），一等座不超标")
    c = x.claim("S03", s3["staff"], "差旅费", "2026-02-19", [
        _ticket(s3["staff"], "飞机", "经济舱(折扣)", "2026-02-17", 680.0),
        _ticket(s3["staff"], "民航", "Y", "2026-02-18", 1240.0, origin="北京", dest="上海")])
    x.line_truth(rule, "S03", c, 1, "0.00", "decoy", "经济舱写作“经济舱(折扣)”：不超标")
    x.line_truth(rule, "S03", c, 2, "0.00", "decoy", "经济舱全价运价代码“Y”（交通方式写作“民航”）：不超标")
    c = x.claim("S04", s4["staff"], "差旅费", "2026-02-25", [
        _ticket(s4["staff"], "火车", "硬卧", "2026-02-23", 380.0),
        _ticket(s4["staff"], "高铁", "无座", "2026-02-24", 553.0, origin="北京", dest="上海")])
    x.line_truth(rule, "S04", c, 1, "0.00", "decoy", "其余人员乘坐火车硬卧：不超标")
    x.line_truth(rule, "S04", c, 2, "0.00", "decoy", "高铁无座按二等座：不超标")
    c = x.claim("S05", people["S05"]["leader"], "差旅费", "2026-02-25", [
        _ticket(people["S05"]["leader"], "飞机", "商务舱", "2026-02-23", 4200.0)])
    x.line_truth(rule, "S05", c, 1, "0.00", "decoy", "集团领导（部级）可乘公务舱（写作“商务舱”）")


def _travel_lines(traveller: str, dest: str, start: str, end: str, amount: float = 800.0) -> list[dict]:
    nights = (date.fromisoformat(end) - date.fromisoformat(start)).days
    return [
        _ticket(traveller, "高铁", "二等座", start, 553.0, dest=dest),
        _stay(traveller, dest, start, end, nights, round(amount / nights, 2), amount),
        _ticket(traveller, "高铁", "二等座", end, 553.0, origin=dest, dest="上海"),
    ]


def travel_approval(x: Expense, people: dict) -> None:
    """RF_EXP_003 无审批或超审批日期出差: one claim is the truth row (its amount: the uncovered trips' lines)."""
    rule = "RF_EXP_003"

    def truth(sub: str, claim_no: str, amount: str, kind: str, note: str) -> None:
        x.p.truth(rule, sub, "nc_erp.expense_claim", claim_no, amount, kind, note)

    s1, s2, s3, s4, s5 = (people[s] for s in ("S01", "S02", "S03", "S04", "S05"))
    # planted
    c = x.claim("S01", s1["staff"], "差旅费", "2026-01-10", _travel_lines(s1["staff"], "南京", "2026-01-05", "2026-01-07"),
                summary="赴南京出差")
    truth("S01", c, "1906.00", "planted", "无出差审批单（审批单号为空）")
    r = x.travel_request("S02", s2["staff"], "武汉", "2026-01-12", "2026-01-14", status="驳回")
    c = x.claim("S02", s2["staff"], "差旅费", "2026-01-18", _travel_lines(s2["staff"], "武汉", "2026-01-12", "2026-01-14"),
                request=r)
    truth("S02", c, "1906.00", "planted", "引用的出差审批单已驳回")
    r = x.travel_request("S03", s3["staff2"], "成都", "2026-01-19", "2026-01-21")
    c = x.claim("S03", s3["staff"], "差旅费", "2026-01-25", _travel_lines(s3["staff"], "成都", "2026-01-19", "2026-01-21"),
                request=r)
    truth("S03", c, "1906.00", "planted", "引用的是同事本人的已批准审批单（出差人不是本人）")
    r = x.travel_request("S04", s4["staff"], "西安", "2026-02-02", "2026-02-04")
    c = x.claim("S04", s4["staff"], "差旅费", "2026-02-09", _travel_lines(s4["staff"], "西安", "2026-02-02", "2026-02-05"),
                request=r)
    truth("S04", c, "1906.00", "planted", "实际返回比批准结束日期晚一天（边界：批准至2月4日，返回2月5日）")
    r = x.travel_request("S05", s5["staff"], "长沙", "2025-12-29", "2025-12-31")
    c = x.claim("S05", s5["staff"], "差旅费", "2026-01-06", _travel_lines(s5["staff"], "长沙", "2025-12-29", "2026-01-01"),
                request=r)
    truth("S05", c, "1906.00", "planted", "跨年出差：批准至2025-12-31，实际2026-01-01返回")
    # one claim, two travellers: one covered, one not; only the uncovered traveller's lines count
    r = x.travel_request("S01", s1["staff2"], "合肥", "2026-02-09", "2026-02-11")
    c = x.claim("S01", s1["staff2"], "差旅费", "2026-02-14",
                _travel_lines(s1["staff2"], "合肥", "2026-02-09", "2026-02-11")
                + _travel_lines(s1["middle"], "合肥", "2026-02-09", "2026-02-11", amount=1000.0), request=r)
    truth("S01", c, "2106.00", "planted", "一张报销单两名出差人：同行的中层正职无本人审批单（只计其行程金额）")
    r = x.travel_request("S02", s2["staff2"], "郑州", "2026-02-23", "2026-02-25", status="审批中")
    c = x.claim("S02", s2["staff2"], "差旅费", "2026-03-02",
                _travel_lines(s2["staff2"], "郑州", "2026-02-23", "2026-02-25"), request=r)
    truth("S02", c, "1906.00", "planted", "出差审批仍在审批中（未批准）")
    c = x.claim("S03", s3["middle"], "差旅费", "2026-02-20",
                _travel_lines(s3["middle"], "青岛", "2026-02-16", "2026-02-18"), request="CC-S03-202602-9999")
    truth("S03", c, "1906.00", "planted", "引用的出差审批单号在OA中不存在")
    # decoys
    r = x.travel_request("S01", s1["staff"], "南京", "2026-02-16", "2026-02-18")
    c = x.claim("S01", s1["staff"], "差旅费", "2026-02-22",
                _travel_lines(s1["staff"], "南京", "2026-02-16", "2026-02-18"),
                request=" " + r.lower().replace("-", " - ") + " ")
    truth("S01", c, "0.00", "decoy", "出差日期与批准日期恰好一致；审批单号写作小写带空格")
    r1 = x.travel_request("S02", s2["staff"], "武汉", "2026-02-09", "2026-02-11")
    x.travel_request("S02", s2["staff"], "武汉", "2026-02-12", "2026-02-13")
    c = x.claim("S02", s2["staff"], "差旅费", "2026-02-17",
                _travel_lines(s2["staff"], "武汉", "2026-02-09", "2026-02-13"), request=r1)
    truth("S02", c, "0.00", "decoy", "原审批单至2月11日，另有本人已批准的延期审批单覆盖至2月13日")
    r = x.travel_request("S04", s4["middle"], "昆明", "2025-12-30", "2026-01-02")
    c = x.claim("S04", s4["staff"], "差旅费", "2026-01-06",
                _travel_lines(s4["middle"], "昆明", "2025-12-30", "2026-01-02"), request=r)
    truth("S04", c, "0.00", "decoy", "秘书代领导报销：出差人为领导本人，引用领导本人的跨年审批单")
    c = x.claim("S05", s5["staff"], "差旅费", "2026-02-20",
                _travel_lines(s5["staff"], "太原", "2026-02-16", "2026-02-18"), status="驳回")
    truth("S05", c, "0.00", "decoy", "无审批单但报销单已驳回，未报销")
    short = s3["staff"][:4] + s3["staff"][4:].lstrip("0")
    r = x.travel_request("S03", short, "济南", "2026-03-02", "2026-03-04")
    c = x.claim("S03", s3["staff"], "差旅费", "2026-03-09",
                _travel_lines(s3["staff"], "济南", "2026-03-02", "2026-03-04"), request=r)
    truth("S03", c, "0.00", "decoy", f"OA审批单出差人工号写作“{short}”（无前导零），是本人的已批准审批单")


def travel_approval_more(x: Expense, people: dict) -> None:
    """RF_EXP_003, the second author's cases: approval states as OA writes them, dates with a time of day, a trip
    split over two claims, two trips on one claim. Every date range is checked to meet no generated request."""
    rule = "RF_EXP_003"

    def truth(sub: str, claim_no: str, amount: str, kind: str, note: str) -> None:
        x.p.truth(rule, sub, "nc_erp.expense_claim", claim_no, amount, kind, note)

    def free(person: str, start: str, end: str) -> None:
        def key(code: str) -> str:
            return re.sub(r"(^|[^0-9])0+([0-9])", r"\1\2", re.sub(r"[^0-9A-Z]", "", code.upper()))

        met = [r["request_id"] for r in x.p.query(
            "oa", "select request_id, traveller_emp_code from travel_request"
            " where substr(start_date, 1, 10) <= ? and substr(end_date, 1, 10) >= ?", (end, start))
            if key(r["traveller_emp_code"]) == key(person)]
        assert not met, f"{person} {start}..{end} meets generated requests {met}"

    s1, s2, s3, s4, s5 = (people[s] for s in ("S01", "S02", "S03", "S04", "S05"))
    # planted
    free(s1["staff2"], "2025-11-02", "2025-11-05")
    r = x.travel_request("S01", s1["staff2"], "杭州", "2025-11-03", "2025-11-05", status="审批通过")
    c = x.claim("S01", s1["staff2"], "差旅费", "2025-11-08", _travel_lines(s1["staff2"], "杭州", "2025-11-02", "2025-11-05"),
                request=r)
    truth("S01", c, "1906.00", "planted", "审批“审批通过”11月3日至5日，实际11月2日提前一天出发")
    free(s3["staff2"], "2025-10-20", "2025-10-22")
    r = x.travel_request("S03", s3["staff2"], "福州", "2025-10-20", "2025-10-22", status="不同意")
    c = x.claim("S03", s3["staff2"], "差旅费", "2025-10-27", _travel_lines(s3["staff2"], "福州", "2025-10-20", "2025-10-22"),
                request=r)
    truth("S03", c, "1906.00", "planted", "引用的审批单结果为“不同意”（含“同意”二字，未批准）")
    # one trip over two claims: the return ticket claimed on its own, a day after the approved end
    free(s4["staff2"], "2025-11-17", "2025-11-20")
    r = x.travel_request("S04", s4["staff2"], "南昌", "2025-11-17", "2025-11-19")
    lines = _travel_lines(s4["staff2"], "南昌", "2025-11-17", "2025-11-19")
    c = x.claim("S04", s4["staff2"], "差旅费", "2025-11-24", lines[:2], request=r)
    truth("S04", c, "0.00", "decoy", "同一次出差分两张报销单：去程和住宿在批准日期内")
    c = x.claim("S04", s4["staff2"], "差旅费", "2025-11-26",
                [_ticket(s4["staff2"], "高铁", "二等座", "2025-11-20", 553.0, origin="南昌", dest="上海")], request=r)
    truth("S04", c, "553.00", "planted", "同一次出差的返程车票单独报销，比批准结束日期晚一天")
    # two trips on one claim: the first approved, the second without any request
    free(s5["staff2"], "2025-10-13", "2025-10-15")
    free(s5["staff2"], "2025-10-27", "2025-10-29")
    r = x.travel_request("S05", s5["staff2"], "贵阳", "2025-10-13", "2025-10-15")
    c = x.claim("S05", s5["staff2"], "差旅费", "2025-11-03",
                _travel_lines(s5["staff2"], "贵阳", "2025-10-13", "2025-10-15")
                + _travel_lines(s5["staff2"], "南宁", "2025-10-27", "2025-10-29", amount=600.0), request=r)
    truth("S05", c, "1706.00", "planted", "一张报销单两段行程：第一段有审批，第二段无审批（只计第二段金额）")
    # decoys
    free(s2["middle"], "2025-11-10", "2025-11-12")
    r = x.travel_request("S02", s2["middle"], "厦门", "2025-11-10 00:00:00", "2025-11-12 18:00:00", status="通过")
    c = x.claim("S02", s2["middle"], "差旅费", "2025-11-15", _travel_lines(s2["middle"], "厦门", "2025-11-10", "2025-11-12"),
                request=r, status="审批通过")
    truth("S02", c, "0.00", "decoy", "审批状态“通过”、审批起止日期带时刻，出差恰在批准日期内")
    free(s1["middle"], "2025-10-08", "2025-10-10")
    c = x.claim("S01", s1["middle"], "差旅费", "2025-10-14", _travel_lines(s1["middle"], "天津", "2025-10-08", "2025-10-10"),
                status="已退回")
    truth("S01", c, "0.00", "decoy", "无审批单但报销单“已退回”，未报销")
    free(s3["middle"], "2025-11-24", "2025-11-26")
    wide = "".join(chr(ord(ch) + 0xFEE0) for ch in s3["middle"])
    r = x.travel_request("S03", wide, "沈阳", "2025-11-24", "2025-11-26", status="已审批")
    c = x.claim("S03", s3["middle"], "差旅费", "2025-11-30", _travel_lines(s3["middle"], "沈阳", "2025-11-24", "2025-11-26"),
                request=r)
    truth("S03", c, "0.00", "decoy", "OA审批单出差人编码为全角、状态“已审批”，是本人的批准审批")


def _meal(person: str, day: str, amount: float, guests: int | None, accompany: int | None,
          item: str = "*餐饮服务*餐费", **extra) -> dict:
    return dict(expense_type="业务招待费", traveller_emp_code=None, start_date=day, end_date=day,
                guest_count=guests, accompany_count=accompany, item_name=item, amount=amount, **extra)


def entertainment(x: Expense, people: dict) -> None:
    """RF_EXP_004 … RF_EXP_008. Every subsidiary is a 二级单位: 60 元 per diner, at most 3 accompanying staff up to
    10 guests, a third of the guests above 10."""
    s = {sub: people[sub] for sub in people}

    def line(rule: str, sub: str, c: str, n: int, amount: str, kind: str, note: str) -> None:
        x.line_truth(rule, sub, c, n, amount, kind, note)

    # RF_EXP_004 公务接待未事前审批
    rule = "RF_EXP_004"
    who = s["S01"]["staff"]
    a = x.claim("S01", who, "业务招待费", "2026-01-09", [_meal(who, "2026-01-07", 150, 3, 1)], summary="公务接待用餐")
    b = x.claim("S01", who, "业务招待费", "2026-01-12", [_meal(who, "2026-01-07", 90, 3, 1, item="餐饮服务 酒水")],
                summary="公务接待用餐")
    line(rule, "S01", a, 1, "240.00", "planted", "无接待审批单，同一经办人同日一次接待分两张报销单两张发票：按整次计240元")
    line(rule, "S01", b, 1, "0.00", "planted", "同一次接待的第二张报销单")
    who = s["S02"]["staff"]
    c = x.claim("S02", who, "业务招待费", "2026-01-15", [_meal(who, "2026-01-13", 200, 3, 1)],
                request="JD-S02-202601-9999")
    line(rule, "S02", c, 1, "200.00", "planted", "审批单号在OA中不存在")
    who = s["S03"]["staff"]
    ap = x.entertainment("S03", who, "2026-01-20", 3, 1, 240, approved_at="2026-01-21 10:00:00")
    c = x.claim("S03", who, "业务招待费", "2026-01-23", [_meal(who, "2026-01-20", 220, 3, 1)], request=ap)
    line(rule, "S03", c, 1, "220.00", "planted", "审批时间晚于接待日期一天（事后补批）")
    who = s["S04"]["staff"]
    ap = x.entertainment("S04", who, "2026-01-27", 3, 1, 240, status="审批中")
    c = x.claim("S04", who, "业务招待费", "2026-01-30", [_meal(who, "2026-01-27", 230, 3, 1)], request=ap)
    line(rule, "S04", c, 1, "230.00", "planted", "接待审批单仍在审批中")
    who = s["S05"]["staff"]
    ap = x.entertainment("S05", who, "2026-02-03", 3, 1, 240, approved_at=None)
    c = x.claim("S05", who, "业务招待费", "2026-02-06", [_meal(who, "2026-02-03", 210, 3, 1)], request=ap)
    line(rule, "S05", c, 1, "210.00", "planted", "审批状态已批准但无审批时间，无法证明事前审批")
    # decoys
    who = s["S01"]["staff2"]
    ap = x.entertainment("S01", who, "2026-02-10", 3, 1, 240, approved_at="2026-02-10 08:30:00")
    c = x.claim("S01", who, "业务招待费", "2026-02-12", [_meal(who, "2026-02-10", 200, 3, 1)],
                request=" " + ap.lower() + " ")
    line(rule, "S01", c, 1, "0.00", "decoy", "接待当日上午事前审批；报销单上审批单号写作小写带空格")
    who = s["S02"]["staff2"]
    x.entertainment("S02", who, "2026-02-11", 3, 1, 240)
    c = x.claim("S02", who, "业务招待费", "2026-02-13", [_meal(who, "2026-02-11", 200, 3, 1)])
    line(rule, "S02", c, 1, "0.00", "decoy", "报销单未填审批单号，但经办人当日有唯一一张已批准的接待审批单")

    # RF_EXP_005 无公函或接待清单报销
    rule = "RF_EXP_005"
    who = s["S01"]["middle"]
    ap = x.entertainment("S01", who, "2026-01-08", 3, 1, 240, letter=0)
    c = x.claim("S01", who, "业务招待费", "2026-01-10", [_meal(who, "2026-01-08", 200, 3, 1)], request=ap)
    line(rule, "S01", c, 1, "200.00", "planted", "无来访公函")
    who = s["S02"]["middle"]
    ap = x.entertainment("S02", who, "2026-01-14", 3, 1, 240, guest_list="", guest_list_count=None)
    c = x.claim("S02", who, "业务招待费", "2026-01-16", [_meal(who, "2026-01-14", 200, 3, 1)], request=ap)
    line(rule, "S02", c, 1, "200.00", "planted", "接待清单为空（空字符串，无人数）")
    who = s["S03"]["middle"]
    ap = x.entertainment("S03", who, "2026-01-21", 3, 1, 240, guest_list="王某 处长、赵某 科长")
    c = x.claim("S03", who, "业务招待费", "2026-01-23", [_meal(who, "2026-01-21", 200, 3, 1)], request=ap)
    line(rule, "S03", c, 1, "200.00", "planted", "接待清单只列2人（职务不计为人名），审批来宾3人")
    who = s["S04"]["middle"]
    ap = x.entertainment("S04", who, "2026-01-28", 3, 1, 300, guest_unit="某市生态环境局",
                         letter_unit="某省交通运输厅")
    c = x.claim("S04", who, "业务招待费", "2026-01-30", [_meal(who, "2026-01-28", 200, 3, 1)], request=ap)
    line(rule, "S04", c, 1, "200.00", "planted", "公函单位与来访单位不一致")
    who = s["S05"]["middle"]
    ap = x.entertainment("S05", who, "2026-02-04", 3, 1, 400)
    a = x.claim("S05", who, "业务招待费", "2026-02-06", [_meal(who, "2026-02-04", 180, 3, 1)], request=ap)
    b = x.claim("S05", who, "业务招待费", "2026-02-09", [_meal(who, "2026-02-04", 120, 5, 1)], request=ap)
    line(rule, "S05", a, 1, "300.00", "planted", "同一审批单两张报销单：第二张报销来宾5人，多于接待清单3人（合计300元）")
    line(rule, "S05", b, 1, "0.00", "planted", "同一审批单的第二张报销单")
    # decoys
    who = s["S01"]["leader"]
    ap = x.entertainment("S01", who, "2026-02-17", 4, 1, 300, guest_unit="某市发展和改革委员会",
                         letter_unit=" 某市发展和改革委员会　", guest_list="张某等4人")
    c = x.claim("S01", who, "业务招待费", "2026-02-19", [_meal(who, "2026-02-17", 280, 4, 1)], request=ap)
    line(rule, "S01", c, 1, "0.00", "decoy", "公函单位前后带半角/全角空格仍为来访单位；清单写作“张某等4人”")
    who = s["S02"]["leader"]
    ap = x.entertainment("S02", who, "2026-02-18", 3, 1, 240, guest_list="王某 处长，赵某（科长）；钱某")
    c = x.claim("S02", who, "业务招待费", "2026-02-20", [_meal(who, "2026-02-18", 220, 3, 1)], request=ap)
    line(rule, "S02", c, 1, "0.00", "decoy", "清单3人带职务、用中文逗号分号分隔，与审批来宾3人一致")

    # RF_EXP_006 超人均标准接待 (60 元)
    rule = "RF_EXP_006"
    who = s["S03"]["staff2"]
    ap = x.entertainment("S03", who, "2026-02-05", 3, 1, 400)
    c = x.claim("S03", who, "业务招待费", "2026-02-07", [_meal(who, "2026-02-05", 300, 3, 1)], request=ap)
    line(rule, "S03", c, 1, "60.00", "planted", "4人就餐300元，人均75元超60元：超标60元")
    who = s["S04"]["staff2"]
    ap = x.entertainment("S04", who, "2026-02-06", 4, 1, 400)
    a = x.claim("S04", who, "业务招待费", "2026-02-08", [_meal(who, "2026-02-06", 200, 4, 1)], request=ap)
    b = x.claim("S04", who, "业务招待费", "2026-02-12", [_meal(who, "2026-02-06", 150, 4, 1, item="餐饮服务（酒水）")],
                request=ap)
    line(rule, "S04", a, 1, "50.00", "planted", "同一次接待分两张报销单（各写来宾4人陪餐1人，不相加）：350元/5人超300元")
    line(rule, "S04", b, 1, "0.00", "planted", "同一次接待的第二张报销单")
    who = s["S05"]["staff2"]
    a = x.claim("S05", who, "业务招待费", "2026-02-10", [
        _meal(who, "2026-02-09", 130, 2, 1), _meal(who, "2026-02-09", 70, 2, 1, item="餐饮服务 酒水饮料")])
    line(rule, "S05", a, 1, "20.00", "planted", "无审批单，同一经办人同日一张报销单两行：200元/3人超180元")
    line(rule, "S05", a, 2, "0.00", "planted", "同一次接待的第二行")
    who = s["S01"]["staff"]
    ap = x.entertainment("S01", who, "2026-02-24", 3, 1, 300)
    c = x.claim("S01", who, "业务招待费", "2026-02-26", [_meal(who, "2026-02-24", 240.01, 3, 1)], request=ap)
    line(rule, "S01", c, 1, "0.01", "planted", "刚超标准：4人240.01元，超0.01元")
    # decoys
    who = s["S02"]["staff"]
    ap = x.entertainment("S02", who, "2026-02-24", 3, 1, 300)
    c = x.claim("S02", who, "业务招待费", "2026-02-26", [_meal(who, "2026-02-24", 240, 3, 1)], request=ap)
    line(rule, "S02", c, 1, "0.00", "decoy", "恰为标准：4人240元")
    who = s["S03"]["staff"]
    ap = x.entertainment("S03", who, "2026-02-25", 4, 1, 300)
    a = x.claim("S03", who, "业务招待费", "2026-02-27", [_meal(who, "2026-02-25", 160, 4, 1)], request=ap)
    b = x.claim("S03", who, "业务招待费", "2026-03-02", [_meal(who, "2026-02-25", 140, 4, 1)], request=ap)
    line(rule, "S03", a, 1, "0.00", "decoy", "两张报销单合计300元/5人恰为标准（人数取最大值不相加）")
    line(rule, "S03", b, 1, "0.00", "decoy", "同一次接待的第二张报销单")

    # RF_EXP_007 招待费超审批金额
    rule = "RF_EXP_007"
    who = s["S04"]["leader"]
    ap = x.entertainment("S04", who, "2026-01-13", 6, 2, 400)
    a = x.claim("S04", who, "业务招待费", "2026-01-15", [_meal(who, "2026-01-13", 260, 6, 2)], request=ap)
    b = x.claim("S04", who, "业务招待费", "2026-01-20", [_meal(who, "2026-01-14", 190, 6, 2)], request=ap.lower())
    line(rule, "S04", a, 1, "50.00", "planted", "同一审批单两张报销单（第二张审批单号小写、日期次日）合计450元超核定400元")
    line(rule, "S04", b, 1, "0.00", "planted", "同一审批单的第二张报销单")
    who = s["S05"]["leader"]
    ap = x.entertainment("S05", who, "2026-01-19", 6, 2, 400)
    c = x.claim("S05", who, "业务招待费", "2026-01-21", [_meal(who, "2026-01-19", 400.01, 6, 2)], request=ap)
    line(rule, "S05", c, 1, "0.01", "planted", "刚超核定金额：400.01元，核定400元")
    who = s["S01"]["middle"]
    ap = x.entertainment("S01", who, "2026-01-26", 6, 2, 450)
    c = x.claim("S01", who, "业务招待费", "2026-01-28", [
        _meal(who, "2026-01-26", 300, 6, 2), _meal(who, "2026-01-26", 180, 6, 2, item="餐饮服务 酒水")], request=ap)
    line(rule, "S01", c, 1, "30.00", "planted", "一张报销单两行合计480元超核定450元")
    line(rule, "S01", c, 2, "0.00", "planted", "同一审批单的第二行")
    # decoys
    who = s["S02"]["middle"]
    ap = x.entertainment("S02", who, "2026-02-02", 6, 2, 450)
    a = x.claim("S02", who, "业务招待费", "2026-02-04", [_meal(who, "2026-02-02", 250, 6, 2)], request=ap)
    b = x.claim("S02", who, "业务招待费", "2026-02-06", [_meal(who, "2026-02-02", 200, 6, 2)], request=ap)
    line(rule, "S02", a, 1, "0.00", "decoy", "两张报销单合计恰为核定金额450元")
    line(rule, "S02", b, 1, "0.00", "decoy", "两张报销单合计恰为核定金额（第二张）")
    who = s["S03"]["middle"]
    ap = x.entertainment("S03", who, "2026-02-09", 6, 2, 450)
    a = x.claim("S03", who, "业务招待费", "2026-02-11", [_meal(who, "2026-02-09", 420, 6, 2)], request=ap)
    b = x.claim("S03", who, "业务招待费", "2026-02-13", [_meal(who, "2026-02-09", 420, 6, 2)], request=ap,
                status="驳回")
    line(rule, "S03", a, 1, "0.00", "decoy", "核定450元内报销420元；重复提交的另一张报销单已驳回，不计入")
    line(rule, "S03", b, 1, "0.00", "decoy", "已驳回的重复报销单")

    # RF_EXP_008 陪餐人数超标
    rule = "RF_EXP_008"
    who = s["S04"]["middle"]
    ap = x.entertainment("S04", who, "2026-02-16", 5, 4, 600)
    c = x.claim("S04", who, "业务招待费", "2026-02-18", [_meal(who, "2026-02-16", 270, 5, 4)], request=ap)
    line(rule, "S04", c, 1, "30.00", "planted", "来宾5人陪餐4人（上限3人）：超1人，按人均30元计")
    who = s["S05"]["middle"]
    ap = x.entertainment("S05", who, "2026-02-17", 12, 5, 1000)
    c = x.claim("S05", who, "业务招待费", "2026-02-19", [_meal(who, "2026-02-17", 850, 12, 5)], request=ap)
    line(rule, "S05", c, 1, "50.00", "planted", "来宾12人陪餐5人（上限为来宾三分之一即4人）：超1人")
    who = s["S01"]["staff2"]
    ap = x.entertainment("S01", who, "2026-03-02", 6, 4, 600)
    a = x.claim("S01", who, "业务招待费", "2026-03-04", [_meal(who, "2026-03-02", 300, 6, 4)], request=ap)
    b = x.claim("S01", who, "业务招待费", "2026-03-06", [_meal(who, "2026-03-02", 200, 6, 4, item="餐饮服务 酒水")],
                request=ap)
    line(rule, "S01", a, 1, "50.00", "planted", "同一次接待两张报销单各写来宾6人陪餐4人：超1人，按500元/10人计50元")
    line(rule, "S01", b, 1, "0.00", "planted", "同一次接待的第二张报销单")
    who = s["S02"]["staff2"]
    ap = x.entertainment("S02", who, "2026-03-03", 4, 4, 600)
    c = x.claim("S02", who, "业务招待费", "2026-03-05", [_meal(who, "2026-03-03", 400, None, None)], request=ap)
    line(rule, "S02", c, 1, "50.00", "planted", "报销行未填人数，按审批单来宾4人陪餐4人：超1人，按400元/8人计50元")
    # decoys
    who = s["S03"]["leader"]
    ap = x.entertainment("S03", who, "2026-03-04", 10, 3, 800)
    c = x.claim("S03", who, "业务招待费", "2026-03-06", [_meal(who, "2026-03-04", 700, 10, 3)], request=ap)
    line(rule, "S03", c, 1, "0.00", "decoy", "来宾10人陪餐3人，恰为上限")
    who = s["S04"]["leader"]
    ap = x.entertainment("S04", who, "2026-03-04", 12, 4, 900)
    c = x.claim("S04", who, "业务招待费", "2026-03-06", [_meal(who, "2026-03-04", 900, 12, 4)], request=ap)
    line(rule, "S04", c, 1, "0.00", "decoy", "来宾12人陪餐4人（三分之一为4人），恰为上限")


def banned_keywords(x: Expense, people: dict) -> None:
    """RF_EXP_009 费用含违规关键词: one truth row per line (amount: the line)."""
    rule = "RF_EXP_009"

    def office(sub: str, day: str, item: str, amount: float, summary: str = "购买办公用品",
               expense_type: str = "办公用品", **extra) -> str:
        who = people[sub]["staff"]
        return x.claim(sub, who, "办公费", day, [dict(expense_type=expense_type, start_date=day, item_name=item,
                                                     amount=amount, **extra)], summary=summary)

    planted = [
        ("S01", "*酒*贵州茅台酒（飞天）53%vol", "购买接待用品", 2998.0, "品牌酒：茅台（全电发票“*酒*”品名）"),
        ("S02", "购 物 卡", "春节职工福利", 2000.0, "购物卡写作“购 物 卡”（中间空格）"),
        ("S03", "ＫＴＶ包房费", "客户接待", 1680.0, "全角“ＫＴＶ”"),
        ("S04", "京东Ｅ卡（电子卡）", "采购办公用品", 1000.0, "购物卡券：全角“京东Ｅ卡”"),
        ("S05", "*烟草制品*软中华（硬）", "会议用品", 900.0, "卷烟品牌：软中华"),
        ("S01", "办公用品一批", "中秋节礼盒采购", 1500.0, "关键词在报销摘要：礼盒"),
        ("S02", "*酒*洋河梦之蓝M6", "会务用品", 1380.0, "品牌酒：洋河/梦之蓝"),
        ("S03", "超市 购物卡", "职工慰问", 3000.0, "购物卡券变体：超市购物卡（带空格）"),
        ("S04", "海参礼盒", "走访慰问", 2600.0, "高档菜肴：海参（排除词“海参崴”不适用）"),
        ("S01", "沃尔玛购物劵", "节日慰问", 2000.0, "购物卡券：“券”误写作“劵”"),
        ("S02", "*酒*长城干红葡萄酒 750ml×6", "接待用品", 1488.0, "葡萄酒（红酒）"),
        ("S05", "*旅游服务*黄山景区门票及导游费", "团队活动", 4200.0, "旅游：景区门票"),
    ]
    for n, (sub, item, summary, amount, note) in enumerate(planted):
        c = office(sub, f"2026-02-{3 + n:02d}", item, amount, summary=summary)
        x.line_truth(rule, sub, c, 1, f"{amount:.2f}", "planted", f"{note}：品名“{item}”，摘要“{summary}”")
    decoys = [
        ("S01", "中华人民共和国海关 报关资料费", "进口设备报关", 300.0, "排除机构名：中华人民共和国"),
        ("S02", "停车费", "赴遵义茅台机场接站", 60.0, "排除地名：茅台机场"),
        ("S03", "资料印刷", "工会所需会议材料", 420.0, "排除“工会所需”中的“会所”"),
        ("S04", "城市间交通费", "赴玉溪出差", 553.0, "排除出差地：赴玉溪"),
        ("S05", "政策汇编资料费", "市文化和旅游局培训", 380.0, "排除机关名：文化和旅游局"),
        ("S01", "车辆维修 大众高尔夫轿车", "公务车维修", 860.0, "排除车型：大众高尔夫"),
        ("S02", "会议茶歇", "季度经营分析会", 480.0, "无关键词的会议茶歇"),
    ]
    for n, (sub, item, summary, amount, note) in enumerate(decoys):
        c = office(sub, f"2026-02-{14 + n:02d}", item, amount, summary=summary)
        x.line_truth(rule, sub, c, 1, "0.00", "decoy", f"{note}：品名“{item}”，摘要“{summary}”")
    # the single meal invoice screening amount (1000 元 for a 二级单位)
    who = people["S03"]["middle"]
    c = x.claim("S03", who, "业务招待费", "2026-02-26", [_meal(who, "2026-02-26", 1000.01, 10, 3, item="餐饮服务")],
                summary="公务接待用餐")
    x.line_truth(rule, "S03", c, 1, "1000.01", "planted", "单张餐饮发票1000.01元，刚超筛查金额1000元")
    who = people["S04"]["middle"]
    code, number = x.invoice(digital=True)
    c = x.claim("S04", who, "业务招待费", "2026-02-26", [
        _meal(who, "2026-02-25", 700, 10, 3, item="*餐饮服务*餐费", invoice_code=code, invoice_no=number),
        _meal(who, "2026-02-25", 400, 10, 3, item="*餐饮服务*酒水", invoice_code="", invoice_no=number)],
        summary="公务接待用餐")
    x.line_truth(rule, "S04", c, 1, "700.00", "planted", "一张数电餐饮发票拆两行（代码为NULL和空串）合计1100元超筛查金额")
    x.line_truth(rule, "S04", c, 2, "400.00", "planted", "同一张餐饮发票的第二行")
    who = people["S05"]["middle"]
    c = x.claim("S05", who, "业务招待费", "2026-02-26", [_meal(who, "2026-02-26", 1000, 10, 6, item="餐饮服务")],
                summary="公务接待用餐")
    x.line_truth(rule, "S05", c, 1, "0.00", "decoy", "单张餐饮发票恰为筛查金额1000元")


def duplicate_invoices(x: Expense, people: dict) -> None:
    """RF_EXP_010 发票重复报销: the first reimbursement is recorded with amount 0, each later one with its line."""
    rule = "RF_EXP_010"

    def office(sub: str, who: str, day: str, amount: float, code: str | None, number: str,
               expense_type: str = "办公用品", item: str = "打印纸", status: str = "已审批") -> str:
        return x.claim(sub, who, "办公费", day, [dict(expense_type=expense_type, start_date=day, item_name=item,
                                                     amount=amount, invoice_code=code, invoice_no=number)],
                       status=status)

    s1, s2, s3, s4, s5 = (people[s] for s in ("S01", "S02", "S03", "S04", "S05"))
    code, number = x.invoice()
    a = office("S01", s1["staff"], "2026-01-08", 460, code, number)
    b = office("S02", s2["staff"], "2026-02-10", 460, f" {code} ", f"{number[:4]} {number[4:]}")
    x.line_truth(rule, "S01", a, 1, "0.00", "planted", "首次报销（原始发票）")
    x.line_truth(rule, "S02", b, 1, "460.00", "planted", "跨单位再次报销：发票代码前后空格、号码中间空格")
    _, number = x.invoice(digital=True)
    a = office("S03", s3["staff"], "2026-01-12", 780, "", number)
    wide = number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    b = office("S03", s3["staff2"], "2026-01-29", 780, None, wide)
    x.line_truth(rule, "S03", a, 1, "0.00", "planted", "数电发票首次报销（发票代码为空串）")
    x.line_truth(rule, "S03", b, 1, "780.00", "planted", "数电发票再次报销：代码为NULL、号码全角数字")
    _, number = x.invoice(digital=True)
    who = s4["staff"]
    a = x.claim("S04", who, "差旅费", "2026-01-20", [dict(
        expense_type="城市间交通费", traveller_emp_code=who, origin_city="上海", dest_city="北京",
        start_date="2026-01-18", end_date="2026-01-18", transport_mode="高铁", transport_class="二等座",
        item_name="铁路电子客票", amount=553, invoice_code=None, invoice_no=number)])
    b = office("S04", who, "2026-02-27", 553, "044031900111", number, item="交通费")
    x.line_truth(rule, "S04", a, 1, "0.00", "planted", "数电火车票首次在差旅费报销")
    x.line_truth(rule, "S04", b, 1, "553.00", "planted",
                 "同一20位数电发票号码又在办公费报销（跨费用项目；误填了发票代码，数电发票按号码判断）")
    code, number = x.invoice()
    a = office("S05", s5["staff"], "2026-01-05", 300, code, number)
    b = office("S05", s5["staff"], "2026-02-05", 300, code, number)
    c = office("S05", s5["staff2"], "2026-03-05", 300, code.lower(), number)
    x.line_truth(rule, "S05", a, 1, "0.00", "planted", "首次报销")
    x.line_truth(rule, "S05", b, 1, "300.00", "planted", "第二次报销")
    x.line_truth(rule, "S05", c, 1, "300.00", "planted", "第三次报销（另一人）")
    a = office("S02", s2["middle"], "2026-01-09", 720, "044031900111", "00912345")
    b = office("S02", s2["middle"], "2026-03-03", 720, "44031900111", "912345")
    x.line_truth(rule, "S02", a, 1, "0.00", "planted", "首次报销：代码044031900111、号码00912345")
    x.line_truth(rule, "S02", b, 1, "720.00", "planted",
                 "再次报销时经表格导出丢了前导零：代码写作44031900111、号码写作912345")
    # decoys
    code, number = x.invoice()
    a = office("S01", s1["staff2"], "2026-02-03", 500, code, number)
    b = office("S01", s1["staff2"], "2026-02-04", 500, "044031900222", number)
    x.line_truth(rule, "S01", a, 1, "0.00", "decoy", "发票号码相同但发票代码不同：是两张不同的发票")
    x.line_truth(rule, "S01", b, 1, "0.00", "decoy", "发票号码相同但发票代码不同（第二张）")
    code, number = x.invoice()
    who = s2["staff2"]
    a = x.claim("S02", who, "办公费", "2026-02-11", [
        dict(expense_type="办公用品", start_date="2026-02-11", item_name="打印纸", amount=200, invoice_code=code,
             invoice_no=number),
        dict(expense_type="办公用品", start_date="2026-02-11", item_name="硒鼓", amount=350, invoice_code=code,
             invoice_no=number)])
    x.line_truth(rule, "S02", a, 1, "0.00", "decoy", "一张发票在同一报销单拆两行：一次报销")
    x.line_truth(rule, "S02", a, 2, "0.00", "decoy", "一张发票在同一报销单拆两行（第二行）")
    code, number = x.invoice()
    a = office("S03", s3["middle"], "2026-02-16", 640, code, number)
    b = office("S03", s3["middle"], "2026-02-20", 640, code, number, status="驳回")
    x.line_truth(rule, "S03", a, 1, "0.00", "decoy", "首次报销；重复提交的报销单已驳回")
    x.line_truth(rule, "S03", b, 1, "0.00", "decoy", "已驳回的重复报销单，未报销")


def vehicles(x: Expense, people: dict) -> None:
    """RF_EXP_011 非登记车辆列支车辆费用."""
    rule = "RF_EXP_011"
    p = x.p
    registered = {sub: p.query("oa", "select plate_no from vehicle where org_code = ? and status = '在用'"
                                     " order by plate_no", (sub,)) for sub in people}

    def cost(sub: str, day: str, plate: str, amount: float, expense_type: str = "车辆燃油费",
             item: str = "汽油") -> str:
        who = people[sub]["staff"]
        return x.claim(sub, who, "车辆费用", day, [dict(expense_type=expense_type, start_date=day, vehicle_plate=plate,
                                                       item_name=item, amount=amount)])

    def loose(plate: str) -> str:
        """京A12345 as people type it: 京a·12345 with a middle dot and lower-case letters."""
        return plate[0] + plate[1].lower() + "·" + plate[2:].replace("·", "").lower()

    p.insert("oa", "vehicle", [
        dict(plate_no="京A·7J361", org_code="S01", vehicle_type="生产经营用车", registered_on="2018-03-01",
             status="已处置", ts="2026-01-15 10:00:00"),
        dict(plate_no="京B 52Q18", org_code="S02", vehicle_type="生产经营用车", registered_on="2018-03-01",
             status="已处置", ts="2026-02-10 10:00:00"),
    ])
    c = cost("S01", "2026-01-21", "京A 99Z01", 520)
    x.line_truth(rule, "S01", c, 1, "520.00", "planted", "车牌“京A 99Z01”不在本单位公务用车台账")
    other = registered["S02"][0]["plate_no"]
    c = cost("S03", "2026-01-22", loose(other), 610, expense_type="车辆维修费", item="车辆维修保养")
    x.line_truth(rule, "S03", c, 1, "610.00", "planted", f"车牌为S02登记车辆{other}（写作{loose(other)}），不在本单位台账")
    c = cost("S01", "2026-01-28", "京a7j361", 350, expense_type="过路过桥费", item="通行费")
    x.line_truth(rule, "S01", c, 1, "350.00", "planted", "登记车辆京A·7J3612026-01-15处置后仍列支通行费（写作京a7j361）")
    c = cost("S02", "2026-02-11", "京B52Q18", 2400, expense_type="车辆保险费", item="*保险服务*机动车商业保险")
    x.line_truth(rule, "S02", c, 1, "2400.00", "planted", "处置次日仍列支车辆保险费")
    c = cost("S04", "2026-02-14", "沪Ｃ·８８６１２", 280)
    x.line_truth(rule, "S04", c, 1, "280.00", "planted", "全角车牌“沪Ｃ·８８６１２”不在台账")
    # decoys
    own = registered["S01"][0]["plate_no"]
    c = cost("S01", "2026-02-02", loose(own), 480)
    x.line_truth(rule, "S01", c, 1, "0.00", "decoy", f"登记车牌{own}写作{loose(own)}（小写、中间点）")
    own = registered["S05"][0]["plate_no"]
    spaced = own[:2] + " " + own[2:].replace("·", "")
    c = cost("S05", "2026-02-03", spaced, 530)
    x.line_truth(rule, "S05", c, 1, "0.00", "decoy", f"登记车牌{own}写作“{spaced}”（带空格）")
    c = cost("S02", "2026-02-10", "京B-52Q18", 300)
    x.line_truth(rule, "S02", c, 1, "0.00", "decoy", "处置当日（2026-02-10）的燃油费：处置前的费用不算")
    c = cost("S01", "2026-01-10", "京A7J361", 260)
    x.line_truth(rule, "S01", c, 1, "0.00", "decoy", "处置前（2026-01-10）的燃油费")


def reversals(x: Expense, people: dict) -> None:
    """Red-ink (红字冲销) lines: a later line with a negative amount (and, as ERP reversals write it, negated
    nights) cancels all or part of an earlier one. The catalog judges the event (the stay, the approval), so the
    reversal is netted into it, not judged as a line of its own."""
    rule = "RF_EXP_001"
    who = people["S02"]["staff"]
    a = x.claim("S02", who, "差旅费", "2026-02-27", [
        _stay(who, "北京", "2026-02-23", "2026-02-25", 2, 560, 1120)])
    x.claim("S02", who, "差旅费", "2026-03-02", [
        _stay(who, "北京", "2026-02-23", "2026-02-25", -2, 560, -1120, item_name="住宿服务（红字冲销）")])
    x.claim("S02", who, "差旅费", "2026-03-03", [
        _stay(who, "北京", "2026-02-23", "2026-02-25", 2, 480, 960)])
    x.line_truth(rule, "S02", a, 1, "0.00", "decoy",
                 "红字冲销：560元/晚的原报销被整张红冲（晚数-2、金额-1120），按480元/晚重开：净额960元/2晚不超北京标准500元")
    who = people["S03"]["staff2"]
    c = x.claim("S03", who, "差旅费", "2026-02-20", [
        _stay(who, "北京", "2026-02-16", "2026-02-18", 2, 600, 1200),
        _stay(who, "北京市", "2026-02-16", "2026-02-18", None, None, -100, item_name="住宿服务 红字 折让")])
    x.line_truth(rule, "S03", c, 1, "100.00", "planted",
                 "同一住宿的红字折让行-100元（无晚数）：净额1100元/2晚=550元/晚，北京标准500元，超标100元")

    rule = "RF_EXP_007"
    who = people["S05"]["middle"]
    ap = x.entertainment("S05", who, "2026-02-24", 6, 2, 450)
    a = x.claim("S05", who, "业务招待费", "2026-02-26", [
        _meal(who, "2026-02-24", 500, 6, 2), _meal(who, "2026-02-24", -80, 6, 2, item="*餐饮服务*餐费 红字冲销")],
        request=ap)
    x.line_truth(rule, "S05", a, 1, "0.00", "decoy", "一张报销单500元加红字冲销行-80元，净额420元不超核定450元")
    x.line_truth(rule, "S05", a, 2, "0.00", "decoy", "红字冲销行")

    rule = "RF_EXP_010"

    def office(sub: str, who: str, day: str, amount: float, code: str | None, number: str,
               item: str = "打印纸") -> str:
        return x.claim(sub, who, "办公费", day, [dict(expense_type="办公用品", start_date=day, item_name=item,
                                                     amount=amount, invoice_code=code, invoice_no=number)])

    who = people["S04"]["staff"]
    code, number = x.invoice()
    a = office("S04", who, "2026-02-03", 520, code, number)
    b = office("S04", who, "2026-02-05", -520, code, number, item="打印纸 红字冲销")
    c = office("S04", who, "2026-02-06", 520, code, number)
    x.line_truth(rule, "S04", a, 1, "0.00", "decoy", "原报销单被红字冲销后同一发票重新报销：净额只报销一次")
    x.line_truth(rule, "S04", b, 1, "0.00", "decoy", "红字冲销报销单（金额-520元）")
    x.line_truth(rule, "S04", c, 1, "0.00", "decoy", "冲销后重新报销")
    who = people["S05"]["staff2"]
    code, number = x.invoice()
    a = office("S05", who, "2026-02-02", 300, code, number)
    office("S05", who, "2026-02-04", -300, code, number, item="打印纸 红字冲销")
    office("S05", who, "2026-02-05", 300, code, number)
    d = office("S01", people["S01"]["staff"], "2026-02-20", 300, code, number)
    x.line_truth(rule, "S05", a, 1, "0.00", "planted", "首次报销（其后被红字冲销、重新报销，净额一次）")
    x.line_truth(rule, "S01", d, 1, "300.00", "planted", "冲销并重开之后又在另一单位报销一次：净额两次，重复300元")

    # line-level rules: a red-ink line, and the line it reverses in full, reimbursed nothing
    rule = "RF_EXP_009"

    def bought(sub: str, day: str, item: str, amount: float, code: str, number: str, status: str = "已审批") -> str:
        return x.claim(sub, people[sub]["staff"], "办公费", day, [dict(
            expense_type="办公用品", start_date=day, item_name=item, amount=amount, invoice_code=code,
            invoice_no=number)], summary="接待用品", status=status)

    code, number = x.invoice()
    a = bought("S03", "2026-02-24", "*酒*贵州茅台酒（飞天）", 2998, code, number)
    b = bought("S03", "2026-02-26", "*酒*贵州茅台酒（飞天） 红字冲销", -2998, code, number)
    x.line_truth(rule, "S03", a, 1, "0.00", "decoy", "含“茅台”的报销行已被同一发票的红字冲销行全额冲回，未报销")
    x.line_truth(rule, "S03", b, 1, "0.00", "decoy", "红字冲销行（-2998元）本身不是报销")
    code, number = x.invoice()
    a = bought("S04", "2026-02-24", "超市购物卡", 1500, code, number)
    b = bought("S04", "2026-02-26", "超市购物卡 红字冲销", -1500, code, number, status="驳回")
    x.line_truth(rule, "S04", a, 1, "1500.00", "planted", "购物卡报销行的红字冲销单已驳回，冲销未生效，仍报")
    x.line_truth(rule, "S04", b, 1, "0.00", "decoy", "已驳回的红字冲销行")
    code, number = x.invoice()
    a = bought("S02", "2026-02-10", "*烟草制品*软中华（硬）", 900, code, number)
    b = bought("S02", "2026-02-12", "*烟草制品*软中华（硬） 红字冲销", -900, code, number)
    c = bought("S02", "2026-02-16", "*烟草制品*软中华（硬）", 900, code, number)
    x.line_truth(rule, "S02", a, 1, "0.00", "decoy", "首次报销被同一发票红字全额冲回（退回重报）")
    x.line_truth(rule, "S02", b, 1, "0.00", "decoy", "红字冲销行本身")
    x.line_truth(rule, "S02", c, 1, "900.00", "planted", "冲回后同一发票重新报销：这一次报销了“软中华”，照报")

    rule = "RF_EXP_011"
    code, number = x.invoice()
    a = x.claim("S05", people["S05"]["staff"], "车辆费用", "2026-02-24", [dict(
        expense_type="车辆燃油费", start_date="2026-02-24", vehicle_plate="浙A 99Z77", item_name="汽油", amount=450,
        invoice_code=code, invoice_no=number)])
    b = x.claim("S05", people["S05"]["staff"], "车辆费用", "2026-02-27", [dict(
        expense_type="车辆燃油费", start_date="2026-02-24", vehicle_plate="浙A 99Z77", item_name="汽油 红字冲销",
        amount=-450, invoice_code=code, invoice_no=number)])
    x.line_truth(rule, "S05", a, 1, "0.00", "decoy", "非登记车辆燃油费已被同一发票红字冲销全额冲回，未报销")
    x.line_truth(rule, "S05", b, 1, "0.00", "decoy", "红字冲销行（-450元）本身不是报销")

    rule = "RF_EXP_002"
    who = people["S04"]["staff2"]
    code, number = x.invoice(digital=True)
    a = x.claim("S04", who, "差旅费", "2026-02-24", [
        dict(_ticket(who, "高铁", "一等座", "2026-02-20", 933.0), invoice_code=code, invoice_no=number)])
    b = x.claim("S04", who, "差旅费", "2026-02-27", [
        dict(_ticket(who, "高铁", "一等座", "2026-02-20", -933.0), invoice_code=code, invoice_no=number)])
    x.line_truth(rule, "S04", a, 1, "0.00", "decoy", "其余人员一等座车票已退票，同一电子客票红字冲销-933元，未报销")
    x.line_truth(rule, "S04", b, 1, "0.00", "decoy", "退票红字冲销行本身不是乘坐")


def partial_reversals(x: Expense, people: dict) -> None:
    """A partial red-ink (部分红字冲销) of a line: a later negative line of the same invoice, smaller than the line
    (part of the goods returned, part of a ticket refunded). What the line reimbursed is the net; the red-ink line
    itself is never judged."""
    rule = "RF_EXP_009"
    who = people["S05"]["staff2"]
    code, number = x.invoice()
    a = x.claim("S05", who, "办公费", "2026-03-05", [dict(
        expense_type="办公用品", start_date="2026-03-05", item_name="*酒*贵州茅台酒（飞天）53度", amount=2998,
        invoice_code=code, invoice_no=number)], summary="接待用品")
    b = x.claim("S05", who, "办公费", "2026-03-09", [dict(
        expense_type="办公用品", start_date="2026-03-05", item_name="*酒*贵州茅台酒（飞天）53度 红字冲销（部分退货）",
        amount=-998, invoice_code=code, invoice_no=number)], summary="部分退货红冲")
    x.line_truth(rule, "S05", a, 1, "2000.00", "planted",
                 "含“茅台”的报销行2998元，同一发票另一报销单部分红冲-998元：按净额2000元报")
    x.line_truth(rule, "S05", b, 1, "0.00", "decoy", "部分红字冲销行（-998元）本身不是报销")

    rule = "RF_EXP_011"
    who = people["S03"]["staff"]
    code, number = x.invoice()
    a = x.claim("S03", who, "车辆费用", "2026-03-05", [dict(
        expense_type="车辆燃油费", start_date="2026-03-05", vehicle_plate="浙A 55K66", item_name="汽油", amount=600,
        invoice_code=code, invoice_no=number)])
    b = x.claim("S03", who, "车辆费用", "2026-03-10", [dict(
        expense_type="车辆燃油费", start_date="2026-03-05", vehicle_plate="浙A 55K66", item_name="汽油 红字 折让",
        amount=-200, invoice_code=code, invoice_no=number)])
    x.line_truth(rule, "S03", a, 1, "400.00", "planted",
                 "非登记车辆“浙A 55K66”燃油费600元，同一发票红字折让-200元：按净额400元报")
    x.line_truth(rule, "S03", b, 1, "0.00", "decoy", "红字折让行（-200元）本身不是报销")

    rule = "RF_EXP_002"
    who = people["S05"]["staff"]
    code, number = x.invoice(digital=True)
    a = x.claim("S05", who, "差旅费", "2026-03-06", [
        dict(_ticket(who, "高铁", "一等座", "2026-03-04", 933.0), invoice_code=code, invoice_no=number)])
    b = x.claim("S05", who, "差旅费", "2026-03-11", [
        dict(_ticket(who, "高铁", "一等座", "2026-03-04", -300.0), invoice_code=code, invoice_no=number)])
    x.line_truth(rule, "S05", a, 1, "633.00", "planted",
                 "其余人员高铁一等座933元，同一电子客票部分退票红冲-300元：按净额633元报")
    x.line_truth(rule, "S05", b, 1, "0.00", "decoy", "部分退票红字冲销行本身不是乘坐")


def entertainment_reversals(x: Expense, people: dict) -> None:
    """Red-ink lines of entertainment claims, written on a later claim that names no approval (as finance writes
    a reversal): netted into the reception they reverse by the same invoice. A reception reversed in full is not
    judged; one reversed in part is judged on the net (the money at issue of the whole reception on its first
    line, 0 on the red-ink line that belongs to it)."""
    def meal(sub: str, who: str, claim_day: str, day: str, amount: float, guests: int | None,
             accompany: int | None, invoice: tuple[str | None, str], request: str | None = None,
             item: str = "*餐饮服务*餐费") -> str:
        code, number = invoice
        return x.claim(sub, who, "业务招待费", claim_day, [
            _meal(who, day, amount, guests, accompany, item=item, invoice_code=code, invoice_no=number)],
            request=request, summary="公务接待用餐")

    rule = "RF_EXP_004"
    who = people["S01"]["staff2"]
    inv = x.invoice()
    a = meal("S01", who, "2026-03-06", "2026-03-05", 300, 3, 1, inv)
    b = meal("S01", who, "2026-03-10", "2026-03-10", -300, None, None, inv, item="*餐饮服务*餐费 红字冲销")
    x.line_truth(rule, "S01", a, 1, "0.00", "decoy", "无审批单的接待已被同一发票红字全额冲回（红字单未填审批单号、"
                 "日期为冲销日）：净额为0，不判断")
    x.line_truth(rule, "S01", b, 1, "0.00", "decoy", "全额红冲行")
    who = people["S02"]["staff2"]
    inv = x.invoice()
    a = meal("S02", who, "2026-03-06", "2026-03-05", 500, 4, 1, inv)
    b = meal("S02", who, "2026-03-11", "2026-03-11", -200, None, None, inv, item="餐饮服务 红字 部分冲销")
    x.line_truth(rule, "S02", a, 1, "300.00", "planted",
                 "无审批单的接待500元，次周同一发票红冲-200元：按一次接待的净额300元报")
    x.line_truth(rule, "S02", b, 1, "0.00", "planted", "同一次接待的红字冲销行（并入该次接待）")

    rule = "RF_EXP_006"
    who = people["S03"]["middle"]
    ap = x.entertainment("S03", who, "2026-03-05", 5, 1, 700)
    inv = x.invoice()
    a = meal("S03", who, "2026-03-06", "2026-03-05", 600, 5, 1, inv, request=ap)
    b = meal("S03", who, "2026-03-10", "2026-03-10", -150, 5, 1, inv, item="*餐饮服务*餐费 红字冲销")
    x.line_truth(rule, "S03", a, 1, "90.00", "planted",
                 "6人就餐600元，红冲-150元后净额450元，人均75元超标准60元：超标90元（按净额，不是按原额240元）")
    x.line_truth(rule, "S03", b, 1, "0.00", "planted", "同一次接待的红字冲销行（未填审批单号，按同一发票并入）")
    who = people["S04"]["middle"]
    ap = x.entertainment("S04", who, "2026-03-06", 2, 1, 700)
    inv = x.invoice()
    a = meal("S04", who, "2026-03-09", "2026-03-06", 600, 2, 1, inv, request=ap)
    b = meal("S04", who, "2026-03-12", "2026-03-12", -600, 2, 1, inv, item="*餐饮服务*餐费 红字冲销")
    x.line_truth(rule, "S04", a, 1, "0.00", "decoy", "3人就餐600元超人均标准，但已被同一发票全额红冲：不判断")
    x.line_truth(rule, "S04", b, 1, "0.00", "decoy", "全额红冲行")

    rule = "RF_EXP_007"
    who = people["S05"]["middle"]
    ap = x.entertainment("S05", who, "2026-03-05", 8, 2, 400)
    inv = x.invoice()
    a = meal("S05", who, "2026-03-06", "2026-03-05", 600, 8, 2, inv, request=ap)
    b = meal("S05", who, "2026-03-10", "2026-03-10", -150, None, None, inv, item="餐费 红字冲销")
    x.line_truth(rule, "S05", a, 1, "50.00", "planted",
                 "核定400元，报销600元、红冲-150元后净额450元：超审批50元（按净额）")
    x.line_truth(rule, "S05", b, 1, "0.00", "planted", "同一审批单的红字冲销行（按同一发票并入）")



def rejected_claims(x: Expense, people: dict) -> None:
    """third author: claims finance turned down, in the words ERP and OA exports use for it (已驳回, 已退回,
    审批不通过 besides the contract's 驳回). A claim turned down reimbursed nothing: the stay, ticket, meal or fuel
    on it is not judged, it does not add to the event it belongs to, and a red-ink claim turned down reverses
    nothing. Each catalog text speaks of what was 报销 (reimbursed); RF_EXP_003/007/010 already said so."""
    s1, s2, s3, s4, s5 = (people[s] for s in ("S01", "S02", "S03", "S04", "S05"))

    # RF_EXP_001: over the cap, turned down, filed again within the cap (超标部分自理) -> one stay, not over
    rule = "RF_EXP_001"
    who = s1["staff2"]
    a = x.claim("S01", who, "差旅费", "2026-03-12", [_stay(who, "北京", "2026-03-09", "2026-03-11", 2, 560, 1120)],
                status="已驳回")
    b = x.claim("S01", who, "差旅费", "2026-03-13", [_stay(who, "北京", "2026-03-09", "2026-03-11", 2, 500, 1000)])
    x.line_truth(rule, "S01", a, 1, "0.00", "decoy", "560元/晚的住宿报销单已驳回（未报销），不与重报的报销单合并")
    x.line_truth(rule, "S01", b, 1, "0.00", "decoy", "驳回后按标准500元/晚重报1000元：不超标")
    # turned down and filed again, still over the cap: judged on the claim that was reimbursed
    who = s2["staff"]
    a = x.claim("S02", who, "差旅费", "2026-03-12", [_stay(who, "北京", "2026-03-09", "2026-03-11", 2, 600, 1200)],
                status="审批不通过")
    b = x.claim("S02", who, "差旅费", "2026-03-13", [_stay(who, "北京", "2026-03-09", "2026-03-11", 2, 550, 1100)])
    x.line_truth(rule, "S02", a, 1, "0.00", "decoy", "“审批不通过”的报销单未报销，不计入同一住宿")
    x.line_truth(rule, "S02", b, 1, "100.00", "planted",
                 "重报的报销单550元/晚仍超北京标准500元：超标100元（只按已报销的1100元计，不把驳回单的1200元加进来）")

    # RF_EXP_002: a first-class ticket on a claim turned down
    rule = "RF_EXP_002"
    who = s4["staff"]
    c = x.claim("S04", who, "差旅费", "2026-03-06", [_ticket(who, "高铁", "一等座", "2026-03-03", 933.0)],
                status="审批不通过")
    x.line_truth(rule, "S04", c, 1, "0.00", "decoy", "其余人员一等座车票所在报销单“审批不通过”，未报销")

    # RF_EXP_009: a banned item on a claim turned down; a red-ink claim turned down (已退回) reverses nothing
    rule = "RF_EXP_009"
    who = s3["staff"]
    c = x.claim("S03", who, "办公费", "2026-03-04", [dict(
        expense_type="办公用品", start_date="2026-03-04", item_name="*酒*五粮液 52度 500ml", amount=1299)],
        summary="接待用品", status="审批不通过")
    x.line_truth(rule, "S03", c, 1, "0.00", "decoy", "含“五粮液”的报销单“审批不通过”，未报销")
    who = s1["staff"]
    code, number = x.invoice()
    a = x.claim("S01", who, "办公费", "2026-03-02", [dict(
        expense_type="办公用品", start_date="2026-03-02", item_name="超市购物卡", amount=1000, invoice_code=code,
        invoice_no=number)], summary="职工慰问")
    b = x.claim("S01", who, "办公费", "2026-03-05", [dict(
        expense_type="办公用品", start_date="2026-03-02", item_name="超市购物卡 红字冲销", amount=-1000,
        invoice_code=code, invoice_no=number)], summary="冲销", status="已退回")
    x.line_truth(rule, "S01", a, 1, "1000.00", "planted", "购物卡报销行的红字冲销单“已退回”，冲销未生效，仍报")
    x.line_truth(rule, "S01", b, 1, "0.00", "decoy", "已退回的红字冲销行")

    # RF_EXP_010: the first claim of an invoice was turned down; the second is the original, the third a repeat
    rule = "RF_EXP_010"
    code, number = x.invoice()
    claims = []
    for day, status, who in (("2026-01-12", "审批不通过", s5["staff"]), ("2026-01-19", "已审批", s5["staff"]),
                             ("2026-02-09", "已审批", s5["middle"])):
        claims.append(x.claim("S05", who, "办公费", day, [dict(
            expense_type="办公用品", start_date=day, item_name="墨盒", amount=380, invoice_code=code,
            invoice_no=number)], status=status))
    x.line_truth(rule, "S05", claims[0], 1, "0.00", "decoy", "最早的报销单“审批不通过”，不算一次报销")
    x.line_truth(rule, "S05", claims[1], 1, "0.00", "planted", "驳回后重报：首次报销（原始）")
    x.line_truth(rule, "S05", claims[2], 1, "380.00", "planted", "同一发票另一人再次报销：重复380元")

    # RF_EXP_006 / RF_EXP_007: a second claim under one approval, turned down (审批不通过)
    who = s2["middle"]
    ap = x.entertainment("S02", who, "2026-03-03", 6, 2, 400)
    a = x.claim("S02", who, "业务招待费", "2026-03-05", [_meal(who, "2026-03-03", 380, 6, 2)], request=ap)
    b = x.claim("S02", who, "业务招待费", "2026-03-09", [_meal(who, "2026-03-03", 300, 6, 2, item="餐饮服务 酒水")],
                request=ap, status="审批不通过")
    for rule, note in (("RF_EXP_007", "核定400元，已报销380元；另一张300元的报销单“审批不通过”，不计入"),
                       ("RF_EXP_006", "8人就餐已报销380元（人均47.5元）；“审批不通过”的300元不计入")):
        x.line_truth(rule, "S02", a, 1, "0.00", "decoy", note)
        x.line_truth(rule, "S02", b, 1, "0.00", "decoy", "“审批不通过”的报销单")

    # RF_EXP_011: fuel for an unregistered plate on a claim sent back
    rule = "RF_EXP_011"
    who = s4["staff2"]
    c = x.claim("S04", who, "车辆费用", "2026-03-03", [dict(
        expense_type="车辆燃油费", start_date="2026-03-03", vehicle_plate="沪C 77X01", item_name="汽油", amount=420)],
        status="已退回")
    x.line_truth(rule, "S04", c, 1, "0.00", "decoy", "非登记车辆燃油费所在报销单“已退回”，未报销")


def leap_day_stay(x: Expense, people: dict) -> None:
    """third author: RF_EXP_001 over a leap day, nights and rate not filled: 2024-02-28 to 2024-03-01 is two
    nights (the 29th is one of them), so 1200 元 is 600 a night against Beijing's 500."""
    who = people["S03"]["staff2"]
    c = x.claim("S03", who, "差旅费", "2024-03-04", [_stay(who, "北京", "2024-02-28", "2024-03-01", None, None, 1200)])
    x.line_truth("RF_EXP_001", "S03", c, 1, "200.00", "planted",
                 "闰年2月28日入住、3月1日离店（含2月29日，共2晚），晚数房价未填：600元/晚超北京标准500元，超标200元")


def claim_in_approval(x: Expense, people: dict) -> None:
    """third author: RF_EXP_002 on a claim still in approval (审批中): on its way to being paid, judged (only a
    claim turned down reimbursed nothing)."""
    who = people["S01"]["staff"]
    c = x.claim("S01", who, "差旅费", "2026-03-12", [_ticket(who, "高铁", "一等座", "2026-03-10", 933.0)],
                status="审批中")
    x.line_truth("RF_EXP_002", "S01", c, 1, "933.00", "planted", "报销单仍在审批中：其余人员乘坐一等座，照报")
