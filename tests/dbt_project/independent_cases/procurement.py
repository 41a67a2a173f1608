"""Independent cases for the procurement rules: RF_PROC_001 (应招未招), RF_PROC_002 (化整为零规避招标), RF_PROC_003
(询价采购无询价记录), on OA procurement approvals.

Written from each rule's `detects` / `basis` in the rule catalog and std_procurement, in the forms OA exports take:
the approval state written 已审批 / 审批通过 / 通过 / 不同意, methods and categories with a trailing 采购, 方式 or 类,
full-width forms, spaces and another letter case in budget projects, approval dates exported with their time of
day, one purchase split over several approvals, thresholds hit exactly and missed by a cent, rolling one-year
windows that cross a year end or miss by a day. Suppliers V9xxx and projects IC-* are not in the generated data.
"""

from __future__ import annotations

from tests.dbt_project.independent_cases import Planter

TABLE = "oa.procurement_approval"


class _Approvals:
    """Plants procurement approvals with ids <prefix>-<unit>-<n>, returning each id."""

    def __init__(self, p: Planter, prefix: str):
        self.p, self.prefix, self.n = p, prefix, 0

    def __call__(self, org: str, item: str, category: str, project: str | None, supplier: str, amount: str,
                 method: str, records: int | None, on: str, status: str = "已批准") -> str:
        self.n += 1
        approval_id = f"{self.prefix}-{org}-{self.n:04d}"
        self.p.insert("oa", "procurement_approval", [dict(
            approval_id=approval_id, org_code=org, applicant_emp_code=f"{org}E0010", item_name=item,
            category=category, budget_project=project, supplier_code=supplier,
            supplier_name=f"独立案例供应商{supplier}", amount=amount, method=method, inquiry_records=records,
            approved_on=on, status=status, ts=f"{on[:10]} 15:00:00")])
        return approval_id


# ---------------------------------------------------------------------------------------------------------------
# RF_PROC_001-003 招标、化整为零、询价: the first set
# ---------------------------------------------------------------------------------------------------------------

def _first_cases(p: Planter) -> None:
    table, approval = TABLE, _Approvals(p, "IC-CG")

    rid = "RF_PROC_001"
    a = approval("S02", "数据中心服务器", "货物", "IC-服务器更新-01", "V9101", "500000.00", "竞争性谈判", None,
                 "2025-09-10")
    p.truth(rid, "S02", table, a, "500000.00", "planted", "货物恰达集团公开招标限额50万，竞争性谈判 / exactly at the "
            "threshold")
    a = approval("S02", "年度物业服务", "服务", "IC-物业-01", "V9102", "1200000", "单一来源", None, "2026-01-05")
    p.truth(rid, "S02", table, a, "1200000", "planted", "服务超过国家限额100万，单一来源 / over the national threshold")
    a = approval("S02", "办公楼改造", "工程", "IC-改造-01", "V9103", "600000", "询价采购", 3, "2025-12-31")
    p.truth(rid, "S02", table, a, "600000", "planted", "工程60万以询价采购 / works bought by inquiry")
    a = approval("S02", "生产设备", "货物 ", "IC-设备-01", "V9104", "800000", "竞争性磋商", None, "2026-02-01")
    p.truth(rid, "S02", table, a, "800000", "planted", "品类写作“货物 ”（末尾空格） / the category with a trailing space")
    # decoys
    a = approval("S02", "检测仪器", "货物", "IC-仪器-01", "V9105", "499999.99", "竞争性谈判", None, "2025-08-01")
    p.truth(rid, "S02", table, a, "0", "decoy", "差1分达到限额 / one cent under the threshold")
    a = approval("S02", "厂房建设", "工程", "IC-厂房-01", "V9106", "900000", "公开　招标", None, "2025-07-01")
    p.truth(rid, "S02", table, a, "0", "decoy", "公开招标，方式写法中有全角空格 / a public tender written with a "
            "full-width space")
    a = approval("S02", "车辆采购", "货物", "IC-车辆-01", "V9107", "700000", " 邀请招标 ", None, "2025-07-02")
    p.truth(rid, "S02", table, a, "0", "decoy", "邀请招标，前后有空格 / an invited tender with stray spaces")
    a = approval("S02", "安防系统", "工程", "IC-安防-01", "V9108", "800000", "竞争性谈判", None, "2025-07-03",
                 status="已驳回")
    p.truth(rid, "S02", table, a, "0", "decoy", "审批已驳回，未采购 / the request was rejected")

    rid = "RF_PROC_002"
    a = approval("S03", "办公家具一批", "货物", "IC-XM-2026-001", "V9201", "260000", "竞争性谈判", None, "2025-12-20")
    b = approval("S03", "办公家具二批", "货物", "ic xm 2026 001", "V9202", "240000", "询价", 3, "2026-01-10")
    p.truth(rid, "S03", table, a, "260000", "planted",
            "同一预算项目（写法大小写、空格不同）跨年两次采购合计恰达50万，不同供应商 / one project written two ways, "
            "two suppliers, exactly the threshold across the year end")
    p.truth(rid, "S03", table, b, "240000", "planted", "同上，第二笔 / the second purchase")
    for on in ("2025-04-01", "2025-09-01", "2026-02-28"):
        a = approval("S03", "研发平台运维", "服务", "IC-研发平台运维", "V9203", "200000", "单一来源", None, on)
        p.truth(rid, "S03", table, a, "200000", "planted", "同一服务项目一年内三次各20万 / three purchases in a "
                "rolling year")
    a = approval("S03", "围墙修缮", "工程", None, "V9204", "300000", "竞争性谈判", None, "2025-10-01")
    b = approval("S03", "围墙修缮二期", "工程", "", " v9204", "250000", "竞争性谈判", None, "2025-11-01")
    p.truth(rid, "S03", table, a, "300000", "planted", "无预算项目（空与NULL）按同一供应商归集 / no project: "
            "grouped by supplier, one NULL one empty")
    p.truth(rid, "S03", table, b, "250000", "planted", "同上，供应商编码小写带空格 / the supplier code in another form")
    # decoys
    a = approval("S03", "档案柜", "货物", "IC-档案-01", "V9205", "250000", "询价", 3, "2025-06-01")
    b = approval("S03", "档案架", "货物", "IC-档案-01", "V9206", "249999.99", "询价", 3, "2025-06-20")
    p.truth(rid, "S03", table, a, "0", "decoy", "合计差1分达到限额 / the sum one cent under the threshold")
    p.truth(rid, "S03", table, b, "0", "decoy", "同上 / the other purchase")
    a = approval("S03", "绿化养护", "服务", "IC-绿化-01", "V9207", "300000", "竞争性谈判", None, "2025-03-01")
    b = approval("S03", "绿化养护", "服务", "IC-绿化-01", "V9207", "300000", "竞争性谈判", None, "2026-03-02")
    p.truth(rid, "S03", table, a, "0", "decoy", "两次相隔366天，超出一年窗口 / 366 days apart")
    p.truth(rid, "S03", table, b, "0", "decoy", "同上 / the other purchase")
    a = approval("S03", "展厅布置", "货物", "IC-展厅-01", "V9208", "300000", "竞争性谈判", None, "2025-09-01")
    b = approval("S03", "展厅布置", "服务", "IC-展厅-01", "V9208", "300000", "竞争性谈判", None, "2025-09-05")
    p.truth(rid, "S03", table, a, "0", "decoy", "同一项目但品类不同（货物与服务） / one project, two categories")
    p.truth(rid, "S03", table, b, "0", "decoy", "同上 / the other purchase")
    a = approval("S03", "安全培训", "服务", "IC-安全培训-01", "V9210", "300000", "竞争性谈判", None, "2025-11-01")
    b = approval("S04", "安全培训", "服务", "IC-安全培训-01", "V9210", "300000", "竞争性谈判", None, "2025-11-05")
    p.truth(rid, "S03", table, a, "0", "decoy", "同名预算项目分属两个单位，各自一笔 / the same project name in two "
            "subsidiaries, one purchase each")
    p.truth(rid, "S04", table, b, "0", "decoy", "同上，另一单位 / the other subsidiary")
    approval("S04", "食堂设备", "货物", "IC-食堂-01", "V9209", "400000", "公开招标", None, "2025-10-01")
    a = approval("S04", "食堂设备", "货物", "IC-食堂-01", "V9209", "200000", "竞争性谈判", None, "2025-10-20")
    p.truth(rid, "S04", table, a, "0", "decoy", "同项目另一笔已公开招标，余下一笔不构成拆分 / the other purchase "
            "was tendered")

    rid = "RF_PROC_003"
    a = approval("S04", "劳保用品", "货物", "IC-劳保-01", "V9301", "50000", "询价", 2, "2025-12-31")
    p.truth(rid, "S04", table, a, "50000", "planted", "恰为询价上限5万，报价2家少于3家 / at the upper bound, two quotes")
    a = approval("S04", "印刷服务", "服务", "IC-印刷-01", "V9302", "5000.00", "询价", None, "2026-01-01")
    p.truth(rid, "S04", table, a, "5000.00", "planted", "恰为询价下限5千，询价记录为空 / at the lower bound, no record")
    a = approval("S04", "小型维修", "工程", "IC-维修-01", "V9303", "30000", "询价 ", 0, "2026-02-28")
    p.truth(rid, "S04", table, a, "30000", "planted", "询价记录为0，方式末尾有空格 / zero records, a stray space")
    a = approval("S04", "办公耗材", "货物", "IC-耗材-01", "V9304", "20000", "询价采购", 1, "2026-03-01")
    p.truth(rid, "S04", table, a, "20000", "planted", "方式写作“询价采购”，报价1家 / written 询价采购, one quote")
    a = approval("S04", "绿植租摆", "服务类", "IC-绿植-01", "V9308", "12000", "询价 采购", 2, "2026-02-02")
    p.truth(rid, "S04", table, a, "12000", "planted", "品类写作“服务类”、方式写作“询价 采购”，报价2家 / category and "
            "method as an OA form writes them")
    # decoys
    a = approval("S04", "办公椅", "货物", "IC-办公椅-01", "V9305", "40000", "询价", 3, "2026-01-15")
    p.truth(rid, "S04", table, a, "0", "decoy", "报价恰为3家 / exactly three quotes")
    a = approval("S04", "空调维保", "服务", "IC-空调-01", "V9306", "50000.01", "询价", 0, "2026-01-16")
    p.truth(rid, "S04", table, a, "0", "decoy", "超出询价区间1分（不属询价采购规则） / one cent above the inquiry range")
    a = approval("S04", "文具", "货物", "IC-文具-01", "V9307", "4999.99", "询价", 0, "2026-01-17")
    p.truth(rid, "S04", table, a, "0", "decoy", "低于询价下限1分 / one cent below the inquiry range")


# ---------------------------------------------------------------------------------------------------------------
# RF_PROC_001 应招未招: the second author's cases (S01)
# ---------------------------------------------------------------------------------------------------------------

def _tender(p: Planter, approval: _Approvals) -> None:
    rid, table = "RF_PROC_001", TABLE
    a = approval("S01", "网络安全设备", "货物", "IC-网安-01", "V9501", "520000", "竞争性谈判方式", None,
                 "2026-01-20 16:45:00", status="审批通过")
    p.truth(rid, "S01", table, a, "520000", "planted",
            "状态写作“审批通过”、方式写作“竞争性谈判方式”、审批日期带时刻 / approved as 审批通过, a date with its time")
    a = approval("S01", "食堂改造", "工程类", "IC-食堂改造-01", "V9502", "500000.00", "单一来源采购", None,
                 "2025-12-31", status="通过")
    p.truth(rid, "S01", table, a, "500000.00", "planted",
            "品类写作“工程类”、状态“通过”，恰达限额的单一来源采购 / exactly at the threshold, 工程类 and 通过")
    a = approval("S01", "年度审计服务", "服务", "IC-审计服务-01", "V9503", "650000.5", "竞争性磋商", None,
                 "2026-02-02", status="已审批")
    p.truth(rid, "S01", table, a, "650000.5", "planted", "状态写作“已审批”，金额一位小数 / 已审批, one decimal")
    a = approval("S01", "生产线改造", "工 程", "IC-生产线-01", "V9504", "4000000", " 询价 ", 5, "2025-10-10",
                 status=" 已批准 ")
    p.truth(rid, "S01", table, a, "4000000", "planted",
            "恰达国家工程招标限额400万仍以询价方式采购，品类、状态有空格 / the national threshold by inquiry")
    # decoys
    a = approval("S01", "视频会议系统", "货物", "IC-视频会议-01", "V9505", "499999.99", "竞争性谈判", None,
                 "2026-01-05 10:30:00", status="审批通过")
    p.truth(rid, "S01", table, a, "0", "decoy", "差1分达到限额，日期带时刻 / one cent under, a date with its time")
    a = approval("S01", "仓储服务", "服务", "IC-仓储-01", "V9506", "900000", "竞争性谈判", None, "2026-02-10",
                 status="不同意")
    p.truth(rid, "S01", table, a, "0", "decoy", "审批结果“不同意”（含“同意”二字），未采购 / refused")
    a = approval("S01", "消防改造", "工程", "IC-消防-01", "V9507", "800000", "单一来源", None, "2026-03-01",
                 status="审批中")
    p.truth(rid, "S01", table, a, "0", "decoy", "仍在审批中 / still in approval")
    a = approval("S01", "车辆租赁", "服务", "IC-租车-01", "V9508", "700000", "竞争性谈判", None, "2026-01-08",
                 status="已撤回")
    p.truth(rid, "S01", table, a, "0", "decoy", "申请已撤回 / withdrawn")
    a = approval("S01", "办公楼租赁", "服务", "IC-办公楼-01", "V9509", "1500000", "公开招标采购", None, "2026-01-09",
                 status="审批通过")
    p.truth(rid, "S01", table, a, "0", "decoy", "公开招标，方式写作“公开招标采购” / a public tender written with 采购")
    a = approval("S01", "信息系统集成", "服务", "IC-集成-01", "V9510", "2600000", "邀请招标方式", None, "2026-01-12")
    p.truth(rid, "S01", table, a, "0", "decoy", "邀请招标，方式写作“邀请招标方式” / an invited tender with 方式")
    a = approval("S01", "办公设备", "货物", "IC-办公设备-01", "V9511", "600000", "公开招标（电子招标平台）", None,
                 "2026-02-15")
    p.truth(rid, "S01", table, a, "0", "decoy",
            "公开招标，方式带括号备注“（电子招标平台）” / a public tender with a bracketed remark")


# ---------------------------------------------------------------------------------------------------------------
# RF_PROC_002 化整为零规避招标: the second author's cases (S01, S02)
# ---------------------------------------------------------------------------------------------------------------

def _split(p: Planter, approval: _Approvals) -> None:
    rid, table = "RF_PROC_002", TABLE
    rows = [approval("S01", "办公电脑一批", "货物", "IC-办公电脑-2025", "V9521", "200000", "询价", 3, "2025-11-30"),
            approval("S01", "办公电脑二批", "货物类", "ＩＣ－办公电脑－２０２５", "V9522", "200000", "竞争性谈判", None,
                     "2025-12-31 23:10:00", status="审批通过"),
            approval("S01", "办公电脑三批", "货物", "ic 办公电脑 2025", "V9523", "200000", "单一来源", None,
                     "2026-01-01 09:00:00", status="通过")]
    for a in rows:
        p.truth(rid, "S01", table, a, "200000", "planted",
                "同一预算项目（全角、空格、小写写法）三家供应商跨年三次各20万 / one project written three ways, "
                "three suppliers, across the year end")
    a = approval("S01", "会议服务上半年", "服务", "IC-会议服务-01", "V9524", "250000", "竞争性磋商", None, "2025-02-10")
    b = approval("S01", "会议服务下半年", "服务", "IC-会议服务-01", "V9525", "250000", "竞争性磋商", None, "2026-02-10")
    p.truth(rid, "S01", table, a, "250000", "planted", "相隔恰为365天（一年窗口的边界），合计恰达50万 / exactly "
            "365 days apart, exactly the threshold")
    p.truth(rid, "S01", table, b, "250000", "planted", "同上，第二笔 / the second purchase")
    a = approval("S01", "机房空调", "货物", "IC-机房空调-01", "V9526", "250000", "竞争性谈判", None, "2025-09-09")
    b = approval("S01", "机房空调", "货物", "IC-机房空调-01", "V9526", "250000", "竞争性谈判", None, "2025-09-09")
    p.truth(rid, "S01", table, a, "250000", "planted", "同一采购同日拆成两张审批单 / one purchase split over two "
            "approvals on one day")
    p.truth(rid, "S01", table, b, "250000", "planted", "同上，第二张审批单 / the second approval")
    a = approval("S02", "保洁服务", "服务类", "IC-保洁-01", "V9527", "260000", "询价采购", 3, "2025-06-30",
                 status="审批通过")
    b = approval("S02", "保洁服务续", "服 务", "IC-保洁-01", "V9528", "240000", "竞争性磋商", None, "2025-07-01",
                 status="已审批")
    p.truth(rid, "S02", table, a, "260000", "planted", "品类写作“服务类”与“服 务”，方式不同，跨月 / category "
            "written two ways, two methods, across a month end")
    p.truth(rid, "S02", table, b, "240000", "planted", "同上，第二笔 / the second purchase")
    # decoys
    rows = [approval("S02", "宣传品", "货物", "IC-宣传品-01", "V9531", "200000", "竞争性谈判", None, "2025-01-10"),
            approval("S02", "宣传品", "货物", "IC-宣传品-01", "V9532", "200000", "竞争性谈判", None, "2025-07-01"),
            approval("S02", "宣传品", "货物", "IC-宣传品-01", "V9533", "200000", "竞争性谈判", None, "2026-02-01")]
    for a in rows:
        p.truth(rid, "S02", table, a, "0", "decoy",
                "13个月内合计60万，但任一滚动一年内只有两笔40万 / 600,000 over 13 months, never 500,000 in one "
                "rolling year")
    a = approval("S02", "电梯维保", "服务", "IC-电梯-01", "V9534", "300000", "竞争性谈判", None, "2025-08-01")
    b = approval("S02", "电梯维保", "服务", "IC-电梯-01", "V9535", "250000", "竞争性谈判", None, "2025-08-20",
                 status="已驳回")
    p.truth(rid, "S02", table, a, "0", "decoy", "另一笔已驳回，批准的只有30万 / the other request was rejected")
    p.truth(rid, "S02", table, b, "0", "decoy", "同上，驳回的一笔 / the rejected one")
    a = approval("S02", "外墙清洗", "服务", "IC-外墙-01", "V9536", "300000", "竞争性谈判", None, "2025-05-01")
    b = approval("S02", "外墙清洗", "服务", "IC-外墙-01", "V9537", "250000", "竞争性谈判", None, "2025-05-20",
                 status="审批中")
    p.truth(rid, "S02", table, a, "0", "decoy", "另一笔仍在审批中 / the other request is still in approval")
    p.truth(rid, "S02", table, b, "0", "decoy", "同上，审批中的一笔 / the one in approval")
    a = approval("S02", "实验耗材", "货物", "IC-实验-01", "V9538", "500000", "单一来源", None, "2025-11-01")
    b = approval("S02", "实验耗材", "货物", "IC-实验-01", "V9538", "100000", "单一来源", None, "2025-11-15")
    p.truth("RF_PROC_001", "S02", table, a, "500000", "planted", "恰达限额的单一来源采购 / exactly at the threshold")
    p.truth(rid, "S02", table, a, "0", "decoy", "本身达到限额（属应招未招），不是化整为零的一部分 / itself at the "
            "threshold: RF_PROC_001, not a part of a split")
    p.truth(rid, "S02", table, b, "0", "decoy", "同项目低于限额的只有这一笔 / the only purchase below the threshold")
    # no budget project, written as OA forms fill an optional field: 无, 暂无, /, N/A or left empty
    a = approval("S02", "会议桌椅", "货物", "无", "V9551", "300000", "竞争性谈判", None, "2025-09-01")
    b = approval("S02", "会议音响", "货物", "无 ", "V9552", "250000", "竞争性谈判", None, "2025-09-20")
    p.truth(rid, "S02", table, a, "0", "decoy", "预算项目填“无”（即无项目），两家不同供应商，不是同一项目 / no project "
            "(written 无), two suppliers")
    p.truth(rid, "S02", table, b, "0", "decoy", "同上，另一供应商 / the other supplier")
    a = approval("S02", "安保服务", "服务", "/", "V9553", "300000", "竞争性磋商", None, "2025-10-01")
    b = approval("S02", "保安服务", "服务", "N/A", "V9554", "250000", "竞争性磋商", None, "2025-10-08")
    p.truth(rid, "S02", table, a, "0", "decoy", "预算项目填“/”与“N/A”，两家不同供应商 / no project written / and N/A")
    p.truth(rid, "S02", table, b, "0", "decoy", "同上，另一供应商 / the other supplier")
    a = approval("S02", "道路修补", "工程", "暂无", "V9555", "300000", "竞争性谈判", None, "2025-10-01")
    b = approval("S02", "道路修补二期", "工程", "", "V9555", "250000", "竞争性谈判", None, "2025-10-15")
    p.truth(rid, "S02", table, a, "300000", "planted", "无预算项目（一张填“暂无”、一张留空），同一供应商两次合计55万 / "
            "no project (暂无 and empty), one supplier")
    p.truth(rid, "S02", table, b, "250000", "planted", "同上，第二笔 / the second purchase")


# ---------------------------------------------------------------------------------------------------------------
# RF_PROC_003 询价采购无询价记录: the second author's cases (S01)
# ---------------------------------------------------------------------------------------------------------------

def _inquiry(p: Planter, approval: _Approvals) -> None:
    rid, table = "RF_PROC_003", TABLE
    a = approval("S01", "劳保鞋", "货物", "IC-劳保鞋-01", "V9541", "50000.00", "询 价", 2, "2026-01-31 17:20:00",
                 status="已审批")
    p.truth(rid, "S01", table, a, "50000.00", "planted",
            "恰为询价上限、报价2家，方式“询 价”、状态“已审批”、日期带时刻 / at the upper bound, two quotes")
    a = approval("S01", "小型修缮", "工程类", "IC-修缮-01", "V9542", "5000", "询价方式", None, "2025-12-31",
                 status="审批通过")
    p.truth(rid, "S01", table, a, "5000", "planted", "恰为询价下限、无询价记录，写作“询价方式”“工程类” / at the lower "
            "bound, no record")
    a = approval("S01", "标识标牌", "货物", "IC-标识-01", "V9543", "18000", "询价采购", 2, "2026-02-20", status="通过")
    p.truth(rid, "S01", table, a, "18000", "planted", "报价2家，状态“通过” / two quotes, 通过")
    # decoys
    a = approval("S01", "窗帘", "货物类", "IC-窗帘-01", "V9544", "49999.99", "询价", 3, "2026-02-21",
                 status="审批通过")
    p.truth(rid, "S01", table, a, "0", "decoy", "报价恰为3家 / exactly three quotes")
    a = approval("S01", "办公桌", "货物", "IC-办公桌-01", "V9545", "30000", "询价", 0, "2026-02-22", status="审批中")
    p.truth(rid, "S01", table, a, "0", "decoy", "无询价记录但仍在审批中 / no record, still in approval")
    a = approval("S01", "软件服务", "服务", "IC-软件-01", "V9546", "30000", "竞争性谈判", 0, "2026-02-23")
    p.truth(rid, "S01", table, a, "0", "decoy", "竞争性谈判（非询价方式），无询价记录 / not an inquiry purchase")
    a = approval("S01", "打印纸", "货物", "IC-打印纸-01", "V9547", "8000", "询价", 4, "2026-02-24")
    p.truth(rid, "S01", table, a, "0", "decoy", "报价4家 / four quotes")
    a = approval("S01", "茶叶", "货物", "IC-茶叶-01", "V9548", "20000", "询价", 1, "2026-02-25", status="已作废")
    p.truth(rid, "S01", table, a, "0", "decoy", "已作废的审批单 / voided")


# ---------------------------------------------------------------------------------------------------------------
# The third author's cases (S05): the rolling year across a leap day, approval dates written 2024.02.28 and
# 20250228, an inquiry purchase whose quotes are recorded for another approval
# ---------------------------------------------------------------------------------------------------------------

def _third_cases(p: Planter, approval: _Approvals) -> None:
    """third author: RF_PROC_002's one-year window is a calendar year: 2024-02-28 to 2025-02-28 is one year
    (366 days, across 2024-02-29), as 2025-02-10 to 2026-02-10 (365 days) is; 2024-02-28 to 2025-03-01 is not."""
    rid, table = "RF_PROC_002", TABLE
    a = approval("S05", "安保服务上期", "服务", "IC-安保-2024", "V9601", "250000", "竞争性磋商", None, "2024.02.28")
    b = approval("S05", "安保服务下期", "服务", "IC-安保-2024", "V9602", "250000", "竞争性磋商", None, "20250228")
    p.truth(rid, "S05", table, a, "250000", "planted",
            "同一预算项目两次各25万，相隔恰为一年（跨闰日2月29日，366天），合计恰达50万 / exactly one year apart "
            "across the leap day")
    p.truth(rid, "S05", table, b, "250000", "planted", "同上，第二笔 / the second purchase")
    a = approval("S05", "档案数字化一期", "服务", "IC-档案数字化", "V9603", "250000", "竞争性磋商", None,
                 "2024-02-28")
    b = approval("S05", "档案数字化二期", "服务", "IC-档案数字化", "V9604", "250000", "竞争性磋商", None,
                 "2025-03-01")
    p.truth(rid, "S05", table, a, "0", "decoy", "相隔一年零一天（跨闰日） / one year and a day apart")
    p.truth(rid, "S05", table, b, "0", "decoy", "同上 / the other purchase")
    a = approval("S05", "闰日采购", "货物", "IC-闰日-01", "V9605", "260000", "询价", 3, "2024-02-29")
    b = approval("S05", "闰日采购续", "货物", "IC-闰日-01", "V9606", "240000", "询价", 3, "2025-02-28")
    p.truth(rid, "S05", table, a, "260000", "planted",
            "闰日2月29日一笔，次年2月28日（一年期满日）另一笔，合计恰达50万 / from the leap day to its anniversary")
    p.truth(rid, "S05", table, b, "240000", "planted", "同上，第二笔 / the second purchase")

    rid = "RF_PROC_003"
    a = approval("S05", "会议茶歇", "服务", "IC-茶歇-01", "V9607", "9800", "询价", 2, "2026.01.08",
                 status="同意")
    p.truth(rid, "S05", table, a, "9800", "planted",
            "审批结果写作“同意”、日期写作2026.01.08，报价2家 / 同意, a dotted date, two quotes")


def plant(p: Planter) -> None:
    _first_cases(p)
    approval = _Approvals(p, "IC-CX")
    _tender(p, approval)
    _split(p, approval)
    _inquiry(p, approval)
    _third_cases(p, _Approvals(p, "IC-C3"))
