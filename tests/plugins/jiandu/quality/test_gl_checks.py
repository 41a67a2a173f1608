"""The general ledger's checks on the real extract-load and validate-and-promote steps: a voucher that no longer
balances and a line whose voucher does not exist are warnings naming the voucher or line. They are loaded (one
such row in an export must not hold back every ERP rule for the night) and counted by the data-quality
scorecard. An incremental batch holding one unchanged line of a balanced voucher passes (the balance check adds
the voucher's other lines from raw, it does not judge the batch alone).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import date
from decimal import Decimal
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
SYSTEM = "nc_erp"
NEW_TS = "2026-11-02 10:00:00"  # after the good load's watermark: the incremental extract picks it up


def _a_line(db: sqlite3.Connection) -> tuple[str, str]:
    return db.execute("select detail_id, voucher_id from gl_voucher_line where debit > 0"
                      " order by detail_id limit 1 offset 100").fetchone()


@pytest.fixture(scope="module")
def good(demo_sources: Path, tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("erp_good")
    for system in ("hr", SYSTEM):  # expense claims refer to HR's people
        shutil.copy(demo_sources / f"{system}.sqlite", folder / f"{system}.sqlite")
    name = f"jiandu_gl_checks_{os.getpid()}"
    url = fresh_database(name)
    mp = pytest.MonkeyPatch()
    mp.setenv("WAREHOUSE_URL", url)
    for system in ("hr", SYSTEM):
        for key, value in connection_env(system, f"sqlite:///{folder / f'{system}.sqlite'}").items():
            mp.setenv(key, value)
    begin_run("good-night", date(2026, 11, 1))
    verdicts = validate_and_promote("good-night", [extract_load_system(s, "good-night") for s in ("hr", SYSTEM)])
    assert verdicts[SYSTEM]["passed"], verdicts
    yield {"url": url, "folder": folder}
    mp.undo()
    with psycopg.connect(REAL_SERVER, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


def _night(good: dict, tmp_path: Path, monkeypatch, run_id: str, change) -> tuple[dict, str, list]:
    shutil.copy(good["folder"] / f"{SYSTEM}.sqlite", tmp_path / f"{SYSTEM}.sqlite")
    with sqlite3.connect(tmp_path / f"{SYSTEM}.sqlite") as db:
        bad_key = change(db)
    for key, value in connection_env(SYSTEM, f"sqlite:///{tmp_path / f'{SYSTEM}.sqlite'}").items():
        monkeypatch.setenv(key, value)
    begin_run(run_id, date(2026, 11, 2))
    verdict = validate_and_promote(run_id, [extract_load_system(SYSTEM, run_id)])[SYSTEM]
    with psycopg.connect(good["url"]) as conn:
        failing = conn.execute(
            "select explanation_zh, severity, failing_sample::text from audit_meta.validation_results"
            " where run_id = %s and not success", (run_id,)).fetchall()
    return verdict, bad_key, failing


def _in_raw(good: dict, table: str, column: str, key: str) -> bool:
    with psycopg.connect(good["url"]) as conn:
        return conn.execute(f"select exists (select 1 from raw.nc_erp__{table} where {column} = %s)",
                            (key,)).fetchone()[0]


def test_unbalanced_voucher_warns_naming_it_and_is_loaded(good, tmp_path, monkeypatch):
    def change(db):
        detail_id, voucher_id = _a_line(db)
        db.execute("update gl_voucher_line set debit = debit + 0.01, ts = ? where detail_id = ?", (NEW_TS, detail_id))
        return voucher_id

    verdict, voucher_id, failing = _night(good, tmp_path, monkeypatch, "gl-unbalanced", change)
    assert verdict["passed"] and not verdict["critical"], verdict
    assert any(exp.startswith("每张凭证借贷平衡") and sev == "warning" and voucher_id in (sample or "")
               for exp, sev, sample in failing), failing
    with psycopg.connect(good["url"]) as conn:
        assert conn.execute("select sum(debit) - sum(credit) from raw.nc_erp__gl_voucher_line where voucher_id = %s",
                            (voucher_id,)).fetchone()[0] == Decimal("0.01")


def test_line_without_voucher_warns_naming_it_and_is_loaded(good, tmp_path, monkeypatch):
    def change(db):
        db.execute("insert into gl_voucher_line select 'ORPHAN-001', 'GLS99209901000001', line_no, account_code,"
                   " summary, debit, credit, currency, customer_code, supplier_code, dept_name, person_code,"
                   " project_code, ? from gl_voucher_line where detail_id = ?", (NEW_TS, _a_line(db)[0]))
        return "ORPHAN-001"

    verdict, key, failing = _night(good, tmp_path, monkeypatch, "gl-orphan", change)
    assert verdict["passed"] and not verdict["critical"], verdict
    assert any(exp.startswith("分录所属凭证存在") and sev == "warning" and key in (sample or "")
               for exp, sev, sample in failing), failing
    assert _in_raw(good, "gl_voucher_line", "detail_id", key)


def test_one_unchanged_line_of_a_balanced_voucher_passes(good, tmp_path, monkeypatch):
    def change(db):
        detail_id, _ = _a_line(db)
        db.execute("update gl_voucher_line set ts = ? where detail_id = ?", (NEW_TS, detail_id))
        return detail_id

    verdict, _, failing = _night(good, tmp_path, monkeypatch, "gl-touched", change)
    assert verdict["passed"], (verdict, failing)
