"""Stream one source table into `landing.<system>__<table>` with psycopg 3 COPY.

Rows are read with a server-side cursor (SQLAlchemy `yield_per`) and written
row by row into COPY, so memory stays flat whatever the table size. Every row
gets lineage columns. The landing table is rebuilt per batch; `raw` is only
touched by `promote`, after validation, in one transaction.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from psycopg import sql

from jiandu.sources.contract import SourceTable
from jiandu.warehouse import connect

log = logging.getLogger(__name__)

LINEAGE_COLUMNS = [
    ("_batch_id", "text not null"),
    ("_extracted_at", "timestamptz not null"),
    ("_source_system", "text not null"),
    ("_source_table", "text not null"),
]
FETCH_SIZE = 20_000


class SchemaDriftError(RuntimeError):
    """A required contract column is missing in the source table."""


@dataclass
class LoadResult:
    batch_id: str
    system: str
    table: str
    source_rows: int
    loaded_rows: int
    warnings: list[str]


def _ddl_columns(table: SourceTable, typed: bool) -> sql.Composed:
    """Landing columns are text (validated by GX before any cast); raw columns carry the contract type."""
    cols = [sql.SQL("{} {}").format(sql.Identifier(c.name), sql.SQL(c.pg_type if typed else "text"))
            for c in table.columns]
    cols += [sql.SQL("{} {}").format(sql.Identifier(n), sql.SQL(t)) for n, t in LINEAGE_COLUMNS]
    return sql.SQL(", ").join(cols)


def _source_columns(engine: sa.Engine, table: SourceTable) -> list[str]:
    schema, _, name = table.source_table.rpartition(".")
    return [c["name"].lower() for c in sa.inspect(engine).get_columns(name, schema=schema or None)]


def plan_select(engine: sa.Engine, table: SourceTable) -> tuple[sa.TextClause, list[str]]:
    """The SELECT to run on the source, after checking the source columns against the contract."""
    present = set(_source_columns(engine, table))
    warnings: list[str] = []
    missing_required = [c.name for c in table.columns if c.required and c.name not in present]
    if missing_required:
        raise SchemaDriftError(
            f"source table {table.system}.{table.source_table} (contract {table.path.name}): "
            f"required column(s) {', '.join(missing_required)} missing in the source"
        )
    select_items = []
    for c in table.columns:
        if c.name in present:
            select_items.append(c.name)
        else:
            select_items.append(f"NULL AS {c.name}")
            warnings.append(f"{table.system}.{table.table}: optional column {c.name} missing in source, loaded as NULL")
    extra = sorted(present - set(table.column_names))
    if extra:
        warnings.append(f"{table.system}.{table.table}: source column(s) not in the contract ignored: {', '.join(extra)}")
    return sa.text(f"SELECT {', '.join(select_items)} FROM {table.source_table}"), warnings


def extract_to_landing(engine: sa.Engine, table: SourceTable, run_id: str) -> LoadResult:
    """Full extract of one table into landing; records the batch in audit_meta.load_batches."""
    batch_id = f"{table.raw_name}.{uuid.uuid4().hex[:12]}"
    started = datetime.now(UTC)
    landing = sql.Identifier("landing", table.raw_name)
    with connect() as conn:
        conn.execute(
            "insert into audit_meta.load_batches (batch_id, run_id, source_system, source_table, load_mode,"
            " started_at, status) values (%s, %s, %s, %s, %s, %s, 'running')",
            (batch_id, run_id, table.system, table.table, table.load, started),
        )
    try:
        query, warnings = plan_select(engine, table)
        for w in warnings:
            log.warning(w)
        lineage = (batch_id, started, table.system, table.table)
        loaded = 0
        with connect() as conn, engine.connect() as src:
            source_rows = src.execute(sa.text(f"SELECT count(*) FROM {table.source_table}")).scalar_one()
            conn.execute(sql.SQL("drop table if exists {}").format(landing))
            conn.execute(sql.SQL("create table {} ({})").format(landing, _ddl_columns(table, typed=False)))
            copy_sql = sql.SQL("copy {} from stdin").format(landing)
            result = src.execution_options(stream_results=True, yield_per=FETCH_SIZE).execute(query)
            with conn.cursor().copy(copy_sql) as copy:
                for row in result:
                    copy.write_row((*row, *lineage))
                    loaded += 1
    except Exception as exc:
        with connect() as conn:
            conn.execute(
                "update audit_meta.load_batches set status = 'failed', finished_at = now(), message = %s"
                " where batch_id = %s",
                (str(exc)[:2000], batch_id),
            )
        raise
    with connect() as conn:
        conn.execute(
            "update audit_meta.load_batches set status = 'landed', finished_at = now(), source_rows = %s,"
            " loaded_rows = %s, message = %s where batch_id = %s",
            (source_rows, loaded, "; ".join(warnings) or None, batch_id),
        )
    return LoadResult(batch_id, table.system, table.table, source_rows, loaded, warnings)


def promote(table: SourceTable, batch_id: str) -> int:
    """Replace raw.<table> with the validated landing batch, atomically."""
    landing = sql.Identifier("landing", table.raw_name)
    raw = sql.Identifier("raw", table.raw_name)
    with connect() as conn:
        conn.execute(sql.SQL("create table if not exists {} ({})").format(raw, _ddl_columns(table, typed=True)))
        for c in table.columns:  # a column added to the contract later
            conn.execute(sql.SQL("alter table {} add column if not exists {} {}").format(
                raw, sql.Identifier(c.name), sql.SQL(c.pg_type)))
        names = [sql.Identifier(n) for n in table.column_names + [n for n, _ in LINEAGE_COLUMNS]]
        casts = [sql.SQL("cast({} as {})").format(sql.Identifier(c.name), sql.SQL(c.pg_type)) for c in table.columns]
        casts += [sql.Identifier(n) for n, _ in LINEAGE_COLUMNS]
        conn.execute(sql.SQL("truncate {}").format(raw))
        cur = conn.execute(sql.SQL("insert into {} ({}) select {} from {} where _batch_id = %s").format(
            raw, sql.SQL(", ").join(names), sql.SQL(", ").join(casts), landing), (batch_id,))
        promoted = cur.rowcount
        conn.execute("update audit_meta.load_batches set status = 'promoted' where batch_id = %s", (batch_id,))
    return promoted


def quarantine(batch_id: str, reason: str) -> None:
    """Keep raw as it was (the last good data) and mark the batch."""
    with connect() as conn:
        conn.execute(
            "update audit_meta.load_batches set status = 'quarantined', message = %s where batch_id = %s",
            (reason[:2000], batch_id),
        )
