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

Where the MySQL/MariaDB command-line client is installed (the image has it; `JIANDU_MYSQL_CLIENT`), it reads the
rows instead (`client_copy`): the server sends the bare columns, the client escapes them in C as PostgreSQL's text
COPY reads them (tab, newline, backslash), and Python only passes its output on in 256 KiB blocks. Two things the
client's batch output does not do for COPY are done around it: a NULL would print as the word NULL, so every
nullable column is selected as `IFNULL(column, X'00')` and COPY takes the client's `\0` for NULL (a NUL byte cannot
be stored in PostgreSQL text anyway); and a carriage return comes out raw, so it is written `\r`. On 1M GL lines the
server no longer builds a CSV line per row, and no Python object is made per row.

A table with a binary column (BLOB, BINARY, BIT, GEOMETRY), or a query the server refuses in this form (e.g. an
illegal mix of collations), is read value by value (`text_batches`: every value the str the server sent).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass

import sqlalchemy as sa

from jiandu.settings import get_settings

log = logging.getLogger(__name__)

# constants the server parses once, independent of sql_mode (NO_BACKSLASH_ESCAPES) and of the connection's charset
_QUOTE = "_utf8mb4 X'22'"
_TWO_QUOTES = "_utf8mb4 X'2222'"
_COMMA = "_utf8mb4 X'2C'"
_NULL = "_utf8mb4 ''"  # CSV's NULL: the unquoted empty field
_NUL = "_utf8mb4 X'00'"  # NULL for the client: it prints a NUL as \0, COPY's NULL string there
CLIENT_NULL = "\\0"
CLIENT_BLOCK = 256 * 1024
# URL query options the client is given as its own; any other (TLS files, ...) keeps the source on pymysql
_CLIENT_URL_OPTIONS = {"charset": None, "unix_socket": "socket"}


class ClientError(RuntimeError):
    """The mysql client failed; the message is what it printed."""


@dataclass(frozen=True)
class Chunk:
    """Lines of CSV COPY input (each ending in a newline) and how many rows they hold."""

    text: str
    rows: int


@dataclass(frozen=True)
class TextBlock:
    """A block of the mysql client's output: PostgreSQL text COPY input with NULL written CLIENT_NULL; rows may run
    across blocks, so COPY counts them."""

    data: bytes


def is_pymysql(engine: sa.Engine) -> bool:
    return engine.dialect.name in ("mysql", "mariadb") and engine.driver == "pymysql"


def _kinds(cursor, probe: str, params: dict) -> list[str] | None:
    """'string' / 'plain' per selected column ('string?' / 'plain?' when it may be NULL), or None when one is
    binary (read value by value instead)."""
    from pymysql.constants import FIELD_TYPE as F
    from pymysql.constants import FLAG

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
        kind = "string" if field.type_code in strings else "plain"
        kinds.append(kind if field.flags & FLAG.NOT_NULL else kind + "?")
    return kinds


def _rendered(item: str, kind: str) -> str:
    if item.upper().startswith("NULL AS "):  # an optional column the source lacks
        return _NULL
    if kind.startswith("string"):
        return f"IFNULL(CONCAT({_QUOTE}, REPLACE({item}, {_QUOTE}, {_TWO_QUOTES}), {_QUOTE}), {_NULL})"
    return f"IFNULL({item}, {_NULL})"


def copy_chunks(engine: sa.Engine, items: list[str], source_table: str, where: str, params: dict,
                size: int) -> Iterator[TextBlock | Chunk | list[tuple]]:
    """The rows of `SELECT items FROM source_table [WHERE where]`: as the mysql client prints them (installed), as
    CSV chunks rendered by the server (no client, or the client could not connect), or (a binary column) as batches
    of str values."""
    import pymysql

    tail = f" FROM {source_table}" + (f" WHERE {where}" if where else "")
    plain_sql = f"SELECT {', '.join(items)}{tail}"
    probe = sa.text(f"{plain_sql} LIMIT 0").compile(dialect=engine.dialect)  # the column types, no rows
    bare = None
    pooled = engine.raw_connection()
    try:
        dbapi = pooled.driver_connection
        with dbapi.cursor() as cursor:
            try:
                kinds = _kinds(cursor, str(probe), probe.construct_params(params))
            except pymysql.err.MySQLError:
                kinds = None  # the plain SELECT below reports what is wrong with it
            client = client_command(engine) if kinds is not None else None
            if client is not None:  # the parameters (a watermark) bound as pymysql quotes them
                selected = [_NUL if item.upper().startswith("NULL AS ") else f"IFNULL({item}, {_NUL})"
                            if kind.endswith("?") else item for item, kind in zip(items, kinds, strict=True)]
                compiled = sa.text(f"SELECT {', '.join(selected)}{tail}").compile(dialect=engine.dialect)
                bare = cursor.mogrify(str(compiled), compiled.construct_params(params))
    finally:
        pooled.close()
    if bare is not None:
        blocks = client_copy(client, engine.url, bare)
        try:
            first = next(blocks, None)
        except ClientError as exc:  # e.g. an authentication plugin the client lacks: nothing was read yet
            log.warning("%s: the mysql client could not read (%s); reading through pymysql instead", source_table, exc)
        else:
            if first is not None:
                yield first
                yield from blocks
            return
    if kinds is not None:
        done = yield from _server_rendered(engine, items, kinds, tail, params, size)
        if done:
            return
    yield from text_batches(engine, plain_sql, params, size)


def _server_rendered(engine: sa.Engine, items: list[str], kinds: list[str], tail: str, params: dict, size: int
                     ) -> Iterator[Chunk]:
    """CSV lines rendered by the server, read by pymysql; returns False when the server refuses the rendering (e.g.
    an illegal mix of collations) before any row, so the rows are read value by value instead."""
    import pymysql
    import pymysql.cursors

    line = f"CONCAT_WS({_COMMA}, {', '.join(map(_rendered, items, kinds))})"
    rendered = sa.text(f"SELECT {line}{tail}").compile(dialect=engine.dialect)
    pooled = engine.raw_connection()
    try:
        cursor = pooled.driver_connection.cursor(pymysql.cursors.SSCursor)
        try:
            try:
                cursor.execute(str(rendered), rendered.construct_params(params))
            except pymysql.err.MySQLError:
                return False
            while batch := cursor.fetchmany(size):
                yield Chunk("".join(row[0] + "\n" for row in batch), len(batch))
            return True
        finally:
            cursor.close()
    finally:
        pooled.close()


def client_command(engine: sa.Engine) -> str | None:
    """The mysql client to read this source with, or None: not installed, `JIANDU_MYSQL_CLIENT=none`, or the URL
    has connection options (TLS files, ...) only pymysql is given."""
    setting = get_settings().mysql_client
    if setting and setting.lower() == "none":
        return None
    if any(key not in _CLIENT_URL_OPTIONS for key in engine.url.query):
        return None
    if setting:
        return shutil.which(setting) or None
    return shutil.which("mariadb") or shutil.which("mysql")


def _option_value(value: object) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def client_copy(client: str, url: sa.URL, query: str) -> Iterator[TextBlock]:
    """Run `query` with the mysql client in batch mode; its output in blocks of text COPY input. The credentials go
    in an option file only this user can read, removed when the client ends."""
    options = {"host": url.host or "localhost", "port": url.port or 3306, "user": url.username or "",
               "password": url.password or "", "database": url.database or ""}
    for key, name in _CLIENT_URL_OPTIONS.items():
        if name and key in url.query:
            options[name] = url.query[key]
    fd, option_file = tempfile.mkstemp(prefix="jiandu-mysql-", suffix=".cnf")
    proc = None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write("[client]\n" + "".join(f"{k}={_option_value(v)}\n" for k, v in options.items() if v != ""))
        with tempfile.TemporaryFile() as errors:
            proc = subprocess.Popen(
                [client, f"--defaults-extra-file={option_file}", "--batch", "--quick", "--skip-column-names",
                 "--default-character-set=utf8mb4", "--execute", query],
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors)
            while block := proc.stdout.read(CLIENT_BLOCK):
                yield TextBlock(block.replace(b"\r", b"\\r"))
            if proc.wait():
                errors.seek(0)
                said = errors.read().decode("utf-8", "replace").strip()
                raise ClientError(f"{os.path.basename(client)} exit {proc.returncode}: {said[-1000:]}")
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc is not None:
            proc.stdout.close()
        os.unlink(option_file)


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
