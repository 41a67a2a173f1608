"""Stream one source table into `landing.<system>__<table>` with psycopg 3 COPY, then merge it into raw.

Extract (`extract_to_landing`):
- `load: full` tables are read whole; `load: incremental` tables only from the watermark (the largest
  `incremental_column` value of the last promoted batch) minus the table's `overlap`, so the landing batch
  holds only the delta. The new watermark is recorded on the batch and only becomes the table's watermark
  when the batch is promoted: a quarantined or failed batch is simply re-read the next night.
- Rows are streamed into an unlogged `landing.<name>__incoming` table with COPY; lineage columns are column
  defaults of that table, so only the source values travel. Other databases are read by a reader thread
  feeding a bounded queue. SQLite sources are read natively, on read-only connections without SQLite's
  per-call mutex: by the compiled reader (`sqlite_native`, built by `make bootstrap`), which renders each row
  as COPY text in C, no Python object per value; where no compiler was at hand, by apsw, every value that may
  be a number CAST to TEXT in the query and sent by binary COPY. Large tables are read by parallel worker
  processes over rowid ranges, one COPY each. Memory stays flat: a chunk of about 256 KiB of rows (compiled
  reader), one row at a time (apsw) or at most a few fetch batches (other databases).
- Columns are text, except that a database source (not the native SQLite reader) lands the contract's numeric,
  integer, date, timestamp and boolean columns typed, in `landing.<name>__typed` behind a text view
  `landing.<name>` that the checks read (TYPED_LANDING_TYPES); a value COPY refuses lands the batch as text.
- Only when every row has arrived is the incoming table swapped in as `landing.<name>` (one transaction):
  a failure at any point leaves landing and raw as they were and marks the batch failed.
- Key comparison: every full load, and for incremental tables every `key_check_days` (or on request), the
  source's primary keys are copied to `landing.<name>__keys` so promotion can mark vanished rows.

Promote (`promote`, after validation, one transaction per table): full tables are replaced (truncate +
insert) and raw rows whose key vanished from the source are kept with `_deleted_at` set; incremental
batches are merged by primary key (delete + insert), so re-running the same interval adds no duplicates.
"""

from __future__ import annotations

import concurrent.futures
import logging
import multiprocessing
import queue
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import apsw  # imported here, never first in a thread: workers are forked
import psycopg
import sqlalchemy as sa
from psycopg import sql

from jiandu.loaders import mysql_reader, sqlite_native
from jiandu.sources.contract import MONTH_FORM, SourceTable
from jiandu.warehouse import connect, warehouse

log = logging.getLogger(__name__)

LINEAGE_COLUMNS = [
    ("_batch_id", "text not null"),
    ("_extracted_at", "timestamptz not null"),
    ("_source_system", "text not null"),
    ("_source_table", "text not null"),
]
DELETED_COLUMN = ("_deleted_at", "timestamptz")  # raw only: set when the key vanished from the source
FETCH_SIZE = 20_000
QUEUE_BATCHES = 4  # bounded queue between reader and writer: memory stays at a few fetch batches
SQLITE_READERS = 2  # parallel reader processes for large SQLite tables (rowid ranges, one COPY each); see benchmarks
MIN_ROWS_PER_READER = 200_000  # below this one reader is faster than starting processes
LANDING_STATISTICS_TARGET = 20  # ANALYZE sample of a landed batch: 6,000 rows
INDEX_BUILD_MEMORY = "256MB"  # raw's unique key built after a full load: a million keys sorted in memory


class SchemaDriftError(RuntimeError):
    """A required contract column is missing in the source table."""


class LoadError(RuntimeError):
    """Extract or promote failed; the message names the table."""


@dataclass
class LoadResult:
    batch_id: str
    system: str
    table: str
    source_rows: int
    loaded_rows: int
    warnings: list[str]
    load_mode: str = "full"
    watermark_from: str | None = None
    watermark_to: str | None = None
    key_check: bool = False
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)


# --- DDL ---------------------------------------------------------------------------------------------------

def _ddl_columns(table: SourceTable, typed: bool) -> sql.Composed:
    """Landing columns are text (validated by GX before any cast); raw columns carry the contract type."""
    cols = [sql.SQL("{} {}").format(sql.Identifier(c.name), sql.SQL(c.pg_type if typed else "text"))
            for c in table.columns]
    cols += [sql.SQL("{} {}").format(sql.Identifier(n), sql.SQL(t)) for n, t in LINEAGE_COLUMNS]
    if typed:
        cols.append(sql.SQL("{} {}").format(sql.Identifier(DELETED_COLUMN[0]), sql.SQL(DELETED_COLUMN[1])))
    return sql.SQL(", ").join(cols)


def _incoming_ddl(table: SourceTable, name: sql.Identifier, lineage: tuple, columns: list[str],
                  typed: frozenset[str] = frozenset()) -> sql.Composed:
    """Unlogged table whose lineage columns default to this batch's values: text columns, but the contract's type
    for the columns in `typed` (a server source's typed landing)."""
    types = {c.name: c.pg_type for c in table.columns}
    cols = [sql.SQL("{} {}").format(sql.Identifier(c), sql.SQL(types[c] if c in typed else "text")) for c in columns]
    for (col, typ), value in zip(LINEAGE_COLUMNS, lineage, strict=True):
        cols.append(sql.SQL("{} {} default {}").format(sql.Identifier(col), sql.SQL(typ), sql.Literal(value)))
    return sql.SQL("create unlogged table {} ({})").format(name, sql.SQL(", ").join(cols))


# Typed landing (server sources). A database source already holds its numbers and dates typed and valid, so its
# rows are COPYed into landing with these columns in the contract's type: PostgreSQL parses each value once, as
# it does for a plain COPY, and promotion moves them into raw without casting text again (on 1M GL lines from
# MariaDB the cast was half of the promotion, benchmarks/extract_load_mariadb.py). The checks still see text:
# `landing.<name>` is then a view rendering the typed table `landing.<name>__typed` as text, so every GX
# expectation and every check in the source YAML reads the same relation, with the same text semantics, whatever
# the source. A value COPY refuses (a zero date, 12.0 in an integer column, a date written 2026.2.5) makes the
# extract land that batch as text instead, so the checks can name the row and its column.
TYPED_LANDING_TYPES = ("integer", "numeric", "date", "timestamp", "boolean")
TYPED_SUFFIX = "__typed"


def _typed_columns(table: SourceTable) -> frozenset[str]:
    return frozenset(c.name for c in table.columns if c.type in TYPED_LANDING_TYPES)


def _as_landing_text(column, typed: frozenset[str]) -> sql.Composed:
    """A typed landing column as the text the checks expect: year-first dates and times whatever the session's
    DateStyle, numbers and booleans as PostgreSQL prints them."""
    name = sql.Identifier(column.name)
    if column.name not in typed:
        return name
    if column.type == "date":
        return sql.SQL("to_char({n}, 'YYYY-MM-DD') as {n}").format(n=name)
    if column.type == "timestamp":
        return sql.SQL("regexp_replace(to_char({n}, 'YYYY-MM-DD HH24:MI:SS.US'), '\\.?0+$', '') as {n}"
                       ).format(n=name)
    return sql.SQL("cast({n} as text) as {n}").format(n=name)


def _landing_kind(conn: psycopg.Connection, name: str) -> str | None:
    """pg_class.relkind of `landing.<name>` ('r' a table, 'v' a view), None when there is none."""
    row = conn.execute("select c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                       " where n.nspname = 'landing' and c.relname = %s", (name,)).fetchone()
    return row[0] if row else None


def _drop_landing(conn: psycopg.Connection, name: str) -> None:
    """`landing.<name>` whether a table (text landing) or a view over `<name>__typed` (typed landing)."""
    kind = _landing_kind(conn, name)
    if kind:
        conn.execute(sql.SQL("drop {} {}").format(sql.SQL("view" if kind == "v" else "table"),
                                                 sql.Identifier("landing", name)))
    conn.execute(sql.SQL("drop table if exists {}").format(sql.Identifier("landing", name + TYPED_SUFFIX)))


def _landed(conn: psycopg.Connection, table: SourceTable) -> tuple[sql.Identifier, dict[str, str]]:
    """Where promotion reads the landed batch, and the type of each of its columns that is not text."""
    typed = sql.Identifier("landing", table.raw_name + TYPED_SUFFIX)
    if _landing_kind(conn, table.raw_name) != "v":
        return sql.Identifier("landing", table.raw_name), {}
    landed = conn.execute(
        "select attname, format_type(atttypid, atttypmod) from pg_attribute where attrelid = %s::regclass"
        " and attnum > 0 and not attisdropped", (f"landing.{table.raw_name}{TYPED_SUFFIX}",)).fetchall()
    return typed, {n: t for n, t in landed if t != "text"}


# --- planning ------------------------------------------------------------------------------------------------

def _source_columns(engine: sa.Engine, table: SourceTable) -> list[str]:
    schema, _, name = table.source_table.rpartition(".")
    return [c["name"].lower() for c in sa.inspect(engine).get_columns(name, schema=schema or None)]


def _select_items(engine: sa.Engine, table: SourceTable) -> tuple[list[str], list[str]]:
    """The SELECT list in contract order, after checking the source columns against the contract."""
    present = set(_source_columns(engine, table))
    warnings: list[str] = []
    missing_required = [c.name for c in table.columns if c.required and c.name not in present]
    if missing_required:
        raise SchemaDriftError(
            f"源表缺少必填列 required column missing: table {table.system}.{table.table} "
            f"(source {table.source_table}, contract {table.path.name}): column(s) {', '.join(missing_required)} "
            f"not in the source; this table is not loaded, raw keeps its previous data"
        )
    items = []
    for c in table.columns:
        if c.name in present:
            items.append(c.name)
        else:
            items.append(f"NULL AS {c.name}")
            warnings.append(f"{table.system}.{table.table}: optional column {c.name} missing in source, loaded as NULL")
    extra = sorted(present - set(table.column_names))
    if extra:
        warnings.append(f"{table.system}.{table.table}: source column(s) not in the contract ignored: {', '.join(extra)}")
    return items, warnings


def plan_select(engine: sa.Engine, table: SourceTable) -> tuple[sa.TextClause, list[str]]:
    """The full-table SELECT to run on the source (kept for callers that read a whole table)."""
    items, warnings = _select_items(engine, table)
    return sa.text(f"SELECT {', '.join(items)} FROM {table.source_table}"), warnings


def _watermark_state(table: SourceTable) -> tuple[str | None, datetime | None]:
    with connect() as conn:
        row = conn.execute(
            "select watermark, last_key_check_at from audit_meta.watermarks where source_system = %s"
            " and source_table = %s", (table.system, table.table)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def _lower_bound(table: SourceTable, watermark: str, dialect: str) -> object:
    """watermark minus the table's overlap, as a bind value the source compares correctly."""
    col_type = next(c.type for c in table.columns if c.name == table.incremental_column)
    if col_type == "integer":
        return int(watermark)
    if col_type == "date":
        value = date.fromisoformat(watermark[:10]) - timedelta(days=max(table.overlap.days, 1))
        return value.isoformat() if dialect == "sqlite" else value
    value = datetime.fromisoformat(watermark) - table.overlap
    # SQLite keeps timestamps as text: compare in the same 'YYYY-MM-DD HH:MM:SS' form
    return value.strftime("%Y-%m-%d %H:%M:%S") if dialect == "sqlite" else value


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return str(value)


# --- streaming -----------------------------------------------------------------------------------------------

def _conninfo(label: str = "") -> dict:
    info = warehouse()
    return dict(host=info.host, port=info.port, user=info.user, password=info.password or None, dbname=info.dbname,
                application_name=_application_name(label))


def _application_name(label: str) -> str:
    """How a loader's COPY connection shows in pg_stat_activity: `jiandu-load <system>.<table>`."""
    return f"jiandu-load {label}"[:63] if label else "jiandu-load"


@dataclass
class _SqliteSource:
    """What the native reader needs to know of a SQLite source table or view."""

    path: str
    rowid_table: bool  # a plain table: its rowid ranges can be read in parallel
    text_columns: set[str]  # columns that can only hold text, BLOBs or NULL: read without a CAST


def _sqlite_affinity(declared: str) -> str:
    """SQLite's column affinity from the declared type (https://sqlite.org/datatype3.html, 3.1)."""
    decl = (declared or "").upper()
    if "INT" in decl:
        return "integer"
    if any(word in decl for word in ("CHAR", "CLOB", "TEXT")):
        return "text"
    if not decl or "BLOB" in decl:
        return "blob"
    if any(word in decl for word in ("REAL", "FLOA", "DOUB")):
        return "real"
    return "numeric"


def _sqlite_source(engine: sa.Engine, source_table: str) -> _SqliteSource:
    schema, _, name = source_table.rpartition(".")
    prefix = f"{schema}." if schema else ""
    with engine.connect() as src:
        kind = src.exec_driver_sql(f"SELECT type, sql FROM {prefix}sqlite_master WHERE lower(name) = lower(?)",
                                   (name,)).first()
        columns = src.exec_driver_sql(f"PRAGMA {prefix}table_info({name})").fetchall()
    table = kind is not None and kind[0] == "table"
    # a table's TEXT affinity turns numbers into text on insert; a view's declared types promise nothing
    # (a UNION takes its first branch's), so every column of a view is CAST
    text = {row[1].lower() for row in columns if table and _sqlite_affinity(row[2]) == "text"}
    return _SqliteSource(engine.url.database, table and "WITHOUT ROWID" not in (kind[1] or "").upper(), text)


def _sqlite_select(source: _SqliteSource, source_table: str, items: list[str], where: str = "") -> str:
    """The SELECT for the native reader. The compiled reader renders numbers itself; for apsw every column that
    may hold a number is CAST to TEXT in SQLite, so each column reaches the binary COPY as str (or bytes for a
    BLOB) and None: binary COPY keeps one dumper per column."""
    cols = items if sqlite_native.available() else [
        item if item.startswith("NULL AS ") or item in source.text_columns else f"CAST({item} AS TEXT) AS {item}"
        for item in items]
    return f"SELECT {', '.join(cols)} FROM {source_table}" + (f" WHERE {where}" if where else "")


def _open_sqlite(sqlite_path: str) -> apsw.Connection:
    """Read-only, without SQLite's per-call mutex: the connection stays in the thread that opened it."""
    return apsw.Connection(sqlite_path, flags=apsw.SQLITE_OPEN_READONLY | apsw.SQLITE_OPEN_NOMUTEX)


def _sqlite_one(sqlite_path: str, select_sql: str, params: dict) -> tuple:
    """One row of a query on a SQLite source, on a connection of its own."""
    src = _open_sqlite(sqlite_path)
    try:
        return next(src.execute(select_sql, params))
    finally:
        src.close()


def _copy_sql(target: tuple, columns: list[str], binary: bool = False, csv: bool = False,
              null: str | None = None) -> sql.Composed:
    options = sql.SQL(" (format binary)" if binary else " (format csv)" if csv else "")
    if null is not None:
        options = sql.SQL(" (null {})").format(sql.Literal(null))
    return sql.SQL("copy {} ({}) from stdin{}").format(
        sql.Identifier(*target), sql.SQL(", ").join(map(sql.Identifier, columns)), options)


def _copy_sqlite(conn: psycopg.Connection, sqlite_path: str, select_sql: str, params: dict, target: tuple,
                 columns: list[str], label: str) -> int:
    """Native SQLite reader: the compiled reader (`sqlite_native`) when built, else apsw; either way on a read-only
    connection without SQLite's per-call mutex, the connection staying in this thread."""
    conn.execute("set client_encoding to 'UTF8'")
    if sqlite_native.available():
        return _copy_sqlite_compiled(conn, sqlite_path, select_sql, params, target, columns, label)
    return _copy_sqlite_apsw(conn, sqlite_path, select_sql, params, target, columns, label)


def _copy_sqlite_compiled(conn: psycopg.Connection, sqlite_path: str, select_sql: str, params: dict,
                          target: tuple, columns: list[str], label: str) -> int:
    """Rows rendered as COPY text in C, whole rows per chunk: no Python object per value."""
    try:
        with sqlite_native.Rows(sqlite_path, select_sql, params) as rows, \
                conn.cursor().copy(_copy_sql(target, columns)) as copy:
            for chunk in rows.chunks():
                copy.write(chunk)
            return rows.rows
    except sqlite_native.NativeReadError as exc:
        message = str(exc)
        if exc.column is not None:
            message = message.replace(f"column {exc.column} ", f"column {columns[exc.column - 1]} ", 1)
        raise LoadError(f"{label}: {message}; only text is loaded (cast or clean it in a source view)") from exc


def _copy_sqlite_apsw(conn: psycopg.Connection, sqlite_path: str, select_sql: str, params: dict, target: tuple,
                      columns: list[str], label: str) -> int:
    """apsw rows one by one into a binary COPY: str goes into the text columns as UTF-8, nothing is escaped on
    our side or parsed on the server's. About twice as fast as `sqlite3` and text COPY."""
    src = _open_sqlite(sqlite_path)
    rows = 0
    try:
        with conn.cursor().copy(_copy_sql(target, columns, binary=True)) as copy:
            for rows, row in enumerate(src.execute(select_sql, params), 1):  # noqa: B007 (rows is the count)
                try:
                    copy.write_row(row)
                except TypeError as exc:
                    bad = [c for c, v in zip(columns, row, strict=True) if v is not None and not isinstance(v, str)]
                    where = (f"column {bad[0]} of source row {rows} holds" if bad else
                             f"a column holds text at source row {rows} and, in an earlier row,")
                    raise LoadError(f"{label}: {where} binary data (a BLOB) in a text column; only text is loaded"
                                    " (cast it in a source view)") from exc
    finally:
        src.close()
    return rows


def _copy_sqlite_range(conninfo: dict, sqlite_path: str, select_sql: str, params: dict, target: tuple,
                       columns: list[str], label: str, result: multiprocessing.Queue) -> None:
    """Worker process: one rowid range of a SQLite table into the incoming table, in its own binary COPY."""
    try:
        with psycopg.connect(**conninfo) as conn:
            rows = _copy_sqlite(conn, sqlite_path, select_sql, params, target, columns, label)
        result.put(("ok", rows))
    except BaseException as exc:  # reported to the parent, which fails the table
        result.put(("error", str(exc) if isinstance(exc, LoadError) else f"{label}: {type(exc).__name__}: {exc}"))


def _rowid_span(engine: sa.Engine, source_table: str) -> tuple[int | None, int | None]:
    """Smallest and largest rowid, two index lookups (min and max in one SELECT would scan the whole table)."""
    with engine.connect() as src:
        return tuple(src.execute(sa.text(f"SELECT (SELECT min(rowid) FROM {source_table}),"
                                         f" (SELECT max(rowid) FROM {source_table})")).one())


def _stream_sqlite_parallel(engine: sa.Engine, source: _SqliteSource, table: SourceTable, items: list[str],
                            where: str, params: dict, target: tuple, readers: int,
                            span: tuple[int | None, int | None] | None = None, alongside=None) -> tuple[int, object]:
    """Worker processes over rowid ranges; `alongside()` runs in this process meanwhile (started only after the
    fork: no thread of ours may hold a lock when the workers are forked)."""
    lo, hi = span or _rowid_span(engine, table.source_table)
    if lo is None:
        return 0, alongside() if alongside else None
    step = (hi - lo) // readers + 1
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    procs = []
    label = f"{table.system}.{table.table}"
    for i in range(readers):
        a, b = lo + i * step, min(hi, lo + (i + 1) * step - 1)
        cond = f"rowid BETWEEN {a} AND {b}" + (f" AND ({where})" if where else "")
        p = ctx.Process(target=_copy_sqlite_range, daemon=True,
                        args=(_conninfo(label), source.path, _sqlite_select(source, table.source_table, items, cond),
                              params, target, table.column_names, label, results))
        p.start()
        procs.append(p)
    try:
        side = alongside() if alongside else None
    finally:
        outcomes = [results.get() for _ in procs]
    for p in procs:
        p.join()
    errors = [msg for status, msg in outcomes if status == "error"]
    if errors:
        raise LoadError(errors[0])
    return sum(n for _, n in outcomes), side


def _sqlalchemy_batches(engine: sa.Engine, select_sql: str, params: dict):
    with engine.connect() as src:
        result = src.execution_options(stream_results=True, yield_per=FETCH_SIZE).execute(sa.text(select_sql), params)
        yield from result.partitions(FETCH_SIZE)


def _stream_rows(batches_factory, conn: psycopg.Connection, target: tuple, columns: list[str]) -> int:
    """A reader thread fetches batches into a bounded queue while COPY writes the previous ones."""
    batches: queue.Queue = queue.Queue(QUEUE_BATCHES)
    stop = threading.Event()
    done = object()

    def read() -> None:
        try:
            for part in batches_factory():
                while not stop.is_set():
                    try:
                        batches.put(part, timeout=0.5)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            batches.put(done)
        except BaseException as exc:
            batches.put(exc)

    reader = threading.Thread(target=read, name="jiandu-source-reader", daemon=True)
    reader.start()
    rows = 0
    try:
        item = batches.get()
        # lines rendered by the source server come as CSV, the mysql client's output as text COPY with its own NULL
        # (jiandu.loaders.mysql_reader), rows of values as text COPY
        blocks = isinstance(item, mysql_reader.TextBlock)
        copy_sql = _copy_sql(target, columns, csv=isinstance(item, mysql_reader.Chunk),
                             null=mysql_reader.CLIENT_NULL if blocks else None)
        with conn.cursor() as cursor:
            with cursor.copy(copy_sql) as copy:
                while item is not done:
                    if isinstance(item, BaseException):
                        raise item
                    if isinstance(item, mysql_reader.TextBlock):
                        copy.write(item.data)
                    elif isinstance(item, mysql_reader.Chunk):
                        copy.write(item.text)
                        rows += item.rows
                    else:
                        for row in item:
                            copy.write_row(row)
                        rows += len(item)
                    item = batches.get()
            if blocks:  # rows run across the client's blocks: COPY counts them
                rows = cursor.rowcount
    finally:
        stop.set()
        reader.join(timeout=30)
    return rows


def _is_native_sqlite(engine: sa.Engine, native_sqlite: bool) -> bool:
    return native_sqlite and engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:")


def _stream_select(engine: sa.Engine, source: _SqliteSource | None, table: SourceTable, items: list[str], where: str,
                   params: dict, target: tuple, columns: list[str]) -> int:
    """One reader: the native SQLite reader (binary COPY) when `source` is given, else SQLAlchemy rows through a
    reader thread."""
    with connect(application_name=_application_name(f"{table.system}.{table.table}")) as conn:
        if source:
            return _copy_sqlite(conn, source.path, _sqlite_select(source, table.source_table, items, where), params,
                                target, columns, f"{table.system}.{table.table}")
        if mysql_reader.is_pymysql(engine):  # rendered as COPY text by the server (jiandu.loaders.mysql_reader)
            return _stream_rows(lambda: mysql_reader.copy_chunks(engine, items, table.source_table, where, params,
                                                                 FETCH_SIZE), conn, target, columns)
        select_sql = f"SELECT {', '.join(items)} FROM {table.source_table}" + (f" WHERE {where}" if where else "")
        return _stream_rows(lambda: _sqlalchemy_batches(engine, select_sql, params), conn, target, columns)


# --- extract -------------------------------------------------------------------------------------------------

def _copy_error(exc: psycopg.Error) -> str:
    """What PostgreSQL said of a refused COPY value, with the row and column it names."""
    return "; ".join(p for p in (exc.diag.message_primary, exc.diag.context) if p) or str(exc)


def _record_failure(batch_id: str, exc: BaseException) -> None:
    with connect() as conn:
        conn.execute("update audit_meta.load_batches set status = 'failed', finished_at = now(), message = %s"
                     " where batch_id = %s", (str(exc)[:2000], batch_id))


def record_failed_batch(run_id: str, table: SourceTable, message: str) -> str:
    """A batch that never started (its source system could not be reached), recorded as failed."""
    batch_id = f"{table.raw_name}.{uuid.uuid4().hex[:12]}"
    with connect() as conn:
        conn.execute(
            "insert into audit_meta.load_batches (batch_id, run_id, source_system, source_table, load_mode,"
            " started_at, finished_at, status, message) values (%s, %s, %s, %s, %s, now(), now(), 'failed', %s)",
            (batch_id, run_id, table.system, table.table, table.load, message[:2000]))
    return batch_id


def abandon_leftovers() -> dict:
    """At the start of a run (which holds the run lease): batches of killed tries still `running` or `landed` are
    marked `abandoned` (never promoted; their watermark never advanced) and the half-written incoming and key
    tables in landing are dropped."""
    with connect() as conn:
        batches = conn.execute(
            "update audit_meta.load_batches set status = 'abandoned', finished_at = coalesce(finished_at, now()),"
            " message = concat_ws('; ', message, '运行中断，批次作废 abandoned: its run was killed before promotion')"
            " where status in ('running', 'landed')").rowcount
        tables = [r[0] for r in conn.execute(
            "select tablename from pg_tables where schemaname = 'landing'"
            " and (tablename like '%\\_\\_incoming' or tablename like '%\\_\\_keys') order by 1")]
        for name in tables:
            conn.execute(sql.SQL("drop table if exists {}").format(sql.Identifier("landing", name)))
    return {"batches": batches, "tables": tables}


def extract_to_landing(engine: sa.Engine, table: SourceTable, run_id: str, *, full_key_check: bool = False,
                       readers: int | None = None, native_sqlite: bool = True,
                       typed_landing: bool | None = None) -> LoadResult:
    """Extract one table (whole or its delta) into landing; records the batch in audit_meta.load_batches.

    `typed_landing` (default: every source not read by the native SQLite reader) lands the contract's typed columns
    typed, behind a text view (see TYPED_LANDING_TYPES).

    On any error the batch is marked failed and the error re-raised; landing and raw are left as they were.
    """
    batch_id = f"{table.raw_name}.{uuid.uuid4().hex[:12]}"
    started = datetime.now(UTC)
    with connect() as conn:
        conn.execute(
            "insert into audit_meta.load_batches (batch_id, run_id, source_system, source_table, load_mode,"
            " started_at, status) values (%s, %s, %s, %s, %s, %s, 'running')",
            (batch_id, run_id, table.system, table.table, table.load, started),
        )
    try:
        result = _extract(engine, table, run_id, batch_id, started, full_key_check, readers, native_sqlite,
                          typed_landing)
    except BaseException as exc:
        _record_failure(batch_id, exc)
        raise
    with connect() as conn:
        conn.execute(
            "update audit_meta.load_batches set status = 'landed', finished_at = now(), source_rows = %s,"
            " loaded_rows = %s, message = %s, watermark_from = %s, watermark_to = %s, key_check = %s"
            " where batch_id = %s",
            (result.source_rows, result.loaded_rows, "; ".join(result.warnings) or None, result.watermark_from,
             result.watermark_to, result.key_check, batch_id),
        )
    return result


def _extract(engine: sa.Engine, table: SourceTable, run_id: str, batch_id: str, started: datetime,
             full_key_check: bool, readers: int | None, native_sqlite: bool, typed_landing: bool | None
             ) -> LoadResult:
    items, warnings = _select_items(engine, table)
    for w in warnings:
        log.warning(w)
    dialect = engine.dialect.name
    where, params, watermark_from = "", {}, None
    key_check = table.load == "full"
    if table.load == "incremental":
        watermark, last_check = _watermark_state(table)
        if watermark is not None:
            params = {"jiandu_lower": _lower_bound(table, watermark, dialect)}
            where = f"{table.incremental_column} >= :jiandu_lower"
            watermark_from = _as_text(params["jiandu_lower"])
        key_check = (full_key_check or watermark is None or table.key_check_days == 0 or last_check is None
                     or datetime.now(UTC) - last_check >= timedelta(days=table.key_check_days))
    stats = f"count(*), max({table.incremental_column})" if table.load == "incremental" else "count(*), NULL"
    stats_sql = f"SELECT {stats} FROM {table.source_table}" + (f" WHERE {where}" if where else "")
    source = _sqlite_source(engine, table.source_table) if _is_native_sqlite(engine, native_sqlite) else None
    readers = SQLITE_READERS if readers is None else readers
    # typed landing needs text COPY of values: not the native SQLite reader's binary COPY
    typed = _typed_columns(table) if source is None and typed_landing is not False else frozenset()

    def readers_for(rows: int) -> int:  # parallel reader processes: only for a plain SQLite table of many rows
        if not (source and source.rowid_table and readers > 1 and rows >= MIN_ROWS_PER_READER):
            return 1
        return min(readers, max(1, rows // MIN_ROWS_PER_READER))

    span, count_alongside = None, False
    if source and source.rowid_table and not where:
        # a whole SQLite table: sized by its rowid span; read in parallel, it is counted (and its watermark taken)
        # while the workers stream the rows instead of in one more scan before them
        span = _rowid_span(engine, table.source_table)
        size = 0 if span[0] is None else span[1] - span[0] + 1
        count_alongside = readers_for(size) > 1
    def source_stats() -> tuple:
        with engine.connect() as src:
            return tuple(src.execute(sa.text(stats_sql), params).one())

    stats_alongside = None
    if source is None:
        # a server source: counted (and its watermark taken) on a second connection while the rows stream, instead of
        # in one more scan before them (a million GL lines: about a second of the server's time)
        stats_alongside = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="jiandu-source-count")
        counted = stats_alongside.submit(source_stats)
        stats_alongside.shutdown(wait=False)
        size = 0
    elif not count_alongside:
        source_rows, max_value = source_stats()
        size = source_rows

    lineage = (batch_id, started, table.system, table.table)
    incoming = ("landing", f"{table.raw_name}__incoming")
    keys = ("landing", f"{table.raw_name}__keys")
    with connect() as conn:
        conn.execute(sql.SQL("drop table if exists {}").format(sql.Identifier(*incoming)))
        conn.execute(_incoming_ddl(table, sql.Identifier(*incoming), lineage, table.column_names, typed))
    try:
        if readers_for(size) > 1:
            loaded, stats = _stream_sqlite_parallel(
                engine, source, table, items, where, params, incoming, readers_for(size), span,
                (lambda: _sqlite_one(source.path, stats_sql, params)) if count_alongside else None)
            if count_alongside:
                source_rows, max_value = stats
        else:
            try:
                loaded = _stream_select(engine, source, table, items, where, params, incoming, table.column_names)
            except psycopg.errors.DataError as exc:
                if not typed:
                    raise
                # a value the contract's type refuses: land the batch as text, so the checks name its row and column
                warnings.append(f"{table.system}.{table.table}: 类型化落地被拒，改为文本落地 typed landing refused "
                                f"({_copy_error(exc)}); the batch landed as text for the checks")
                log.warning(warnings[-1])
                typed = frozenset()
                with connect() as conn:
                    conn.execute(sql.SQL("drop table if exists {}").format(sql.Identifier(*incoming)))
                    conn.execute(_incoming_ddl(table, sql.Identifier(*incoming), lineage, table.column_names))
                loaded = _stream_select(engine, source, table, items, where, params, incoming, table.column_names)
        if stats_alongside is not None:
            source_rows, max_value = counted.result()
        if key_check and table.load == "incremental" and watermark_from is not None:
            with connect() as conn:
                conn.execute(sql.SQL("drop table if exists {}").format(sql.Identifier(*keys)))
                conn.execute(_incoming_ddl(table, sql.Identifier(*keys), lineage, list(table.primary_key)))
            _stream_select(engine, source, table, list(table.primary_key), "", {}, keys, list(table.primary_key))
        with connect() as conn:  # every row arrived: swap the batch in, atomically
            ensure_raw(conn, table)  # so checks of any table may look up keys in raw (incremental parents)
            _drop_landing(conn, table.raw_name)
            landed = table.raw_name + (TYPED_SUFFIX if typed else "")
            conn.execute(sql.SQL("alter table {} rename to {}").format(sql.Identifier(*incoming),
                                                                     sql.Identifier(landed)))
            if typed:  # the checks read the batch as text
                conn.execute(sql.SQL("create view {} as select {} from {}").format(
                    sql.Identifier("landing", table.raw_name),
                    sql.SQL(", ").join([_as_landing_text(c, typed) for c in table.columns]
                                       + [sql.Identifier(n) for n, _ in LINEAGE_COLUMNS]),
                    sql.Identifier("landing", landed)))
            # statistics for the GX checks (row counts, distinct keys): a small sample is enough for single-table
            # checks and takes 0.08 s instead of 0.5-0.7 s for a million rows; raw is analysed in full on promotion
            conn.execute(f"set local default_statistics_target = {LANDING_STATISTICS_TARGET}")
            conn.execute(sql.SQL("analyze {}").format(sql.Identifier("landing", landed)))
    except BaseException:
        with connect() as conn:
            conn.execute(sql.SQL("drop table if exists {}").format(sql.Identifier(*incoming)))
        raise
    seconds = (datetime.now(UTC) - started).total_seconds()
    return LoadResult(batch_id, table.system, table.table, source_rows, loaded, warnings, table.load,
                      watermark_from, _as_text(max_value), key_check, round(seconds, 3))


# --- promote -------------------------------------------------------------------------------------------------

_SPACE = " \t\n\r\f\v"  # what the type checks' \s allows around a value


def _cast(value: sql.Composable, column, typed: dict[str, str] | None = None) -> sql.Composable:
    """A landing value as the contract's type: as it is when it landed in that type (`typed`: name -> landed type,
    for the columns that did not land as text), else cast; blank is NULL. An integer exported from a float (12.0)
    goes through numeric; a month is rewritten YYYY-MM from the forms the type check accepts
    (jiandu.sources.contract.MONTH_FORM)."""
    if typed and column.name in typed:
        if typed[column.name] == column.pg_type:
            return value
        return sql.SQL("cast({} as {})").format(value, sql.SQL(column.pg_type))  # the contract changed since
    if column.pg_type != "text":  # a blank optional value (the type check lets it through) is NULL
        value = sql.SQL("nullif(btrim({}, {}), '')").format(value, sql.Literal(_SPACE))
    if column.type == "month":
        return sql.SQL("(select m[1] || '-' || lpad(m[3], 2, '0') from regexp_match({}, {}) m)").format(
            value, sql.Literal(MONTH_FORM))
    if column.type == "integer":  # through numeric only when there is a point: parsing numeric costs on every row
        return sql.SQL("case when strpos({v}, '.') > 0 then cast(cast({v} as numeric) as {t}) else cast({v} as {t}) end"
                       ).format(v=value, t=sql.SQL(column.pg_type))
    return sql.SQL("cast({} as {})").format(value, sql.SQL(column.pg_type))


def _pk_match(table: SourceTable, left: str, right: str, cast_right: bool,
              typed: dict[str, str] | None = None) -> sql.Composed:
    columns = {c.name: c for c in table.columns}
    parts = []
    for k in table.primary_key:
        r = sql.SQL("{}.{}").format(sql.Identifier(right), sql.Identifier(k))
        if cast_right:
            r = _cast(r, columns[k], typed)
        parts.append(sql.SQL("{}.{} = {}").format(sql.Identifier(left), sql.Identifier(k), r))
    return sql.SQL(" and ").join(parts)


def ensure_raw(conn: psycopg.Connection, table: SourceTable) -> sql.Identifier:
    raw = sql.Identifier("raw", table.raw_name)
    conn.execute(sql.SQL("create table if not exists {} ({})").format(raw, _ddl_columns(table, typed=True)))
    for c in table.columns:  # a column added to the contract later
        conn.execute(sql.SQL("alter table {} add column if not exists {} {}").format(
            raw, sql.Identifier(c.name), sql.SQL(c.pg_type)))
    conn.execute(sql.SQL("alter table {} add column if not exists {} {}").format(
        raw, sql.Identifier(DELETED_COLUMN[0]), sql.SQL(DELETED_COLUMN[1])))
    # The key is unique in raw by construction (GX checks each batch's keys; promotion replaces rows by key);
    # the index makes it a guarantee, so dbt need not count millions of keys again every night.
    conn.execute(sql.SQL("create unique index if not exists {} on {} ({})").format(
        sql.Identifier(f"{table.raw_name[:50]}__pk_unique"), raw,
        sql.SQL(", ").join(map(sql.Identifier, table.primary_key))))
    conn.execute(sql.SQL("drop index if exists {}").format(  # the plain index of earlier versions
        sql.Identifier("raw", f"{table.raw_name}__pk_idx"[:63])))
    return raw


def _drop_key_index(conn: psycopg.Connection, table: SourceTable) -> None:
    conn.execute(sql.SQL("drop index if exists {}").format(sql.Identifier("raw", f"{table.raw_name[:50]}__pk_unique")))


def promote(table: SourceTable, batch_id: str) -> int:
    """Merge the validated landing batch into raw.<table> in one transaction; returns rows written."""
    keys = sql.Identifier("landing", f"{table.raw_name}__keys")
    with connect() as conn:
        batch = conn.execute(
            "select load_mode, loaded_rows, watermark_from, watermark_to, key_check from audit_meta.load_batches"
            " where batch_id = %s", (batch_id,)).fetchone()
        if batch is None:
            raise LoadError(f"{table.system}.{table.table}: batch {batch_id} not found")
        load_mode, loaded_rows, watermark_from, watermark_to, key_check = batch
        # landing must still hold this batch: a server crash empties an unlogged table, and a batch is landed whole
        # or not at all (swapped in by one rename), so one row tells, without counting a million again
        landing, typed = _landed(conn, table)
        landed = conn.execute(sql.SQL("select _batch_id from {} limit 1").format(landing)).fetchone()
        if (landed[0] if landed else None) != (batch_id if loaded_rows else None):
            held = f"batch {landed[0]}" if landed else "no rows"
            raise LoadError(f"{table.system}.{table.table}: landing holds {held}, batch {batch_id} loaded "
                            f"{loaded_rows} rows; re-extract before promoting")
        raw = ensure_raw(conn, table)
        names = [sql.Identifier(n) for n in table.column_names + [n for n, _ in LINEAGE_COLUMNS]]
        casts = [_cast(sql.Identifier(c.name), c, typed) for c in table.columns]
        casts += [sql.Identifier(n) for n, _ in LINEAGE_COLUMNS]
        insert = sql.SQL("insert into {} ({}) select {} from {} l where l._batch_id = %s").format(
            raw, sql.SQL(", ").join(names), sql.SQL(", ").join(casts), landing)
        deleted = 0
        # the unique key's index is built once after the rows, with room to sort them in memory
        conn.execute(f"set local maintenance_work_mem = '{INDEX_BUILD_MEMORY}'")
        if load_mode == "full":
            # rows whose key is no longer in the source stay in raw, marked deleted (never silently live)
            conn.execute(sql.SQL(
                "create temp table jiandu_vanished on commit drop as select * from {} r"
                " where not exists (select 1 from {} l where l._batch_id = %s and {})").format(
                raw, landing, _pk_match(table, "r", "l", cast_right=True, typed=typed)), (batch_id,))
            deleted = conn.execute("update jiandu_vanished set _deleted_at = now() where _deleted_at is null").rowcount
            conn.execute(sql.SQL("truncate {}").format(raw))
            _drop_key_index(conn, table)  # an empty table: built once after the rows, not kept up row by row
            promoted = conn.execute(insert, (batch_id,)).rowcount
            conn.execute(sql.SQL("insert into {} select * from jiandu_vanished").format(raw))
            ensure_raw(conn, table)  # the unique key again (fails, and rolls back, on a duplicate key)
        else:
            first_load = False
            if conn.execute(sql.SQL("select exists (select 1 from {})").format(raw)).fetchone()[0]:
                conn.execute(sql.SQL("delete from {} r using {} l where l._batch_id = %s and {}").format(
                    raw, landing, _pk_match(table, "r", "l", cast_right=True, typed=typed)), (batch_id,))
                promoted = conn.execute(insert, (batch_id,)).rowcount
            else:  # the first load: the key index built after the rows, and nothing can have vanished
                _drop_key_index(conn, table)
                promoted = conn.execute(insert, (batch_id,)).rowcount
                ensure_raw(conn, table)
                first_load = True
            judge_vanished = key_check and not first_load  # into an empty raw nothing can have vanished
            if judge_vanished and watermark_from is None:  # a whole-table read: what did not arrive is gone
                deleted = conn.execute(sql.SQL(
                    "update {} set _deleted_at = now() where _deleted_at is null and _batch_id <> %s").format(raw),
                    (batch_id,)).rowcount
            elif judge_vanished:
                deleted = conn.execute(sql.SQL(
                    "update {} r set _deleted_at = now() where r._deleted_at is null and not exists"
                    " (select 1 from {} k where k._batch_id = %s and {})").format(
                    raw, keys, _pk_match(table, "r", "k", cast_right=True)), (batch_id,)).rowcount
            conn.execute(
                "insert into audit_meta.watermarks (source_system, source_table, incremental_column, watermark,"
                " batch_id, last_key_check_at) values (%s, %s, %s, %s, %s, case when %s then now() end)"
                " on conflict (source_system, source_table) do update set"
                " watermark = coalesce(excluded.watermark, audit_meta.watermarks.watermark),"
                " incremental_column = excluded.incremental_column, batch_id = excluded.batch_id, updated_at = now(),"
                " last_key_check_at = coalesce(excluded.last_key_check_at, audit_meta.watermarks.last_key_check_at)",
                (table.system, table.table, table.incremental_column, watermark_to, batch_id, bool(key_check)))
        conn.execute("update audit_meta.load_batches set status = 'promoted', deleted_rows = %s where batch_id = %s",
                     (deleted, batch_id))
        # fresh statistics before tonight's models read it: without them the planner takes a just-loaded table
        # for one row and picks nested loops (a split-purchase rule on 11,000 purchases took 97 s instead of 0.1 s)
        conn.execute(sql.SQL("analyze {}").format(raw))
    if deleted:
        log.warning("%s.%s: %s row(s) vanished from the source, marked _deleted_at in raw", table.system,
                    table.table, deleted)
    return promoted


def quarantine(batch_id: str, reason: str) -> None:
    """Keep raw as it was (the last good data) and mark the batch; its watermark is not advanced."""
    with connect() as conn:
        conn.execute(
            # the reason first; what the extract said of the batch (ignored columns, a typed landing refused) kept
            "update audit_meta.load_batches set status = 'quarantined', message = left(concat_ws('; ', %s::text,"
            " message), 4000) where batch_id = %s",
            (reason[:2000], batch_id),
        )
