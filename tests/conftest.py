"""Shared fixtures. Tests never touch the developer's .data folder: each session gets its own."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
_SESSION_DIR = Path(tempfile.mkdtemp(prefix="jiandu-test-"))

# Set before anything imports Airflow or resolves the warehouse.
os.environ["JIANDU_DATA_DIR"] = str(_SESSION_DIR / "data")
os.environ["AIRFLOW_HOME"] = str(_SESSION_DIR / "airflow")
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(PROJECT / "dags")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ.pop("WAREHOUSE_URL", None)
logging.getLogger("pgserver").setLevel(logging.WARNING)  # its atexit log line outlives pytest's streams
REAL_SERVER = os.environ.get("JIANDU_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


# `make test` runs the tests on two workers (pytest-xdist, --dist loadgroup). The demo nights are session
# fixtures, so a worker that needs one runs it: every test reading them goes to one worker, which runs each night
# once, while the other worker takes the tests with nights of their own (the compose stack, the independent cases).
SHARED_NIGHTS = {"embedded_demo_run", "real_server_night"}


def pytest_itemcollected(item):
    # marked as each test is collected: xdist turns the mark into the node id's @group in its own
    # pytest_collection_modifyitems, which runs before a conftest's
    if SHARED_NIGHTS & set(getattr(item, "fixturenames", ())):
        item.add_marker(pytest.mark.xdist_group("demo_nights"))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Under --dist loadgroup, stop if the grouping did not take (pytest 9.2 broke xdist 3.8's): each worker
    would run the demo nights again, unnoticed but for the time."""
    if getattr(config.option, "loadgroup", False):
        lost = [i.nodeid for i in items if i.get_closest_marker("xdist_group") and "@" not in i.nodeid]
        if lost:
            raise pytest.UsageError(f"xdist_group lost on {len(lost)} tests, e.g. {lost[0]}: check the pytest and "
                                    "pytest-xdist versions (uv.lock)")


def pytest_sessionfinish(session, exitstatus):
    _stop_embedded_server(_SESSION_DIR / "data" / "pgdata")
    shutil.rmtree(_SESSION_DIR, ignore_errors=True)


def _stop_embedded_server(pgdata: Path) -> None:
    """Stop the session's embedded PostgreSQL before its folder goes. pgserver stops a server only when the last
    process that opened it exits, and `jiandu run` subprocesses leave theirs open on purpose (the demo keeps its
    warehouse running), so every test session used to leave one postmaster behind."""
    pid_file = pgdata / "postmaster.pid"
    if not pid_file.exists():
        return
    try:
        pid = int(pid_file.read_text().split()[0])
        os.kill(pid, signal.SIGINT)  # PostgreSQL's fast shutdown
        for _ in range(100):
            os.kill(pid, 0)
            time.sleep(0.1)
    except (OSError, ValueError, IndexError):
        pass  # gone, or never started


@pytest.fixture(scope="session")
def session_dir() -> Path:
    return _SESSION_DIR


@pytest.fixture(scope="session")
def demo_sources(session_dir: Path) -> Path:
    """The demo group (scale S, seed 42) generated once per session."""
    from jiandu_dev.generator.generate import generate

    out = session_dir / "sources"
    generate(out, scale="S", seed=42)
    return out


def fresh_database(name: str, template: str | None = None) -> str:
    """A new database on the real PostgreSQL server, empty or a copy of `template`; returns its URL."""
    import psycopg

    with psycopg.connect(REAL_SERVER, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')
        conn.execute(f'create database "{name}"' + (f' template "{template}"' if template else ""))
    base = REAL_SERVER.rsplit("/", 1)[0]
    return f"{base}/{name}"


def run_jiandu(args: list[str], env_extra: dict[str, str], cwd: Path = PROJECT) -> subprocess.CompletedProcess:
    """Run the `jiandu` command the way a data engineer does, in its own process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW_CONN_", "WAREHOUSE_URL"))}
    env.update(env_extra)
    jiandu = Path(sys.executable).with_name("jiandu")
    return subprocess.run([str(jiandu), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def copy_sources(src: Path, dst: Path) -> Path:
    """A private copy of a generated group (the databases, the ledger drop folder and its rejected files)."""
    shutil.copytree(src, dst)
    return dst


@pytest.fixture(scope="session")
def real_server_night(demo_sources: Path, session_dir: Path):
    """`jiandu run` once on a copy of the demo group into a new database on the real server.

    Yields (database name, sources after the run). Tests do not use it directly: `clone_real_server_night`
    gives each its own copy (CREATE DATABASE ... TEMPLATE copies the files), so the night is run once."""
    import psycopg

    name = f"jiandu_night_{os.getpid()}"  # unique: test runs may overlap on one server
    url = fresh_database(name)
    sources = copy_sources(demo_sources, session_dir / "real-server-night")
    result = run_jiandu(["run", "--date", "2026-11-01", "--sources", str(sources)], {"WAREHOUSE_URL": url})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    yield name, sources
    with psycopg.connect(REAL_SERVER, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


def clone_real_server_night(night: tuple[str, Path], name: str, sources: Path) -> tuple[str, Path]:
    """A new database `name` holding exactly what the real-server night left, and a copy of its sources."""
    template, night_sources = night
    return fresh_database(name, template), copy_sources(night_sources, sources)


@pytest.fixture(scope="session")
def embedded_demo_run(demo_sources: Path) -> str:
    """`jiandu run` once on the demo group and the session's embedded warehouse; returns its output."""
    result = run_jiandu(["run", "--date", "2026-11-01", "--sources", str(demo_sources)], {})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout
