"""MariaDB rows read by PostgreSQL's COPY, either as the mysql client prints them (text COPY) or rendered as CSV by
the server (no client installed, `JIANDU_MYSQL_CLIENT=none`), carry exactly the values the value-by-value reader
returns: awkward strings (quotes, commas, backslash, tab, CR, newline, the word NULL, a literal \\N, an empty string,
4-byte characters), NULLs, decimals, fractional datetimes, times, booleans, whatever the session's sql_mode; a table
with a binary column is read value by value."""

from __future__ import annotations

import os
import tempfile

import psycopg
import pymysql
import pytest
import sqlalchemy as sa
from psycopg import sql

from jiandu.loaders import mysql_reader

DB = f"jiandu_mysql_reader_{os.getpid()}"
AWKWARD = ["路径 D:\\审批\\附件", "tab\there", "cr\rlf\r\nend", "NULL", "\\N", "😀 表情", "", "back\\\\slash\\t",
           'say "hi", then, ""', '"', "\\.", ","]
PG = "postgresql://postgres@127.0.0.1:5432/test"


CSV = sql.SQL("(format csv)")  # the server-rendered lines
CLIENT_TEXT = sql.SQL("(null {})").format(sql.Literal(mysql_reader.CLIENT_NULL))  # the mysql client's output


def _copied(data: str | bytes, columns: int, options: sql.Composable = CSV) -> list[tuple]:
    """What PostgreSQL's COPY reads, row by row: the rendered lines as CSV, or (options) the mysql client's output as
    text COPY with the reader's NULL string."""
    names = [f"c{i}" for i in range(columns)]
    with psycopg.connect(PG) as conn:
        conn.execute(sql.SQL("create temp table copied (n serial, {})").format(
            sql.SQL(", ").join(sql.SQL("{} text").format(sql.Identifier(c)) for c in names)))
        with conn.cursor().copy(sql.SQL("copy copied ({}) from stdin {}").format(
                sql.SQL(", ").join(map(sql.Identifier, names)), options)) as copy:
            copy.write(data)
        return conn.execute(sql.SQL("select {} from copied order by n").format(
            sql.SQL(", ").join(map(sql.Identifier, names)))).fetchall()


def _rows(chunks, columns: int) -> tuple[str, list[tuple]]:
    kinds, rows, text, blocks = set(), [], [], []
    for chunk in chunks:
        if isinstance(chunk, mysql_reader.TextBlock):
            kinds.add("client")
            blocks.append(chunk.data)
        elif isinstance(chunk, mysql_reader.Chunk):
            kinds.add("rendered")
            assert chunk.text.endswith("\n") and chunk.rows > 0
            text.append(chunk.text)
        else:
            kinds.add("values")
            rows += [tuple(v if v is None or isinstance(v, str) else v.decode() for v in row) for row in chunk]
    assert len(kinds) == 1
    if text:
        rows = _copied("".join(text), columns)
    if blocks:
        rows = _copied(b"".join(blocks), columns, CLIENT_TEXT)
    return kinds.pop(), rows


@pytest.fixture(params=["client", "rendered"])
def reader(request, monkeypatch) -> str:
    """The two ways rows are read: the mysql client, or lines rendered by the server (no client)."""
    if request.param == "client":
        monkeypatch.delenv("JIANDU_MYSQL_CLIENT", raising=False)
        if mysql_reader.client_command(sa.create_engine("mysql+pymysql://x@h/d")) is None:  # pragma: no cover
            pytest.skip("no mysql/mariadb client installed")
    else:
        monkeypatch.setenv("JIANDU_MYSQL_CLIENT", "none")
    return request.param


@pytest.fixture(scope="module")
def engine():
    try:
        conn = pymysql.connect(host="127.0.0.1", port=3306, user="root", password="", charset="utf8mb4",
                               autocommit=True)
    except pymysql.err.OperationalError as exc:  # pragma: no cover - the test machine has MariaDB
        pytest.skip(f"MariaDB at 127.0.0.1:3306 not reachable: {exc}")
    with conn.cursor() as cur:
        cur.execute(f"drop database if exists `{DB}`")
        cur.execute(f"create database `{DB}` character set utf8mb4")
        cur.execute(f"use `{DB}`")
        cur.execute("create table t (id int primary key, s varchar(100), amount decimal(18,2), at datetime(6),"
                    " d date, span time, ok tinyint(1), ratio double, big bigint)")
        for i, s in enumerate(AWKWARD + [None]):
            cur.execute("insert into t values (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                        (i, s, None if i == 2 else f"{i * 1000.5:.2f}", f"2026-09-0{1 + i % 9} 09:00:00.{i:06d}",
                         None if i == 3 else "2026-10-01", "26:03:04", i % 2, 0.1 * i, -(2 ** 62) + i))
        cur.execute("create table b (id int primary key, payload blob, s varchar(10))")
        cur.execute("insert into b values (1, x'00ff10', 'x'), (2, null, 'y')")
    engine = sa.create_engine(f"mysql+pymysql://root@127.0.0.1:3306/{DB}?charset=utf8mb4")
    yield engine
    engine.dispose()
    with conn.cursor() as cur:
        cur.execute(f"drop database if exists `{DB}`")
    conn.close()


def test_the_copied_rows_hold_the_values_the_value_reader_returns(engine, reader):
    items = ["id", "s", "amount", "at", "d", "span", "ok", "ratio", "big", "NULL AS missing"]
    kind, rendered = _rows(mysql_reader.copy_chunks(engine, items, "t", "", {}, size=4), len(items))
    assert kind == reader
    values = list(mysql_reader.text_batches(engine, f"SELECT {', '.join(items)} FROM t", {}, 4))
    assert rendered == [row for batch in values for row in batch]
    by_id = {int(r[0]): r for r in rendered}
    assert [by_id[i][1] for i in range(len(AWKWARD) + 1)] == AWKWARD + [None]
    assert by_id[1][2:7] == ("1000.50", "2026-09-02 09:00:00.000001", "2026-10-01", "26:03:04", "1")
    assert by_id[2][2] is None and by_id[3][4] is None and all(r[9] is None for r in rendered)


def test_the_lines_do_not_depend_on_the_sessions_sql_mode(engine, reader):
    """A server set to NO_BACKSLASH_ESCAPES and ANSI_QUOTES (as some ERP databases are) renders the same lines: the
    constants are hex literals, not quoted strings."""
    items = ["id", "s", "amount", "NULL AS missing"]
    _, expected = _rows(mysql_reader.copy_chunks(engine, items, "t", "", {}, size=100), len(items))
    strict = sa.create_engine(engine.url)
    sa.event.listen(strict, "connect", lambda dbapi, _: dbapi.cursor().execute(
        "SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES,ANSI_QUOTES,STRICT_TRANS_TABLES'"))
    try:
        with strict.connect() as conn:
            assert "NO_BACKSLASH_ESCAPES" in conn.exec_driver_sql("SELECT @@SESSION.sql_mode").scalar()
        kind, rows = _rows(mysql_reader.copy_chunks(strict, items, "t", "", {}, size=100), len(items))
    finally:
        strict.dispose()
    assert kind == reader and rows == expected
    assert [r[1] for r in rows] == AWKWARD + [None]


def test_a_where_with_parameters_is_kept(engine, reader):
    _, rows = _rows(mysql_reader.copy_chunks(engine, ["id", "s"], "t", "id >= :low", {"low": 7}, size=100), 2)
    assert sorted(int(r[0]) for r in rows) == list(range(7, len(AWKWARD) + 1))


def test_a_table_with_a_binary_column_is_read_value_by_value(engine, reader):
    kind, rows = _rows(mysql_reader.copy_chunks(engine, ["id", "s"], "b", "", {}, size=100), 2)
    assert kind == reader
    chunks = list(mysql_reader.copy_chunks(engine, ["id", "payload", "s"], "b", "", {}, size=100))
    assert all(isinstance(c, list) for c in chunks)
    assert [row for c in chunks for row in c] == [("1", b"\x00\xff\x10", "x"), ("2", None, "y")]


def test_the_client_reads_with_a_password_it_must_quote_and_says_why_it_failed(engine, monkeypatch):
    """Credentials reach the client in an option file (quotes, backslash and # in the password); a refused login ends
    the read with the client's own message."""
    monkeypatch.delenv("JIANDU_MYSQL_CLIENT", raising=False)
    password = 'p"a\\ss #1'
    admin = pymysql.connect(host="127.0.0.1", port=3306, user="root", password="", autocommit=True)
    with admin.cursor() as cur:
        cur.execute("drop user if exists 'jiandu_rd'@'%'")
        cur.execute("create user 'jiandu_rd'@'%%' identified by %s", (password,))
        cur.execute(f"grant select on `{DB}`.* to 'jiandu_rd'@'%'")
    try:
        url = sa.URL.create("mysql+pymysql", "jiandu_rd", password, "127.0.0.1", 3306, DB, {"charset": "utf8mb4"})
        quoted = sa.create_engine(url)
        kind, rows = _rows(mysql_reader.copy_chunks(quoted, ["id", "s"], "t", "id < :n", {"n": 3}, size=100), 2)
        assert kind == "client" and [r[1] for r in rows] == AWKWARD[:3]
        refused = sa.create_engine(url.set(password="wrong"))
        client = mysql_reader.client_command(refused)
        with pytest.raises(mysql_reader.ClientError, match="exit 1: .*Access denied for user 'jiandu_rd'"):
            list(mysql_reader.client_copy(client, refused.url, "select 1"))
        assert not [f for f in os.listdir(tempfile.gettempdir()) if f.startswith("jiandu-mysql-")], \
            "an option file with the password was left behind"
    finally:
        with admin.cursor() as cur:
            cur.execute("drop user if exists 'jiandu_rd'@'%'")
        admin.close()


def test_which_client_reads(monkeypatch):
    plain = sa.create_engine("mysql+pymysql://u:p@h:3306/d?charset=utf8mb4&unix_socket=/run/mysqld/mysqld.sock")
    monkeypatch.setenv("JIANDU_MYSQL_CLIENT", "none")
    assert mysql_reader.client_command(plain) is None
    monkeypatch.setenv("JIANDU_MYSQL_CLIENT", "/no/such/client")
    assert mysql_reader.client_command(plain) is None
    monkeypatch.setenv("JIANDU_MYSQL_CLIENT", "sh")  # any program on PATH: its full path
    assert mysql_reader.client_command(plain).endswith("/sh")
    # TLS files and other options only pymysql is given keep the source on pymysql
    assert mysql_reader.client_command(sa.create_engine("mysql+pymysql://u:p@h/d?ssl_ca=/ca.pem")) is None


def test_a_client_that_cannot_connect_leaves_the_read_to_pymysql(engine, monkeypatch, tmp_path, caplog):
    """A client that fails before any row (e.g. an authentication plugin it lacks) costs nothing but a warning: the
    rows are read through pymysql, rendered by the server."""
    fake = tmp_path / "mysql"
    fake.write_text("#!/bin/sh\necho \"ERROR 2059 (HY000): Authentication plugin 'x' cannot be loaded\" >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("JIANDU_MYSQL_CLIENT", str(fake))
    with caplog.at_level("WARNING", logger="jiandu.loaders.mysql_reader"):
        kind, rows = _rows(mysql_reader.copy_chunks(engine, ["id", "s"], "t", "", {}, size=100), 2)
    assert kind == "rendered" and [r[1] for r in rows] == AWKWARD + [None]
    assert "Authentication plugin 'x' cannot be loaded" in caplog.text and "through pymysql" in caplog.text
