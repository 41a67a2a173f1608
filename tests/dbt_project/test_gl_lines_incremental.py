"""int_gl__lines is incremental on the line key: a voucher header changed in raw (checked and posted later)
rebuilds that voucher's lines on the next incremental run without duplicating any, and `--full-refresh`
gives the same table as the incremental runs.

Works on the session's demo warehouse and puts raw back as it was (and rebuilds the model) whatever happens.
"""

from __future__ import annotations

from datetime import date

import pytest

from jiandu.transform import dbt_runner
from jiandu.warehouse import connect

pytestmark = pytest.mark.slow
AS_OF = date(2026, 11, 1)
CONTENT = ("select count(*), count(distinct detail_id), md5(string_agg(md5(row(t.*)::text), ',' order by detail_id))"
           " from intermediate.int_gl__lines t")


def _content() -> tuple:
    with connect() as conn:
        return conn.execute(CONTENT).fetchone()


def test_header_change_rebuilds_lines_and_full_refresh_matches(embedded_demo_run: str):
    with connect() as conn:
        vid, checker, modified, lines = conn.execute(
            "select v.voucher_id, v.checker_name, v.ts, count(*) from raw.nc_erp__gl_voucher v"
            " join raw.nc_erp__gl_voucher_line l using (voucher_id) where v.source_type = '手工'"
            " group by v.voucher_id, v.checker_name, v.ts order by v.voucher_id limit 1").fetchone()
    before = _content()
    try:
        with connect() as conn:
            # re-checked after every other change the night saw (a header change, lines untouched)
            conn.execute("update raw.nc_erp__gl_voucher set checker_name = '复核改派',"
                         " ts = (select max(ts) from raw.nc_erp__gl_voucher) + interval '1 hour'"
                         " where voucher_id = %s", (vid,))
            conn.commit()
        dbt_runner.invoke(["run", "--select", "int_gl__lines"], AS_OF)
        incremental = _content()
        with connect() as conn:
            names = conn.execute("select distinct checker_name from intermediate.int_gl__lines where voucher_id = %s",
                                 (vid,)).fetchall()
        assert names == [("复核改派",)]
        assert incremental[0] == incremental[1] == before[0]  # no line duplicated, none lost
        assert incremental[2] != before[2]
        dbt_runner.invoke(["run", "--select", "int_gl__lines", "--full-refresh"], AS_OF)
        assert _content() == incremental
    finally:
        with connect() as conn:
            conn.execute("update raw.nc_erp__gl_voucher set checker_name = %s, ts = %s where voucher_id = %s",
                         (checker, modified, vid))
            conn.commit()
        dbt_runner.invoke(["run", "--select", "int_gl__lines", "--full-refresh"], AS_OF)
    assert _content() == before
    assert lines >= 2
