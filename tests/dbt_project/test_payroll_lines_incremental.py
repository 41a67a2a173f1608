"""int_pay__payroll_lines is incremental on the line key, and a payee's lines are rebuilt whenever anything they
take from the payee's records changes, even without a newer modification time: a leave recorded late (the
allowances paid after it must reach RF_PAY_003 tonight, not at the next full refresh) and a rank record
deleted at the source. `--full-refresh` then gives the same lines and the same flags.

A table built by the version before the payee fingerprints is upgraded in place by the next nightly run.

Works on the session's demo warehouse and puts raw back as it was (and rebuilds the models) whatever happens.
"""

from __future__ import annotations

from datetime import date

import pytest

from jiandu.transform import dbt_runner
from jiandu.warehouse import connect

pytestmark = pytest.mark.slow
AS_OF = date(2026, 11, 1)
SELECT = ["--select", "int_pay__payroll_lines+"]
# by column name, whatever the column order (a table upgraded in place has its new columns last)
LINES = ("select count(*), md5(string_agg(md5((to_jsonb(t) - 'rank_name')::text), ','"
         " order by emp_code, pay_month, item_code)) from intermediate.int_pay__payroll_lines t")
FLAGS = ("select rule_id, flag_key, amount from audit_rules.fct_red_flags where rule_id like 'RF_PAY_%'"
         " order by rule_id, flag_key")


def _state() -> tuple:
    with connect() as conn:
        return conn.execute(LINES).fetchone(), conn.execute(FLAGS).fetchall()


def test_late_leave_and_deleted_rank_rebuild_the_payees_lines(embedded_demo_run: str):
    with connect() as conn:
        # someone at work who is paid an allowance in each of the last three months
        leaver, status, leave_date = conn.execute(
            "select e.emp_code, e.status, e.leave_date from raw.hr__employee e"
            " join raw.hr__payroll_line p on p.emp_code = e.emp_code"
            " where e.status = '在职' and p.item_category in ('津补贴', '福利') group by e.emp_code, e.status,"
            " e.leave_date having count(distinct p.pay_month) filter (where p.pay_month >= '2026-08') = 3"
            " order by e.emp_code limit 1").fetchone()
        demoted, rank_row = conn.execute(
            "select r.emp_code, row_to_json(r)::text from raw.hr__rank_history r"
            " where r.emp_code <> %s and r.effective_to is null order by r.emp_code limit 1", (leaver,)).fetchone()
    before = _state()
    with connect() as conn:
        demoted_fingerprint = conn.execute("select min(payee_fingerprint) from intermediate.int_pay__payroll_lines"
                                           " where emp_code = %s", (demoted,)).fetchone()[0]
    try:
        with connect() as conn:  # corrected in place: the modification times do not move
            conn.execute("update raw.hr__employee set status = '离职', leave_date = '2026-07-31' where emp_code = %s",
                         (leaver,))
            conn.execute("update raw.hr__rank_history set _deleted_at = now() where emp_code = %s"
                         " and effective_to is null", (demoted,))
            conn.commit()
        dbt_runner.invoke(["run", *SELECT], AS_OF)
        incremental = _state()
        with connect() as conn:
            statuses = conn.execute("select distinct employee_status from intermediate.int_pay__payroll_lines"
                                    " where emp_code = %s", (leaver,)).fetchall()
            # the lines no longer carry the fingerprint of the deleted rank record (they were rebuilt; their
            # rank falls back to the record's current rank, which may be the same code)
            ranks = conn.execute("select count(*) filter (where payee_fingerprint is distinct from %s), count(*) from"
                                 " intermediate.int_pay__payroll_lines where emp_code = %s and pay_month >= '2026-08'",
                                 (demoted_fingerprint, demoted)).fetchone()
            leaver_flags = conn.execute("select period from audit_rules.fct_red_flags where rule_id = 'RF_PAY_003'"
                                        " and subject_id = %s order by period", (leaver,)).fetchall()
        assert statuses == [("离职",)]
        assert ranks[0] == ranks[1] > 0  # every line of the payee rebuilt from tonight's records
        assert {p for (p,) in leaver_flags} >= {"2026-08", "2026-09", "2026-10"}
        assert incremental[0][0] == before[0][0]  # no line duplicated, none lost
        dbt_runner.invoke(["run", *SELECT, "--full-refresh"], AS_OF)
        assert _state() == incremental
    finally:
        with connect() as conn:
            conn.execute("update raw.hr__employee set status = %s, leave_date = %s where emp_code = %s",
                         (status, leave_date, leaver))
            conn.execute("update raw.hr__rank_history set _deleted_at = null where emp_code = %s", (demoted,))
            conn.commit()
        dbt_runner.invoke(["run", *SELECT, "--full-refresh"], AS_OF)
    assert _state() == before
    assert rank_row


def _columns() -> list[str]:
    with connect() as conn:
        return [name for (name,) in conn.execute(
            "select column_name from information_schema.columns where table_schema = 'intermediate'"
            " and table_name = 'int_pay__payroll_lines' order by ordinal_position")]


def test_a_table_built_by_the_previous_version_is_upgraded_by_the_nightly_run(embedded_demo_run: str):
    before = _state()
    try:
        with connect() as conn:  # the shape the previous version built: a rank name, no fingerprints, no keys
            conn.execute("alter table intermediate.int_pay__payroll_lines drop column payee_fingerprint cascade,"
                         " drop column judgement_key cascade, add column rank_name text")
            conn.execute("update intermediate.int_pay__payroll_lines set rank_name = '旧职级'")
            conn.commit()
        dbt_runner.invoke(["run", *SELECT], AS_OF)  # incremental, as the nightly DAG runs it
        assert {"payee_fingerprint", "judgement_key"} <= set(_columns())
        assert _state() == before
        with connect() as conn:
            nulls = conn.execute("select count(*) filter (where judgement_key is null)"
                                 " from intermediate.int_pay__payroll_lines").fetchone()[0]
        assert nulls == 0  # every line rebuilt, not only tonight's
    finally:
        dbt_runner.invoke(["run", *SELECT, "--full-refresh"], AS_OF)
    assert "rank_name" not in _columns()
    assert _state() == before
