"""Run the dbt `unit_tests:` of the project (every rf_* rule has them) in seconds, without a pipeline run.

dbt unit tests read the column types of a model's inputs from the warehouse, so the inputs must exist. They are
created empty in a database of their own next to the warehouse (`<warehouse db>_unit`), never in the warehouse
itself: the source tables from the source contract and the ledger layouts, the standards seeds, and every model
built with `dbt run --empty`. Then `dbt test --select test_type:unit` runs the given/expect rows.

    jiandu rules test                               # every unit test
    jiandu rules test --select rf_exp__hotel_over_cap
"""

from __future__ import annotations

import os
from dataclasses import replace

import psycopg
from psycopg import sql

from jiandu.settings import get_settings
from jiandu.warehouse import WarehouseInfo, warehouse


def unit_warehouse() -> WarehouseInfo:
    """The database the unit tests run in, created on the warehouse's server when missing."""
    info = warehouse()
    unit = replace(info, dbname=f"{info.dbname}_unit")
    with psycopg.connect(host=info.host, port=info.port, user=info.user, password=info.password or None,
                         dbname=info.dbname, autocommit=True) as conn:
        exists = conn.execute("select 1 from pg_database where datname = %s", (unit.dbname,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("create database {}").format(sql.Identifier(unit.dbname)))
    return unit


def create_inputs(info: WarehouseInfo) -> None:
    """The warehouse migrations, and every source and ledger table of the contract, empty."""
    from jiandu.bootstrap import apply_migrations
    from jiandu.ledgers.layout import load_layouts
    from jiandu.ledgers.loader import raw_ddl
    from jiandu.loaders.copy_loader import ensure_raw
    from jiandu.sources.contract import load_contract

    with psycopg.connect(host=info.host, port=info.port, user=info.user, password=info.password or None,
                         dbname=info.dbname) as conn:
        apply_migrations(conn)
        conn.execute("create schema if not exists raw")
        for table in load_contract():
            ensure_raw(conn, table)
        for layout in load_layouts().values():
            conn.execute(raw_ddl(layout))


def run(select: str | None = None, prepare: bool = True) -> bool:
    """Prepare the unit-test database (unless prepare=False) and run the unit tests; True when all pass."""
    from dbt.cli.main import dbtRunner

    info = unit_warehouse()
    os.environ.update(info.dbt_env())
    settings = get_settings()
    project = str(settings.dbt_project_dir)
    # no partial parsing: it has been seen to keep running an edited unit test in its old form
    common = ["--project-dir", project, "--profiles-dir", project, "--no-partial-parse",
              "--target-path", str(settings.dbt_target_dir.with_name("target-unit")),
              "--log-path", str(settings.dbt_log_dir)]
    runner = dbtRunner()
    if prepare:
        create_inputs(info)
        # full refresh: the inputs of an earlier run may have other columns (a seed or model changed since)
        for args in (["seed", "--full-refresh"], ["run", "--empty", "--full-refresh"]):
            if not runner.invoke([*args, *common]).success:
                return False
    # the rules' unit tests and the singular tests of dbt_project/tests (the normalisation macros)
    selectors = [f"test_type:unit,{select}"] if select else ["test_type:unit", "test_type:singular"]
    return runner.invoke(["test", "--select", *selectors, *common]).success
