"""A night survives a lost source system and a warehouse connection killed during one table's COPY.

One `jiandu run` on a copy of the session's real-server night, with the HR system unreachable (its connection
points at a file in a folder that does not exist) and the backend of the COPY of nc_erp.ar_bill terminated
while it streams (`pg_terminate_backend`, found by the loader's application_name). The other systems are
validated, promoted, built and published; the flags of every rule reading HR or ar_bill are marked stale with
the reason; raw keeps ar_bill's previous data; the run ends `partial`, the summary names the table and why,
and the terminal shows one line per task instead of Airflow's and dbt's logs.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
from pathlib import Path

import psycopg
import pytest

from jiandu.sources.connections import connection_env
from tests.conftest import REAL_SERVER, clone_real_server_night, run_jiandu

pytestmark = pytest.mark.slow
LOST = "hr"
KILLED = ("nc_erp", "ar_bill")


def _enlarge(db_path: Path, table: str, doublings: int) -> int:
    """Copies of every row (no primary key in the source any more), so the COPY lasts long enough to be killed."""
    db = sqlite3.connect(db_path)
    db.execute(f"create table big as select * from {table}")
    for _ in range(doublings):
        db.execute("insert into big select * from big")
    db.execute(f"drop table {table}")
    db.execute(f"alter table big rename to {table}")
    db.commit()
    rows = db.execute(f"select count(*) from {table}").fetchone()[0]
    db.close()
    return rows


class CopyKiller(threading.Thread):
    """Terminates the loader's backend(s) of one table as soon as they are in COPY."""

    def __init__(self, url: str, label: str):
        super().__init__(daemon=True)
        self.url, self.app = url, f"jiandu-load {label}"
        self.killed: list[int] = []
        self.stop = threading.Event()

    def run(self) -> None:
        with psycopg.connect(self.url, autocommit=True) as conn:
            while not self.stop.is_set() and not self.killed:
                pids = [r[0] for r in conn.execute(
                    "select pid from pg_stat_activity where datname = current_database() and application_name = %s"
                    " and query ilike 'copy%%' and state = 'active'", (self.app,))]
                for pid in pids:
                    if conn.execute("select pg_terminate_backend(%s)", (pid,)).fetchone()[0]:
                        self.killed.append(pid)
                time.sleep(0.01)


@pytest.fixture(scope="module")
def night(real_server_night, tmp_path_factory):
    url, sources = clone_real_server_night(real_server_night, f"jiandu_ops_resilience_night_{os.getpid()}",
                                           tmp_path_factory.mktemp("resilience") / "sources")
    rows = _enlarge(sources / f"{KILLED[0]}.sqlite", KILLED[1], doublings=9)
    with psycopg.connect(url) as conn:
        before = {
            "raw_rows": conn.execute(f"select count(*) from raw.{KILLED[0]}__{KILLED[1]}").fetchone()[0],
            "flags": dict(conn.execute("select flag_id, rule_id from audit.flagged_items"
                                       " where detection_state = 'active'").fetchall()),
        }
    env = {"WAREHOUSE_URL": url, **connection_env(LOST, f"sqlite:///{sources / 'no-such-folder' / 'hr.sqlite'}")}
    killer = CopyKiller(url, ".".join(KILLED))
    killer.start()
    started = time.monotonic()
    try:
        result = run_jiandu(["run", "--date", "2026-11-01", "--sources", str(sources)], env)
    finally:
        killer.stop.set()
        killer.join()
    with psycopg.connect(url) as conn:
        run_id, status, summary = conn.execute(
            "select run_id, status, summary from audit_meta.runs order by started_at desc limit 1").fetchone()
    yield {"url": url, "result": result, "seconds": time.monotonic() - started, "killed": killer.killed,
           "source_rows": rows, "before": before, "run_id": run_id, "status": status, "summary": summary}
    with psycopg.connect(REAL_SERVER, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{url.rsplit("/", 1)[1]}" with (force)')


def test_the_copy_was_killed_and_the_night_still_published(night):
    result = night["result"]
    assert night["killed"], "the COPY of nc_erp.ar_bill was never seen (it finished before it could be killed)"
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert night["status"] == "partial"
    with psycopg.connect(night["url"]) as conn:
        assert conn.execute("select count(*) from audit_meta.run_lease").fetchone() == (0,)  # lease freed


def test_lost_system_and_failed_table_are_recorded_and_the_others_promoted(night):
    with psycopg.connect(night["url"]) as conn:
        batches = conn.execute("select source_system, source_table, status, message from audit_meta.load_batches"
                               " where run_id = %s", (night["run_id"],)).fetchall()
        # raw kept ar_bill's previous data: the killed batch never reached it
        assert conn.execute(f"select count(*) from raw.{KILLED[0]}__{KILLED[1]}").fetchone()[0] == \
            night["before"]["raw_rows"]
        scorecard = conn.execute(
            "select source_system, source_table, severity, success, failing_sample::text"
            " from audit_meta.validation_results where run_id = %s and suite_name = 'load'",
            (night["run_id"],)).fetchall()
    lost = [b for b in batches if b[0] == LOST]
    assert lost and all(status == "failed" and "源系统不可达 source system unreachable" in message
                        for _, _, status, message in lost)
    assert [(s, t, status) for s, t, status, _ in batches if (s, t) == KILLED] == [(*KILLED, "failed")]
    others = [b for b in batches if b[0] != LOST and (b[0], b[1]) != KILLED]
    assert others and {status for _, _, status, _ in others} == {"promoted"}
    # every table that did not load is a failed critical check of the night (the data-quality scorecard counts it)
    assert {(s, t) for s, t, *_ in scorecard} == {(s, t) for s, t, *_ in batches if (s, t) == KILLED or s == LOST}
    assert all(sev == "critical" and not ok for _, _, sev, ok, _ in scorecard)


def test_rules_reading_the_lost_system_or_the_failed_table_are_stale_the_others_fresh(night):
    from jiandu.transform import dbt_runner

    reads = dbt_runner.rule_source_tables()
    with psycopg.connect(night["url"]) as conn:
        model_of = dict(conn.execute("select rule_id, dbt_model from standards.rule_catalog").fetchall())
        states = dict(conn.execute("select flag_id, detection_state from audit.flagged_items").fetchall())
        run_results = dict(conn.execute("select flag_id, state from audit.flag_run_results where run_id = %s",
                                        (night["run_id"],)).fetchall())

    def affected(rule_id: str) -> bool:
        return any(system == LOST or (system, table) == KILLED for system, table in reads[model_of[rule_id]])

    before = night["before"]["flags"]
    stale = {f for f, rule in before.items() if affected(rule)}
    assert {before[f] for f in stale} >= {"RF_AR_001"}  # the aged-receivables rule reads ar_bill
    assert any(LOST in {s for s, _ in reads[model_of[before[f]]]} for f in stale)  # and an HR rule had flags
    assert {f: states[f] for f in stale} == dict.fromkeys(stale, "stale")
    assert {f: run_results[f] for f in stale} == dict.fromkeys(stale, "stale")
    fresh = set(before) - stale
    assert fresh and {states[f] for f in fresh} <= {"active", "resolved"}
    reasons = night["summary"]["stale_reasons"]
    assert "nc_erp.ar_bill 装载失败 load failed" in reasons["RF_AR_001"]
    assert any(f"{LOST} 已隔离 quarantined" in r for r in reasons.values())


def test_terminal_shows_task_lines_and_a_summary_naming_the_table(night):
    out = night["result"].stdout
    lines = out.splitlines()
    assert len(lines) < 100, out
    assert "全部通过" not in out
    assert "运行状态 status: 部分完成 partial" in out
    assert "已隔离 quarantined: hr" in out
    assert re.search(r"装载失败 table not loaded  hr\.\{[^}]*employee[^}]*\}: 源系统不可达 source system unreachable", out)
    table_line = next(line for line in lines if "装载失败 table not loaded  nc_erp.ar_bill" in line)
    assert "terminat" in table_line.lower() or "connection" in table_line.lower()
    for task in ("begin", "extract_load_oa", "validate_raw", "dbt_build", "publish", "run_summary"):
        assert any(line.strip().startswith("成功 success") and f" {task} " in line for line in lines), task
    assert any(line.strip().startswith("失败 failed") and " extract_load_hr " in line for line in lines)
    assert any(line.strip().startswith("失败 failed") and " extract_load_nc_erp " in line for line in lines)
    log_path = Path(next(line for line in lines if "日志 logs: Airflow/GX/dbt" in line).split("→ ")[1].strip())
    assert log_path.exists() and log_path.stat().st_size > 10_000  # Airflow's and dbt's own output went there
