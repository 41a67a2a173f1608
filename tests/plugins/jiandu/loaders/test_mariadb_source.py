"""A real remote source: an OA-like travel-request table in MariaDB (127.0.0.1:3306), extracted through
its Airflow connection (AIRFLOW_CONN_OA = mysql+pymysql URL), full first, then incrementally.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from decimal import Decimal

import pymysql
import pytest
import sqlalchemy as sa

from jiandu import pipeline
from jiandu.bootstrap import bootstrap_warehouse
from jiandu.loaders.copy_loader import promote
from jiandu.sources.connections import connection_env, source_url
from jiandu.sources.contract import parse_table
from jiandu.warehouse import connect

SYSTEM = f"oa_t{os.getpid()}"
CONTRACT = f"""\
system: {SYSTEM}
table: travel_request
label: 出差申请
source_table: travel_request
primary_key: [request_no]
load: incremental
incremental_column: modified_at
overlap: 2 hours
columns:
  - {{name: request_no, type: text, label: 申请单号, required: true}}
  - {{name: org_code, type: text, label: 组织编码, required: true}}
  - {{name: traveller, type: text, label: 出差人, required: true}}
  - {{name: destination, type: text, label: 目的地}}
  - {{name: purpose, type: text, label: 出差事由}}
  - {{name: start_date, type: date, label: 出发日期, required: true}}
  - {{name: budget, type: numeric, label: 预算金额}}
  - {{name: approved, type: boolean, label: 已审批, required: true}}
  - {{name: modified_at, type: timestamp, label: 最后修改时间, required: true}}
"""
ROWS = [
    ("TR-0001", "S01", "王伟", "成都", "项目验收\t第二阶段", "2026-09-01", "3200.50", 1, datetime(2026, 9, 1, 9, 0)),
    ("TR-0002", "S01", "李娜", "北京", "路径 D:\\审批\\附件", "2026-09-03", None, 0, datetime(2026, 9, 2, 10, 0)),
    ("TR-0003", "S02", "张敏", None, "换行\n说明", "2026-09-05", "980.00", 1, datetime(2026, 9, 3, 11, 0)),
]


def _mariadb(db: str | None = None):
    try:
        return pymysql.connect(host="127.0.0.1", port=3306, user="root", password="", database=db, charset="utf8mb4",
                               autocommit=True)
    except pymysql.err.OperationalError as exc:  # pragma: no cover - the test machine has MariaDB
        pytest.skip(f"MariaDB at 127.0.0.1:3306 not reachable: {exc}")


@pytest.fixture(scope="module")
def oa_db(tmp_path_factory):
    db = f"jiandu_oa_{os.getpid()}"
    conn = _mariadb()
    with conn.cursor() as cur:
        cur.execute(f"drop database if exists `{db}`")
        cur.execute(f"create database `{db}` character set utf8mb4")
        cur.execute(f"use `{db}`")
        cur.execute("create table travel_request (request_no varchar(20) primary key, org_code varchar(10) not null,"
                    " traveller varchar(50) not null, destination varchar(50), purpose text, start_date date not null,"
                    " budget decimal(18,2), approved tinyint(1) not null, modified_at datetime not null,"
                    " oa_internal_flag int)")
        cur.executemany("insert into travel_request values (%s, %s, %s, %s, %s, %s, %s, %s, %s, 7)", ROWS)
    contract_dir = tmp_path_factory.mktemp("oa-contract") / SYSTEM
    contract_dir.mkdir()
    (contract_dir / "travel_request.yml").write_text(CONTRACT, encoding="utf-8")
    yield db, parse_table(contract_dir / "travel_request.yml")
    with conn.cursor() as cur:
        cur.execute(f"drop database if exists `{db}`")
    conn.close()


def test_oa_extracts_from_mariadb_through_its_airflow_connection(oa_db, monkeypatch):
    db, table = oa_db
    bootstrap_warehouse()
    url = f"mysql+pymysql://root@127.0.0.1:3306/{db}?charset=utf8mb4"
    for key, value in connection_env(SYSTEM, url).items():
        monkeypatch.setenv(key, value)
    assert source_url(SYSTEM).drivername == "mysql+pymysql"
    monkeypatch.setattr(pipeline, "tables_of", lambda system: [table])

    first = pipeline.extract_load_system(SYSTEM, "mariadb-run")["loads"]["travel_request"]
    assert first["loaded_rows"] == 3 and first["watermark_to"] == "2026-09-03 11:00:00"
    assert any("oa_internal_flag" in w for w in first["warnings"])  # extra source column ignored, said so
    promote(table, first["batch_id"])
    with connect() as conn:
        got = conn.execute(f"select request_no, traveller, destination, purpose, start_date::text, budget::text,"
                           f" approved, modified_at from raw.{table.raw_name} order by request_no").fetchall()
    assert got == [(r[0], r[2], r[3], r[4], r[5], r[6], bool(r[7]), r[8]) for r in ROWS]

    # an approval changes one request (within the 2-hour overlap window of the watermark) and one is added
    with _mariadb(db).cursor() as cur:
        cur.execute("update travel_request set approved = 1, modified_at = '2026-09-04 08:00:00'"
                    " where request_no = 'TR-0002'")
        cur.execute("insert into travel_request values ('TR-0004', 'S02', '赵磊', '上海', '培训', '2026-09-06',"
                    " 1500, 0, '2026-09-04 09:00:00', 7)")
    second = pipeline.extract_load_system(SYSTEM, "mariadb-run-2")["loads"]["travel_request"]
    assert second["watermark_from"] == "2026-09-03 09:00:00"
    assert second["loaded_rows"] == 3  # TR-0003 (inside the overlap), TR-0002 changed, TR-0004 new
    promote(table, second["batch_id"])
    with connect() as conn:
        rows = dict(conn.execute(f"select request_no, approved from raw.{table.raw_name}").fetchall())
    assert rows == {"TR-0001": True, "TR-0002": True, "TR-0003": True, "TR-0004": False}
    engine = sa.create_engine(url)
    with engine.connect() as src:
        assert src.execute(sa.text("select count(*) from travel_request")).scalar_one() == len(rows)
    engine.dispose()


TYPED_SYSTEM = f"oa_typed{os.getpid()}"
TYPED_CONTRACT = f"""\
system: {TYPED_SYSTEM}
table: meal
label: 公务接待
source_table: meal
primary_key: [meal_no]
load: full
columns:
  - {{name: meal_no, type: text, label: 单号, required: true}}
  - {{name: guests, type: integer, label: 人数}}
  - {{name: amount, type: numeric, label: 金额}}
  - {{name: meal_date, type: date, label: 日期}}
  - {{name: approved_at, type: timestamp, label: 审批时间}}
  - {{name: approved, type: boolean, label: 已审批}}
  - {{name: pay_month, type: month, label: 月份}}
"""


def _landing_kind(conn, name: str) -> str | None:
    row = conn.execute("select relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                       " where nspname = 'landing' and relname = %s", (name,)).fetchone()
    return row[0] if row else None


@pytest.fixture()
def meal(oa_db, tmp_path):
    db, _ = oa_db
    with _mariadb(db).cursor() as cur:
        cur.execute("drop table if exists meal")
        cur.execute("create table meal (meal_no varchar(20) primary key, guests varchar(10), amount decimal(18,2),"
                    " meal_date date, approved_at datetime(6), approved tinyint(1), pay_month varchar(10))")
        cur.executemany("insert into meal values (%s, %s, %s, %s, %s, %s, %s)", [
            ("M1", "4", "1280.50", "2026-02-28", "2026-02-27 18:30:00", 1, "2026-2"),
            ("M2", None, None, None, None, None, None),
            ("M3", "12", "0.10", "2024-02-29", "2026-03-01 08:00:00.250000", 0, "202603"),
        ])
    (tmp_path / "meal.yml").write_text(TYPED_CONTRACT, encoding="utf-8")
    engine = sa.create_engine(f"mysql+pymysql://root@127.0.0.1:3306/{db}?charset=utf8mb4")
    bootstrap_warehouse()
    yield db, parse_table(tmp_path / "meal.yml"), engine
    engine.dispose()


def _raw(table) -> list[tuple]:
    with connect() as conn:
        return conn.execute(f"select meal_no, guests, amount, meal_date, approved_at, approved, pay_month, _deleted_at"
                            f" from raw.{table.raw_name} order by meal_no").fetchall()


def test_a_database_source_lands_typed_behind_a_text_view(meal):
    """The typed columns land in their type (`landing.<name>__typed`); the checks read `landing.<name>`, a view that
    renders them as text every type check accepts; promotion gives the raw rows the text landing gives."""
    from jiandu.loaders.copy_loader import extract_to_landing
    from jiandu.quality.suites import TYPE_PATTERNS

    _, table, engine = meal
    typed = extract_to_landing(engine, table, "typed-run")
    assert typed.loaded_rows == 3 and not [w for w in typed.warnings if "typed landing" in w]
    with connect() as conn:
        assert _landing_kind(conn, table.raw_name) == "v"
        types = dict(conn.execute("select column_name, data_type from information_schema.columns where"
                                  " table_schema = 'landing' and table_name = %s", (table.raw_name + "__typed",)))
        assert {k: types[k] for k in ("meal_no", "guests", "amount", "meal_date", "approved_at", "approved",
                                      "pay_month")} == {
            "meal_no": "text", "guests": "bigint", "amount": "numeric", "meal_date": "date",
            "approved_at": "timestamp without time zone", "approved": "boolean", "pay_month": "text"}
        conn.execute("set datestyle = 'SQL, DMY'")  # the view renders year first whatever the session's DateStyle
        seen = conn.execute(f"select guests, amount, meal_date, approved_at, approved, pay_month"
                            f" from landing.{table.raw_name} order by meal_no").fetchall()
        assert seen == [("4", "1280.50", "2026-02-28", "2026-02-27 18:30:00", "true", "2026-2"),
                        (None, None, None, None, None, None),
                        ("12", "0.10", "2024-02-29", "2026-03-01 08:00:00.25", "false", "202603")]
        for column in table.columns:  # what the GX type checks run: every landed value matches its pattern
            if column.type in TYPE_PATTERNS:
                bad = conn.execute(f"select count(*) from landing.{table.raw_name} where {column.name} is not null"
                                   f" and {column.name} !~ %s", (TYPE_PATTERNS[column.type][0],)).fetchone()[0]
                assert bad == 0, column.name
    promote(table, typed.batch_id)
    from_typed = _raw(table)
    assert from_typed[0][1:7] == (4, Decimal("1280.50"), date(2026, 2, 28), datetime(2026, 2, 27, 18, 30), True,
                                  "2026-02")

    text = extract_to_landing(engine, table, "text-run", typed_landing=False)  # the view gives way to a table
    with connect() as conn:
        assert _landing_kind(conn, table.raw_name) == "r"
        assert _landing_kind(conn, table.raw_name + "__typed") is None
    promote(table, text.batch_id)
    assert _raw(table) == from_typed


def test_a_value_its_type_refuses_lands_the_batch_as_text_for_the_checks(meal):
    """12.0 in an integer column: COPY into the typed column refuses it, so the batch lands as text (the type check
    accepts 12.0 and promotion casts it), and the batch says why; the next clean batch lands typed again."""
    from jiandu.loaders.copy_loader import extract_to_landing

    db, table, engine = meal
    with _mariadb(db).cursor() as cur:
        cur.execute("update meal set guests = '12.0' where meal_no = 'M3'")
    refused = extract_to_landing(engine, table, "refused-run")
    said = [w for w in refused.warnings if "typed landing refused" in w]
    assert said and "guests" in said[0] and "12.0" in said[0], refused.warnings
    with connect() as conn:
        assert _landing_kind(conn, table.raw_name) == "r"
        assert conn.execute(f"select guests from landing.{table.raw_name} where meal_no = 'M3'").fetchone() == ("12.0",)
        message = conn.execute("select message from audit_meta.load_batches where batch_id = %s",
                               (refused.batch_id,)).fetchone()[0]
        assert "typed landing refused" in message
    promote(table, refused.batch_id)
    assert _raw(table)[2][1] == 12

    with _mariadb(db).cursor() as cur:
        cur.execute("update meal set guests = '13' where meal_no = 'M3'")
    clean = extract_to_landing(engine, table, "clean-run")
    with connect() as conn:
        assert _landing_kind(conn, table.raw_name) == "v"
    promote(table, clean.batch_id)
    assert _raw(table)[2][1] == 13
