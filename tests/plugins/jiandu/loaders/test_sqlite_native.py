"""The compiled SQLite reader: its COPY text is what PostgreSQL reads back as the source's values, numbers are
written as SQLite writes them, and a value COPY cannot take is an error naming column and row."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from jiandu.loaders import sqlite_native
from jiandu.warehouse import connect

COMPILER = shutil.which("cc") or shutil.which("gcc")
HEADER = any(Path(d, "sqlite3.h").exists() for d in ("/usr/include", "/usr/local/include"))


def test_make_bootstrap_builds_the_reader_where_a_compiler_is_at_hand():
    if not (COMPILER and HEADER):
        pytest.skip("no C compiler or sqlite3.h here: the loader reads SQLite with apsw")
    assert sqlite_native.available(), f"{sqlite_native.library_path()} missing: run `make bootstrap`"


pytestmark_native = pytest.mark.skipif(not sqlite_native.available(), reason="compiled reader not built")


def _db(tmp_path: Path, rows: list[tuple], columns: str = "a text, b numeric, c text") -> str:
    path = tmp_path / "src.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"create table t ({columns})")
    conn.executemany(f"insert into t values ({', '.join('?' * len(rows[0]))})", rows)
    conn.commit()
    conn.close()
    return str(path)


def _text(path: str, sql: str, params: dict | None = None) -> bytes:
    with sqlite_native.Rows(path, sql, params) as rows:
        return b"".join(rows.chunks())


@pytestmark_native
def test_copy_text_reads_back_as_the_source_values(tmp_path):
    awkward = ["", "tab\there", "line1\nline2", "cr\rlf", "back\\slash", "\\N", "中文，全角", "emoji 🧾", "a\\tb",
               "   ", "x" * 300_000]
    rows = [(v, i, None if i % 3 == 0 else v) for i, v in enumerate(awkward)]
    path = _db(tmp_path, rows)
    data = _text(path, "SELECT a, b, c FROM t")
    assert data.count(b"\n") == len(rows), "one COPY line per source row"
    with connect() as conn:
        conn.execute("create temp table back (a text, b text, c text)")
        with conn.cursor().copy("copy back from stdin") as copy:
            copy.write(data)
        got = conn.execute("select a, b, c from back").fetchall()
    assert got == [(a, str(b), c) for a, b, c in rows]


@pytestmark_native
def test_numbers_are_written_as_sqlite_casts_them_to_text(tmp_path):
    rng = random.Random(3)
    values = [rng.randint(-10**9, 10**9) / 100 for _ in range(3000)]  # amounts with two decimals
    values += [rng.uniform(-1e6, 1e6) for _ in range(500)]  # any double
    values += [0.0, -0.0, 0.01, -0.01, 0.005, 1e-05, 0.1 + 0.2, 1e13, 9999999999999.99, 12345678901.23, 1e20, 2.5e-7,
               100.0, -7.05, 99.9, float(2**53), 123456789012345678]
    values += [rng.randint(-2**63, 2**63 - 1) for _ in range(200)]
    # NUMERIC keeps a REAL without a fraction as an INTEGER; a REAL column keeps it REAL (100.0)
    path = _db(tmp_path, [(None, v, v) for v in values], columns="a text, b numeric, c real")
    got = _text(path, "SELECT b, c FROM t").decode().splitlines()
    conn = sqlite3.connect(path)
    expected = [f"{b}\t{c}" for b, c in conn.execute("SELECT CAST(b AS TEXT), CAST(c AS TEXT) FROM t")]
    conn.close()
    assert "100.0" in {line.split("\t")[1] for line in expected}
    assert got == expected


@pytestmark_native
def test_named_parameters_are_bound(tmp_path):
    path = _db(tmp_path, [(f"r{i}", i, f"2026-10-0{1 + i}") for i in range(5)])
    sql = "SELECT a FROM t WHERE b >= :lo AND c <= :until"
    assert _text(path, sql, {"lo": 2, "until": "2026-10-04"}) == b"r2\nr3\n"


@pytestmark_native
@pytest.mark.parametrize(("value", "says"), [
    (b"\x00\xff", r"column 3 of source row 2 holds binary data \(a BLOB\)"),
    ("abc\x00def", "column 3 of source row 2 holds a NUL character"),
    (sqlite3.Binary(b"caf\xe9"), "column 3 of source row 2 holds binary data"),
])
def test_a_value_copy_cannot_take_names_column_and_row(tmp_path, value, says):
    path = _db(tmp_path, [("ok", 1, "fine"), ("bad", 2, value)])
    with pytest.raises(sqlite_native.NativeReadError, match=says) as info:
        _text(path, "SELECT a, b, c FROM t")
    assert info.value.column == 3


@pytestmark_native
def test_text_that_is_not_utf8_names_column_and_row(tmp_path):
    path = _db(tmp_path, [("ok", 1, "fine")])
    conn = sqlite3.connect(path)
    conn.execute("insert into t values ('bad', 2, CAST(x'636166e9' AS TEXT))")  # latin-1 'café' stored as TEXT
    conn.commit()
    conn.close()
    with pytest.raises(sqlite_native.NativeReadError, match="column 3 of source row 2 is not valid UTF-8"):
        _text(path, "SELECT a, b, c FROM t")


@pytestmark_native
def test_sqlite_errors_are_reported(tmp_path):
    path = _db(tmp_path, [("ok", 1, "fine")])
    with pytest.raises(sqlite_native.NativeReadError, match="no such column: nope"):
        _text(path, "SELECT nope FROM t")
    with pytest.raises(sqlite_native.NativeReadError, match="no parameter :lo in the query"):
        _text(path, "SELECT a FROM t", {"lo": 1})
    with pytest.raises(sqlite_native.NativeReadError, match="cannot open"):
        _text(str(tmp_path / "missing.sqlite"), "SELECT 1")
