"""未匹配标准 on the demo night: every travel line no standard could judge is listed in
marts.fct_standard_unmatched with its reason (the generator plants, per subsidiary, a stay in 香港 and two
动卧 tickets), and nothing else is (the background's cities, ranks and classes all find a standard).

int_exp__claim_lines built by the version before the normalised keys is upgraded in place by the next
incremental run: every line rebuilt with its keys, the flags the same. Puts the models back whatever happens."""

from __future__ import annotations

from datetime import date

import pytest

from jiandu.transform import dbt_runner
from jiandu.warehouse import connect

pytestmark = pytest.mark.slow
AS_OF = date(2026, 11, 1)
KEYS = ("origin_city_key", "dest_city_key", "transport_mode_key", "transport_class_key", "plate_key", "invoice_key")
FLAGS = ("select rule_id, flag_key, amount from audit_rules.fct_red_flags"
         " where rule_id in ('RF_EXP_001', 'RF_EXP_002', 'RF_EXP_003', 'RF_EXP_010', 'RF_EXP_011')"
         " order by rule_id, flag_key")


def test_every_unjudged_travel_line_is_reported_with_its_reason(embedded_demo_run: str):
    with connect() as conn:
        rows = conn.execute("select rule_id, reason, count(*), count(distinct subsidiary_code)"
                            " from marts.fct_standard_unmatched group by 1, 2 order by 1, 2").fetchall()
        hk = conn.execute("select count(*) from marts.fct_standard_unmatched where detail like '%香港%'").fetchone()[0]
    assert rows == [("RF_EXP_001", "城市未匹配", 5, 5), ("RF_EXP_002", "席别未匹配", 10, 5)]
    assert hk == 5


def _columns() -> set[str]:
    with connect() as conn:
        return {name for (name,) in conn.execute(
            "select column_name from information_schema.columns where table_schema = 'intermediate'"
            " and table_name = 'int_exp__claim_lines'")}


def test_claim_lines_built_by_the_previous_version_are_upgraded_by_the_nightly_run(embedded_demo_run: str):
    with connect() as conn:
        before = conn.execute(FLAGS).fetchall()
    select = ["--select", "int_exp__claim_lines+"]
    try:
        with connect() as conn:  # the shape the previous version built: no normalised keys
            conn.execute("alter table intermediate.int_exp__claim_lines "
                         + ", ".join(f"drop column {k} cascade" for k in KEYS))
            conn.commit()
        dbt_runner.invoke(["run", *select], AS_OF)  # incremental, as the nightly DAG runs it
        assert set(KEYS) <= _columns()
        with connect() as conn:
            nulls = conn.execute("select count(*) from intermediate.int_exp__claim_lines"
                                 " where invoice_key is null and invoice_no is not null").fetchone()[0]
            after = conn.execute(FLAGS).fetchall()
        assert nulls == 0  # every line rebuilt, not only tonight's
        assert after == before and len(before) > 0
    finally:
        dbt_runner.invoke(["run", *select, "--full-refresh"], AS_OF)
