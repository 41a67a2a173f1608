"""A real remote source: an OA-like travel-request table in MariaDB (127.0.0.1:3306), extracted through
its Airflow connection (AIRFLOW_CONN_OA = mysql+pymysql URL), full first, then incrementally.
"""

from __future__ import annotations

import os
from datetime import datetime

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
