"""The rules against cases written independently of the generator (tests/dbt_project/independent_cases):
another seed and as-of date, cases in the forms real exports take; every planted case found, no decoy flagged."""

from __future__ import annotations

import os
from pathlib import Path

import psycopg
import pytest

from jiandu_dev.rules_report import judge, read_ground_truth
from tests.conftest import REAL_SERVER, fresh_database, run_jiandu
from tests.dbt_project.independent_cases import AS_OF, SEED, areas, plant_all

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def independent_night(session_dir: Path):
    from jiandu_dev.generator.generate import generate

    sources = session_dir / "independent-sources"
    generate(sources, scale="S", seed=SEED, as_of=AS_OF)
    truth = read_ground_truth(plant_all(sources))
    name = f"jiandu_independent_{os.getpid()}"
    url = fresh_database(name)
    result = run_jiandu(["run", "--date", AS_OF.isoformat(), "--sources", str(sources)], {"WAREHOUSE_URL": url})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    with psycopg.connect(url) as conn:
        results = judge(conn, truth)
    yield {r.rule_id: r for r in results}, truth, url
    with psycopg.connect(REAL_SERVER, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


def test_the_cases_cover_areas():
    assert areas(), "no area module of independent cases"


def test_every_independent_case_found_and_no_decoy_flagged(independent_night):
    results, truth, _ = independent_night
    assert truth, "no independent case planted"
    failures = []
    for rule_id in sorted({row["rule_id"] for row in truth}):
        r = results[rule_id]
        if not r.ok:
            failures.append(f"{rule_id}: missed {r.missed}; decoys flagged {r.decoys_flagged}; "
                            f"amounts {r.amount_mismatches}")
    assert not failures, "\n".join(failures)


def test_messy_rows_warn_and_quarantine_nothing(independent_night):
    """The rows of independent_cases/mess.py (a claimant HR does not hold, an unbalanced voucher, period 13, a
    negative payment, dates written 2026/2/10 ...) are warnings naming their keys; every batch is promoted."""
    from tests.dbt_project.independent_cases.mess import WARNINGS

    _, _, url = independent_night
    with psycopg.connect(url) as conn:
        statuses = conn.execute("select source_system, source_table, status from audit_meta.load_batches"
                                " where status <> 'promoted'").fetchall()
        assert statuses == []
        warned = {}
        for name in WARNINGS:
            warned[name] = conn.execute(
                "select severity, failing_sample::text from audit_meta.validation_results"
                " where explanation_zh = %s and not success", (name,)).fetchall()
        assert {name: [sev for sev, sample in rows if WARNINGS[name] in (sample or "")]
                for name, rows in warned.items()} == {name: ["warning"] for name in WARNINGS}
        assert conn.execute("select status from audit_meta.runs").fetchall() == [("success",)]
