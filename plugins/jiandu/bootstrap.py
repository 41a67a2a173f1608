"""Bring the schemas jiandu owns outside dbt (landing, raw, audit, audit_meta, workbench, rectification) to the
version of this code: versioned migrations, applied once each.

    include/warehouse/repeatable/*.sql   re-applied on every bootstrap, before the migrations (idempotent):
                                         the server-wide database roles of the workbench (roles.sql)
    include/warehouse/migrations/NNNN_<name>.sql
                                         applied in version order, each once, each in its own transaction,
                                         recorded in audit_meta.schema_migrations (version, name, checksum,
                                         applied_at); a new schema change is a new numbered file

Everything runs under a PostgreSQL advisory lock of the database, so two bootstraps at once (the nightly run and
a workbench command) apply each migration once: the second waits, then finds nothing left to do. A migration
whose file changed after it was applied is an error naming the file (its change would never reach warehouses that
already applied it). A warehouse built before migrations existed (its tables present, no schema_migrations) is
upgraded by the same path: the baseline migrations 0001-0003 are written idempotently (`if not exists`,
data-preserving backfills), so they run over the existing tables without touching a row of them.

`bootstrap_warehouse()` is the one entry point; `apply_migrations(conn)` does the same on a given connection
(the dbt unit-test database).
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import psycopg

from jiandu.settings import get_settings
from jiandu.warehouse import connect

log = logging.getLogger(__name__)

LOCK_KEY = 4242  # pg_advisory_lock key of warehouse migrations (advisory locks are per database)
MIGRATION_FILE = re.compile(r"^(?P<version>\d{4})_(?P<name>[a-z0-9_]+)\.sql$")
MIGRATIONS_TABLE_DDL = """
create schema if not exists audit_meta;
create table if not exists audit_meta.schema_migrations (
    version     integer primary key,
    name        text not null,
    checksum    text not null,          -- sha256 of the file as applied
    applied_at  timestamptz not null default now(),
    applied_by  text not null default current_user
);
comment on table audit_meta.schema_migrations is
    '数据仓库结构迁移记录（include/warehouse/migrations，每个迁移只应用一次）。Applied warehouse migrations.';
"""


class MigrationError(RuntimeError):
    """A migration cannot be applied as found (changed after it was applied, misnamed, duplicated, failing)."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

    @property
    def checksum(self) -> str:
        """sha256 of the file, line endings as LF (a checkout with CRLF is the same migration)."""
        return hashlib.sha256(self.path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def warehouse_sql_dir() -> Path:
    return get_settings().project_root / "include" / "warehouse"


def discover(folder: Path | None = None) -> list[Migration]:
    """The numbered migrations of `folder` (default include/warehouse/migrations), in version order."""
    folder = folder or warehouse_sql_dir() / "migrations"
    found: dict[int, Migration] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        match = MIGRATION_FILE.match(path.name)
        if not match:
            raise MigrationError(f"迁移文件名不合规 migration file misnamed: {path} (expected NNNN_<name>.sql, "
                                 "four digits, lower-case name)")
        version = int(match["version"])
        if version in found:
            raise MigrationError(f"迁移版本号重复 duplicate migration version {version:04d}: {found[version].path} "
                                 f"and {path}")
        found[version] = Migration(version, match["name"], path)
    return [found[v] for v in sorted(found)]


def repeatable(folder: Path | None = None) -> list[Path]:
    """The idempotent SQL re-applied on every bootstrap (default include/warehouse/repeatable), by file name."""
    folder = folder or warehouse_sql_dir() / "repeatable"
    return sorted(p for p in folder.glob("*.sql")) if folder.is_dir() else []


def _applied(conn: psycopg.Connection) -> dict[int, tuple[str, str]]:
    rows = conn.execute("select version, name, checksum from audit_meta.schema_migrations").fetchall()
    return {version: (name, checksum) for version, name, checksum in rows}


def _run_file(conn: psycopg.Connection, path: Path) -> None:
    try:
        conn.execute(path.read_text(encoding="utf-8"))
    except psycopg.Error as exc:
        conn.rollback()
        cause = " ".join(str(exc).split())
        raise MigrationError(f"迁移执行失败 migration failed: {path}: {cause}") from exc


def apply_migrations(conn: psycopg.Connection, migrations_dir: Path | None = None,
                     repeatable_dir: Path | None = None) -> list[str]:
    """Apply the repeatable SQL, then every migration not yet recorded, under the advisory lock; returns the file
    names applied now. `conn` must not be in autocommit mode; each step is committed on its own."""
    migrations = discover(migrations_dir)
    if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        conn.commit()
    conn.execute("select pg_advisory_lock(%s)", (LOCK_KEY,))
    conn.commit()
    try:
        legacy = conn.execute("select to_regclass('audit_meta.schema_migrations') is null"
                              " and to_regclass('audit.flagged_items') is not null").fetchone()[0]
        conn.execute(MIGRATIONS_TABLE_DDL)
        conn.commit()
        if legacy:
            log.warning("数据仓库由旧版建立（无迁移记录），按迁移升级 warehouse built before migrations: upgrading in place")
        for path in repeatable(repeatable_dir):
            _run_file(conn, path)
            conn.commit()
        applied = _applied(conn)
        conn.commit()
        known = {m.version for m in migrations}
        newly: list[str] = []
        for version, (name, _) in sorted(applied.items()):
            if version not in known:
                raise MigrationError(
                    f"数据仓库已应用迁移 {version:04d}_{name}.sql，但本版本代码中没有该文件（代码比数据仓库旧？） "
                    f"the warehouse has migration {version:04d}_{name} applied that "
                    f"{migrations_dir or 'include/warehouse/migrations'} does not hold (older code, newer warehouse?)")
        for migration in migrations:
            checksum = migration.checksum
            if migration.version in applied:
                recorded_name, recorded = applied[migration.version]
                if recorded != checksum:
                    raise MigrationError(
                        f"已应用的迁移文件被修改 applied migration changed: {migration.path} (version "
                        f"{migration.version:04d}, recorded as {recorded_name}, checksum {recorded[:12]} when applied, "
                        f"{checksum[:12]} now). 已应用的迁移不可修改，请新增下一个编号的迁移 "
                        "add the change as the next numbered migration instead")
                continue
            _run_file(conn, migration.path)
            conn.execute("insert into audit_meta.schema_migrations (version, name, checksum) values (%s, %s, %s)",
                         (migration.version, migration.name, checksum))
            conn.commit()
            log.info("applied warehouse migration %s", migration.path.name)
            newly.append(migration.path.name)
        return newly
    finally:
        if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            conn.rollback()
        conn.execute("select pg_advisory_unlock(%s)", (LOCK_KEY,))
        conn.commit()


def bootstrap_warehouse() -> list[str]:
    """Bring the warehouse to the current migration (see the module doc); returns the migrations applied now."""
    with connect() as conn:
        applied = apply_migrations(conn)
    from jiandu.workbench.database import set_app_role_password

    set_app_role_password()  # the workbench's own role, when JIANDU_WORKBENCH_DB_PASSWORD is set
    return applied
