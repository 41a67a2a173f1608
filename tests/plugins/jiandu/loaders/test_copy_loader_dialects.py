"""The loader's source SQL for Oracle and SQL Server (Yonyou NC and most group ERPs), at compile level.

No Oracle or SQL Server runs here: the engines are created with the drivers of uv.lock (python-oracledb in
thin mode, pymssql), which proves they are installed and that SQLAlchemy resolves the URLs the connection
resolver builds, and the SELECTs of `copy_loader.plan_select` are compiled for each dialect. The loader
writes identifiers unquoted, so every contract table and column name must be a plain identifier in both
dialects: a column named `level`, `comment` or `size` (reserved in Oracle) or `key`, `file` (reserved in
SQL Server) would break the night on those sources, and fails here first.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa

from jiandu.loaders import copy_loader
from jiandu.sources.connections import url_from_connection
from jiandu.sources.contract import load_contract

CONNECTIONS = {  # Airflow connection fields as an operator enters them (README, source connections)
    "oracle": ("oracle", "nc-db.example.internal", 1521, "readonly", "pw", "NCPDB"),
    "mssql": ("mssql", "asset-db.example.internal", 1433, "readonly", "pw", "asset"),
}
PARAMSTYLE = {"oracle": ":jiandu_lower", "mssql": "%(jiandu_lower)s"}
TABLES = load_contract()


@pytest.fixture(params=sorted(CONNECTIONS), scope="module")
def engine(request) -> sa.Engine:
    conn_type, host, port, login, password, schema = CONNECTIONS[request.param]
    url = url_from_connection(f"{conn_type}_source", conn_type, host, port, login, password, schema, None)
    engine = sa.create_engine(url)  # imports the driver; connects only when used
    assert engine.dialect.name == request.param
    assert engine.dialect.driver == {"oracle": "oracledb", "mssql": "pymssql"}[request.param]
    return engine


def test_oracledb_is_thin() -> None:
    import oracledb

    assert oracledb.is_thin_mode(), "python-oracledb must run without an Oracle client library in the image"


@pytest.mark.parametrize("table", TABLES, ids=lambda t: f"{t.system}.{t.table}")
def test_contract_select_compiles_unquoted(engine: sa.Engine, table, monkeypatch) -> None:
    preparer = engine.dialect.identifier_preparer
    reserved = [name for name in [*table.source_table.split("."), *table.column_names]
                if preparer._requires_quotes(name)]
    assert not reserved, (
        f"{table.path.name}: {reserved} must be quoted in {engine.dialect.name}, and the loader writes identifiers "
        "unquoted; rename the contract column or teach copy_loader to quote"
    )

    # The source has every contract column but the last optional one: it is selected as NULL.
    optional = [c.name for c in table.columns if not c.required]
    present = [name for name in table.column_names if not optional or name != optional[-1]]
    monkeypatch.setattr(copy_loader, "_source_columns", lambda _engine, _table: present)
    select, warnings = copy_loader.plan_select(engine, table)
    compiled = str(select.compile(dialect=engine.dialect))
    expected = ", ".join(name if name in present else f"NULL AS {name}" for name in table.column_names)
    assert compiled == f"SELECT {expected} FROM {table.source_table}"
    assert len(warnings) == (1 if optional else 0)

    if table.load == "incremental":  # the delta: a bound lower limit of the type the column compares with
        where = sa.text(f"{compiled} WHERE {table.incremental_column} >= :jiandu_lower")
        assert str(where.compile(dialect=engine.dialect)).endswith(f">= {PARAMSTYLE[engine.dialect.name]}")
        column_type = next(c.type for c in table.columns if c.name == table.incremental_column)
        watermark = {"integer": "41", "date": "2026-11-01"}.get(column_type, "2026-11-01 08:30:00")
        bound = copy_loader._lower_bound(table, watermark, engine.dialect.name)
        assert isinstance(bound, {"integer": int, "date": date}.get(column_type, datetime)), (column_type, bound)
