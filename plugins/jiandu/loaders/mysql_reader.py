"""MySQL / MariaDB sources read as text, rendered by the server.

Landing tables are text (GX validates before any cast), so parsing every DECIMAL, DATE and DATETIME into a
Python object only for COPY to format it back to text is work for nothing, and pymysql (pure Python) pays per
value. Instead the server renders each row as one line of PostgreSQL's text COPY format:

    SELECT CONCAT_WS(<tab>, IFNULL(<escaped string column>, '\\N'), IFNULL(<number or date>, '\\N'), ...) FROM ...

(string columns with backslash, tab, newline and carriage return escaped as COPY reads them; numbers and dates as
the server prints them: `3200.50`, `2026-09-01 09:00:00`, `1`), and the lines go to COPY as they come, one Python
call per batch instead of one per value. An unbuffered cursor streams them (memory stays at one fetch batch).

A table with a binary column (BLOB, BINARY, BIT, GEOMETRY), or a query the server refuses in this form, is read
value by value as before (`text_batches`: every value the str the server sent, no decoders).
benchmarks/extract_load_mariadb.py measures both against the servers' own export.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import sqlalchemy as sa

# the server's own characters, independent of sql_mode (NO_BACKSLASH_ESCAPES) and of the connection's charset
_BS = "CHAR(92 USING utf8mb4)"
_NULL = f"CONCAT({_BS}, 'N')"
_ESCAPES = ((_BS, f"CONCAT({_BS}, {_BS})"), ("CHAR(9 USING utf8mb4)", f"CONCAT({_BS}, 't')"),
            ("CHAR(10 USING utf8mb4)", f"CONCAT({_BS}, 'n')"), ("CHAR(13 USING utf8mb4)", f"CONCAT({_BS}, 'r')"))


@dataclass(frozen=True)
class Chunk:
    """Lines of COPY text (each ending in a newline) and how many rows they hold."""

    text: str
    rows: int


def is_pymysql(engine: sa.Engine) -> bool:
    return engine.dialect.name in ("mysql", "mariadb") and engine.driver == "pymysql"


def _kinds(cursor, probe: str, params: dict) -> list[str] | None:
    """'string' / 'plain' per selected column, or None when one is binary (read value by value instead)."""
    from pymysql.constants import FIELD_TYPE as F

    strings = {F.STRING, F.VAR_STRING, F.VARCHAR, F.ENUM,  # (F.CHAR is TINY: a number)
               F.SET, F.JSON, F.BLOB, F.TINY_BLOB, F.MEDIUM_BLOB,
               F.LONG_BLOB}
    cursor.execute(probe, params)
    cursor.fetchall()
    kinds = []
    for field in cursor._result.fields:  # pymysql keeps the column definitions (type, charset) here
        if field.type_code in (F.BIT, F.GEOMETRY) or (field.type_code in strings and field.charsetnr == 63
                                                       and field.type_code != F.JSON):
            return None
        kinds.append("string" if field.type_code in strings else "plain")
    return kinds


def _rendered(item: str, kind: str) -> str:
    if item.upper().startswith("NULL AS "):  # an optional column the source lacks
        return _NULL
    expr = item
    if kind == "string":
        for char, escaped in _ESCAPES:
            expr = f"REPLACE({expr}, {char}, {escaped})"
    return f"IFNULL({expr}, {_NULL})"


def copy_chunks(engine: sa.Engine, items: list[str], source_table: str, where: str, params: dict,
                size: int) -> Iterator[Chunk | list[tuple]]:
    """The rows of `SELECT items FROM source_table [WHERE where]` as COPY text chunks rendered by the server, or
    (a binary column) as batches of str values."""
    import pymysql
    import pymysql.cursors

    tail = f" FROM {source_table}" + (f" WHERE {where}" if where else "")
    plain_sql = f"SELECT {', '.join(items)}{tail}"
    probe = sa.text(f"{plain_sql} LIMIT 0").compile(dialect=engine.dialect)  # the column types, no rows
    pooled = engine.raw_connection()
    try:
        dbapi = pooled.driver_connection
        with dbapi.cursor() as cursor:
            try:
                kinds = _kinds(cursor, str(probe), probe.construct_params(params))
            except pymysql.err.MySQLError:
                kinds = None  # the plain SELECT below reports what is wrong with it
        if kinds is not None:
            line = f"CONCAT_WS(CHAR(9 USING utf8mb4), {', '.join(map(_rendered, items, kinds))})"
            rendered = sa.text(f"SELECT {line}{tail}").compile(dialect=engine.dialect)
            cursor = dbapi.cursor(pymysql.cursors.SSCursor)
            try:
                try:
                    cursor.execute(str(rendered), rendered.construct_params(params))
                except pymysql.err.MySQLError:  # e.g. an illegal mix of collations: value by value instead
                    kinds = None
                else:
                    while batch := cursor.fetchmany(size):
                        yield Chunk("".join(row[0] + "\n" for row in batch), len(batch))
                    return
            finally:
                cursor.close()
    finally:
        pooled.close()
    yield from text_batches(engine, plain_sql, params, size)


def text_batches(engine: sa.Engine, select_sql: str, params: dict, size: int) -> Iterator[list[tuple]]:
    """Batches of `size` rows of `select_sql` (SQLAlchemy `:name` parameters), every value a str or None."""
    import pymysql.cursors

    compiled = sa.text(select_sql).compile(dialect=engine.dialect)
    pooled = engine.raw_connection()
    try:
        dbapi = pooled.driver_connection
        decoders, dbapi.decoders = dbapi.decoders, {}
        try:
            cursor = dbapi.cursor(pymysql.cursors.SSCursor)
            try:
                cursor.execute(str(compiled), compiled.construct_params(params))
                while batch := cursor.fetchmany(size):
                    yield batch
            finally:
                cursor.close()
        finally:
            dbapi.decoders = decoders  # the pooled connection goes back as it came
    finally:
        pooled.close()
