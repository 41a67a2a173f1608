from __future__ import annotations

import csv
import hashlib
import sqlite3
from datetime import date
from pathlib import Path

from jiandu_dev.generator.generate import generate


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_gives_identical_files(tmp_path: Path):
    generate(tmp_path / "a", scale="S", seed=7)
    generate(tmp_path / "b", scale="S", seed=7)
    generate(tmp_path / "c", scale="S", seed=8)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a")["nc_erp.sqlite"] != _digest(tmp_path / "c")["nc_erp.sqlite"]


def test_demo_group_shape_and_ground_truth(demo_sources: Path):
    db = sqlite3.connect(demo_sources / "nc_erp.sqlite")
    subs = [r[0] for r in db.execute("select org_code from org where org_level = 2")]
    assert len(subs) >= 5
    first, last = db.execute("select min(bill_date), max(bill_date) from ar_bill where summary <> '期初余额结转'"
                             " and bill_date > '2025-01-01'").fetchone()
    assert (date.fromisoformat(last) - date.fromisoformat(first)).days >= 330  # twelve months of business
    truth = list(csv.DictReader((demo_sources / "ground_truth.csv").open(encoding="utf-8")))
    planted = [r for r in truth if r["rule_id"] == "RF_AR_001" and r["kind"] == "planted"]
    decoys = [r for r in truth if r["rule_id"] == "RF_AR_001" and r["kind"] == "decoy"]
    assert {r["subsidiary_code"] for r in planted} == set(subs)
    as_of = date(2026, 11, 1)
    for row in planted:
        bill_date, balance = db.execute("select bill_date, open_balance from ar_bill where bill_no = ?",
                                        (row["source_keys"],)).fetchone()
        assert (as_of - date.fromisoformat(bill_date)).days > 1095
        assert f"{balance:.2f}" == row["amount"]
    ages = sorted((as_of - date.fromisoformat(db.execute("select bill_date from ar_bill where bill_no = ?",
                                                          (r["source_keys"],)).fetchone()[0])).days for r in decoys)
    assert min(ages) < 1095 and 1095 in ages  # 2 years 11 months, and exactly three years


def test_rank_history_never_ends_before_it_starts_at_tier_l_length():
    """Over a five-year period staff are hired during the period: a promotion is never dated before the hire
    (tier M's HR batch was quarantined on one such rank_history row)."""
    from jiandu_dev.generator import erp
    from jiandu_dev.generator.context import Context
    from jiandu_dev.generator.generate import SCALES
    from jiandu_dev.generator.people import base_staff, rank_history
    from jiandu_dev.generator.writer import GroundTruth

    ctx = Context(scale=SCALES["L"], seed=42, as_of=date(2026, 11, 1), truth=GroundTruth())
    ctx.subsidiaries = erp.subsidiaries(ctx.scale)[:20]
    people = base_staff(ctx)
    rows = list(rank_history(people))
    promoted = [p for p in people if p.promoted_on]
    assert promoted and len(rows) == len(people) + len(promoted)
    bad = [r for r in rows if r["effective_to"] and r["effective_to"] < r["effective_from"]]
    assert bad == []
