"""MariaDB rows rendered as COPY text by the server carry exactly the values the value-by-value reader returns:
awkward strings (backslash, tab, CR, newline, the word NULL, a literal \\N, 4-byte characters), NULLs, decimals,
fractional datetimes, times, booleans; a table with a binary column is read value by value."""

from __future__ import annotations

import os

import pymysql
import pytest
import sqlalchemy as sa

from jiandu.loaders import mysql_reader

DB = f"jiandu_mysql_reader_{os.getpid()}"
AWKWARD = ["路径 D:\\审批\\附件", "tab\there", "cr\rlf\r\nend", "NULL", "\\N", "😀 表情", "", "back\\\\slash\\t"]


def _unescape(field: str) -> str | None:
    if field == "\\N":
        return None
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\":
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[field[i + 1]])
            i += 2
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def _rows(chunks) -> tuple[str, list[tuple]]:
    kinds, rows = set(), []
    for chunk in chunks:
        if isinstance(chunk, mysql_reader.Chunk):
            kinds.add("rendered")
            lines = chunk.text.split("\n")
            assert lines[-1] == "" and len(lines) - 1 == chunk.rows
            rows += [tuple(_unescape(f) for f in line.split("\t")) for line in lines[:-1]]
        else:
            kinds.add("values")
            rows += [tuple(v if v is None or isinstance(v, str) else v.decode() for v in row) for row in chunk]
    assert len(kinds) == 1
    return kinds.pop(), rows


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


def test_the_server_rendered_lines_hold_the_values_the_value_reader_returns(engine):
    items = ["id", "s", "amount", "at", "d", "span", "ok", "ratio", "big", "NULL AS missing"]
    kind, rendered = _rows(mysql_reader.copy_chunks(engine, items, "t", "", {}, size=4))
    assert kind == "rendered"
    values = list(mysql_reader.text_batches(engine, f"SELECT {', '.join(items)} FROM t", {}, 4))
    assert rendered == [row for batch in values for row in batch]
    by_id = {int(r[0]): r for r in rendered}
    assert [by_id[i][1] for i in range(len(AWKWARD) + 1)] == AWKWARD + [None]
    assert by_id[1][2:7] == ("1000.50", "2026-09-02 09:00:00.000001", "2026-10-01", "26:03:04", "1")
    assert by_id[2][2] is None and by_id[3][4] is None and all(r[9] is None for r in rendered)


def test_a_where_with_parameters_is_kept(engine):
    _, rows = _rows(mysql_reader.copy_chunks(engine, ["id", "s"], "t", "id >= :low", {"low": 7}, size=100))
    assert sorted(int(r[0]) for r in rows) == [7, 8]


def test_a_table_with_a_binary_column_is_read_value_by_value(engine):
    kind, rows = _rows(mysql_reader.copy_chunks(engine, ["id", "s"], "b", "", {}, size=100))
    assert kind == "rendered"
    chunks = list(mysql_reader.copy_chunks(engine, ["id", "payload", "s"], "b", "", {}, size=100))
    assert all(isinstance(c, list) for c in chunks)
    assert [row for c in chunks for row in c] == [("1", b"\x00\xff\x10", "x"), ("2", None, "y")]
