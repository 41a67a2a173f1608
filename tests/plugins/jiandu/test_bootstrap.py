"""Warehouse migrations: each applied once, in order, under a lock; an applied file never changes; a warehouse
built by the old every-night bootstrap upgrades without losing a disposition.

Each test uses its own database on the real server.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import threading

import psycopg
import pytest

from jiandu.bootstrap import MigrationError, apply_migrations, discover
from tests.conftest import PROJECT, REAL_SERVER, fresh_database

DB = f"jiandu_ops_migrations_{os.getpid()}"
# The last commit whose warehouse was built by include/warehouse/{bootstrap,workbench,rectification}.sql, run
# every night: the scheme existing warehouses were built by.
LEGACY_COMMIT = "0455280"
LEGACY_FILES = ("bootstrap.sql", "workbench.sql", "rectification.sql")


@pytest.fixture
def db(monkeypatch):
    url = fresh_database(DB)
    monkeypatch.setenv("WAREHOUSE_URL", url)
    yield url
    with psycopg.connect(REAL_SERVER, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{DB}" with (force)')


@pytest.fixture
def folders(tmp_path):
    """A migrations folder of our own (one migration that cannot run twice) and an empty repeatable folder."""
    migrations, repeatable = tmp_path / "migrations", tmp_path / "repeatable"
    migrations.mkdir()
    repeatable.mkdir()
    (migrations / "0001_once.sql").write_text("create table public.once (x int); insert into public.once values (1);")
    (migrations / "0002_slow.sql").write_text("select pg_sleep(0.5); alter table public.once add column y int;")
    return migrations, repeatable


def _recorded(url: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute("select version, name, checksum from audit_meta.schema_migrations order by version"
                            ).fetchall()


def test_a_new_warehouse_gets_every_migration_once_in_order(db):
    from jiandu.bootstrap import bootstrap_warehouse

    migrations = discover()
    assert [m.version for m in migrations] == sorted(m.version for m in migrations)
    assert bootstrap_warehouse() == [m.path.name for m in migrations]
    assert _recorded(db) == [(m.version, m.name, hashlib.sha256(m.path.read_bytes().replace(b"\r\n", b"\n")).hexdigest())
                             for m in migrations]
    assert bootstrap_warehouse() == []  # the next night: nothing to apply
    assert len(_recorded(db)) == len(migrations)
    with psycopg.connect(db) as conn:
        tables = {r[0] for r in conn.execute("select schemaname || '.' || tablename from pg_tables")}
    assert {"audit.flagged_items", "audit.dispositions", "workbench.users", "rectification.problems"} <= tables


def test_two_bootstraps_at_once_apply_each_migration_once(db, folders):
    migrations, repeatable = folders
    barrier = threading.Barrier(2)
    results: list[object] = []

    def bootstrap() -> None:
        with psycopg.connect(db) as conn:
            barrier.wait()
            try:
                results.append(apply_migrations(conn, migrations, repeatable))
            except Exception as exc:  # noqa: BLE001 - recorded and asserted below
                results.append(exc)

    threads = [threading.Thread(target=bootstrap) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # without the lock the second would fail creating public.once again (or add column y twice)
    assert sorted(results, key=len) == [[], ["0001_once.sql", "0002_slow.sql"]]
    assert [r[:2] for r in _recorded(db)] == [(1, "once"), (2, "slow")]
    with psycopg.connect(db) as conn:
        assert conn.execute("select count(*) from public.once").fetchone() == (1,)


def test_an_applied_migration_that_changed_is_an_error_naming_the_file(db, folders):
    migrations, repeatable = folders
    with psycopg.connect(db) as conn:
        apply_migrations(conn, migrations, repeatable)
    changed = migrations / "0001_once.sql"
    changed.write_text(changed.read_text() + "\ninsert into public.once values (2);")
    (migrations / "0003_later.sql").write_text("create table public.later (x int);")
    with psycopg.connect(db) as conn, pytest.raises(MigrationError) as err:
        apply_migrations(conn, migrations, repeatable)
    assert str(changed) in str(err.value) and "已应用的迁移文件被修改" in str(err.value)
    assert [r[0] for r in _recorded(db)] == [1, 2]  # nothing after it was applied either


def test_line_endings_do_not_change_a_migration(db, folders):
    migrations, repeatable = folders
    once = migrations / "0001_once.sql"
    once.write_bytes(b"create table public.once (x int);\ninsert into public.once values (1);\n")
    with psycopg.connect(db) as conn:
        apply_migrations(conn, migrations, repeatable)
    once.write_bytes(once.read_bytes().replace(b"\n", b"\r\n"))  # a checkout with CRLF: the same migration
    with psycopg.connect(db) as conn:
        assert apply_migrations(conn, migrations, repeatable) == []
    once.write_bytes(once.read_bytes() + b"-- a comment\r\n")  # any other change is one
    with psycopg.connect(db) as conn, pytest.raises(MigrationError):
        apply_migrations(conn, migrations, repeatable)


def test_a_new_numbered_file_is_picked_up_and_a_failing_one_is_not_recorded(db, folders):
    migrations, repeatable = folders
    with psycopg.connect(db) as conn:
        apply_migrations(conn, migrations, repeatable)
    (migrations / "0003_more.sql").write_text("create table public.more (x int);")
    (migrations / "0004_broken.sql").write_text("alter table public.nowhere add column z int;")
    with psycopg.connect(db) as conn, pytest.raises(MigrationError) as err:
        apply_migrations(conn, migrations, repeatable)
    assert str(migrations / "0004_broken.sql") in str(err.value) and "public.nowhere" in str(err.value)
    assert [r[0] for r in _recorded(db)] == [1, 2, 3]
    (migrations / "0004_broken.sql").write_text("alter table public.more add column z int;")  # fixed before applied
    with psycopg.connect(db) as conn:
        assert apply_migrations(conn, migrations, repeatable) == ["0004_broken.sql"]


@pytest.mark.parametrize("name", ["1_short.sql", "0003_Upper.sql", "0003-dash.sql", "0001_again.sql"])
def test_a_misnamed_or_duplicate_migration_file_is_named(folders, name):
    migrations, _ = folders
    (migrations / name).write_text("select 1;")
    with pytest.raises(MigrationError) as err:
        discover(migrations)
    assert name in str(err.value)


def test_a_migration_the_code_does_not_know_is_an_error(db, folders):
    migrations, repeatable = folders
    with psycopg.connect(db) as conn:
        apply_migrations(conn, migrations, repeatable)
    (migrations / "0002_slow.sql").unlink()
    with psycopg.connect(db) as conn, pytest.raises(MigrationError) as err:
        apply_migrations(conn, migrations, repeatable)
    assert "0002_slow" in str(err.value)


def test_include_warehouse_holds_no_loose_schema_file():
    """Schema SQL is a numbered migration or a repeatable step; a loose file would never be applied."""
    loose = {p.name for p in (PROJECT / "include" / "warehouse").glob("*.sql")}
    assert loose == {"00_create_databases.sql"}  # docker-compose's first start of the server, not the warehouse


def _legacy_sql(name: str) -> str:
    try:
        return subprocess.run(["git", "show", f"{LEGACY_COMMIT}:include/warehouse/{name}"], cwd=PROJECT, check=True,
                              capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"the pre-migration warehouse SQL is read from git ({LEGACY_COMMIT}): {exc}")


@pytest.mark.skipif(shutil.which("git") is None, reason="the pre-migration warehouse SQL is read from git")
def test_a_warehouse_built_before_migrations_upgrades_keeping_every_disposition(db):
    from jiandu.bootstrap import bootstrap_warehouse

    with psycopg.connect(db) as conn:  # the old scheme, as it ran every night
        for name in LEGACY_FILES:
            conn.execute(_legacy_sql(name))
        conn.execute(
            "insert into audit.flagged_items (flag_id, rule_id, subsidiary_code, flag_key, evidence, source_refs,"
            " first_detected_on, last_detected_on, amount) values ('f1', 'RF_AR_001', 'S01', 'k1', '{}', '[]',"
            " '2026-10-01', '2026-11-01', 1234.5)")
        conn.execute("insert into audit.dispositions (flag_id, status, assignee, note, suppressed, suppression_reason,"
                     " suppression_requested_by, suppression_approved_by, version, updated_by) values"
                     " ('f1', '确认问题', '王审计', '已核实：重复报销', true, '已知误报', '王审计', '李处长', 3, '王审计')")
        conn.execute("insert into audit.disposition_history (flag_id, changed_by, field, old_value, new_value, source)"
                     " values ('f1', '王审计', 'status', '核实中', '确认问题', 'api')")
        conn.execute("insert into rectification.problems (problem_id, subsidiary_code, title, source, identified_on,"
                     " status, created_by, updated_by) values ('ZG-2026-0001', 'S01', '重复报销', '大数据监督',"
                     " '2026-10-02', '整改中', 'admin', 'admin')")
        assert conn.execute("select to_regclass('audit_meta.schema_migrations')").fetchone() == (None,)
        before = [conn.execute(f"select row_to_json(t)::text from {t} t order by 1").fetchall()
                  for t in ("audit.flagged_items", "audit.dispositions", "audit.disposition_history",
                            "rectification.problems")]

    assert bootstrap_warehouse() == [m.path.name for m in discover()]
    assert bootstrap_warehouse() == []
    with psycopg.connect(db) as conn:
        after = [conn.execute(f"select row_to_json(t)::text from {t} t order by 1").fetchall()
                 for t in ("audit.flagged_items", "audit.dispositions", "audit.disposition_history",
                           "rectification.problems")]
    # flagged_items gains nothing, loses nothing: same rows, same values (generated columns included)
    assert after == before
    assert len(_recorded(db)) == len(discover())


def test_the_unit_test_database_is_built_by_the_same_migrations(db):
    from jiandu.transform.unit_tests import create_inputs
    from jiandu.warehouse import parse_url

    create_inputs(parse_url(db))
    assert [r[0] for r in _recorded(db)] == [m.version for m in discover()]
    with psycopg.connect(db) as conn:
        assert conn.execute("select to_regclass('raw.hr__employee') is not null").fetchone() == (True,)

