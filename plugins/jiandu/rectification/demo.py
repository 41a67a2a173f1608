"""Demo rectification data for `make demo`: a few problems (from the night's flags and from inspection and
audit reports), their measures, responsibilities, outcomes and 督办, recorded as of the three months before
the demo night so the monthly report and its trend are not empty. Idempotent: nothing is added when demo
records exist. Changes go through jiandu.rectification.model like anyone's, dated with `at` (补录).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from psycopg import Connection

from jiandu.flags.dispositions import update_flag
from jiandu.rectification import model
from jiandu.rectification.model import Actor
from jiandu.settings import get_settings
from jiandu.warehouse import connect

SOURCE = "demo"
UNIT_AUDITOR = Actor("demo_rectification_contact", "auditor", True)  # records problems and progress
OFFICE = Actor("demo_inspection_office", "admin")  # 集团巡察整改办公室: approves and closes out


def _candidates(conn: Connection) -> list[tuple[str, str, list[str]]]:
    """(subsidiary, rule, flag ids) of untouched flags, the rules with the largest amounts first."""
    rows = conn.execute(
        """
        select f.subsidiary_code, f.rule_id, array_agg(f.flag_id order by f.amount desc nulls last, f.flag_id)
        from audit.flagged_items f left join audit.dispositions d on d.flag_id = f.flag_id
        left join rectification.problem_flags p on p.flag_id = f.flag_id
        where d.flag_id is null and p.flag_id is null and f.detection_state = 'active'
        group by f.subsidiary_code, f.rule_id order by sum(f.amount) desc nulls last, 1, 2
        """).fetchall()
    return [(sub, rule, ids) for sub, rule, ids in rows]


def _pick(candidates: list[tuple[str, str, list[str]]]) -> list[tuple[str, str, list[str]]]:
    """Two groups for the demo: one with several flags (they make one problem), then one of another rule."""
    if not candidates:
        return []
    first = next((c for c in candidates if len(c[2]) > 1), candidates[0])
    second = next((c for c in candidates if c[1] != first[1]), None)
    return [first] + ([second] if second else [])


def seed_demo(as_of: date | None = None) -> int:
    """Create the demo problems unless they exist; returns how many were created."""
    with connect() as conn:
        if conn.execute("select 1 from rectification.history where source = %s limit 1", (SOURCE,)).fetchone():
            return 0
        latest = conn.execute("select max(as_of_date) from audit.flag_run_results").fetchone()[0]
        candidates = _pick(_candidates(conn))
        codes = [r[0] for r in conn.execute("select distinct subsidiary_code from audit.flagged_items order by 1")]
    tz = ZoneInfo(get_settings().timezone)
    now = datetime.now(tz)
    night = as_of or latest or now.date()
    base = date(night.year, night.month, 1) - timedelta(days=92)  # three months before the night's month

    def at(day: int, hour: int = 10) -> datetime:
        return min(datetime.combine(base + timedelta(days=day), time(hour), tz), now - timedelta(minutes=1))

    def d(day: int) -> date:
        return base + timedelta(days=day)

    def confirm(flag_ids: list[str], day: int) -> None:
        for fid in flag_ids:
            update_flag(fid, OFFICE.username, source=SOURCE, at=at(day, 9), status="核实中", assignee="审计部 王审计")
            update_flag(fid, OFFICE.username, source=SOURCE, at=at(day, 11), status="确认问题",
                        note="经核实属实，纳入整改问题清单")

    made = 0
    home = codes[0] if codes else "S01"
    # 1. 巡察反馈：三重一大 (by hand), two measures, one done, one overdue and escalated twice.
    p1 = model.create_problem(
        UNIT_AUDITOR, title="“三重一大”决策机制不够健全", subsidiary_code=home, source="巡视巡察",
        source_doc="集团党委第一巡察组反馈意见（巡察〔2026〕3号）", category="决策",
        description="超预算资金调动、对外捐赠赞助、资产处置等事项未明确金额标准，部分事项未经集体决策。",
        identified_on=d(5), due_on=d(120), origin=SOURCE, at=at(5))
    m11 = model.add_measure(UNIT_AUDITOR, p1["problem_id"], content="明确超预算资金调动和使用、对外大额捐赠、赞助、"
                            "资产处置等资金运作事项的金额标准，修订“三重一大”决策制度实施办法",
                            responsible_unit="办公室", responsible_person="陈主任", deadline=d(60), origin=SOURCE,
                            at=at(8))
    m12 = model.add_measure(UNIT_AUDITOR, p1["problem_id"], content="建立分层授权制度，编制授权清单并印发执行",
                            responsible_unit="财务部", responsible_person="刘经理", deadline=d(75), origin=SOURCE,
                            at=at(8))
    model.add_responsibility(UNIT_AUDITOR, p1["problem_id"], responsibility_type="主体责任",
                             responsible_leader="党委书记、董事长", responsible_department="办公室",
                             origin=SOURCE, at=at(8))
    model.add_responsibility(UNIT_AUDITOR, p1["problem_id"], responsibility_type="领导责任",
                             responsible_leader="总会计师", responsible_department="财务部", origin=SOURCE, at=at(8))
    model.complete_measure(UNIT_AUDITOR, m11["measure_id"], evidence=["办发〔2026〕21号", "党委会纪要第18期"],
                           note="已修订并印发", completed_on=d(50), origin=SOURCE, at=at(50))
    model.approve_measure(OFFICE, m11["measure_id"], approved_on=d(55), origin=SOURCE, at=at(55))
    model.add_outcome(UNIT_AUDITOR, p1["problem_id"], kind="制度修订", rules=1,
                      detail="《“三重一大”决策制度实施办法》", recorded_on=d(50), origin=SOURCE, at=at(50))
    del m12
    made += 1
    # 2. From the night's flags (one rule, one subsidiary, up to three flags): done, approved, closed out.
    if candidates:
        sub, _, ids = candidates[0]
        confirm(ids[:3], 18)
        p2 = model.create_problem(UNIT_AUDITOR, flag_ids=ids[:3], due_on=d(90), identified_on=d(20), origin=SOURCE,
                                  at=at(20))
        m21 = model.add_measure(UNIT_AUDITOR, p2["problem_id"], content="全额收回清退违规款项，逐笔核对入账",
                                responsible_unit="财务部", responsible_person="周会计", deadline=d(50), origin=SOURCE,
                                at=at(21))
        m22 = model.add_measure(UNIT_AUDITOR, p2["problem_id"], content="新制定费用报销审核细则，纳入系统控制",
                                responsible_unit="财务部", responsible_person="周会计", deadline=d(70), origin=SOURCE,
                                at=at(21))
        model.add_responsibility(UNIT_AUDITOR, p2["problem_id"], responsibility_type="直接责任",
                                 responsible_leader="分管副总经理", responsible_department="财务部",
                                 origin=SOURCE, at=at(21))
        model.complete_measure(UNIT_AUDITOR, m21["measure_id"], evidence=["收款凭证 记-2026-0912"],
                               completed_on=d(45), origin=SOURCE, at=at(45))
        model.approve_measure(OFFICE, m21["measure_id"], approved_on=d(48), origin=SOURCE, at=at(48))
        model.complete_measure(UNIT_AUDITOR, m22["measure_id"], evidence=["财发〔2026〕9号"],
                               completed_on=d(66), origin=SOURCE, at=at(66))
        model.approve_measure(OFFICE, m22["measure_id"], approved_on=d(69), origin=SOURCE, at=at(69))
        for kind, values, detail in [("诫勉谈话", {"people": 1}, "对直接责任人诫勉谈话"),
                                     ("教育提醒", {"people": 3}, "对经办人员教育提醒"),
                                     ("清退", {"amount": "165800"}, "收回清退违规金"),
                                     ("制度新建", {"rules": 1}, "《费用报销审核细则》")]:
            model.add_outcome(UNIT_AUDITOR, p2["problem_id"], kind=kind, detail=detail, recorded_on=d(60),
                              origin=SOURCE, at=at(60), **values)
        model.close_problem(OFFICE, p2["problem_id"], note="措施全部完成并经审核，同意销号", closed_on=d(75),
                            origin=SOURCE, at=at(75))
        made += 1
    # 3. From a flag of another rule: one measure overdue, one in progress; losses retrieved.
    if len(candidates) > 1:
        sub, _, ids = candidates[1]
        confirm(ids[:1], 38)
        p3 = model.create_problem(UNIT_AUDITOR, flag_ids=ids[:1], due_on=d(150), identified_on=d(40), origin=SOURCE,
                                  at=at(40))
        model.add_measure(UNIT_AUDITOR, p3["problem_id"], content="追偿损失并完善合同审批流程",
                          responsible_unit="法务部", responsible_person="孙律师", deadline=d(85), origin=SOURCE,
                          at=at(42))
        model.add_measure(UNIT_AUDITOR, p3["problem_id"], content="开展专项自查，建立问题台账",
                          responsible_unit="审计部", responsible_person="吴审计", deadline=d(130), origin=SOURCE,
                          at=at(42))
        model.add_responsibility(UNIT_AUDITOR, p3["problem_id"], responsibility_type="监督责任",
                                 responsible_leader="纪委书记", responsible_department="审计部",
                                 origin=SOURCE, at=at(42))
        model.add_outcome(UNIT_AUDITOR, p3["problem_id"], kind="教育提醒", people=2, detail="相关经办人员",
                          recorded_on=d(70), origin=SOURCE, at=at(70))
        model.add_outcome(UNIT_AUDITOR, p3["problem_id"], kind="挽回", amount="35632.35", detail="追回合同多付款",
                          recorded_on=d(82), origin=SOURCE, at=at(82))
        made += 1
    # 4. 审计发现 (by hand), measures not yet set.
    model.create_problem(UNIT_AUDITOR, title="公务用车使用登记不规范", subsidiary_code=codes[-1] if codes else home,
                         source="审计", source_doc="内审报告（审计〔2026〕15号）", category="费用",
                         identified_on=d(84), due_on=d(175), origin=SOURCE, at=at(84))
    # 督办 of what is overdue then (the 分层授权 measure twice, the 追偿 measure once).
    model.escalate_overdue(OFFICE, as_of=d(80), origin=SOURCE, at=at(80))
    model.escalate_overdue(OFFICE, as_of=d(88), origin=SOURCE, at=at(88))
    return made + 1
