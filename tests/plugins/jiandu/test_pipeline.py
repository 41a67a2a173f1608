"""What an operator reads when a source table fails to load (jiandu.pipeline)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.exc import NoSuchTableError

from jiandu.pipeline import _one_line, failed_tables_line


def test_a_table_missing_in_the_source_says_so():
    engine = sa.create_engine("sqlite://")
    try:
        sa.Table("guarantee_contract", sa.MetaData(), autoload_with=engine)
    except NoSuchTableError as exc:
        assert _one_line(exc) == "源系统中没有这张表 table not found in the source: guarantee_contract"
    else:
        raise AssertionError("the table should not exist")


def test_a_bare_message_keeps_the_kind_of_error_and_links_are_dropped():
    assert _one_line(KeyError("ts")) == "KeyError: 'ts'"
    assert _one_line(RuntimeError()) == "RuntimeError"
    assert _one_line(RuntimeError("connection lost\n  (Background on this error at: https://sqlalche.me/e/20/e3q8)")) \
        == "connection lost"


def test_failed_tables_read_as_a_line_not_a_python_dict():
    line = failed_tables_line({"supplier": "连接中断 connection lost", "ar_bill": "KeyError: 'ts'"})
    assert line == "ar_bill: KeyError: 'ts'; supplier: 连接中断 connection lost"


def test_a_table_that_never_loaded_gets_an_empty_raw_table_so_the_build_goes_on(monkeypatch):
    """A table new in the contract that the source does not have yet (or a system down on the very first night):
    its raw table is created empty, with the contract's columns, so that dbt builds and only its rules go stale."""
    import os

    import psycopg

    from jiandu.pipeline import begin_run, validate_and_promote
    from jiandu.sources.contract import tables_of
    from tests.conftest import REAL_SERVER, fresh_database

    name = f"jiandu_pipeline_first_night_{os.getpid()}"
    url = fresh_database(name)
    monkeypatch.setenv("WAREHOUSE_URL", url)
    try:
        begin_run("first-night", date(2026, 11, 1))
        cause = "源系统中没有这张表 table not found in the source: guarantee_contract"
        verdicts = validate_and_promote("first-night", [
            {"system": "nc_erp", "loads": {}, "failed": {"guarantee_contract": cause}, "lost": True}])
        assert verdicts["nc_erp"]["passed"] is False and verdicts["nc_erp"]["failed_tables"] == {
            "guarantee_contract": cause}
        contract = next(t for t in tables_of("nc_erp") if t.table == "guarantee_contract")
        with psycopg.connect(url) as conn:
            columns = [r[0] for r in conn.execute(
                "select column_name from information_schema.columns where table_schema = 'raw'"
                " and table_name = 'nc_erp__guarantee_contract' order by ordinal_position")]
            assert columns[:len(contract.column_names)] == contract.column_names
            assert conn.execute("select count(*) from raw.nc_erp__guarantee_contract").fetchone() == (0,)
            recorded = conn.execute("select source_table, success from audit_meta.validation_results"
                                    " where run_id = 'first-night'").fetchall()
            assert recorded == [("guarantee_contract", False)]
    finally:
        with psycopg.connect(REAL_SERVER, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')
