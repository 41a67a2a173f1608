"""Problems from flags and by hand, measures checked off and approved, 销号, outcomes, 督办, append-only history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import psycopg
import pytest

from jiandu.flags.dispositions import show_flag
from jiandu.rectification import model
from jiandu.rectification.model import Actor, RectificationError
from jiandu.warehouse import connect
from tests.plugins.jiandu.rectification.rect_data import confirm

OFFICE = Actor("group_auditor", "auditor", True)  # the inspection office: may approve and close out
S01 = Actor("s01_auditor", "auditor", False, ("S01",))


def _problem_with_measure(flags) -> tuple[dict, dict]:
    confirm(flags["W03"], flags["W04"])
    problem = model.create_problem(S01, flag_ids=[flags["W03"], flags["W04"]])
    measure = model.add_measure(S01, problem["problem_id"], content="清收逾期应收账款", responsible_unit="财务部",
                                responsible_person="赵会计", deadline="2026-12-31")
    return problem, measure


def test_several_confirmed_flags_make_one_problem(flags):
    confirm(flags["W03"], flags["W04"])
    problem = model.create_problem(S01, flag_ids=[flags["W03"], flags["W04"]])
    assert problem["problem_id"].startswith("ZG-")
    assert problem["subsidiary_code"] == "S01" and problem["source"] == "大数据监督"
    assert problem["status"] == "待制定措施"
    assert problem["amount_involved"] == Decimal("380000.00")  # 300,000 + 80,000
    shown = model.show_problem(problem["problem_id"])
    assert sorted(f["flag_id"] for f in shown["flags"]) == sorted([flags["W03"], flags["W04"]])
    with pytest.raises(RectificationError, match="已归入问题"):
        model.create_problem(S01, flag_ids=[flags["W03"]])


def test_unconfirmed_or_mixed_flags_are_refused(flags):
    with pytest.raises(RectificationError, match="须先确认问题"):
        model.create_problem(S01, flag_ids=[flags["W01"]])
    confirm(flags["W01"], flags["W05"])
    with pytest.raises(RectificationError, match="多个单位"):
        model.create_problem(OFFICE, flag_ids=[flags["W01"], flags["W05"]])
    with pytest.raises(RectificationError, match="不存在"):
        model.create_problem(S01, flag_ids=["nope"])


def test_problem_by_hand_from_an_inspection_report(flags):
    with pytest.raises(RectificationError, match="须注明来源"):
        model.create_problem(OFFICE, title="三重一大决策机制不够健全", subsidiary_code="S02")
    problem = model.create_problem(OFFICE, title="“三重一大”决策机制不够健全", subsidiary_code="S02",
                                   source="巡视巡察", source_doc="集团党委第二巡察组反馈意见", identified_on="2026-09-10")
    assert problem["problem_id"] == "ZG-2026-0001" and problem["subsidiary_name"] == "S02公司"
    assert problem["amount_involved"] is None


def test_measure_complete_approve_then_close_out(flags):
    problem, measure = _problem_with_measure(flags)
    pid = problem["problem_id"]
    assert model.show_problem(pid)["status"] == "整改中"
    flag = show_flag(flags["W03"])  # the flags follow the problem
    assert (flag["status"], flag["responsible_unit"], flag["rectification_due"]) == ("整改中", "财务部",
                                                                                      date(2026, 12, 31))
    with pytest.raises(RectificationError, match="尚未完成并审核通过"):
        model.close_problem(OFFICE, pid, note="已整改")
    with pytest.raises(RectificationError, match="佐证材料"):
        model.complete_measure(S01, measure["measure_id"], evidence="")
    done = model.complete_measure(S01, measure["measure_id"], evidence="财务〔2026〕12号; 收款凭证 2026-11-0031",
                                  note="已全额收回")
    assert done["status"] == "待审核" and done["evidence_refs"] == ["财务〔2026〕12号", "收款凭证 2026-11-0031"]
    with pytest.raises(RectificationError, match="集团巡察整改办公室"):
        model.approve_measure(S01, measure["measure_id"])  # a subsidiary auditor cannot approve
    with pytest.raises(RectificationError, match="不能审核自己"):
        model.approve_measure(Actor("s01_auditor", "admin"), measure["measure_id"])
    with pytest.raises(RectificationError, match="尚未完成并审核通过"):
        model.close_problem(OFFICE, pid, note="已整改")
    model.approve_measure(OFFICE, measure["measure_id"])
    closed = model.close_problem(OFFICE, pid, note="整改到位，同意销号")
    assert closed["status"] == "已销号" and closed["closed_by"] == "group_auditor"
    for key in ("W03", "W04"):
        flag = show_flag(flags[key])
        assert flag["status"] == "已整改销号" and flag["evidence_refs"] == ["财务〔2026〕12号", "收款凭证 2026-11-0031"]
        assert flag["history"][-1]["source"] == f"rectification:{pid}"
    with pytest.raises(RectificationError, match="已销号"):
        model.add_measure(S01, pid, content="x", responsible_unit="x", responsible_person="x", deadline="2026-12-31")
    actions = [h["action"] for h in model.show_problem(pid)["history"]]
    assert actions.count("complete") == 1 and actions.count("approve") == 1 and actions[-1] == "close"


def test_rejected_completion_goes_back_in_progress(flags):
    _, measure = _problem_with_measure(flags)
    model.complete_measure(S01, measure["measure_id"], evidence=["附件1"])
    back = model.reject_measure(OFFICE, measure["measure_id"], reason="佐证材料不全")
    assert back["status"] == "进行中" and back["completed_on"] is None and "佐证材料不全" in back["completion_note"]


def test_viewer_cannot_change_anything(flags):
    with pytest.raises(RectificationError, match="只读"):
        model.create_problem(Actor("viewer", "viewer"), title="x", subsidiary_code="S01", source="审计")


def test_outcomes_take_their_own_measure(flags):
    problem, _ = _problem_with_measure(flags)
    pid = problem["problem_id"]
    model.add_outcome(S01, pid, kind="诫勉谈话", people=2, detail="张某、李某")
    model.add_outcome(S01, pid, kind="清退", amount="165,800")
    model.add_outcome(S01, pid, kind="挽回", amount="35632.35")
    model.add_outcome(S01, pid, kind="制度修订", rules=3)
    with pytest.raises(RectificationError, match="只登记人数"):
        model.add_outcome(S01, pid, kind="诫勉谈话", people=1, amount=100)
    with pytest.raises(RectificationError, match="须填金额"):
        model.add_outcome(S01, pid, kind="清退")
    with pytest.raises(RectificationError, match="成效类型"):
        model.add_outcome(S01, pid, kind="罚款", amount=1)
    with pytest.raises(RectificationError, match="正整数"):
        model.add_outcome(S01, pid, kind="通报", people="-1")
    outcomes = model.show_problem(pid)["outcomes"]
    assert [(o["kind"], o["people"], o["rules"], o["amount"]) for o in outcomes] == [
        ("诫勉谈话", 2, None, None), ("清退", None, None, Decimal("165800.00")),
        ("挽回", None, None, Decimal("35632.35")), ("制度修订", None, 3, None)]
    voided = model.void(S01, "outcome", outcomes[0]["outcome_id"], reason="重复登记")
    assert voided["voided"] and "重复登记" in voided["detail"]


def test_overdue_measures_escalate_once_a_day_with_rising_level(flags):
    problem, measure = _problem_with_measure(flags)
    model.update_measure(S01, measure["measure_id"], deadline="2026-11-10")
    assert model.overdue_measures(date(2026, 11, 10)) == []
    overdue = model.overdue_measures(date(2026, 11, 20))
    assert [m["measure_id"] for m in overdue] == [measure["measure_id"]] and overdue[0]["days_overdue"] == 10
    first = model.escalate_overdue(OFFICE, as_of=date(2026, 11, 20))
    assert [(e["level"], e["level_label"]) for e in first] == [(1, "催办")]
    assert model.escalate_overdue(OFFICE, as_of=date(2026, 11, 20)) == []  # once a day
    second = model.escalate_overdue(OFFICE, as_of=date(2026, 11, 27))
    assert [(e["level"], e["level_label"], e["days_overdue"]) for e in second] == [(2, "督办", 17)]
    assert len(model.show_problem(problem["problem_id"])["escalations"]) == 2


def test_history_and_escalations_refuse_update_and_delete(flags):
    _problem_with_measure(flags)
    model.escalate_overdue(OFFICE, as_of=date(2027, 1, 5))
    for sql in ("update rectification.history set changed_by = 'x'", "delete from rectification.history",
                "truncate rectification.history", "delete from rectification.escalations"):
        with connect() as conn, pytest.raises(psycopg.errors.InsufficientPrivilege, match="只可追加"):
            conn.execute(sql)
    with connect() as conn:
        assert conn.execute("select count(*) from rectification.history").fetchone()[0] >= 5


def test_stale_version_is_refused(flags):
    problem, _ = _problem_with_measure(flags)
    current = model.show_problem(problem["problem_id"])
    model.update_problem(S01, problem["problem_id"], expected_version=current["version"], due_on="2027-03-31")
    with pytest.raises(RectificationError, match="已被他人修改"):
        model.update_problem(S01, problem["problem_id"], expected_version=current["version"], title="新标题")


def test_a_subsidiary_auditor_records_only_its_own_subsidiary(flags):
    with pytest.raises(RectificationError, match="不在您的数据范围内"):
        model.create_problem(S01, title="x", subsidiary_code="S02", source="审计")


def test_a_late_entry_needs_a_zoned_time_not_in_the_future(flags):
    from datetime import datetime, timedelta

    with pytest.raises(RectificationError, match="补录时间"):
        model.create_problem(OFFICE, title="x", subsidiary_code="S01", source="审计", at=datetime(2026, 10, 1))
    with pytest.raises(RectificationError, match="补录时间"):
        model.create_problem(OFFICE, title="x", subsidiary_code="S01", source="审计",
                             at=datetime.now().astimezone() + timedelta(hours=1))
