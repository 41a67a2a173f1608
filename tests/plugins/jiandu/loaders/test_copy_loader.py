"""The extract-load contract: idempotent reruns, incremental merge by key within the overlap, deleted rows
marked, atomic per table, schema drift named, exact round-trip of awkward text.

Sources are small SQLite files and contracts in tmp dirs; the warehouse is the session's embedded one.
"""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from jiandu.bootstrap import bootstrap_warehouse
from jiandu.loaders import copy_loader, sqlite_native
from jiandu.loaders.copy_loader import SchemaDriftError, extract_to_landing, promote, quarantine
from jiandu.sources.contract import parse_table
from jiandu.warehouse import connect

CONTRACT = """\
system: {system}
table: {table}
label: 测试单据
source_table: {source_table}
primary_key: [doc_no]
load: {load}
{incremental}
columns:
  - {{name: doc_no, type: text, label: 单号, required: true}}
  - {{name: org_code, type: text, label: 组织, required: true}}
  - {{name: amount, type: numeric, label: 金额, required: true}}
  - {{name: note, type: text, label: 摘要}}
  - {{name: ts, type: timestamp, label: 修改时间, required: true}}
"""


@pytest.fixture(scope="module", autouse=True)
def _warehouse():
    bootstrap_warehouse()


@pytest.fixture(params=["compiled", "apsw"])
def sqlite_reader(request, monkeypatch):
    """Both native SQLite readers: the compiled one (when built) and apsw (where no compiler is at hand)."""
    if request.param == "compiled" and not sqlite_native.available():
        pytest.skip("compiled SQLite reader not built")
    if request.param == "apsw":
        monkeypatch.setattr(sqlite_native, "available", lambda: False)
    return request.param


_COUNTER = iter(range(1000))


def _make(tmp_path: Path, load: str = "full", rows: int = 10, extra: str = "", source_table: str = "docs"):
    """A SQLite source with `rows` documents and its contract; returns (engine, table, db path)."""
    system = f"t{next(_COUNTER)}_{tmp_path.name[-8:].lower().replace('-', '_')}"
    inc = "incremental_column: ts\noverlap: 1 day\n" + extra if load == "incremental" else extra
    path = tmp_path / system / "docs.yml"
    path.parent.mkdir(parents=True)
    path.write_text(CONTRACT.format(system=system, table="docs", source_table=source_table, load=load,
                                    incremental=inc), encoding="utf-8")
    db = tmp_path / f"{system}.sqlite"
    conn = sqlite3.connect(db)
    conn.execute("create table docs (doc_no text primary key, org_code text not null, amount numeric not null,"
                 " note text, ts text not null)")
    conn.executemany("insert into docs values (?, ?, ?, ?, ?)",
                     [(f"D{i:04d}", "S01", f"{i * 10}.50", f"摘要{i}", f"2026-10-{1 + i % 20:02d} 10:00:00")
                      for i in range(rows)])
    conn.commit()
    conn.close()
    return sa.create_engine(f"sqlite:///{db}"), parse_table(path), db


def _load(engine, table, **kw) -> copy_loader.LoadResult:
    result = extract_to_landing(engine, table, "test-run", **kw)
    promote(table, result.batch_id)
    return result


def _raw(table, where: str = "true") -> list[tuple]:
    with connect() as conn:
        return conn.execute(f"select doc_no, amount, note, _deleted_at is not null from raw.{table.raw_name}"
                            f" where {where} order by doc_no").fetchall()


def _sql(db: Path, statement: str, params: tuple = ()) -> None:
    conn = sqlite3.connect(db)
    conn.execute(statement, params)
    conn.commit()
    conn.close()


def test_full_rerun_adds_no_rows_and_vanished_rows_are_marked_deleted(tmp_path):
    engine, table, db = _make(tmp_path, rows=12)
    first = _load(engine, table)
    assert first.loaded_rows == first.source_rows == 12
    _load(engine, table)
    assert len(_raw(table)) == 12
    _sql(db, "delete from docs where doc_no = 'D0003'")
    _load(engine, table)
    rows = _raw(table)
    assert len(rows) == 12, "a row deleted in the source must stay in raw, marked"
    assert [r[0] for r in rows if r[3]] == ["D0003"]
    with connect() as conn:
        assert conn.execute("select deleted_rows from audit_meta.load_batches where source_system = %s"
                            " order by started_at desc limit 1", (table.system,)).fetchone() == (1,)
    _load(engine, table)  # still gone: still one deleted row, not duplicated, deletion time kept
    assert [r[0] for r in _raw(table) if r[3]] == ["D0003"] and len(_raw(table)) == 12
    _sql(db, "insert into docs values ('D0003', 'S01', 1, 'back', '2026-10-30 10:00:00')")
    _load(engine, table)
    assert _raw(table, "doc_no = 'D0003'") == [("D0003", Decimal("1"), "back", False)]


def test_incremental_reads_only_the_delta_within_the_overlap_and_merges_by_key(tmp_path):
    engine, table, db = _make(tmp_path, load="incremental", rows=20)  # ts up to 2026-10-20 10:00
    first = _load(engine, table)
    assert first.loaded_rows == 20 and first.watermark_to == "2026-10-20 10:00:00" and first.key_check
    # a change to an old row, a new row, and a row committed late: its ts is before the watermark but
    # within the one-day overlap, so it must still be picked up
    _sql(db, "update docs set amount = 999.99, ts = '2026-10-25 08:00:00' where doc_no = 'D0001'")
    _sql(db, "insert into docs values ('D9000', 'S01', 5, 'new', '2026-10-25 09:00:00')")
    _sql(db, "update docs set note = 'late commit' where doc_no = 'D0018'")  # ts 2026-10-19 10:00 (in overlap)
    second = extract_to_landing(engine, table, "test-run")
    assert second.watermark_from == "2026-10-19 10:00:00"
    with connect() as conn:
        landed = {r[0] for r in conn.execute(f"select doc_no from landing.{table.raw_name}")}
    assert landed == {"D0001", "D9000", "D0018", "D0019"}, "landing holds only the delta"
    promote(table, second.batch_id)
    rows = {r[0]: r for r in _raw(table)}
    assert len(rows) == 21
    assert rows["D0001"][1] == Decimal("999.99") and rows["D0018"][2] == "late commit"
    with connect() as conn:
        assert conn.execute("select watermark from audit_meta.watermarks where source_system = %s",
                            (table.system,)).fetchone() == ("2026-10-25 09:00:00",)
    for _ in range(2):  # re-running the same interval adds nothing
        _load(engine, table)
        assert len(_raw(table)) == 21
    with connect() as conn:
        dup = conn.execute(f"select count(*) - count(distinct doc_no) from raw.{table.raw_name}").fetchone()
    assert dup == (0,)


def test_quarantined_batch_does_not_advance_the_watermark(tmp_path):
    engine, table, db = _make(tmp_path, load="incremental", rows=5)
    _load(engine, table)
    _sql(db, "insert into docs values ('D7000', 'S01', 7, 'x', '2026-11-05 10:00:00')")
    bad = extract_to_landing(engine, table, "test-run")
    quarantine(bad.batch_id, "test")
    again = extract_to_landing(engine, table, "test-run")
    assert again.watermark_from == bad.watermark_from == "2026-10-04 10:00:00"
    assert again.loaded_rows == bad.loaded_rows == 3  # D7000, and D0003 + D0004 inside the overlap, re-read
    promote(table, again.batch_id)
    assert "D7000" in {r[0] for r in _raw(table)}


def test_incremental_key_check_marks_deleted_rows(tmp_path):
    engine, table, db = _make(tmp_path, load="incremental", rows=6)
    _load(engine, table)
    _sql(db, "delete from docs where doc_no = 'D0002'")
    plain = _load(engine, table)  # within key_check_days: no key comparison, nothing marked
    assert not plain.key_check and not any(r[3] for r in _raw(table))
    checked = _load(engine, table, full_key_check=True)
    assert checked.key_check
    assert [r[0] for r in _raw(table) if r[3]] == ["D0002"]


def test_failed_load_leaves_previous_raw_and_landing_untouched(tmp_path):
    engine, table, db = _make(tmp_path, rows=50)
    good = _load(engine, table)
    before = _raw(table)
    # the server rejects a NUL character in text: COPY fails in the middle of the stream
    _sql(db, "update docs set note = 'bad' || char(0) || 'value', amount = 1 where doc_no = 'D0030'")
    _sql(db, "update docs set amount = 0")
    with pytest.raises(Exception, match="0x00|NUL|nul"):
        extract_to_landing(engine, table, "test-run")
    assert _raw(table) == before
    with connect() as conn:
        assert conn.execute(f"select distinct _batch_id from landing.{table.raw_name}").fetchall() == [(good.batch_id,)]
        status = conn.execute("select status, message from audit_meta.load_batches where source_system = %s"
                              " order by started_at desc limit 1", (table.system,)).fetchone()
    assert status[0] == "failed" and status[1]


def test_source_failing_mid_stream_leaves_previous_raw(tmp_path, monkeypatch):
    """The source connection dies after some rows were already copied (reader thread path)."""
    engine, table, db = _make(tmp_path, rows=300, source_table="docs_v")
    _sql(db, "create view docs_v as select doc_no, org_code, amount, note, ts from docs")
    _load(engine, table)
    before = _raw(table)
    _sql(db, "drop view docs_v")
    _sql(db, "create view docs_v as select doc_no, org_code, amount * 2 as amount, boom(note) as note, ts from docs")

    def boom(value):
        if value == "摘要250":
            raise RuntimeError("source connection lost")
        return value

    failing = sa.create_engine(f"sqlite:///{db}")
    sa.event.listen(failing, "connect", lambda dbapi, _: dbapi.create_function("boom", 1, boom))
    monkeypatch.setattr(copy_loader, "FETCH_SIZE", 100)  # several batches are written before the failure
    with pytest.raises(Exception, match="boom|source connection lost|user-defined function raised"):
        extract_to_landing(failing, table, "test-run", readers=1, native_sqlite=False)
    assert _raw(table) == before


def test_schema_drift_names_table_and_column_and_other_tables_still_load(tmp_path, monkeypatch):
    from jiandu import pipeline
    from jiandu.sources.connections import connection_env

    engine, good, db = _make(tmp_path, rows=4)
    drift_path = tmp_path / good.system / "docs_drift.yml"
    drift_path.write_text(good.path.read_text(encoding="utf-8").replace("\ntable: docs", "\ntable: docs_drift")
                          .replace("source_table: docs", "source_table: docs_drift"), encoding="utf-8")
    _sql(db, "create table docs_drift (doc_no text, amount numeric, note text, ts text, new_col text)")
    drift = parse_table(drift_path)
    with pytest.raises(SchemaDriftError) as err:
        extract_to_landing(engine, drift, "test-run")
    assert f"{good.system}.docs_drift" in str(err.value) and "org_code" in str(err.value)

    for key, value in connection_env(good.system, f"sqlite:///{db}").items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(pipeline, "tables_of", lambda system: [good, drift])
    out = pipeline.extract_load_system(good.system, "test-run")
    assert set(out["loads"]) == {"docs"} and out["loads"]["docs"]["loaded_rows"] == 4
    assert "org_code" in out["failed"]["docs_drift"] and "docs_drift" in out["failed"]["docs_drift"]


def test_extra_source_column_is_ignored_with_a_warning(tmp_path):
    engine, table, db = _make(tmp_path, rows=3)
    _sql(db, "alter table docs add column secret text")
    result = _load(engine, table)
    assert result.loaded_rows == 3
    assert any("secret" in w for w in result.warnings)


AWKWARD = ["银行存款\\工商银行", "tab\there", "line1\nline2", "cr\rlf\r\n", "\\N", "\\", "", None, "引号\"'", "末尾\\"]


@pytest.mark.parametrize("readers", [1, 2])
def test_awkward_text_round_trips_exactly(tmp_path, monkeypatch, readers, sqlite_reader):
    monkeypatch.setattr(copy_loader, "MIN_ROWS_PER_READER", 5)  # exercise the parallel SQLite readers too
    engine, table, db = _make(tmp_path, rows=0)
    conn = sqlite3.connect(db)
    conn.executemany("insert into docs values (?, 'S01', ?, ?, '2026-10-01 00:00:00')",
                     [(f"A{i:03d}", i, v) for i, v in enumerate(AWKWARD * 3)])
    conn.commit()
    conn.close()
    _load(engine, table, readers=readers)
    with connect() as pg:
        got = pg.execute(f"select doc_no, note from raw.{table.raw_name} order by doc_no").fetchall()
    assert got == [(f"A{i:03d}", v) for i, v in enumerate(AWKWARD * 3)]


NUMBERS = [1234.56, 0.1, 12345678901.23, 100, -7.05, 1e-05, 0]


@pytest.mark.parametrize("native_sqlite", [True, False])
def test_sqlite_numbers_load_the_same_as_text_in_sqlite_and_row_by_row(tmp_path, native_sqlite, sqlite_reader):
    """REAL and INTEGER storage classes read as text in SQLite (native reader) give the values of the row path."""
    engine, table, db = _make(tmp_path, rows=0)
    conn = sqlite3.connect(db)
    conn.executemany("insert into docs values (?, 'S01', ?, null, '2026-10-01 00:00:00')",
                     [(f"N{i}", v) for i, v in enumerate(NUMBERS)])
    conn.commit()
    conn.close()
    _load(engine, table, readers=1, native_sqlite=native_sqlite)
    got = [row[1] for row in _raw(table)]
    assert got == [Decimal(str(v)) for v in NUMBERS]


AMOUNTS = [1234.56, 0.1, 12345678901.23, 100, -7.05, 0, 99.9, 0.3]


def _landing(table) -> list[tuple]:
    with connect() as conn:
        return conn.execute(f"select doc_no, org_code, amount, note, ts from landing.{table.raw_name}"
                            " order by doc_no").fetchall()


@pytest.mark.parametrize("source_table", ["docs", "docs_u"])
def test_native_reader_lands_the_text_the_row_path_lands(tmp_path, monkeypatch, source_table, sqlite_reader):
    """The native SQLite readers (compiled: COPY text rendered in C; apsw: numbers cast to text in SQLite, binary
    COPY; one reader or parallel ones over a table's rowid ranges) land exactly the text SQLAlchemy rows through
    a text COPY land, for every storage class: integers and reals in a NUMERIC column, numbers in columns a
    UNION view declares TEXT, awkward text, Chinese, NULLs.
    (Only numbers that need an exponent are written differently, 1.0e-05 against 1e-05: the same number, and
    never an amount, which the raw checks require to have at most two decimals.)"""
    monkeypatch.setattr(copy_loader, "MIN_ROWS_PER_READER", 5)
    parallel = []
    real_parallel = copy_loader._stream_sqlite_parallel
    monkeypatch.setattr(copy_loader, "_stream_sqlite_parallel",
                        lambda *a: parallel.append(a[7]) or real_parallel(*a))  # a[7]: readers
    engine, table, db = _make(tmp_path, rows=0, source_table=source_table)
    conn = sqlite3.connect(db)
    conn.executemany("insert into docs values (?, ?, ?, ?, '2026-10-01 00:00:00')",
                     [(f"A{i:03d}", "S01" if i % 2 else "总部", AMOUNTS[i % len(AMOUNTS)], v)
                      for i, v in enumerate(AWKWARD * 2)])
    conn.execute("create table more (doc_no text, org_code integer, amount real, note real, ts text)")
    conn.executemany("insert into more values (?, ?, ?, ?, '2026-10-02 00:00:00')",
                     [(f"B{i:03d}", 100 + i, 2.5 * i, 1.25 * i if i % 3 else None) for i in range(12)])
    conn.execute("create view docs_u as select doc_no, org_code, amount, note, ts from docs"
                 " union all select doc_no, org_code, amount, note, ts from more")
    conn.commit()
    conn.close()
    landed = {}
    for name, kw in {"row path": dict(readers=1, native_sqlite=False), "native, 1 reader": dict(readers=1),
                     "native, 2 readers": dict(readers=2)}.items():
        extract_to_landing(engine, table, "test-run", **kw)
        landed[name] = _landing(table)
    assert parallel == ([2] if source_table == "docs" else []), "a table is read in parallel, a view is not"
    assert len(landed["row path"]) == {"docs": 20, "docs_u": 32}[source_table]
    assert ("A002", "总部", "12345678901.23", "line1\nline2", "2026-10-01 00:00:00") in landed["row path"]
    if source_table == "docs_u":
        assert ("B004", "104", "10.0", "5.0", "2026-10-02 00:00:00") in landed["row path"]
    assert landed["native, 1 reader"] == landed["row path"]
    assert landed["native, 2 readers"] == landed["row path"]


def test_workers_are_forked_with_no_thread_of_ours_running_and_the_count_is_taken_alongside(tmp_path, monkeypatch):
    """A thread of ours alive at the fork (e.g. counting the source) can hold a lock the worker then waits on
    for ever; the whole-table count runs in this process only once the workers are started, and is exact."""
    import multiprocessing.context
    import threading

    monkeypatch.setattr(copy_loader, "MIN_ROWS_PER_READER", 5)
    seen = []
    real_start = multiprocessing.context.ForkProcess.start

    def start(self):
        seen.append(sorted(t.name for t in threading.enumerate() if t is not threading.main_thread()))
        return real_start(self)

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", start)
    engine, table, db = _make(tmp_path, load="incremental", rows=40)
    result = extract_to_landing(engine, table, "test-run", readers=2)
    assert len(seen) == 2, "the table is read by two forked workers"
    assert all(not any(name.startswith("jiandu") for name in names) for names in seen), seen
    assert (result.source_rows, result.loaded_rows, result.watermark_to) == (40, 40, "2026-10-20 10:00:00")


def test_blob_in_a_text_column_fails_the_table_naming_column_and_row(tmp_path, sqlite_reader):
    engine, table, db = _make(tmp_path, rows=5)
    good = _load(engine, table)
    before = _raw(table)
    _sql(db, "update docs set note = x'00ff10' where doc_no = 'D0003'")
    with pytest.raises(copy_loader.LoadError, match=r"\.docs: column note of source row 4 holds binary data"):
        extract_to_landing(engine, table, "test-run")
    assert _raw(table) == before
    with connect() as conn:
        assert conn.execute(f"select distinct _batch_id from landing.{table.raw_name}").fetchall() == [(good.batch_id,)]


def test_raw_keys_are_unique_by_index_and_the_old_plain_index_is_replaced(tmp_path):
    """raw's primary-key index is unique (dbt relies on it instead of counting keys every night); a raw table
    made by an earlier version, with a plain index, gets the unique one on its next promotion."""
    import psycopg

    engine, table, db = _make(tmp_path, rows=5)
    _load(engine, table)
    with connect() as conn:
        conn.execute(f"drop index raw.{table.raw_name[:50]}__pk_unique")
        conn.execute(f"create index {table.raw_name}__pk_idx on raw.{table.raw_name} (doc_no)")
        conn.commit()
    _load(engine, table)
    with connect() as conn:
        indexes = conn.execute("select indexname, indexdef from pg_indexes where schemaname = 'raw'"
                               " and tablename = %s", (table.raw_name,)).fetchall()
        assert [(name, "UNIQUE" in ddl) for name, ddl in indexes] == [(f"{table.raw_name[:50]}__pk_unique", True)]
        with pytest.raises(psycopg.errors.UniqueViolation):
            conn.execute(f"insert into raw.{table.raw_name} select * from raw.{table.raw_name} limit 1")
    assert len(_raw(table)) == 5


@pytest.mark.parametrize("load", ["full", "incremental"])
def test_the_key_index_built_after_the_rows_still_refuses_a_duplicate_key(tmp_path, load):
    """A whole-table or first load inserts into raw without its unique index and builds the index after the rows:
    a batch with a duplicate key fails promotion as before, and raw keeps what it held."""
    import psycopg

    engine, table, db = _make(tmp_path, load=load, rows=5)
    if load == "full":
        _load(engine, table)
    result = extract_to_landing(engine, table, "test-run")
    before = _raw(table)  # full: the first load's rows; incremental: raw made empty by the extract
    assert len(before) == (5 if load == "full" else 0)
    with connect() as conn:  # what GX would have caught: two rows of the batch with one key
        conn.execute(f"update landing.{table.raw_name} set doc_no = 'D0001' where doc_no = 'D0002'")
    with pytest.raises(psycopg.errors.UniqueViolation):
        promote(table, result.batch_id)
    assert _raw(table) == before
    with connect() as conn:
        indexes = conn.execute("select indexdef from pg_indexes where schemaname = 'raw' and tablename = %s",
                               (table.raw_name,)).fetchall()
    assert len(indexes) == 1 and "UNIQUE" in indexes[0][0]


def test_a_batch_no_longer_in_landing_is_not_promoted(tmp_path):
    """A server crash empties an unlogged landing table, and another extraction replaces it: promotion refuses
    both and raw keeps its rows."""
    engine, table, _ = _make(tmp_path, rows=5)
    first = _load(engine, table)
    emptied = extract_to_landing(engine, table, "test-run")
    with connect() as conn:
        conn.execute(f"truncate landing.{table.raw_name}")
    with pytest.raises(copy_loader.LoadError, match="landing holds no rows, batch .* loaded 5 rows; re-extract"):
        promote(table, emptied.batch_id)
    replaced = extract_to_landing(engine, table, "test-run")
    newer = extract_to_landing(engine, table, "test-run")
    with pytest.raises(copy_loader.LoadError, match=f"landing holds batch {newer.batch_id}, batch {replaced.batch_id}"):
        promote(table, replaced.batch_id)
    with connect() as conn:
        assert conn.execute(f"select count(*), min(_batch_id), max(_batch_id) from raw.{table.raw_name}").fetchone() \
            == (5, first.batch_id, first.batch_id)
    assert promote(table, newer.batch_id) == 5
