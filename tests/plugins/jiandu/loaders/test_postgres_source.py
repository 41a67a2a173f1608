"""A real PostgreSQL server as a source system (127.0.0.1:5432, a database of its own), extracted through its Airflow
connection (AIRFLOW_CONN_<ID> = postgresql URL): the contract's types (dates, decimals, timestamps, booleans, text
with CJK, tabs, newlines and backslashes, NULLs) and a table of 60,000 rows land typed and reach raw exactly as
the source holds them; an incremental pass reads only the delta."""

from __future__ import annotations

import os

import psycopg
import pytest

from jiandu import pipeline
from jiandu.bootstrap import bootstrap_warehouse
from jiandu.loaders.copy_loader import promote
from jiandu.sources.connections import connection_env, source_url
from jiandu.sources.contract import parse_table
from jiandu.warehouse import connect
from tests.conftest import REAL_SERVER

SYSTEM = f"pg_src{os.getpid()}"
SOURCE_DB = f"jiandu_pg_source_{os.getpid()}"
CONTRACT = f"""\
system: {SYSTEM}
table: expense_line
label: 报销明细
source_table: erp.expense_line
primary_key: [claim_no, line_no]
load: incremental
incremental_column: modified_at
overlap: 1 hours
columns:
  - {{name: claim_no, type: text, label: 报销单号, required: true}}
  - {{name: line_no, type: integer, label: 行号, required: true}}
  - {{name: summary, type: text, label: 摘要}}
  - {{name: amount, type: numeric, label: 金额, required: true}}
  - {{name: spent_on, type: date, label: 发生日期}}
  - {{name: invoiced, type: boolean, label: 有发票}}
  - {{name: modified_at, type: timestamp, label: 最后修改时间, required: true}}
"""
ROWS = 60_000
COMPARED = "claim_no, line_no, summary, amount, spent_on, invoiced, modified_at"


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    base = REAL_SERVER.rsplit("/", 1)[0]
    with psycopg.connect(REAL_SERVER, autocommit=True) as admin:
        admin.execute(f'drop database if exists "{SOURCE_DB}" with (force)')
        admin.execute(f'create database "{SOURCE_DB}"')
    url = f"{base}/{SOURCE_DB}"
    with psycopg.connect(url) as conn:
        conn.execute("create schema erp")
        conn.execute("create table erp.expense_line (claim_no varchar(20), line_no int, summary text,"
                     " amount numeric(18, 2) not null, spent_on date, invoiced boolean, modified_at timestamp(6),"
                     " erp_only int, primary key (claim_no, line_no))")
        conn.execute(
            "insert into erp.expense_line select 'BX' || lpad((g / 3)::text, 6, '0'), g %% 3 + 1,"
            " case g %% 7 when 0 then null when 1 then '差旅费\t北京—上海' when 2 then E'换行\\n说明'"
            " when 3 then 'D:\\审批\\附件' when 4 then 'NULL' when 5 then '' else '住宿费 😀' end,"
            " round((g * 37.11) %% 100000, 2) - 500, date '2026-01-01' + (g %% 300),"
            " case g %% 4 when 0 then null else g %% 2 = 0 end,"
            " timestamp '2026-10-01 08:00:00' + g * interval '1.5 second', 1"
            " from generate_series(1, %s) g", (ROWS,))
    (tmp_path_factory.mktemp("pg-contract") / "expense_line.yml").write_text(CONTRACT, encoding="utf-8")
    table = parse_table(next(tmp_path_factory.getbasetemp().glob("pg-contract*/expense_line.yml")))
    yield url, table
    with psycopg.connect(REAL_SERVER, autocommit=True) as admin:
        admin.execute(f'drop database if exists "{SOURCE_DB}" with (force)')


def _source_rows(url: str, where: str = "") -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(f"select {COMPARED} from erp.expense_line {where} order by claim_no, line_no").fetchall()


def _raw_rows(table) -> list[tuple]:
    with connect() as conn:
        return conn.execute(f"select {COMPARED} from raw.{table.raw_name} where _deleted_at is null"
                            f" order by claim_no, line_no").fetchall()


def test_a_postgresql_source_reaches_raw_exactly(source, monkeypatch):
    url, table = source
    bootstrap_warehouse()
    for key, value in connection_env(SYSTEM, url).items():
        monkeypatch.setenv(key, value)
    assert source_url(SYSTEM).drivername.startswith("postgresql")
    monkeypatch.setattr(pipeline, "tables_of", lambda system: [table])

    first = pipeline.extract_load_system(SYSTEM, "pg-run")["loads"]["expense_line"]
    assert first["source_rows"] == first["loaded_rows"] == ROWS
    assert any("erp_only" in w for w in first["warnings"])  # a source column outside the contract, said so
    assert not [w for w in first["warnings"] if "typed landing refused" in w]
    with connect() as conn:
        kind = conn.execute("select relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                            " where nspname = 'landing' and relname = %s", (table.raw_name,)).fetchone()
    assert kind == ("v",), "a database source lands typed behind a text view"
    promote(table, first["batch_id"])
    assert _raw_rows(table) == _source_rows(url)

    with psycopg.connect(url) as conn:  # one line changed inside the overlap, one added
        conn.execute("update erp.expense_line set amount = 1.05, modified_at = modified_at + interval '10 minutes'"
                     " where claim_no = 'BX019999' and line_no = 3")
        conn.execute("insert into erp.expense_line values ('BX900000', 1, '新增', 88.00, '2026-11-01', true,"
                     " '2026-11-02 10:00:00', 1)")
    second = pipeline.extract_load_system(SYSTEM, "pg-run-2")["loads"]["expense_line"]
    assert 2 <= second["loaded_rows"] < 3000, second  # the delta within the 1-hour overlap, not the table
    promote(table, second["batch_id"])
    assert _raw_rows(table) == _source_rows(url)
