"""The reporting scorecard (报送质量评分卡) and RF_DQ_001 on the demo group: scores follow the planted
late, missing and rejected ledgers; a ledger submitted on its due date costs nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from jiandu.warehouse import connect
from jiandu_dev.rules_report import current

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scorecard(embedded_demo_run: str) -> dict[tuple[str, str], dict]:
    with connect() as conn:
        cur = conn.execute("select * from marts.fct_reporting_scorecard")
        names = [d.name for d in cur.description]
        return {(r["subsidiary_code"], r["quarter"]): r for r in (dict(zip(names, row, strict=True)) for row in cur)}


def test_missing_ledger_lowers_completeness(scorecard):
    q = scorecard[("S03", "2026Q2")]  # the 2026Q1 receivables ledger, due 2026-04-05, never arrived
    assert q["missing_count"] == 1 and q["completeness"] < 1 and q["timeliness"] < 1
    assert any(d["报送状态"] == "未报送" and d["报送期间"] == "2026Q1" for d in q["details"])


def test_rejected_file_lowers_validity(scorecard):
    q = scorecard[("S03", "2026Q3")]  # the 2026Q2 entertainment statistics with text in an amount cell
    assert q["rejected_count"] == 1 and q["validity"] < 1


def test_due_date_submission_is_on_time(scorecard):
    q = scorecard[("S05", "2026Q4")]
    assert (q["late_count"], q["missing_count"], q["rejected_count"]) == (0, 0, 0)
    assert q["score"] == 1


def test_every_quarter_counts_every_ledger_due(scorecard):
    for q in scorecard.values():
        assert q["expected_count"] == q["received_count"] + q["missing_count"] + q["rejected_count"]
        assert q["on_time_count"] + q["late_count"] == q["received_count"]


def test_rule_finds_the_planted_reporting_failures(embedded_demo_run: str, demo_sources: Path):
    r = {x.rule_id: x for x in current(demo_sources)}["RF_DQ_001"]
    assert (r.planted, r.found, r.decoys, r.flags) == (5, 5, 1, 5)  # S03 fails in two quarters (Q2 and Q3)
    assert r.ok
