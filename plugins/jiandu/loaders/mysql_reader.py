"""MySQL / MariaDB sources read as text, rendered by the server.

Landing tables are text (GX validates before any cast), so parsing every DECIMAL, DATE and DATETIME into a
Python object only for COPY to format it back to text is work for nothing, and pymysql (pure Python) pays per
value. Instead the server renders each row as one line of PostgreSQL's CSV COPY format:

    SELECT CONCAT_WS(',', IFNULL(CONCAT('"', REPLACE(<string column>, '"', '""'), '"'), ''),
                          IFNULL(<number or date>, ''), ...) FROM ...

Every string is quoted with its quotes doubled, so a comma, a newline, a carriage return, a backslash or the word
NULL in the data are only data; NULL is the unquoted empty field (an empty string is `""`); numbers and dates go as
the server prints them (`3200.50`, `2026-09-01 09:00:00`, `1`). The lines go to COPY as they come, one Python call
per batch instead of one per value, and an unbuffered cursor streams them (memory stays at one fetch batch).
CSV costs the server one REPLACE per string column; the text format needed four (backslash, tab, newline, CR),
which made the server's rendering the slowest step of the load (benchmarks/extract_load_mariadb.py). The constants
are hex literals with a character set introducer (`_utf8mb4 X'22'`), whatever the session's sql_mode
(NO_BACKSLASH_ESCAPES) or character set: on 1M GL lines the server rendered them in about half the time it took
with `CHAR(92 USING utf8mb4)` expressions in their place.

A table with a binary column (BLOB, BINARY, BIT, GEOMETRY), or a query the server refuses in this form (e.g. an
illegal mix of collations), is read value by value (`text_batches`: every value the str the server sent).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import sqlalchemy as sa

# constants the server parses once, independent of sql_mode (NO_BACKSLASH_ESCAPES) and of the connection's charset
_QUOTE = "_utf8mb4 X'22'"
_TWO_QUOTES = "_utf8mb4 X'2222'"
_COMMA = "_utf8mb4 X'2C'"
_NULL = "_utf8mb4 ''"  # CSV's NULL: the unquoted empty field

@dataclass(frozen=True)
class Chunk:
    """Lines of CSV COPY input (each ending in a newline) and how many rows they hold."""

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
    if kind == "string":
        return f"IFNULL(CONCAT({_QUOTE}, REPLACE({item}, {_QUOTE}, {_TWO_QUOTES}), {_QUOTE}), {_NULL})"
    return f"IFNULL({item}, {_NULL})"


def copy_chunks(engine: sa.Engine, items: list[str], source_table: str, where: str, params: dict,
                size: int) -> Iterator[Chunk | list[tuple]]:
    """The rows of `SELECT items FROM source_table [WHERE where]` as CSV chunks rendered by the server, or (a
    binary column) as batches of str values."""
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
            line = f"CONCAT_WS({_COMMA}, {', '.join(map(_rendered, items, kinds))})"
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
