"""The disposition workflow as data: allowed moves pass, others are refused with a Chinese+English message."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jiandu.flags.workflow import DispositionError, empty_disposition, plan_change, workflow

TODAY = date(2026, 11, 22)


def test_workflow_file_defines_the_lifecycle():
    wf = workflow()
    assert wf.initial == "待核实"
    assert wf.allowed("核实中") == ["确认问题", "误报排除"]
    assert wf.allowed("确认问题") == ["整改中"] and wf.allowed("整改中") == ["已整改销号"]
    assert wf.terminal == {"误报排除", "已整改销号"}


def test_full_path_to_close_out():
    state = empty_disposition()
    state, diffs = plan_change("f", state, {"status": "核实中", "assignee": "张三"}, TODAY)
    assert [d[0] for d in diffs] == ["status", "assignee"]
    state, _ = plan_change("f", state, {"status": "确认问题"}, TODAY)
    state, _ = plan_change("f", state, {"status": "整改中", "responsible_unit": "华东公司财务部",
                                        "rectification_due": "2026-12-31"}, TODAY)
    assert state["rectification_due"] == date(2026, 12, 31)
    state, _ = plan_change("f", state, {"status": "已整改销号", "amount_recovered": "1,200,000.5",
                                        "evidence_refs": "监整改〔2026〕12号; 银行回单 001"}, TODAY)
    assert state["amount_recovered"] == Decimal("1200000.50")
    assert state["evidence_refs"] == ["监整改〔2026〕12号", "银行回单 001"]


@pytest.mark.parametrize("start,target", [("待核实", "确认问题"), ("待核实", "已整改销号"), ("核实中", "整改中"),
                                          ("误报排除", "核实中"), ("已整改销号", "整改中")])
def test_illegal_moves_are_refused(start, target):
    state = empty_disposition() | {"status": start}
    with pytest.raises(DispositionError) as exc:
        plan_change("f1", state, {"status": target}, TODAY)
    message = str(exc.value)
    assert f"不允许的状态变更 {start} → {target}" in message and "Illegal" not in message  # no English tail
    assert exc.value.errors[0].field == "status"


def test_required_fields_and_bad_values():
    state = empty_disposition() | {"status": "确认问题"}
    with pytest.raises(DispositionError) as exc:
        plan_change("f", state, {"status": "整改中", "amount_recovered": "-5", "rectification_due": "31/12/2026"},
                    TODAY)
    fields = {e.field for e in exc.value.errors}
    assert fields == {"amount_recovered", "rectification_due", "responsible_unit"}
    with pytest.raises(DispositionError, match="不可修改的字段"):
        plan_change("f", empty_disposition(), {"amount": 1}, TODAY)


def test_suppression_needs_reason_and_future_expiry():
    with pytest.raises(DispositionError) as exc:
        plan_change("f", empty_disposition(), {"suppressed": True, "suppressed_until": "2026-11-01"}, TODAY)
    assert {e.field for e in exc.value.errors} == {"suppression_reason", "suppressed_until"}
    state, _ = plan_change("f", empty_disposition(), {"suppressed": "是", "suppression_reason": "关联方内部往来",
                                                      "suppressed_until": "2027-06-30"}, TODAY)
    assert state["suppressed"] is True and state["suppressed_until"] == date(2027, 6, 30)
