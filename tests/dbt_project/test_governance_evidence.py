"""The evidence text of the governance rules on the demo group, not only their flags and amounts: RF_REL_001 names
the related employee's role (申请人/审批人) in the purchase approvals, RF_SZYD_001 says which 党委会前置研究 fault
it found and shows the party committee item it read."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from jiandu.warehouse import connect

pytestmark = pytest.mark.slow


def _planted(sources: Path, rule_id: str) -> list[dict]:
    with (sources / "ground_truth.csv").open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["rule_id"] == rule_id and r["kind"] == "planted"]


def _evidence(table: str, subsidiary: str, subject_id: str) -> dict:
    with connect() as conn:
        rows = conn.execute(f"select evidence from audit_rules.{table} where subsidiary_code = %s and subject_id = %s",
                            (subsidiary, subject_id)).fetchall()
    assert len(rows) == 1, (table, subsidiary, subject_id, rows)
    return rows[0][0]


def test_related_party_evidence_states_the_employees_role(embedded_demo_run: str, demo_sources: Path):
    cases = [(r, re.search(r"采购(申请人|审批人)(S\d+E\d+)", r["note"])) for r in _planted(demo_sources, "RF_REL_001")]
    cases = [(r, m.group(1), m.group(2)) for r, m in cases if m]
    assert len(cases) >= 30  # every planted supplier names the requester or approver it is linked to
    for row, role, emp_code in cases:
        evidence = _evidence("rf_rel__related_party_supplier", row["subsidiary_code"], row["source_keys"])
        assert "关联人员参与了对该供应商的采购审批" in evidence["问题"], (row, evidence["问题"])
        assert emp_code in {p["人员编码"] for p in evidence["关联人员"]}, (row, evidence["关联人员"])
        took_part = [a for a in evidence["采购审批"]
                     if f"关联人员为{role}" in a["关联人员角色"] and a[role].split(" ")[0] == emp_code]
        assert took_part, (row, role, emp_code, evidence["采购审批"])
        assert all(a["关联人员角色"] in ("关联人员为申请人", "关联人员为审批人", "关联人员为申请人、关联人员为审批人",
                                      "未参与审批") for a in evidence["采购审批"])


PRESTUDY_FINDINGS = {  # the generator's note -> how the finding must begin, and whether a party item is shown
    "未经党委会前置研究": ("未经党委会前置研究：对外投资须经党委会前置研究，董事会议题", False),
    "党委会前置研究缓议": ("党委会前置研究未通过（议题", True),
    "先决策后前置研究": ("先决策后前置研究：党委会于", True),
}


def test_party_prestudy_findings_say_what_is_wrong(embedded_demo_run: str, demo_sources: Path):
    seen = 0
    for row in _planted(demo_sources, "RF_SZYD_001"):
        kind = next((k for k in PRESTUDY_FINDINGS if row["note"].startswith(k)), None)
        if kind is None:
            continue
        seen += 1
        begins, shows_party = PRESTUDY_FINDINGS[kind]
        subject = row["source_keys"]
        evidence = _evidence("rf_szyd__no_collective_decision", row["subsidiary_code"], subject)
        assert evidence["问题"].startswith(begins), (row, evidence["问题"])
        assert evidence["须经党委会前置研究"] == "是"
        assert evidence["决策会议"]["会议类型"] == "董事会"
        party = evidence["党委会前置研究"]
        if shows_party:
            assert party["会议类型"] == "党委会" and party["议题编号"], (row, party)
        if kind == "党委会前置研究缓议":
            assert "缓议" in evidence["问题"] and party["表决结果"] == "缓议"
        if kind == "先决策后前置研究":
            assert party["召开日期"] > evidence["决策会议"]["召开日期"], (row, party)
    assert seen == 15  # three per subsidiary of the demo group
