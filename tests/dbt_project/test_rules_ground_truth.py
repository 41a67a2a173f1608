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
    ("RF_JE_001", 10, 10),  # holiday and weekend per subsidiary; 调休 make-up day, system voucher on a holiday
    ("RF_JE_002", 10, 10),  # cash and 业务招待费; round in a non-sensitive account, round cash below the size
    ("RF_JE_003", 10, 10),  # in the band below 50,000 and 100,000; exactly 50,000, just below the band
    ("RF_JE_004", 5, 5),  # checked by the preparer; prepared and posted by one person, checked by another
    ("RF_JE_005", 5, 5),  # posted four working days after close; posted minutes before close
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


# Procurement, asset, fund, receivable and reporting rules: (planted, decoys, flags) on the demo group. Flags
# can be fewer than planted rows where one flag covers several (a split purchase's approvals, one customer's
# bills); nothing is flagged beyond the planted cases.
PROC_ASSET_COUNTS = {
    "RF_PROC_001": (5, 10, 5),  # without tender at or above the threshold; exactly the threshold by tender, 1 below
    "RF_PROC_002": (13, 40, 5),  # five split shapes, one flag each; 1 below, 400 days apart, other projects/category
    "RF_PROC_003": (5, 10, 5),  # too few quotes; exactly the required number, below the inquiry band
    "RF_ASSET_001": (7, 13, 7),  # no card, only a disposed card; ids typed five ways, no id but same name, disposed
    "RF_ASSET_002": (5, 10, 5),  # a different share booked per subsidiary; booked in full, split under typed numbers
    "RF_ASSET_003": (5, 5, 5),  # below the appraised rent; exactly the appraised rent
    "RF_ASSET_004": (5, 10, 5),  # below the appraised value; at it, a write-off
    "RF_FUND_001": (5, 10, 5),  # special-fund account (number typed with spaces or dashes); own funds, raised funds
    "RF_AR_003": (6, 4, 6),  # late twice, missing, omitted, understated and foreign bills; on the due date, messy
    # names and bill numbers, rounding within the tolerance
}


def test_procurement_asset_and_receivable_rules(results):
    got = {rid: (results[rid].planted, results[rid].decoys, results[rid].flags) for rid in PROC_ASSET_COUNTS}
    assert got == PROC_ASSET_COUNTS
    for rid in PROC_ASSET_COUNTS:
        r = results[rid]
        assert (r.found, r.decoys_flagged, r.amount_mismatches) == (r.planted, [], []), rid
