"""Independent cases for the people rules: RF_HR_001-005 (任职回避, 兼职, 编制, 证照, 出国), RF_PAY_001-004 (津补贴,
离职发放, 吃空饷); the procurement rules are in procurement.py.

Written from each rule's `detects` / `basis` in the rule catalog and the standards seeds, in the forms HR, payroll
and OA exports take: 15-digit and lower-case-x ID numbers, employee codes in another case or with separators and
leading zeros, full-width characters and stray spaces in names, departments, titles and pay items, back-pay lines
that split one allowance, dates across month and year ends, thresholds hit exactly and missed by a cent. The
people planted here have codes S0xE9xxx (no generated code has that range) and names no generated person has.
"""

from __future__ import annotations

from tests.dbt_project.independent_cases import Planter

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id18(area: str, birth: str, seq: str) -> str:
    """A resident ID number with a valid GB 11643 check digit (birth as YYYYMMDD, seq three digits)."""
    body = area + birth + seq
    total = sum(int(c) * w for c, w in zip(body, _WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def id15(id_number: str) -> str:
    """The first-generation 15-digit form of an 18-digit ID number (no century, no check digit)."""
    return id_number[:6] + id_number[8:17]


def _employee(p: Planter, code: str, name: str, org: str, dept: str | None, title: str | None, rank: str,
              manager: str | None = None, status: str = "在职", hire: str = "2012-07-01", leave: str | None = None,
              retire: str | None = None, id_number: str | None = None, birth: str = "1985-06-15") -> str:
    if id_number is None:
        id_number = id18("110105", birth.replace("-", ""), code[-3:])
    p.insert("hr", "employee", [dict(
        emp_code=code, emp_name=name, id_number=id_number, gender="男", birth_date=birth, org_code=org,
        dept_name=dept, position_title=title, rank_code=rank, manager_emp_code=manager, status=status,
        hire_date=hire, leave_date=leave, retire_date=retire, ts=f"{leave or retire or hire} 09:00:00")])
    return id_number


def _pay(p: Planter, code: str, month: str, item_code: str, org: str, name: str, category: str,
         amount: str) -> str:
    p.insert("hr", "payroll_line", [dict(emp_code=code, pay_month=month, item_code=item_code, org_code=org,
                                         item_name=name, item_category=category, amount=amount,
                                         ts=f"{month}-25 10:00:00")])
    return f"{code}|{month}|{item_code}"


# ---------------------------------------------------------------------------------------------------------------
# RF_HR_001 亲属关系存在直接上下级
# ---------------------------------------------------------------------------------------------------------------

def _relatives(p: Planter) -> None:
    rid, table = "RF_HR_001", "hr.relative_declaration"

    def declare(decl_id: str, emp: str, name: str, relation: str, rel_code: str | None = None,
                rel_id: str | None = None, rel_birth: str | None = None) -> None:
        p.insert("hr", "relative_declaration", [dict(
            decl_id=decl_id, emp_code=emp, relative_name=name, relation=relation, relative_emp_code=rel_code,
            relative_id_number=rel_id, relative_birth_date=rel_birth, declared_on="2025-12-30",
            ts="2025-12-30 09:00:00")])

    # S05: a small 审计监察部 and 财务部 of planted people, under the generated company leadership
    boss_id = _employee(p, "S05E9101", "司马承志", "S05", "审计监察部", "审计监察部部长", "R02",
                        manager="S05E0002", birth="1970-03-08")
    _employee(p, "S05E9102", "欧阳晓岚", "S05", "审计监察部", "职员", "R04", manager="s05-e9101",
              birth="1996-01-20")
    declare("IC-QS-0001", "S05E9102", "司马承志", "配 偶", rel_id=id15(boss_id))
    p.truth(rid, "S05", table, "IC-QS-0001", "0", "planted",
            "直属上级是配偶：亲属按15位身份证号匹配18位档案，关系写作“配 偶”，上级编码小写带横线 / spouse is the direct "
            "superior; 15-digit ID number, spaced relation, manager code in another form")

    _employee(p, "S05E9103", "诸葛文渊", "S05", "公司领导", "副总经理", "R01", manager="S05E0002",
                      birth="1968-11-02")
    x_id = "11010519900307101X"
    _employee(p, "S05E9104", "上官婉清", "S05", "财务部", "出纳", "R04", manager="S05E0003",
              id_number=x_id, birth="1990-03-07")
    declare("IC-QS-0002", "S05E9103", "上官婉清", "妹妹", rel_id=x_id.lower())
    p.truth(rid, "S05", table, "IC-QS-0002", "0", "planted",
            "单位领导的妹妹在本单位财务部任出纳：身份证号末位小写x / a unit leader's sister is the cashier; "
            "lower-case x in the declared ID number")

    _employee(p, "S05E9105", "慕容雪 晴", "S05", "审计监察部", "职员", "R04", manager="S05E0003",
              birth="1994-09-30")
    declare("IC-QS-0003", "S05E9101", "慕容雪晴", "表妹")
    p.truth(rid, "S05", table, "IC-QS-0003", "0", "planted",
            "部门负责人的表妹同在审计监察部：只申报姓名（无身份证号和出生日期），档案姓名中有空格，本单位唯一 / "
            "department head and cousin in the audit department, declared by name only")

    _employee(p, "S05E9106", "东方明哲", "S05", "市场营销部", "市场营销部副部长", "R03", manager="S05E0020",
              birth="1966-05-05")
    _employee(p, "S05E9107", "东方子轩", "S05", "市场营销部", "职员", "R04", manager="S05E9106",
              birth="1993-02-14")
    declare("IC-QS-0004", "S05E9106", "东方子轩", "儿子 ", rel_code="s05-e09107")
    p.truth(rid, "S05", table, "IC-QS-0004", "0", "planted",
            "申报人是儿子的直接上级（普通部门）：亲属按人员编码匹配，编码小写、带横线和前导零 / the declarer directly "
            "manages his son; the relative's employee code written in another form")

    _employee(p, "S05E9108", "皇甫嘉 禾", "S05", "财务部", "会计", "R04", manager="S05E9103",
              birth="1991-12-31")
    declare("IC-QS-0005", "S05E9103", "皇甫嘉禾", "女婿", rel_birth="1991-12-31")
    p.truth(rid, "S05", table, "IC-QS-0005", "0", "planted",
            "单位领导的女婿是其直接下属（近姻亲）：按姓名加出生日期匹配 / a leader's son-in-law reports to him; matched "
            "by name and birth date")

    old_id = id18("320102", "19720918", "113")
    _employee(p, "S05E9113", "钟离守正", "S05", "人力资源部", "人力资源部部长", "R02", manager="S05E0002",
              id_number=id15(old_id), birth="1972-09-18")
    _employee(p, "S05E9114", "钟离安然", "S05", "人力资源部", "职员", "R04", manager="S05E9113", birth="1999-03-03")
    declare("IC-QS-0010", "S05E9114", "钟离守正", "父亲", rel_id=old_id)
    p.truth(rid, "S05", table, "IC-QS-0010", "0", "planted",
            "父亲是直接上级：档案中是15位老身份证号，申报的是18位 / the father is the direct superior; the HR "
            "record keeps the 15-digit number, the declaration the 18-digit one")

    # decoys
    _employee(p, "S05E9109", "公孙志远", "S05", "审计监察部", "职员", "R04", manager="S05E9101",
              birth="1989-04-04")
    declare("IC-QS-0006", "S05E9109", "司马承志", "同学", rel_id=boss_id)
    p.truth(rid, "S05", table, "IC-QS-0006", "0", "decoy",
            "直属上级是同学（非亲属），不属回避范围 / the superior is a classmate, not a relative")

    _employee(p, "S05E9110", "令狐思远", "S05", "审计监察部", "职员", "R04", manager="S05E9101", status="离职",
              leave="2025-10-31", birth="1997-07-07")
    declare("IC-QS-0007", "S05E9101", "令狐思远", "侄子", rel_birth="1997-07-07")
    p.truth(rid, "S05", table, "IC-QS-0007", "0", "decoy",
            "下属是侄子但已离职，两人不同时在职 / the nephew reporting to him has left")

    _employee(p, "S04E9111", "宇文静怡", "S04", "财务部", "出纳", "R04", manager="S04E0003", birth="1995-05-20")
    declare("IC-QS-0008", "S05E9103", "宇文静怡", "侄女")
    p.truth(rid, "S05", table, "IC-QS-0008", "0", "decoy",
            "只申报姓名的侄女在另一单位财务部，本单位无此人：同名不跨单位匹配 / a name-only niece found only in "
            "another subsidiary's finance department")

    _employee(p, "S05E9112", "诸葛云帆", "S05", "市场营销部", "职员", "R04", manager="S05E0020",
              birth="1995-08-08")
    declare("IC-QS-0009", "S05E9103", "诸葛云帆", "儿子", rel_birth="1995-08-08")
    p.truth(rid, "S05", table, "IC-QS-0009", "0", "decoy",
            "单位领导的儿子在本单位市场营销部（非回避岗位）且不是其下属 / a leader's son in a post that needs no "
            "avoidance, not his subordinate")


# ---------------------------------------------------------------------------------------------------------------
# RF_HR_002 兼职超过限额
# ---------------------------------------------------------------------------------------------------------------

def _concurrent_posts(p: Planter) -> None:
    rid, table = "RF_HR_002", "hr.concurrent_post"
    n = [0]

    def post(emp: str, org: str, title: str, start: str, end: str | None = None, approved: int = 1) -> str:
        n[0] += 1
        post_id = f"IC-JZ-{n[0]:04d}"
        p.insert("hr", "concurrent_post", [dict(post_id=post_id, emp_code=emp, post_org=org, post_title=title,
                                                start_date=start, end_date=end, approved=approved,
                                                ts=f"{start} 09:00:00")])
        return post_id

    _employee(p, "S02E9201", "钟离浩然", "S02", "工程管理部", "工程管理部部长", "R02", manager="S02E0002")
    first = post("S02E9201", "中海港务投资有限公司", "董事", "2024-05-01")
    post("S02E9201", "中海物流有限公司", "监事", "2025-02-01")
    post("S02E9201", "中海建设基金", "董事", "2025-11-20")
    p.truth(rid, "S02", table, first, "0", "planted", "三个经批准的兼职，超过上限2个 / three approved posts, over the "
            "cap of 2")

    _employee(p, "S02E9202", "端木清扬", "S02", "市场营销部", "市场营销部部长", "R02", manager="S02E0002")
    post("S02E9202", "中海港务投资有限公司", "董事", "2024-05-01")
    unapproved = post("S02E9202", "中海置业有限公司", "独立董事", "2025-06-01", approved=0)
    p.truth(rid, "S02", table, unapproved, "0", "planted",
            "两个兼职其一未经批准（数量未超） / two posts, one without approval")

    _employee(p, "S02E9203", "澹台明月", "S02", "财务部", "财务部部长", "R02", manager="S02E0002")
    first = post("s02e09203 ", "中海港务投资有限公司", "董事", "2023-01-01")
    post("S02-E9203", "ＺＨ物流有限公司", "监事", "2024-01-01")
    post("S02E9203", "中海 建设基金", "副董事长", "2025-01-01")
    p.truth(rid, "S02", table, first, "0", "planted",
            "三个兼职，兼职表中人员编码小写、带空格、横线、前导零，单位名有全角 / three posts, the holder's code "
            "written three ways")

    _employee(p, "S02E9204", "呼延承泽", "S02", "安全环保部", "安全环保部部长", "R02", manager="S02E0002")
    post("S02E9204", "中海港务投资有限公司", "董事", "2024-01-01")
    post("S02E9204", "中海物流有限公司", "董事", "2024-06-01")
    starts_today = post("S02E9204", "中海能源有限公司", "监事", "2026-03-15")
    p.truth(rid, "S02", table, starts_today, "0", "planted",
            "第三个兼职恰在评价日起任（起始日当天在任） / the third post starts on the as-of date itself")

    # decoys
    _employee(p, "S03E9205", "万俟文博", "S03", "工程管理部", "工程管理部部长", "R02", manager="S03E0002")
    at_cap = post("S03E9205", "中海港务投资有限公司", "董事", "2024-01-01")
    post("S03E9205", "中海物流有限公司", "监事", "2024-06-01")
    p.truth(rid, "S03", table, at_cap, "0", "decoy", "恰好两个经批准的兼职（等于上限） / exactly at the cap of 2")

    _employee(p, "S03E9206", "长孙景行", "S03", "市场营销部", "市场营销部部长", "R02", manager="S03E0002")
    dup = post("S03E9206", "中海港务投资有限公司", "董事", "2024-01-01")
    post("S03E9206", "中海港务投资 有限公司", "董　事", "2024-01-01")
    post("S03E9206", "中海物流有限公司", "监事", "2024-06-01")
    p.truth(rid, "S03", table, dup, "0", "decoy",
            "同一单位同一职务重复登记（空格、全角空格）只计一次，实为两个 / one post recorded twice counts once")

    _employee(p, "S03E9207", "夏侯若谷", "S03", "安全环保部", "安全环保部部长", "R02", manager="S03E0002")
    ended = post("S03E9207", "中海港务投资有限公司", "董事", "2023-01-01", end="2026-03-14")
    post("S03E9207", "中海物流有限公司", "监事", "2024-06-01")
    post("S03E9207", "中海能源有限公司", "董事", "2025-06-01")
    post("S03E9207", "中海建设基金", "董事", "2026-03-16")
    p.truth(rid, "S03", table, ended, "0", "decoy",
            "一个兼职评价日前一天已卸任、一个次日才起任，在任两个 / one post ended the day before, one starts the "
            "day after: two in force")


# ---------------------------------------------------------------------------------------------------------------
# RF_HR_003 超职数或编制外设置职务
# ---------------------------------------------------------------------------------------------------------------

def _establishment(p: Planter) -> None:
    rid, table = "RF_HR_003", "hr.employee"
    p.insert("hr", "establishment", [
        dict(org_code="S04", dept_name="投资发展部", position_title=title, approved_count=count,
             approved_on="2023-01-01", ts="2023-01-01 09:00:00")
        for title, count in (("投资发展部部长", 1), ("投资发展部副部长", 1), ("职员", 3))])
    _employee(p, "S04E9301", "濮阳德润", "S04", "投资发展部", "投资发展部 部长", "R02", manager="S04E0002")
    p.truth(rid, "S04", table, "S04E9301", "0", "decoy",
            "核定职务，职务名称中有空格（投资发展部 部长） / an approved title written with a space")

    _employee(p, "S04E9302", "闻人立诚", "S04", "投资发展部", "部长助理", "R03", manager="S04E9301")
    p.truth(rid, "S04", table, "S04E9302", "0", "planted", "自设职务“部长助理”，不在核定编制内 / a self-made title")

    _employee(p, "S04E9303", "赫连志高", "S04", "投资发展部", "投资发展部副部长", "R03", manager="S04E9301")
    _employee(p, "S04E9304", "申屠思齐", "S04", "投资发展部 ", "投资发展部副部长 ", "R03", manager="S04E9301")
    for code in ("S04E9303", "S04E9304"):
        p.truth(rid, "S04", table, code, "0", "planted",
                "副部长核定1名实有2名（其一部门、职务末尾有空格） / two deputy heads where one is approved, one "
                "written with trailing spaces")

    _employee(p, "S04E9305", "公冶长青", "S04", "投资发展部", "首席投资官", "R03", manager="S04E9301")
    p.truth(rid, "S04", table, "S04E9305", "0", "planted", "编制外职务“首席投资官” / a title outside the establishment")

    for i, (dept, title) in enumerate((("投资发展部", "职员"), ("投资发展部", "职　员"), ("投资发展部　", "职员"))):
        code = f"S04E931{i}"
        _employee(p, code, ("太叔", "巫马", "乐正")[i] + "子衿", "S04", dept, title, "R04", manager="S04E9301")
        p.truth(rid, "S04", table, code, "0", "decoy",
                "职员核定3名实有3名（全角空格写法计为同一职务） / exactly the approved three staff, full-width "
                "spaces in two of them")

    _employee(p, "S04E9306", "仲孙既白", "S04", "投资发展部", "投资总监", "R03", manager="S04E9301", status="离职",
              leave="2025-12-31")
    p.truth(rid, "S04", table, "S04E9306", "0", "decoy", "编制外职务但已离职，不再任职 / an unapproved title held by "
            "someone who has left")


# ---------------------------------------------------------------------------------------------------------------
# RF_HR_004 出国（境）证照逾期交回
# ---------------------------------------------------------------------------------------------------------------

def _passports(p: Planter) -> None:
    rid, table = "RF_HR_004", "oa.passport_custody"
    _employee(p, "S01E9401", "南宫致远", "S01", "市场营销部", "职员", "R04", manager="S01E0020")
    n = [0]

    def custody(kind: str, borrowed: str, trip_end: str, returned: str | None, emp: str = "S01E9401") -> str:
        n[0] += 1
        record_id = f"IC-ZZ-{n[0]:04d}"
        p.insert("oa", "passport_custody", [dict(record_id=record_id, emp_code=emp, org_code="S01",
                                                 document_type=kind, document_no=f"E{n[0]:08d}",
                                                 borrowed_on=borrowed, trip_end_date=trip_end,
                                                 returned_on=returned, ts=f"{(returned or trip_end)[:10]} 09:00:00")])
        return record_id

    r = custody("因公护照", "2026-01-18", "2026-01-28", "2026-02-05")
    p.truth(rid, "S01", table, r, "0", "planted", "因公护照回国第8天交回（7天期限，跨月） / official passport back on day 8")
    r = custody("因私往来港澳通行证", "2025-12-20", "2025-12-28", "2026-01-08")
    p.truth(rid, "S01", table, r, "0", "planted",
            "因私通行证回国第11天交回（10天期限，跨年） / private permit back on day 11 across the year end")
    r = custody("因公", "2026-03-01", "2026-03-07", None)
    p.truth(rid, "S01", table, r, "0", "planted",
            "因公证照评价日仍未交回，期限已过1天 / official passport still out one day after its deadline")
    r = custody("因 公护照", "2026-02-01", "2026-02-10", "2026-02-20", emp="s01-e09401")
    p.truth(rid, "S01", table, r, "0", "planted",
            "证照类别写作“因 公护照”（中间有空格），人员编码另一写法，逾期3天 / the type written with a stray space")
    r = custody("因公护照", "2025-12-20", "2026-01-02", "2026-01-12 23:59:00")
    p.truth(rid, "S01", table, r, "0", "planted",
            "交回日期带时刻（日期时间字段导出），回国第10天交回 / the return date exported with its time of day")
    # decoys
    r = custody("因公护照", "2026-01-25", "2026-02-05", "2026-02-12 18:30:00")
    p.truth(rid, "S01", table, r, "0", "decoy",
            "交回日期带时刻，恰在第7天交回 / returned on the deadline day, the date written with its time")
    r = custody("因公护照", "2026-02-16", "2026-02-26", "2026-03-05")
    p.truth(rid, "S01", table, r, "0", "decoy", "因公护照恰在第7天交回（跨2月末） / returned on the deadline day")
    r = custody("因私护照", "2026-01-01", "2026-01-10", "2026-01-19")
    p.truth(rid, "S01", table, r, "0", "decoy",
            "因私护照第9天交回：超过因公7天但在因私10天内 / a private passport on day 9 (its own 10-day limit)")
    r = custody("因公", "2026-03-01", "2026-03-08", None)
    p.truth(rid, "S01", table, r, "0", "decoy", "未交回但评价日恰是期限当天 / still out, the deadline is the as-of date")


# ---------------------------------------------------------------------------------------------------------------
# RF_HR_005 出国（境）超期滞留
# ---------------------------------------------------------------------------------------------------------------

def _trips(p: Planter) -> None:
    rid, table = "RF_HR_005", "oa.trip_abroad"
    _employee(p, "S01E9501", "西门若愚", "S01", "工程管理部", "职员", "R04", manager="S01E0014")
    n = [0]

    def trip(days: int, start: str, end: str, exit_: str | None, entry: str | None) -> str:
        n[0] += 1
        trip_id = f"IC-CG-{n[0]:04d}"
        p.insert("oa", "trip_abroad", [dict(trip_id=trip_id, emp_code="S01E9501", org_code="S01",
                                            destination="德国", purpose="技术交流", approved_days=days,
                                            approved_start=start, approved_end=end, actual_exit=exit_,
                                            actual_entry=entry, ts=f"{entry or exit_ or start} 09:00:00")])
        return trip_id

    t = trip(7, "2026-01-25", "2026-01-31", "2026-01-25", "2026-02-01")
    p.truth(rid, "S01", table, t, "0", "planted", "晚于批准日期1天入境（跨月） / back one day late, across a month end")
    t = trip(5, "2025-12-31", "2026-01-04", "2025-12-30", "2026-01-04")
    p.truth(rid, "S01", table, t, "0", "planted",
            "早于批准日期1天出境（跨年），实际6天超过批准5天 / left one day early across the year end")
    t = trip(6, "2026-03-05", "2026-03-10", "2026-03-05", None)
    p.truth(rid, "S01", table, t, "0", "planted", "评价日已过批准入境日期仍未入境 / not back, approved end passed")
    t = trip(5, "2026-02-01", "2026-02-07", "2026-02-01", "2026-02-06")
    p.truth(rid, "S01", table, t, "0", "planted",
            "在批准日期内，但实际6天超过批准天数5天 / within the approved dates but over the approved days")
    # decoys
    t = trip(4, "2025-11-28", "2025-12-01", "2025-11-28", "2025-12-01")
    p.truth(rid, "S01", table, t, "0", "decoy", "恰在批准入境日入境（跨月） / back on the approved day")
    t = trip(8, "2025-10-10", "2025-10-17", "2025-10-10", "2025-10-15")
    p.truth(rid, "S01", table, t, "0", "decoy", "提前入境 / back early")
    t = trip(5, "2026-03-11", "2026-03-15", "2026-03-11", None)
    p.truth(rid, "S01", table, t, "0", "decoy", "仍在境外但批准入境日就是评价日 / still abroad, approved back today")
    t = trip(5, "2026-04-01", "2026-04-05", None, None)
    p.truth(rid, "S01", table, t, "0", "decoy", "尚未出境的已批准出访 / approved trip not yet started")


# ---------------------------------------------------------------------------------------------------------------
# RF_PAY_001 发放目录外津补贴, RF_PAY_002 津补贴超标准发放
# ---------------------------------------------------------------------------------------------------------------

def _allowances(p: Planter) -> None:
    rid, table = "RF_PAY_001", "hr.payroll_line"
    _employee(p, "S01E9601", "独孤明远", "S01", "财务部", "职员", "R04", manager="S01E0030")
    _employee(p, "S02E9602", "轩辕青云", "S02", "工程管理部", "职员", "R04", manager="S02E0014")
    k = _pay(p, "S01E9601", "2025-09", "Q01", "S01", "中秋节慰问金", "奖金", "1500")
    p.truth(rid, "S01", table, k, "1500", "planted",
            "“中秋节慰问金”记在奖金类别：节日慰问金的写法 / a festival gift booked as a bonus")
    k = _pay(p, "S01E9601", "2026-01", "Q02", "S01", "超市 购物 卡", "奖金", "2000")
    p.truth(rid, "S01", table, k, "2000", "planted", "购物卡写法中有空格、记在奖金类 / shopping cards, spaced name")
    k = _pay(p, "S01E9601", "2026-02", "Q03", "S01", "节日补贴（补发）", "津补贴", "800")
    p.truth(rid, "S01", table, k, "800", "planted", "节日补贴带（补发）备注 / a festival allowance marked back pay")
    k = _pay(p, "S01E9601", "2026-02", "Q04", "S01", "野外作业补贴", "津补贴", "600")
    p.truth(rid, "S01", table, k, "600", "planted",
            "野外作业补贴只在S02目录内，S01发放即目录外 / an allowance only another subsidiary's catalog has")
    k = _pay(p, "S01E9601", "2025-12", "Q05", "S01", "住房补助", "工资", "3000")
    p.truth(rid, "S01", table, k, "3000", "planted", "自设住房补助记在工资类 / a self-made housing subsidy booked as salary")
    k = _pay(p, "S01E9601", "2026-01", "Q06", "S01", "ＪＤ购物卡", "福利", "1000")
    p.truth(rid, "S01", table, k, "1000", "planted", "全角字母的购物卡 / full-width letters in a shopping-card item")
    k = _pay(p, "S01E9601", "2025-12", "Q07", "S01", "电子 购物券", "奖金", "500")
    p.truth(rid, "S01", table, k, "500", "planted", "“电子 购物券”（购物卡的另一写法，有空格）记在奖金类 / shopping "
            "vouchers under another name")
    # decoys
    k = _pay(p, "S01E9601", "2025-11", "A01X", "S01", "交通补助", "津补贴", "400")
    p.truth(rid, "S01", table, k, "0", "decoy", "交通补贴的别名“交通补助”，在目录内 / an alias of a catalog item")
    k = _pay(p, "S01E9601", "2025-11", "A02B", "S01", "通讯补贴（补发）", "津补贴", "50")
    p.truth(rid, "S01", table, k, "0", "decoy", "目录内项目带（补发）备注 / a catalog item marked back pay")
    k = _pay(p, "S01E9601", "2025-10", "W09", "S01", "节假日加班工资", "工资", "1200")
    p.truth(rid, "S01", table, k, "0", "decoy", "法定节假日加班工资，不是过节费 / holiday overtime pay, not a festival fee")
    k = _pay(p, "S02E9602", "2025-08", "A07", "S02", "野外 作业补贴", "津补贴", "600")
    p.truth(rid, "S02", table, k, "0", "decoy", "S02目录内的野外作业补贴（有空格） / the field allowance where approved")

    rid = "RF_PAY_002"
    _employee(p, "S03E9603", "慕容知秋", "S03", "市场营销部", "职员", "R04", manager="S03E0020")
    _employee(p, "S03E9604", "上官鸿渐", "S03", "工程管理部", "工程管理部副部长", "R03", manager="S03E0014")
    _employee(p, "S01E9605", "司徒静远", "S01", "工程管理部", "工程管理部部长", "R02", manager="S01E0002")
    _employee(p, "S04E9606", "百里长风", "S04", "市场营销部", "职员", "R04", manager="S04E0020")
    a = _pay(p, "S03E9603", "2026-01", "A01", "S03", "交通补贴", "津补贴", "600")
    b = _pay(p, "S03E9603", "2026-01", "A01B", "S03", "交通补贴（补发）", "津补贴", "500")
    p.truth(rid, "S03", table, a, "600", "planted", "交通补贴拆成正常和补发两行，合计1100超月标准500 / one allowance "
            "over two lines, 600 over the cap")
    p.truth(rid, "S03", table, b, "0", "planted", "同上，补发行 / the back-pay line of the same payment")
    a = _pay(p, "S04E9606", "2025-11", "A03", "S04", "误餐补贴", "津补贴", "250")
    b = _pay(p, "S04E9606", "2025-11", "A03B", "S04", "误餐补贴（１０月补发）", "津补贴", "100")
    p.truth(rid, "S04", table, a, "50", "planted", "误餐补贴正常行250加补发行（全角数字备注）100，合计超S04标准300元50元 / "
            "a back-pay line with full-width digits in its remark")
    p.truth(rid, "S04", table, b, "0", "planted", "同上，补发行 / the back-pay line of the same payment")
    k = _pay(p, "S03E9603", "2026-02", "A02X", "S03", "通信补贴", "津补贴", "200")
    p.truth(rid, "S03", table, k, "50", "planted", "通讯补贴的别名“通信补贴”超标准50元 / an alias over the cap by 50")
    k = _pay(p, "S03E9604", "2026-02", "A05", "S03", "夜班津贴", "津补贴", "500")
    p.truth(rid, "S03", table, k, "500", "planted", "夜班津贴发给中层副职（只限一般员工） / paid to a rank not eligible")
    k = _pay(p, "S01E9605", "2025-10", "A04", "S01", "防暑降温费", "津补贴", "300")
    p.truth(rid, "S01", table, k, "300", "planted",
            "S01在10月发放高温津贴（别名防暑降温费，发放月6-9月） / a summer allowance in October where it is not payable")
    k = _pay(p, "S04E9606", "2026-02", "A03", "S04", "误餐补贴", "津补贴", "300.01")
    p.truth(rid, "S04", table, k, "0.01", "planted", "误餐补贴300.01元，超S04月标准300元1分 / one cent over the cap")
    # rank held on the first day of the pay month: promoted on 2026-02-01, so January is paid as 一般员工
    _employee(p, "S03E9607", "诸葛青岚", "S03", "市场营销部", "市场营销部副部长", "R03", manager="S03E0020")
    p.insert("hr", "rank_history", [
        dict(emp_code="S03E9607", rank_code="R04", effective_from="2012-07-01", effective_to="2026-01-31",
             ts="2012-07-01 09:00:00"),
        dict(emp_code="S03E9607", rank_code="R03", effective_from="2026-02-01", effective_to=None,
             ts="2026-02-01 09:00:00")])
    k = _pay(p, "S03E9607", "2026-01", "A01", "S03", "交通补贴", "津补贴", "800")
    p.truth(rid, "S03", table, k, "300", "planted",
            "1月仍是一般员工（2月1日起中层副职），交通补贴800超500 / paid at the rank held from the next month")
    k = _pay(p, "S03E9607", "2026-02", "A01", "S03", "交通补贴", "津补贴", "800")
    p.truth(rid, "S03", table, k, "0", "decoy", "2月已是中层副职，800在1000标准内 / after the promotion, within the cap")
    # decoys
    a = _pay(p, "S03E9603", "2025-12", "A01", "S03", "交通补贴", "津补贴", "300")
    b = _pay(p, "S03E9603", "2025-12", "A01B", "S03", "交通补贴 补发", "津补贴", "200")
    p.truth(rid, "S03", table, a, "0", "decoy", "拆成两行合计恰为月标准500 / two lines adding up exactly to the cap")
    p.truth(rid, "S03", table, b, "0", "decoy", "同上，补发行 / the back-pay line of the same payment")
    k = _pay(p, "S02E9602", "2025-10", "A04", "S02", "高温津贴", "津补贴", "300")
    p.truth(rid, "S02", table, k, "0", "decoy", "S02的高温津贴发放月含10月 / October is payable in S02")
    k = _pay(p, "S01E9605", "2025-11", "A01", "S01", "交通补贴", "津补贴", "800")
    p.truth(rid, "S01", table, k, "0", "decoy",
            "S01中层正职交通补贴800，恰为本单位标准（集团标准1000） / exactly at the subsidiary's own cap")
    a = _pay(p, "S04E9606", "2026-01", "A01", "S04", "交通补贴", "津补贴", "400")
    b = _pay(p, "S04E9606", "2025-12", "A01", "S04", "交通补贴", "津补贴", "400")
    p.truth(rid, "S04", table, a, "0", "decoy", "两个月各400，不同月份不合计 / two months, each within the cap")
    p.truth(rid, "S04", table, b, "0", "decoy", "同上，上一个月（跨年） / the other month, across the year end")
    a = _pay(p, "S03E9603", "2025-11", "A01", "S03", "交通补贴", "津补贴", "600")
    b = _pay(p, "S03E9603", "2025-11", "A01R", "S03", "交通补贴（冲回多发）", "津补贴", "-100")
    p.truth(rid, "S03", table, a, "0", "decoy", "交通补贴600元，同月红字冲回100元，净额500元恰为月标准 / a red-ink line "
            "nets the month to the cap")
    p.truth(rid, "S03", table, b, "0", "decoy", "同上，冲回行 / the red-ink line")
    p.truth("RF_PAY_001", "S03", table, b, "0", "decoy",
            "目录内项目带（冲回多发）备注，不是目录外项目 / a catalog item with a reversal remark")


# ---------------------------------------------------------------------------------------------------------------
# RF_PAY_003 向离职退休人员发放津补贴, RF_PAY_004 吃空饷
# ---------------------------------------------------------------------------------------------------------------

def _leavers(p: Planter) -> None:
    table = "hr.payroll_line"
    _employee(p, "S05E9701", "尉迟国栋", "S05", "工程管理部", "职员", "R04", manager="S05E0014", status="离职",
              leave="2026-01-20")
    _employee(p, "S05E9702", "贺兰秋实", "S05", "综合办公室", "职员", "R04", manager="S05E0003", status="退休",
              retire="2025-12-31", hire="1990-07-01", birth="1965-12-10")
    _employee(p, "S05E9703", "拓跋思远", "S05", "市场营销部", "职员", "R04", manager="S05E0020", status="离职",
              leave="2025-11-30")
    _employee(p, "S05E9704", "宗政怀瑾", "S05", "市场营销部", "职员", "R04", manager="S05E0020", status="离职",
              leave="2025-12-15")
    _employee(p, "S05E9705", "第五清和", "S05", "财务部", "职员", "R04", manager="S05E0030", status="在职",
              hire="2026-02-10")
    _employee(p, "S05E9706", "羊舌知微", "S05", "财务部", "职员", "R04", manager="S05E0030")

    rid = "RF_PAY_003"
    sal = _pay(p, "S05E9701", "2026-02", "W01", "S05", "基本工资", "工资", "6000")
    p.truth(rid, "S05", table, sal, "6000", "planted", "1月20日离职，2月仍发基本工资（工资，不只津补贴） / salary "
            "the month after leaving")
    allow = _pay(p, "S05E9701", "2026-02", "A01", "S05", "交通补贴", "津补贴", "500")
    p.truth(rid, "S05", table, allow, "500", "planted", "离职次月仍发交通补贴 / an allowance after leaving")
    k = _pay(p, "S05E9702", "2026-01", "A02", "S05", "通讯补贴", "津补贴", "150")
    p.truth(rid, "S05", table, k, "150", "planted", "12月31日退休，次年1月仍发通讯补贴（跨年） / across the year end")
    k = _pay(p, "s05e09703", "2026-01", "W02", "S05", "岗位工资", "工资", "3000")
    p.truth(rid, "S05", table, k, "3000", "planted",
            "离职两个月后仍发岗位工资，工资系统编码小写带前导零 / salary two months on, the code in another form")
    k = _pay(p, "S05E9704", "2026-02", "B09", "S05", "2025年度 绩效奖金", "奖金", "8000")
    p.truth(rid, "S05", table, k, "8000", "planted", "12月15日离职，次年2月仍发年度绩效奖金（奖金也在范围内） / a bonus "
            "paid after leaving")
    # decoys
    k = _pay(p, "S05E9701", "2026-01", "W01", "S05", "基本工资", "工资", "6000")
    p.truth(rid, "S05", table, k, "0", "decoy", "离职当月照发 / paid in the month of leaving")
    k = _pay(p, "S05E9701", "2026-03", "W01R", "S05", "基本工资（扣回多发）", "工资", "-6000")
    p.truth(rid, "S05", table, k, "0", "decoy", "离职后扣回多发工资的负数行，不是发放 / a negative line recovering "
            "overpaid salary is no payment")
    p.truth("RF_PAY_004", "S05", table, k, "0", "decoy", "同上：离职后只有扣回行，未领取工资 / only a recovery line")
    k = _pay(p, "S05E9701", "2026-02", "X01", "S05", "解除劳动合同 经济补偿金", "工资", "36000")
    p.truth(rid, "S05", table, k, "0", "decoy", "依法支付的经济补偿金（有空格） / statutory severance after leaving")
    k = _pay(p, "S05E9702", "2026-01", "R01", "S05", "统筹外退休费", "工资", "1200")
    p.truth(rid, "S05", table, k, "0", "decoy", "退休人员的统筹外退休费 / a retiree's pension supplement")
    k = _pay(p, "S05E9704", "2026-01", "X02", "S05", "离职补偿金", "工资", "20000")
    p.truth(rid, "S05", table, k, "0", "decoy", "离职补偿金（经济补偿的另一写法） / severance under another name")

    rid = "RF_PAY_004"
    # a payee the HR roster has never had: every line of both months
    for month in ("2026-01", "2026-02"):
        for item, name, amount in (("W01", "基本工资", "5500"), ("W02", "岗位工资", "2500")):
            k = _pay(p, "S05E9799", month, item, "S05", name, "工资", amount)
            p.truth(rid, "S05", table, k, amount, "planted", "人员档案中无此编码，连续两月领工资 / a payee HR has no "
                    "record of")
    k = _pay(p, "S05E9705", "2026-01", "W01", "S05", "基本工资", "工资", "4800")
    p.truth(rid, "S05", table, k, "4800", "planted", "2月10日入职，1月已领基本工资 / salary before the hire month")
    # after leaving: the salary and the allowance of those months, not the severance paid beside them
    for month, item, name, amount in (("2025-12", "W01", "基本工资", "5000"), ("2025-12", "A01", "交通补贴", "500"),
                                      ("2026-01", "W01", "基本工资", "5000")):
        k = _pay(p, "S05E9703", month, item, "S05", name, "工资" if item == "W01" else "津补贴", amount)
        p.truth(rid, "S05", table, k, amount, "planted", "11月30日离职，12月和次年1月仍领工资（跨年） / salary after "
                "leaving, across the year end")
    p.truth(rid, "S05", table, "s05e09703|2026-01|W02", "3000", "planted",
            "同一人另一写法编码的岗位工资，同一吃空饷事项 / the same payee's line under another code form")
    k = _pay(p, "S05E9703", "2025-12", "X01", "S05", "经济补偿金", "工资", "15000")
    p.truth(rid, "S05", table, k, "0", "decoy",
            "与违规工资同月的经济补偿金不属吃空饷 / statutory severance beside the salary paid after leaving")
    # decoys
    k = _pay(p, "s05-e09706 ", "2026-02", "W01", "S05", "基本工资", "工资", "5200")
    p.truth(rid, "S05", table, k, "0", "decoy",
            "在职人员，工资系统编码小写、带横线和空格 / a person in post whose code the payroll writes differently")
    # S05E9704's only line after leaving is the 离职补偿金 planted above for RF_PAY_003
    p.truth(rid, "S05", table, "S05E9704|2026-01|X02", "0", "decoy",
            "离职后只领经济补偿金，无工资 / only severance after leaving")
    k = _pay(p, "S05E9702", "2026-02", "R01", "S05", "统筹外退休费", "工资", "1200")
    p.truth(rid, "S05", table, k, "0", "decoy", "退休人员只领统筹外退休费 / a retiree paid the pension supplement only")
    k = _pay(p, "S05E9702", "2025-12", "W01", "S05", "基本工资", "工资", "5600")
    p.truth(rid, "S05", table, k, "0", "decoy", "退休当月（12月31日退休）照发工资 / salary in the month of retiring")
    k = _pay(p, "S05E9705", "2026-02", "W01", "S05", "基本工资", "工资", "4800")
    p.truth(rid, "S05", table, k, "0", "decoy", "入职当月发放工资 / salary in the hire month")



# ---------------------------------------------------------------------------------------------------------------
# The second author's cases (S03 and S01 people S0xE98xx): relation labels outside the map, status words of HR
# exports, organisation names in another letter case, dates exported with their time of day, year ends
# ---------------------------------------------------------------------------------------------------------------

def _second_relatives(p: Planter) -> None:
    rid, table = "RF_HR_001", "hr.relative_declaration"

    def declare(decl_id: str, emp: str, name: str, relation: str, rel_code: str | None = None,
                rel_id: str | None = None, rel_birth: str | None = None) -> None:
        p.insert("hr", "relative_declaration", [dict(
            decl_id=decl_id, emp_code=emp, relative_name=name, relation=relation, relative_emp_code=rel_code,
            relative_id_number=rel_id, relative_birth_date=rel_birth, declared_on="2026-01-05 10:20:00",
            ts="2026-01-05 10:20:00")])

    _employee(p, "S03E9801", "阿不都热依木·买买提", "S03", "公司领导", "副总经理", "R01", manager="S03E0002",
              birth="1969-10-01")
    _employee(p, "S03E9802", "迪丽娜尔•艾力", "S03", "财务部", "会计", "R04", manager="S03E0003",
              birth="1975-04-12")
    declare("IC-QX-0001", "S03E9802", "阿不都热依木.买买提", "老公", rel_birth="1969-10-01")
    p.truth(rid, "S03", table, "IC-QX-0001", "0", "planted",
            "财务部会计申报“老公”是单位副总经理：关系写法不在对照表（按近亲属），姓名间隔点写作“.” / a unit "
            "leader's wife is an accountant; 老公 and the name's middle dot written as a full stop")
    _employee(p, "S03E9803", "欧阳子墨", "S03", "工程管理部", "工程管理部部长", "R02", manager="S03E0002",
              birth="1970-02-02")
    _employee(p, "S03E9804", "欧阳伯渊", "S03", "工程管理部", "职员", "R04", manager="Ｓ０３Ｅ９８０３",
              birth="1996-06-06")
    declare("IC-QX-0002", "S03E9803", "欧阳伯渊", "大儿子", rel_code="S03E9804")
    p.truth(rid, "S03", table, "IC-QX-0002", "0", "planted",
            "“大儿子”是其直接下属，下属档案中上级编码为全角 / the eldest son reports to him; the manager code in "
            "full-width form")
    # decoys: relations outside the avoidance range, written as HR forms let people write them
    _employee(p, "S03E9805", "澹台青禾", "S03", "财务部", "出纳", "R04", manager="S03E0003", birth="1992-08-08")
    declare("IC-QX-0003", "S03E9801", "澹台青禾", "亲家", rel_code="S03E9805")
    p.truth(rid, "S03", table, "IC-QX-0003", "0", "decoy",
            "单位领导申报的“亲家”（子女配偶的父母）不属近姻亲 / a co-parent-in-law is no near in-law")
    _employee(p, "S03E9806", "尉迟晓雯", "S03", "审计部", "审计员", "R04", manager="S03E0003", birth="1971-03-03")
    declare("IC-QX-0004", "S03E9801", "尉迟晓雯", "前妻", rel_birth="1971-03-03")
    p.truth(rid, "S03", table, "IC-QX-0004", "0", "decoy",
            "单位领导申报的“前妻”已离婚，不再是配偶 / an ex-wife is no longer a spouse")
    rehired = id18("410102", "19980909", "827")
    _employee(p, "S03E9807", "闻人晓 月", "S03", "综合办公室", "职员", "R04", manager="S03E0003", status="离职",
              leave="2023-06-30", id_number=rehired, birth="1998-09-09", hire="2020-07-01")
    _employee(p, "S03E9808", "闻人晓月", "S03", "财务部", "出纳", "R04", manager="S03E0003",
              id_number=rehired.lower(), birth="1998-09-09", hire="2024-03-01")
    declare("IC-QX-0005", "S03E9801", "闻人晓月", "女儿", rel_id=rehired)
    p.truth(rid, "S03", table, "IC-QX-0005", "0", "planted",
            "单位领导的女儿离职后再入职，新档案在财务部任出纳：同一身份证号有离职、在职两条档案 / a leader's daughter "
            "rehired as cashier; one ID number on a left and an in-post record")
    # decoys: the same avoidance department without a head, and a leader's son in another unit's finance
    _employee(p, "S03E9809", "拓跋云舒", "S03", "财务部", "会计", "R04", manager="S03E0003", birth="1990-01-15")
    _employee(p, "S03E9810", "拓跋海川", "S03", "财务部", "出纳", "R04", manager="S03E0003", birth="1989-11-11")
    declare("IC-QX-0006", "S03E9809", "拓跋海川", "丈夫", rel_code="s03e9810")
    p.truth(rid, "S03", table, "IC-QX-0006", "0", "decoy",
            "夫妻同在财务部，但均非部门负责人、互不上下级，且都不是单位领导 / a couple in finance, neither heads it")
    son = id18("410102", "19940404", "838")
    _employee(p, "S04E9811", "阿不都·热合曼", "S04", "财务部", "会计", "R04", manager="S04E0003", id_number=son,
              birth="1994-04-04")
    declare("IC-QX-0007", "S03E9801", "阿不都·热合曼", "儿子", rel_id=id15(son))
    p.truth(rid, "S03", table, "IC-QX-0007", "0", "decoy",
            "单位领导的儿子在另一单位财务部（按15位身份证号找到），不是本单位、不是其下属 / a leader's son in "
            "another unit's finance department")


def _second_posts(p: Planter) -> None:
    rid, table = "RF_HR_002", "hr.concurrent_post"
    n = [0]

    def post(emp: str, org: str, title: str, start: str, end: str | None = None, approved: int = 1) -> str:
        n[0] += 1
        post_id = f"IC-JX-{n[0]:04d}"
        p.insert("hr", "concurrent_post", [dict(post_id=post_id, emp_code=emp, post_org=org, post_title=title,
                                                start_date=start, end_date=end, approved=approved,
                                                ts=f"{start[:10]} 09:00:00")])
        return post_id

    _employee(p, "S03E9811", "钟离景明", "S03", "投资发展部", "投资发展部部长", "R02", manager="S03E0002")
    dup = post("S03E9811", "中海（BVI）控股有限公司", "董事", "2024-05-01")
    post("S03E9811", "中海(bvi)控股有限公司", "董事", "2024-05-01 00:00:00")
    post("S03E9811", "中海物流有限公司", "监事", "2025-01-01")
    p.truth(rid, "S03", table, dup, "0", "decoy",
            "同一单位同一职务登记两次（括号全角半角、英文大小写不同），实为两个兼职 / one post recorded twice, "
            "the unit's name in another bracket form and letter case")

    _employee(p, "S03E9812", "南门思源", "S03", "市场营销部", "市场营销部部长", "R02", manager="S03E0002")
    first = post("s03-e9812", "中海港务投资有限公司", "董事", "2024-05-01 00:00:00")
    post("S03E9812", "中海能源有限公司", "监事", "2025-01-01")
    post("S03E9812", "中海建设基金", "董事", "2025-03-01", end="2026-03-15")
    p.truth(rid, "S03", table, first, "0", "planted",
            "第三个兼职评价日当天终止（当天仍在任），三个超过上限 / the third post ends on the as-of date itself")

    _employee(p, "S03E9813", "东郭有道", "S03", "安全环保部", "安全环保部部长", "R02", manager="S03E0002")
    ok = post("S03E9813", "中海港务投资有限公司", "董事", "2024-05-01")
    post("S03E9813", "中海能源有限公司", "监事", "2025-01-01", end="2026-03-14", approved=0)
    p.truth(rid, "S03", table, ok, "0", "decoy",
            "未经批准的兼职已于评价日前一天终止，在任一个经批准 / the unapproved post ended the day before")


def _second_establishment(p: Planter) -> None:
    rid, table = "RF_HR_003", "hr.employee"
    p.insert("hr", "establishment", [
        dict(org_code="S01", dept_name="风险合规部", position_title=title, approved_count=count,
             approved_on="2024-01-01 00:00:00", ts="2024-01-01 09:00:00")
        for title, count in (("风险合规部部长", 1), ("ＩＴ合规专员", 1), ("职员", 2))])
    _employee(p, "S01E9821", "公羊正则", "S01", "风险合规部", "风险合规部部长", "R02", manager="S01E0002")
    _employee(p, "S01E9822", "谷梁守拙", "S01", "风险合规部", "风险合规部 部长", "R02", manager="S01E0002",
              status="试用期")
    for code in ("S01E9821", "S01E9822"):
        p.truth(rid, "S01", table, code, "0", "planted",
                "部长核定1名实有2名（其一状态为“试用期”、职务中有空格） / two heads where one is approved, one on "
                "probation")
    _employee(p, "S01E9823", "漆雕明德", "S01", "风险合规部", "总法律顾问助理", "R03", manager="S01E9821",
              status="在岗")
    p.truth(rid, "S01", table, "S01E9823", "0", "planted", "状态写作“在岗”的自设职务 / a self-made title, 在岗")
    _employee(p, "S01E9824", "宰父安和", "S01", "风险合规部", "IT合规专员", "R04", manager="S01E9821")
    p.truth(rid, "S01", table, "S01E9824", "0", "decoy", "核定职务（编制中写作全角ＩＴ） / an approved title, "
            "full-width letters in the establishment")
    _employee(p, "S01E9825", "闾丘若水", "S01", "风险合规部", "首席合规官", "R03", manager="S01E9821",
              status="已离职", leave="2026-02-28")
    p.truth(rid, "S01", table, "S01E9825", "0", "decoy", "自设职务但状态“已离职” / a self-made title, left")
    for i, status in enumerate(("在职", "在职", "退休")):
        code = f"S01E983{i}"
        _employee(p, code, ("颛孙", "壤驷", "公西")[i] + "伯阳", "S01", "风险合规部", "职员", "R04",
                  manager="S01E9821", status=status, retire="2026-01-31" if status == "退休" else None)
        p.truth(rid, "S01", table, code, "0", "decoy", "职员核定2名，在职2名另1名已退休 / two staff in post, a "
                "third retired")


def _second_passports(p: Planter) -> None:
    rid, table = "RF_HR_004", "oa.passport_custody"
    _employee(p, "S01E9841", "巫马远航", "S01", "工程管理部", "职员", "R04", manager="S01E0014")
    n = [0]

    def custody(kind: str, trip_end: str, returned: str | None, emp: str = "S01E9841") -> str:
        n[0] += 1
        record_id = f"IC-ZX-{n[0]:04d}"
        p.insert("oa", "passport_custody", [dict(record_id=record_id, emp_code=emp, org_code="S01",
                                                 document_type=kind, document_no=f"G{n[0]:08d}",
                                                 borrowed_on="2025-12-01", trip_end_date=trip_end,
                                                 returned_on=returned, ts=f"{(returned or trip_end)[:10]} 09:00:00")])
        return record_id

    r = custody("因公 护照", "2025-12-28", "2026-01-05 08:30:00", emp="Ｓ０１Ｅ９８４１")
    p.truth(rid, "S01", table, r, "0", "planted",
            "因公护照回国第8天交回（跨年，交回日期带时刻，持证人编码全角） / day 8 across the year end")
    r = custody("因私往来台湾通行证", "2026-03-04", None)
    p.truth(rid, "S01", table, r, "0", "planted", "因私通行证评价日仍未交回，期限已过1天 / one day past, still out")
    r = custody("因私护照", "2025-12-25", "2026-01-04 19:00:00")
    p.truth(rid, "S01", table, r, "0", "decoy", "因私护照恰在第10天交回（跨年，带时刻） / on the deadline day")
    r = custody("因私", "2026-03-05", None)
    p.truth(rid, "S01", table, r, "0", "decoy", "因私证照未交回，期限恰为评价日 / still out, due today")
    r = custody("因公护照", "2026-02-20", "2026-02-27 23:59:59")
    p.truth(rid, "S01", table, r, "0", "decoy", "第7天深夜交回（日期带时刻） / late on the deadline day")


def _second_trips(p: Planter) -> None:
    rid, table = "RF_HR_005", "oa.trip_abroad"
    _employee(p, "S01E9851", "司空望舒", "S01", "市场营销部", "职员", "R04", manager="S01E0020")
    n = [0]

    def trip(days: int, start: str, end: str, exit_: str | None, entry: str | None) -> str:
        n[0] += 1
        trip_id = f"IC-CJ-{n[0]:04d}"
        p.insert("oa", "trip_abroad", [dict(trip_id=trip_id, emp_code="s01-e09851", org_code="S01",
                                            destination="新加坡", purpose="商务洽谈", approved_days=days,
                                            approved_start=start, approved_end=end, actual_exit=exit_,
                                            actual_entry=entry, ts=f"{(entry or exit_ or start)[:10]} 09:00:00")])
        return trip_id

    t = trip(5, "2026-02-04", "2026-02-08", "2026-02-04 07:10:00", "2026-02-09 00:15:00")
    p.truth(rid, "S01", table, t, "0", "planted", "批准入境日次日凌晨入境（日期带时刻） / back just after midnight")
    t = trip(7, "2025-12-28", "2026-01-03", "2025-12-28", "2026-01-04")
    p.truth(rid, "S01", table, t, "0", "planted", "跨年出访晚1天入境 / one day late across the year end")
    t = trip(5, "2026-01-12", "2026-01-16", "2026-01-12 08:00:00", "2026-01-16 23:30:00")
    p.truth(rid, "S01", table, t, "0", "decoy", "批准入境日深夜入境（日期带时刻） / back late on the approved day")
    t = trip(10, "2026-01-20", "2026-01-26", "2026-01-20", "2026-01-26")
    p.truth(rid, "S01", table, t, "0", "decoy", "批准天数大于批准日期跨度，按日期出入境 / within the approved dates")
    t = trip(6, "2026-03-10", "2026-03-15", "2026-03-10 22:00:00", None)
    p.truth(rid, "S01", table, t, "0", "decoy", "仍在境外，批准入境日即评价日 / still abroad, due back today")


def _second_pay(p: Planter) -> None:
    table = "hr.payroll_line"
    rid = "RF_PAY_002"
    _employee(p, "S03E9861", "乐正怀远", "S03", "综合办公室", "职员", "R04", manager="S03E0003")
    a = _pay(p, "S03E9861", "2026-02", "A01", "S03", "交通补贴", "津补贴", "300")
    b = _pay(p, "S03E9861", "2026-02", "A01C", "S03", "2026年2月交通补贴差额", "津补贴", "250")
    p.truth(rid, "S03", table, a, "50", "planted", "交通补贴300加“2026年2月交通补贴差额”250，合计超月标准500元50元 / "
            "a difference line named with its month")
    p.truth(rid, "S03", table, b, "0", "planted", "同上，差额行 / the difference line")
    a = _pay(p, "S03E9861", "2025-12", "A01", "S03", "交通补贴", "津补贴", "250")
    b = _pay(p, "S03E9861", "2025-12", "A01B", "S03", "交通补贴（12月补发）", "津补贴", "250")
    p.truth(rid, "S03", table, a, "0", "decoy", "正常行加补发行合计恰为500 / two lines exactly at the cap")
    p.truth(rid, "S03", table, b, "0", "decoy", "同上，补发行 / the back-pay line")
    k = _pay(p, "s03-e09861", "2026-01", "A02", "S03", "通讯补贴", "津补贴", "150.01")
    p.truth(rid, "S03", table, k, "0.01", "planted", "通讯补贴超一般员工标准150元1分，工资系统编码另一写法 / one cent "
            "over, the payee code written another way")

    _employee(p, "S02E9871", "呼延清远", "S02", "工程管理部", "职员", "R04", manager="S02E0014",
              status="已离职", leave="2025-12-31")
    _employee(p, "S02E9872", "仲长统和", "S02", "市场营销部", "职员", "R04", manager="S02E0020",
              status="合同终止", leave="2026-01-15")
    rid = "RF_PAY_003"
    k = _pay(p, "S02E9871", "2026-01", "B01", "S02", "2025年度绩效奖金", "奖金", "3000")
    p.truth(rid, "S02", table, k, "3000", "planted", "状态“已离职”（12月31日），次年1月仍发年度绩效奖金 / a bonus the "
            "month after leaving, across the year end")
    k = _pay(p, "S02E9871", "2025-12", "W01", "S02", "基本工资", "工资", "5000")
    p.truth(rid, "S02", table, k, "0", "decoy", "离职当月（12月31日离职）照发 / paid in the month of leaving")
    k = _pay(p, "S02E9872", "2026-02", "A02", "S02", "通讯补贴", "津补贴", "150")
    p.truth(rid, "S02", table, k, "150", "planted",
            "状态写作“合同终止”（劳动合同终止即离职），次月仍发通讯补贴 / status 合同终止, an allowance after leaving")

    rid = "RF_PAY_004"
    k = _pay(p, "S02E9872", "2026-02", "W01", "S02", "基本工资", "工资", "4800")
    p.truth(rid, "S02", table, k, "4800", "planted", "劳动合同终止（1月15日）后2月仍领基本工资 / salary after the "
            "contract ended")
    p.truth(rid, "S02", table, "S02E9872|2026-02|A02", "150", "planted", "同月的通讯补贴一并计入 / the same month's "
            "allowance")
    p.truth("RF_PAY_003", "S02", table, k, "4800", "planted", "同上，离职后仍发工资 / salary after leaving")
    k = _pay(p, "Ｓ０２Ｅ９８７３", "2026-01", "W01", "S02", "基本工资", "工资", "5100")
    p.truth(rid, "S02", table, k, "5100", "planted", "人员档案中无此编码（全角写法） / a payee HR has no record of, "
            "full-width code")
    k = _pay(p, "S02E9871", "2026-01", "X01", "S02", "解除劳动合同经济补偿", "工资", "20000")
    p.truth(rid, "S02", table, k, "0", "decoy", "离职次月只发经济补偿和奖金，无工资 / only severance and a bonus")
    p.truth("RF_PAY_003", "S02", table, k, "0", "decoy", "依法支付的经济补偿 / statutory severance")
    _employee(p, "S02E9874", "公孙望岳", "S02", "财务部", "职员", "R04", manager="S02E0003", hire="2026-03-01")
    _employee(p, "S02E9875", "赫连向晚", "S02", "财务部", "职员", "R04", manager="S02E0003", hire="2026-01-31")
    k = _pay(p, "S02E9874", "2026-02", "W01", "S02", "基本工资", "工资", "4600")
    p.truth("RF_PAY_004", "S02", table, k, "4600", "planted", "3月1日入职，2月已领基本工资（入职前一个月） / salary the "
            "month before the hire month")
    k = _pay(p, "S02E9875", "2026-01", "W01", "S02", "基本工资", "工资", "4600")
    p.truth("RF_PAY_004", "S02", table, k, "0", "decoy", "1月31日入职，1月工资照发 / hired on the month's last day")
    _employee(p, "S02E9876", "东方既白", "S02", "工程管理部", "高级专家", "R05", manager="S02E0014",
              status="退休返聘", retire="2025-06-30", hire="1990-07-01", birth="1965-06-01")
    k = _pay(p, "S02E9876", "2026-01", "W01", "S02", "基本工资", "工资", "5200")
    p.truth("RF_PAY_004", "S02", table, k, "0", "decoy", "退休后返聘（状态“退休返聘”），返聘期间领工资 / rehired "
            "after retiring, paid for the new post")
    p.truth("RF_PAY_003", "S02", table, k, "0", "decoy", "同上，返聘人员在职 / the rehired retiree is in post")


# ---------------------------------------------------------------------------------------------------------------
# The third author's cases (people S0xE99xx): an establishment approved after the as-of date, boolean and date
# forms HR exports write, the leap day, a festival benefit named 节福利 and booked as a bonus, pay months
# written 2026年1月
# ---------------------------------------------------------------------------------------------------------------

def _third_establishment(p: Planter) -> None:
    """third author: RF_HR_003 on the establishment in force on the as-of date: a title approved only after it is
    not yet in the plan (re-running a past night must not read a later approval back into it)."""
    rid, table = "RF_HR_003", "hr.employee"
    p.insert("hr", "establishment", [
        dict(org_code="S02", dept_name="证券事务部", position_title=title, approved_count=1, approved_on=on,
             ts=f"{on[:10]} 09:00:00")
        for title, on in (("证券事务部部长", "2023-01-01"), ("证券事务代表", "2026-03-15"),
                          ("投资者关系经理", "2026-04-01"))])
    _employee(p, "S02E9901", "鲜于正平", "S02", "证券事务部", "证券事务部部长", "R02", manager="S02E0002")
    _employee(p, "S02E9902", "梁丘子瑜", "S02", "证券事务部", "证券事务代表", "R04", manager="S02E9901",
              hire="2026-03-15")
    p.truth(rid, "S02", table, "S02E9902", "0", "decoy",
            "职务于评价日当天核定（核定日期即评价日） / a title approved on the as-of date itself")
    _employee(p, "S02E9903", "沮渠怀德", "S02", "证券事务部", "投资者关系经理", "R03", manager="S02E9901",
              hire="2025-09-01")
    p.truth(rid, "S02", table, "S02E9903", "0", "planted",
            "职务2026年4月1日才核定，评价日尚不在编制方案内（已先行任职） / appointed to a title the plan adds only "
            "after the as-of date")


def _third_posts(p: Planter) -> None:
    """third author: RF_HR_002 with the date and boolean forms HR exports write (2024.01.05, 20250601, 2025/9/1;
    approved as Y, yes, 1)."""
    rid, table = "RF_HR_002", "hr.concurrent_post"
    _employee(p, "S03E9901", "公良伯言", "S03", "财务部", "财务部部长", "R02", manager="S03E0002")
    rows = [("IC-J3-0001", "中海港务投资有限公司", "董事", "2024.01.05", None, "Y"),
            ("IC-J3-0002", "中海物流有限公司", "监事", "20250601", None, "yes"),
            ("IC-J3-0003", "中海能源有限公司", "董事", "2025/9/1", "2026.12.31", "1")]
    p.insert("hr", "concurrent_post", [dict(post_id=post_id, emp_code="S03E9901", post_org=org, post_title=title,
                                            start_date=start, end_date=end, approved=approved,
                                            ts="2025-09-01 09:00:00")
                                       for post_id, org, title, start, end, approved in rows])
    p.truth(rid, "S03", table, "IC-J3-0001", "0", "planted",
            "三个经批准的兼职（批准标志写作Y/yes/1，日期写作2024.01.05、20250601、2025/9/1） / three approved posts, "
            "the flags and dates as HR exports write them")
    _employee(p, "S03E9902", "申屠文远", "S03", "财务部", "财务部副部长", "R03", manager="S03E9901")
    p.insert("hr", "concurrent_post", [
        dict(post_id="IC-J3-0004", emp_code="S03E9902", post_org="中海港务投资有限公司", post_title="监事",
             start_date="2025.03.01", end_date=None, approved="N", ts="2025-03-01 09:00:00"),
        dict(post_id="IC-J3-0005", emp_code="S03E9902", post_org="中海物流有限公司", post_title="董事",
             start_date="2025.03.01", end_date="2026.03.14", approved="false", ts="2025-03-01 09:00:00")])
    p.truth(rid, "S03", table, "IC-J3-0004", "0", "planted", "在任兼职批准标志写作N（未经批准） / an unapproved "
            "post written N")


def _third_passports(p: Planter) -> None:
    """third author: RF_HR_004 across the leap day (2024-02-29), the dates written 2024.02.29 and 20240301."""
    rid, table = "RF_HR_004", "oa.passport_custody"
    _employee(p, "S01E9901", "百里存真", "S01", "财务部", "职员", "R04", manager="S01E0030")

    def custody(record_id: str, kind: str, trip_end: str, returned: str) -> None:
        p.insert("oa", "passport_custody", [dict(record_id=record_id, emp_code="S01E9901", org_code="S01",
                                                 document_type=kind, document_no="P" + record_id[-4:],
                                                 borrowed_on="2024-02-01", trip_end_date=trip_end,
                                                 returned_on=returned, ts="2024-03-05 09:00:00")])

    custody("IC-Z3-0001", "因公护照", "2024.02.22", "2024.02.29")
    p.truth(rid, "S01", table, "IC-Z3-0001", "0", "decoy",
            "因公护照2月22日回国，闰日2月29日（第7天）交回 / back on day 7, the leap day")
    custody("IC-Z3-0002", "因公护照", "2024-02-22", "20240301")
    p.truth(rid, "S01", table, "IC-Z3-0002", "0", "planted",
            "同一期限，3月1日交回（闰年第8天，逾期1天） / day 8 in a leap year: a day late")
    custody("IC-Z3-0003", "普通护照（因私）", "2024-02-19", "2024-02-29 17:45:00")
    p.truth(rid, "S01", table, "IC-Z3-0003", "0", "decoy",
            "因私护照第10天（闰日）交回 / a private passport back on day 10, the leap day")


def _third_pay(p: Planter) -> None:
    """third author: RF_PAY_001 a festival benefit named 中秋节福利 booked as a bonus (节日福利 in the words of the
    banned list, the 日 left out as payroll items often do), RF_PAY_003/004 pay months written 2026年1月, the
    leap day as a hire date."""
    table = "hr.payroll_line"

    def pay(code: str, month: str, key_month: str, item_code: str, org: str, name: str, category: str,
            amount: str) -> str:
        p.insert("hr", "payroll_line", [dict(emp_code=code, pay_month=month, item_code=item_code, org_code=org,
                                             item_name=name, item_category=category, amount=amount,
                                             ts=f"{key_month}-25 10:00:00")])
        return f"{code}|{key_month}|{item_code}"

    k = pay("S01E9901", "2025-09", "2025-09", "Q31", "S01", "中秋节福利", "奖金", "1000")
    p.truth("RF_PAY_001", "S01", table, k, "1000", "planted",
            "“中秋节福利”记在奖金类：节日福利（过节费）的写法 / a Mid-Autumn benefit booked as a bonus")
    k = pay("S01E9901", "2025-10", "2025-10", "W31", "S01", "中秋节加班工资", "工资", "600")
    p.truth("RF_PAY_001", "S01", table, k, "0", "decoy",
            "中秋节法定节假日加班工资，不是过节费 / Mid-Autumn holiday overtime pay, no festival fee")

    _employee(p, "S05E9901", "司寇景和", "S05", "综合办公室", "职员", "R04", manager="S05E0003", status="退休",
              retire="2025.10.31", hire="1988-07-01", birth="1965-10-20")
    k = pay("S05E9901", "2026年1月", "2026-01", "A03", "S05", "误餐补贴", "津补贴", "300")
    p.truth("RF_PAY_003", "S05", table, k, "300", "planted",
            "10月31日退休，发放月份写作“2026年1月”仍发误餐补贴 / an allowance to a retiree, the month written "
            "2026年1月")
    p.truth("RF_PAY_004", "S05", table, k, "0", "decoy",
            "退休后只发津补贴未发工资，不属吃空饷（属向退休人员发放津补贴） / an allowance, no salary")
    k = pay("S05E9901", "2026年1月", "2026-01", "R31", "S05", "退休人员 补贴", "工资", "500")
    p.truth("RF_PAY_003", "S05", table, k, "0", "decoy",
            "退休人员补贴（有空格）属离退休费 / a retirees' subsidy, written with a space")

    _employee(p, "S05E9902", "闻人采薇", "S05", "财务部", "职员", "R04", manager="S05E0030", hire="2024-02-29")
    k = pay("S05E9902", "2024年2月", "2024-02", "W01", "S05", "基本工资", "工资", "4700")
    p.truth("RF_PAY_004", "S05", table, k, "0", "decoy", "闰日2月29日入职，2月工资照发 / hired on the leap day, "
            "paid that month")


def plant(p: Planter) -> None:
    _relatives(p)
    _concurrent_posts(p)
    _establishment(p)
    _passports(p)
    _trips(p)
    _allowances(p)
    _leavers(p)
    _second_relatives(p)
    _second_posts(p)
    _second_establishment(p)
    _second_passports(p)
    _second_trips(p)
    _second_pay(p)
    _third_establishment(p)
    _third_posts(p)
    _third_passports(p)
    _third_pay(p)
