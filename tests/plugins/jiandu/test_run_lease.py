"""One run at a time per warehouse, and what killed runs leave behind is cleared at the next start.

Each test uses its own database on the real server; none runs the whole night.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import psycopg
import pytest

from tests.conftest import REAL_SERVER, fresh_database, run_jiandu

DB = f"jiandu_ops_resilience_lease_{os.getpid()}"


@pytest.fixture
def warehouse_db(monkeypatch):
    url = fresh_database(DB)
    monkeypatch.setenv("WAREHOUSE_URL", url)
    from jiandu.bootstrap import bootstrap_warehouse

    bootstrap_warehouse()
    yield url
    with psycopg.connect(REAL_SERVER, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{DB}" with (force)')


def _hold(url: str, run_id: str, minutes_ago: int = 0) -> None:
    with psycopg.connect(url) as conn:
        conn.execute("insert into audit_meta.run_lease values ('nightly', %s, now() - interval '1 hour',"
                     " 'airflow-worker-1', 4242, now() - make_interval(mins => %s))", (run_id, minutes_ago))


def test_second_run_stops_at_once_naming_the_holder(warehouse_db, demo_sources):
    from jiandu import pipeline, run_lease

    _hold(warehouse_db, "scheduled__2026-11-01T17:00:00+00:00")
    with pytest.raises(run_lease.RunLocked) as err:  # the DAG's first task (Airflow or CLI alike)
        pipeline.begin_run("manual__second", date(2026, 11, 1))
    assert "scheduled__2026-11-01T17:00:00+00:00" in str(err.value)
    assert "airflow-worker-1/4242" in str(err.value)

    started = time.monotonic()
    result = run_jiandu(["run", "--date", "2026-11-01", "--sources", str(demo_sources)],
                        {"WAREHOUSE_URL": warehouse_db})
    assert time.monotonic() - started < 30
    assert result.returncode == 3
    assert "another run holds the warehouse" in result.stderr
    assert "scheduled__2026-11-01T17:00:00+00:00" in result.stderr and "airflow-worker-1/4242" in result.stderr
    with psycopg.connect(warehouse_db) as conn:  # nothing of the second run was recorded
        assert conn.execute("select count(*) from audit_meta.runs").fetchone() == (0,)
        assert conn.execute("select run_id from audit_meta.run_lease").fetchall() == [
            ("scheduled__2026-11-01T17:00:00+00:00",)]


def test_lapsed_lease_of_a_killed_run_is_taken_over_and_its_leftovers_abandoned(warehouse_db):
    from jiandu import pipeline, run_lease

    _hold(warehouse_db, "killed-run", minutes_ago=run_lease.TIMEOUT_MINUTES + 1)
    with psycopg.connect(warehouse_db) as conn:
        conn.execute("insert into audit_meta.runs (run_id, as_of_date) values ('killed-run', '2026-10-31')")
        for batch, status in (("b-running", "running"), ("b-landed", "landed"), ("b-promoted", "promoted"),
                              ("b-failed", "failed")):
            conn.execute("insert into audit_meta.load_batches (batch_id, run_id, source_system, source_table,"
                         " load_mode, started_at, status) values (%s, 'killed-run', 'hr', 'employee', 'full', now(),"
                         " %s)", (batch, status))
        conn.execute("create table landing.hr__employee__incoming (emp_code text)")
        conn.execute("create table landing.hr__employee__keys (emp_code text)")
        conn.execute("create table landing.hr__employee (emp_code text)")

    pipeline.begin_run("next-night", date(2026, 11, 1))

    assert run_lease.holder().run_id == "next-night"
    with psycopg.connect(warehouse_db) as conn:
        assert dict(conn.execute("select run_id, status from audit_meta.runs").fetchall()) == {
            "killed-run": "abandoned", "next-night": "running"}
        assert dict(conn.execute("select batch_id, status from audit_meta.load_batches").fetchall()) == {
            "b-running": "abandoned", "b-landed": "abandoned", "b-promoted": "promoted", "b-failed": "failed"}
        assert conn.execute("select tablename from pg_tables where schemaname = 'landing'").fetchall() == [
            ("hr__employee",)]
    pipeline.finish_run("next-night", {"run_id": "next-night"})
    assert run_lease.holder() is None
    with psycopg.connect(warehouse_db) as conn:
        assert conn.execute("select status from audit_meta.runs where run_id = 'next-night'").fetchone() == (
            "success",)


def test_heartbeat_keeps_the_lease_and_refuses_a_step_of_another_run(warehouse_db):
    from jiandu import run_lease

    run_lease.acquire("night-a")
    with psycopg.connect(warehouse_db) as conn:
        conn.execute("update audit_meta.run_lease set heartbeat_at = now() - interval '10 minutes'")
    with run_lease.heartbeat("night-a", seconds=0.05):
        time.sleep(0.3)
        with psycopg.connect(warehouse_db) as conn:
            age = conn.execute("select now() - heartbeat_at from audit_meta.run_lease").fetchone()[0]
        assert age.total_seconds() < 5
    with pytest.raises(run_lease.RunLocked, match="night-a"), run_lease.heartbeat("night-b"):
        pass
    run_lease.acquire("night-a")  # the same run again (a retried begin) keeps its lease
    run_lease.release("night-a")
    with run_lease.heartbeat("a-one-off-step"):  # no run holds the warehouse: a direct call goes on
        assert run_lease.holder() is None


def test_two_jiandu_runs_at_once_the_second_stops_naming_the_first(warehouse_db, demo_sources):
    """The lease is taken before Airflow starts: two commands started together used to both pass and then
    collide (in Airflow's metadata and in the landing tables)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW_CONN_", "WAREHOUSE_URL"))}
    env["WAREHOUSE_URL"] = warehouse_db
    jiandu = Path(sys.executable).with_name("jiandu")
    first = subprocess.Popen([str(jiandu), "run", "--date", "2026-10-15", "--sources", str(demo_sources)], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with psycopg.connect(warehouse_db) as conn:
                if conn.execute("select 1 from audit_meta.run_lease where pid = %s", (first.pid,)).fetchone():
                    break
            time.sleep(0.2)
        else:
            pytest.fail("the first run never took the lease")
        started = time.monotonic()
        second = run_jiandu(["run", "--date", "2026-10-15", "--sources", str(demo_sources)],
                            {"WAREHOUSE_URL": warehouse_db})
        assert time.monotonic() - started < 30
        assert second.returncode == 3, second.stdout + second.stderr
        assert f"jiandu run --date 2026-10-15 ({socket.gethostname()}:{first.pid})" in second.stderr
        assert "Traceback" not in second.stderr and second.stdout == ""
    finally:
        os.killpg(first.pid, signal.SIGKILL)  # the first run's own process group (it started a session)
        first.wait()
