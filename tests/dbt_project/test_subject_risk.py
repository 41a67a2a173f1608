"""fct_subject_risk: subjects and subsidiaries ranked by where findings meet, reconciled with fct_red_flags."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def conn(embedded_demo_run: str):
    from jiandu.warehouse import connect

    with connect() as c:
        yield c


def test_subsidiary_rows_reconcile_with_the_flags(conn):
    expected = conn.execute("select subsidiary_code, count(*), count(distinct rule_id),"
                            " sum(amount) filter (where amount_kind = 'at_issue')"
                            " from audit_rules.fct_red_flags group by 1 order by 1").fetchall()
    got = conn.execute("select subject_id, flag_count, rule_count, amount from audit_rules.fct_subject_risk"
                       " where risk_level = 'subsidiary' order by 1").fetchall()
    assert got == expected and len(got) >= 5


def test_every_flag_counted_once_per_subject(conn):
    total = conn.execute("select count(*) from audit_rules.fct_red_flags").fetchone()[0]
    counted = conn.execute("select sum(flag_count) from audit_rules.fct_subject_risk"
                           " where risk_level = 'subject'").fetchone()[0]
    assert counted == total > 0


def test_rank_puts_most_rules_then_severity_then_money_first(conn):
    rows = conn.execute("select risk_level || '/' || subject_type, risk_rank, rule_count, severity_score, amount"
                        " from audit_rules.fct_subject_risk order by 1, risk_rank").fetchall()
    by_type: dict[str, list] = {}
    for subject_type, rank, *key in rows:
        key[-1] = -1 if key[-1] is None else key[-1]  # no money at issue (only context figures): ranked last
        by_type.setdefault(subject_type, []).append((rank, key))
    for subject_type, ranked in by_type.items():
        keys = [k for _, k in ranked]
        assert keys == sorted(keys, reverse=True), subject_type
        assert ranked[0][0] == 1
