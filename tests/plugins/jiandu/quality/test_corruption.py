"""Data corrupted on purpose fails its critical expectation and has exactly the effect the gate promises:
the system's batch is quarantined, raw keeps the last good data, the failure is recorded with a sample of the
failing keys, and nothing is dropped silently.

Each case corrupts a copy of the demo HR system (generated once) and runs the real extract-load and
validate-and-promote steps of the nightly DAG against its own database on the real server.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import psycopg
import pytest

from jiandu import pipeline, run_lease
from jiandu.pipeline import extract_load_system, validate_and_promote
from jiandu.sources.connections import connection_env
from tests.conftest import REAL_SERVER, fresh_database

pytestmark = pytest.mark.slow


def begin_run(run_id: str, as_of: date) -> None:
    """The pipeline's first step; no DAG ends these partial runs, so the run lease is freed at once."""
    pipeline.begin_run(run_id, as_of)
    run_lease.release(run_id)
SYSTEM = "hr"
NEW_TS = "2026-11-02 10:00:00"  # after the good load's watermark: the incremental extract picks it up


def _duplicate_key(db: sqlite3.Connection) -> str:
    """Returns what the failure's sample must contain (the failing key or value)."""
    db.execute("create table employee_copy as select * from employee")
    db.execute("drop table employee")
    db.execute("alter table employee_copy rename to employee")
    db.execute("update employee set ts = ? where emp_code = 'S02E0007'", (NEW_TS,))
    db.execute("insert into employee select * from employee where emp_code = 'S02E0007'")
    return "S02E0007"


def _malformed_date(db: sqlite3.Connection) -> str:
    db.execute("update employee set birth_date = '15/03/1985', ts = ? where emp_code = 'S03E0011'", (NEW_TS,))
    return "15/03/1985"  # value checks sample the failing values


def _unknown_employee(db: sqlite3.Connection) -> str:
    db.execute("insert into rank_history values ('S09E9999', 'R04', '2024-01-01', null, ?)", (NEW_TS,))
    return "S09E9999"


def _missing_required(db: sqlite3.Connection) -> str:
    db.execute("create table employee_copy as select * from employee")  # a source without NOT NULL
    db.execute("drop table employee")
    db.execute("alter table employee_copy rename to employee")
    db.execute("update employee set hire_date = null, ts = ? where emp_code = 'S04E0020'", (NEW_TS,))
    return ""  # the failing value is null: nothing to sample


CASES: dict[str, tuple[Callable[[sqlite3.Connection], str], str]] = {
    # case: (corruption, the failing expectation's explanation, as recorded in audit_meta.validation_results)
    "duplicate_key": (_duplicate_key, "主键emp_code唯一"),
    "malformed_date": (_malformed_date, "birth_date（出生日期）格式为日期"),
    "missing_required": (_missing_required, "必填字段hire_date（入职日期）不为空"),
}


def _business_rows(url: str) -> dict[str, str]:
    """Per raw HR table: an md5 over every row without its lineage (which batch, when)."""
    with psycopg.connect(url) as conn:
        tables = [r[0] for r in conn.execute("select tablename from pg_tables where schemaname = 'raw'"
                                             " and tablename like 'hr\\_\\_%%' order by 1")]
        return {t: conn.execute(
            f"select count(*) || ':' || md5(string_agg(r::text, ',' order by r::text)) from"
            f" (select to_jsonb(t) - '_batch_id' - '_extracted_at' - '_deleted_at' r from raw.{t} t) x").fetchone()[0]
            for t in tables}


@pytest.fixture(scope="module")
def good(demo_sources: Path, tmp_path_factory, request) -> dict:
    """A database holding the demo HR system after one good night."""
    folder = tmp_path_factory.mktemp("hr_good")
    shutil.copy(demo_sources / f"{SYSTEM}.sqlite", folder / f"{SYSTEM}.sqlite")
    name = f"jiandu_corrupt_{os.getpid()}"
    url = fresh_database(name)
    mp = pytest.MonkeyPatch()
    mp.setenv("WAREHOUSE_URL", url)
    for key, value in connection_env(SYSTEM, f"sqlite:///{folder / f'{SYSTEM}.sqlite'}").items():
        mp.setenv(key, value)
    begin_run("good-night", date(2026, 11, 1))
    verdicts = validate_and_promote("good-night", [extract_load_system(SYSTEM, "good-night")])
    assert verdicts[SYSTEM]["passed"], verdicts
    with psycopg.connect(url) as conn:
        counts = {t: conn.execute(f"select count(*), md5(string_agg(t::text, ',' order by t::text))"
                                  f" from raw.hr__{t} t").fetchone() for t in ("employee", "rank_history")}
    yield {"url": url, "folder": folder, "raw": counts, "mp": mp, "business": _business_rows(url)}
    mp.undo()
    with psycopg.connect(REAL_SERVER, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


@pytest.mark.parametrize("case", sorted(CASES))
def test_critical_corruption_quarantines_the_batch_and_keeps_raw(good: dict, case: str, tmp_path: Path,
                                                                monkeypatch):
    corrupt, explanation = CASES[case]
    shutil.copy(good["folder"] / f"{SYSTEM}.sqlite", tmp_path / f"{SYSTEM}.sqlite")
    with sqlite3.connect(tmp_path / f"{SYSTEM}.sqlite") as db:
        bad_key = corrupt(db)
    for key, value in connection_env(SYSTEM, f"sqlite:///{tmp_path / f'{SYSTEM}.sqlite'}").items():
        monkeypatch.setenv(key, value)
    run_id = f"corrupt-{case}"
    begin_run(run_id, date(2026, 11, 2))
    verdict = validate_and_promote(run_id, [extract_load_system(SYSTEM, run_id)])[SYSTEM]

    assert not verdict["passed"]
    assert any(explanation in failure for failure in verdict["critical"]), verdict["critical"]
    with psycopg.connect(good["url"]) as conn:
        statuses = {r[0] for r in conn.execute("select status from audit_meta.load_batches where run_id = %s",
                                               (run_id,))}
        assert statuses == {"quarantined"}
        for table, before in good["raw"].items():  # raw keeps the last good data, untouched
            after = conn.execute(f"select count(*), md5(string_agg(t::text, ',' order by t::text))"
                                 f" from raw.hr__{table} t").fetchone()
            assert after == before, table
        failing = conn.execute(
            "select severity, unexpected_count, failing_sample::text from audit_meta.validation_results"
            " where run_id = %s and not success", (run_id,)).fetchall()
    assert any(sev == "critical" and (count or 0) >= 1 and bad_key in (sample or "")
               for sev, count, sample in failing), failing


def test_short_batch_fails_the_row_count_reconciliation(good: dict, tmp_path: Path, monkeypatch):
    """Rows lost between the source and landing (a truncated transfer) fail the source-count check."""
    shutil.copy(good["folder"] / f"{SYSTEM}.sqlite", tmp_path / f"{SYSTEM}.sqlite")
    for key, value in connection_env(SYSTEM, f"sqlite:///{tmp_path / f'{SYSTEM}.sqlite'}").items():
        monkeypatch.setenv(key, value)
    run_id = "corrupt-short-batch"
    begin_run(run_id, date(2026, 11, 2))
    extracted = extract_load_system(SYSTEM, run_id)
    with psycopg.connect(good["url"], autocommit=True) as conn:
        conn.execute("delete from landing.hr__rank_history where ctid = (select min(ctid) from landing.hr__rank_history)")
    verdict = validate_and_promote(run_id, [extracted])[SYSTEM]
    assert not verdict["passed"]
    assert any("装载行数与源系统本批次行数一致" in failure for failure in verdict["critical"]), verdict["critical"]
    with psycopg.connect(good["url"]) as conn:
        assert conn.execute("select count(*) from raw.hr__rank_history").fetchone()[0] == good["raw"]["rank_history"][0]


def test_data_docs_keep_the_last_runs_and_show_the_failing_values(good: dict, tmp_path: Path, monkeypatch):
    """GX's file store (and so Data Docs) keeps the last JIANDU_GX_KEEP_RUNS runs of each suite, every result staying in
    the warehouse; a failed expectation's stored result and page carry the failing values found by the
    second, detailed pass (the checkpoints themselves only ask pass or fail)."""
    from jiandu.quality import gx_context

    monkeypatch.setenv("JIANDU_GX_KEEP_RUNS", "2")
    shutil.copy(good["folder"] / f"{SYSTEM}.sqlite", tmp_path / f"{SYSTEM}.sqlite")
    with sqlite3.connect(tmp_path / f"{SYSTEM}.sqlite") as db:
        bad_value = _malformed_date(db)
    for key, value in connection_env(SYSTEM, f"sqlite:///{tmp_path / f'{SYSTEM}.sqlite'}").items():
        monkeypatch.setenv(key, value)
    for night in range(3):
        begin_run(f"docs-{night}", date(2026, 11, 2 + night))
        verdict = validate_and_promote(f"docs-{night}", [extract_load_system(SYSTEM, f"docs-{night}")])[SYSTEM]
        assert not verdict["passed"]

    ctx = gx_context.get_gx_context()
    keys = {k.run_id.run_name: k for k in ctx.validation_results_store.list_keys()
            if k.expectation_suite_identifier.name == "hr__employee"}
    assert sorted(keys) == ["docs-1", "docs-2"]
    site = Path(ctx.get_docs_sites_urls()[0]["site_url"].removeprefix("file://")).parent
    assert not list((site / "validations" / "hr__employee").glob("docs-0*")), "the pruned run's page is left"
    stored = ctx.validation_results_store.get(keys["docs-2"])
    failed = [er for er in stored.results if not er.success]
    assert [er.expectation_config.type for er in failed] == ["expect_column_values_to_match_regex"]
    assert bad_value in failed[0].result["partial_unexpected_list"]
    page = Path(ctx.get_docs_sites_urls(resource_identifier=keys["docs-2"])[0]["site_url"].removeprefix("file://"))
    assert bad_value in page.read_text(encoding="utf-8")
    with psycopg.connect(good["url"]) as conn:  # the warehouse keeps all three nights
        assert conn.execute("select count(distinct run_id) from audit_meta.validation_results"
                            " where run_id like 'docs-%%' and suite_name = 'hr__employee'").fetchone() == (3,)


def test_a_row_pointing_at_nobody_warns_and_is_loaded(good: dict, tmp_path: Path, monkeypatch):
    """A rank record of an employee HR does not hold (a purged record, a code with a stray space) is a warning
    naming the key: the batch is promoted with it, and HR's rules are not held back for the night."""
    shutil.copy(good["folder"] / f"{SYSTEM}.sqlite", tmp_path / f"{SYSTEM}.sqlite")
    with sqlite3.connect(tmp_path / f"{SYSTEM}.sqlite") as db:
        bad_key = _unknown_employee(db)
    for key, value in connection_env(SYSTEM, f"sqlite:///{tmp_path / f'{SYSTEM}.sqlite'}").items():
        monkeypatch.setenv(key, value)
    run_id = "corrupt-unknown-employee"
    begin_run(run_id, date(2026, 11, 2))
    verdict = validate_and_promote(run_id, [extract_load_system(SYSTEM, run_id)])[SYSTEM]

    assert verdict["passed"] and not verdict["critical"], verdict
    with psycopg.connect(good["url"]) as conn:
        assert {r[0] for r in conn.execute("select status from audit_meta.load_batches where run_id = %s",
                                           (run_id,))} == {"promoted"}
        warned = conn.execute(
            "select severity, failing_sample::text from audit_meta.validation_results where run_id = %s"
            " and not success and explanation_zh like '职级记录人员存在于人员档案%%'", (run_id,)).fetchall()
        assert [sev for sev, _ in warned] == ["warning"] and bad_key in warned[0][1], warned
        assert conn.execute("select count(*) from raw.hr__rank_history where emp_code = %s",
                            (bad_key,)).fetchone()[0] == 1


def test_a_value_that_passes_the_checks_but_does_not_cast_holds_back_its_table_only(good: dict, tmp_path: Path,
                                                                                      monkeypatch):
    """2026-02-30 has the form of a date (the type check passes) but is none: promotion of that table is refused,
    naming the value; raw keeps its last good rows, the batch is quarantined, HR's other tables are promoted, and
    the night goes on (before, the error ended validate_raw and every step after it)."""
    shutil.copy(good["folder"] / f"{SYSTEM}.sqlite", tmp_path / f"{SYSTEM}.sqlite")
    with sqlite3.connect(tmp_path / f"{SYSTEM}.sqlite") as db:
        db.execute("update employee set birth_date = '1985-02-30', ts = ? where emp_code = 'S03E0011'", (NEW_TS,))
    for key, value in connection_env(SYSTEM, f"sqlite:///{tmp_path / f'{SYSTEM}.sqlite'}").items():
        monkeypatch.setenv(key, value)
    run_id = "corrupt-impossible-date"
    raw_employee = "select count(*), md5(string_agg(t::text, ',' order by t::text)) from raw.hr__employee t"
    with psycopg.connect(good["url"]) as conn:
        before = conn.execute(raw_employee).fetchone()
    begin_run(run_id, date(2026, 11, 2))
    verdict = validate_and_promote(run_id, [extract_load_system(SYSTEM, run_id)])[SYSTEM]

    assert verdict["passed"], verdict
    assert list(verdict["failed_tables"]) == ["employee"], verdict["failed_tables"]
    assert "1985-02-30" in verdict["failed_tables"]["employee"]
    with psycopg.connect(good["url"]) as conn:
        statuses = dict(conn.execute("select source_table, status from audit_meta.load_batches where run_id = %s",
                                     (run_id,)).fetchall())
        assert statuses.pop("employee") == "quarantined"
        assert set(statuses.values()) == {"promoted"}
        assert conn.execute(raw_employee).fetchone() == before
        recorded = conn.execute("select severity, failing_sample::text from audit_meta.validation_results"
                                " where run_id = %s and suite_name = 'load' and source_table = 'employee'",
                                (run_id,)).fetchall()
        assert len(recorded) == 1 and recorded[0][0] == "critical" and "1985-02-30" in recorded[0][1]


def test_a_database_source_lands_typed_and_meets_the_same_gates(good: dict, tmp_path: Path, monkeypatch):
    """HR read as a database source (not the native SQLite reader) lands its typed columns typed, behind text views:
    the same checks pass, raw gets the rows the good night's text landing gave; a date its type refuses lands that
    batch as text, and the check names the value, as it does for a text landing."""
    from jiandu.loaders import copy_loader

    shutil.copy(good["folder"] / f"{SYSTEM}.sqlite", tmp_path / f"{SYSTEM}.sqlite")
    name = f"jiandu_typed_{os.getpid()}"
    url = fresh_database(name)
    monkeypatch.setenv("WAREHOUSE_URL", url)
    for key, value in connection_env(SYSTEM, f"sqlite:///{tmp_path / f'{SYSTEM}.sqlite'}").items():
        monkeypatch.setenv(key, value)
    try:
        monkeypatch.setattr(copy_loader, "_is_native_sqlite", lambda engine, native: False)
        begin_run("typed-night", date(2026, 11, 2))
        verdict = validate_and_promote("typed-night", [extract_load_system(SYSTEM, "typed-night")])
        assert verdict[SYSTEM]["passed"] and not verdict[SYSTEM]["critical"], verdict
        with psycopg.connect(url) as conn:
            kinds = dict(conn.execute("select relname, relkind from pg_class c join pg_namespace n"
                                      " on n.oid = c.relnamespace where nspname = 'landing'"))
        assert kinds["hr__employee"] == "v" and kinds["hr__employee__typed"] == "r", kinds
        assert _business_rows(url) == good["business"]

        with sqlite3.connect(tmp_path / f"{SYSTEM}.sqlite") as db:
            bad_value = _malformed_date(db)
        begin_run("typed-refused", date(2026, 11, 3))
        verdict = validate_and_promote("typed-refused", [extract_load_system(SYSTEM, "typed-refused")])[SYSTEM]
        assert not verdict["passed"]
        assert any("birth_date（出生日期）格式为日期" in f for f in verdict["critical"]), verdict["critical"]
        with psycopg.connect(url) as conn:
            message = conn.execute("select message from audit_meta.load_batches where run_id = 'typed-refused'"
                                   " and source_table = 'employee'").fetchone()[0]
            sample = conn.execute("select failing_sample::text from audit_meta.validation_results where run_id ="
                                  " 'typed-refused' and not success and severity = 'critical'").fetchone()[0]
        assert "typed landing refused" in message and "birth_date" in message, message
        assert bad_value in sample
    finally:
        with psycopg.connect(REAL_SERVER, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')
