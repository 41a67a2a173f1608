"""Every implemented red-flag rule against the generator's ground truth on the demo group:
every planted case found with its amount, no decoy flagged (the same comparison as `make rules-report`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jiandu.rules_report import compare, current

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def results(embedded_demo_run: str, demo_sources: Path):
    return {r.rule_id: r for r in current(demo_sources)}


def test_every_implemented_rule_matches_the_ground_truth(results):
    implemented = [r for r in results.values() if r.implemented]
    assert implemented, "no rule model found in audit_rules"
    for r in implemented:
        assert r.planted > 0, f"{r.rule_id}: the generator plants no case for an implemented rule"
        assert r.decoys > 0, f"{r.rule_id}: the generator plants no near-miss decoy"
        assert r.missed == [], f"{r.rule_id} missed {r.missed}"
        assert r.decoys_flagged == [], f"{r.rule_id} flagged decoys {r.decoys_flagged}"
        assert r.amount_mismatches == [], f"{r.rule_id} amounts {r.amount_mismatches}"


def test_receivables_over_three_years(results):
    r = results["RF_AR_001"]
    assert (r.planted, r.found, r.decoys) == (7, 7, 15)


@pytest.mark.parametrize(("rule_id", "planted", "decoys"), [
    ("RF_JE_001", 10, 10),  # holiday and Saturday/Sunday per subsidiary; 调休 make-up day, system voucher on a holiday
    ("RF_JE_002", 15, 15),  # cash, 业务招待费, 其他应收款 by code or by name (1133); non-sensitive, below size, 现金折扣
    ("RF_JE_003", 15, 15),  # in the band below 50,000, 100,000, one bank payment; exactly 50,000, below, revenue
    ("RF_JE_004", 10, 10),  # by code, by name only / one code; posted by the preparer, a namesake with another code
    ("RF_JE_005", 5, 10),  # posted working days after close; posted minutes before close, at the close time
    ("RF_JE_006", 1, 1),  # one fabricated subsidiary-year; a fabricated sample under the minimum
    ("RF_KPI_001", 5, 2),  # at the warning line, over key supervision, three loss months; 1bp below, break-even
])
def test_journal_entry_and_kpi_rules(results, rule_id, planted, decoys):
    r = results[rule_id]
    assert r.implemented, f"{rule_id}: its model is not in audit_rules"
    assert (r.planted, r.found, r.decoys, len(r.decoys_flagged), len(r.amount_mismatches)) == \
        (planted, planted, decoys, 0, 0), (r.missed, r.decoys_flagged, r.amount_mismatches)
    assert r.flags == planted  # nothing flagged beyond the planted cases (the background is clean)


def test_comparison_catches_misses_decoys_and_wrong_amounts():
    """The comparison itself can fail: a missed case, a flagged decoy and a wrong amount are reported."""
    truth = [
        {"rule_id": "R1", "subsidiary_code": "S01", "source_table": "t.a", "source_keys": "K1", "amount": "10.00",
         "kind": "planted"},
        {"rule_id": "R1", "subsidiary_code": "S01", "source_table": "t.a", "source_keys": "K2", "amount": "5.00",
         "kind": "planted"},
        {"rule_id": "R1", "subsidiary_code": "S01", "source_table": "t.a", "source_keys": "D1", "amount": "1.00",
         "kind": "decoy"},
    ]
    flags = [{"flag_id": "f1", "rule_id": "R1", "amount": "11.00",
              "source_refs": [{"table": "t.a", "key": {"id": "K1"}}, {"table": "t.a", "key": {"id": "D1"}}]}]
    catalog = [{"rule_id": "R1", "rule_name_zh": "测试", "dbt_model": "rf_x"}]
    (r,) = compare(truth, flags, catalog, {"rf_x"})
    assert r.missed == ["S01 t.a K2"]
    assert r.decoys_flagged == ["S01 t.a D1"]
    assert r.amount_mismatches == ["f1: 11.00 ≠ 10.00"]
    assert not r.ok
