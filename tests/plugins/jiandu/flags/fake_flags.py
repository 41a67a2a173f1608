"""A fake audit_rules.fct_red_flags, so publish() runs for real without dbt.

It lives in its own database on the session's embedded server (WAREHOUSE_URL points there for the test),
so nothing here can mix with the end-to-end tests' warehouse.
"""

from __future__ import annotations

import json
from datetime import date

import psycopg

from jiandu.bootstrap import bootstrap_warehouse
from jiandu.flags.publish import publish
from jiandu.warehouse import connect

FINDINGS = {  # flag_key -> (subsidiary, category, severity, amount)
    "B001": ("S01", "财务", "高", 5_000_000),
    "B002": ("S01", "财务", "高", 1_200_000),
    "B003": ("S02", "财务", "高", 800_000),
    "B004": ("S02", "资产", "中", 300_000),
}


UNIT_DB = "jiandu_flags_unit"


JIANDU_SCHEMAS = ("audit", "audit_meta", "workbench", "rectification")  # built by include/warehouse/migrations


def drop_jiandu_schemas(conn) -> None:
    """Drop what the warehouse migrations build, their record (audit_meta.schema_migrations) with it, so the next
    bootstrap applies every migration afresh (history tables refuse deletes, not a drop)."""
    conn.execute("drop schema if exists " + ", ".join(JIANDU_SCHEMAS) + " cascade")


def reset(monkeypatch) -> None:
    """Point the warehouse at the unit-test database and start its jiandu-owned schemas afresh there."""
    from jiandu.warehouse import warehouse

    monkeypatch.delenv("WAREHOUSE_URL", raising=False)
    info = warehouse()  # the session's embedded server
    with psycopg.connect(host=info.host, port=info.port, user=info.user, dbname=info.dbname, autocommit=True) as c:
        if not c.execute("select 1 from pg_database where datname = %s", (UNIT_DB,)).fetchone():
            c.execute(f'create database "{UNIT_DB}"')
    monkeypatch.setenv("WAREHOUSE_URL", f"postgresql://{info.user}@/{UNIT_DB}?host={info.host}&port={info.port}")
    with connect() as conn:
        drop_jiandu_schemas(conn)
    bootstrap_warehouse()
    with connect() as conn:
        conn.execute("create schema if not exists audit_rules")
        conn.execute("drop table if exists audit_rules.fct_red_flags")
        conn.execute(
            """create table audit_rules.fct_red_flags as select md5(rule_id || '|' || flag_key) as flag_id, * from (
                 select ''::text rule_id, ''::text subsidiary_code, ''::text subject_type, ''::text subject_id,
                 ''::text flag_key, ''::text rule_name, ''::text category, ''::text severity,
                 ''::text owner_department, ''::text subsidiary_name, ''::text subject_name, ''::text period,
                 0::numeric(18, 2) amount, ''::text amount_kind, '{}'::jsonb evidence, '{}'::jsonb source_refs,
                 current_date as_of_date
               ) t where false""")


def night(as_of: date, keys: list[str], run_id: str | None = None, rule_id: str = "RF_AR_001",
          amount_kind: str = "at_issue") -> None:
    """One 'night': fct_red_flags holds `keys` (of `rule_id`, whose amount is `amount_kind`), then publish() runs
    as the nightly task does."""
    with connect() as conn:
        conn.execute("truncate audit_rules.fct_red_flags")
        for key in keys:
            sub, category, severity, amount = FINDINGS[key]
            conn.execute(
                "insert into audit_rules.fct_red_flags (flag_id, rule_id, subsidiary_code, subject_type, subject_id,"
                " flag_key, rule_name, category, severity, owner_department, subsidiary_name, subject_name, period,"
                " amount, amount_kind, evidence, source_refs, as_of_date) values (md5(%s || '|' || %s), %s, %s,"
                " 'customer', %s, %s, '应收账款挂账3年以上', %s, %s, '财务', %s, %s, '2026', %s, %s, %s, %s, %s)",
                (rule_id, key, rule_id, sub, key, key, category, severity, f"{sub}公司", f"客户{key}", amount,
                 amount_kind, json.dumps({"最长账龄天数": 1200}), json.dumps({"应收单号": [key]}), as_of))
    publish(run_id or f"scheduled__{as_of}", as_of, [])


def flag_id(key: str, rule_id: str = "RF_AR_001") -> str:
    import hashlib

    return hashlib.md5(f"{rule_id}|{key}".encode()).hexdigest()
