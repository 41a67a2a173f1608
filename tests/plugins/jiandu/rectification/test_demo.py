"""The demo seeding `make demo` runs after the night: a few problems, idempotent, the October report not empty."""

from __future__ import annotations

from datetime import date

from jiandu.rectification.demo import seed_demo
from jiandu.reports.monthly import compute, parse_month
from jiandu.warehouse import connect


def test_demo_seed_is_idempotent_and_fills_the_report(flags):
    assert seed_demo(as_of=date(2026, 11, 1)) == 4
    assert seed_demo(as_of=date(2026, 11, 1)) == 0
    with connect() as conn:
        assert conn.execute("select count(*) from rectification.problems").fetchone()[0] == 4
        report = compute(conn, parse_month("2026-10"), today=date(2026, 12, 1))
    t = report.totals
    assert t["problems"] == 4 and t["problems_closed"] == 1 and t["measures_逾期"] >= 1
    assert t["escalations_period"] == 3  # the 分层授权 measure twice, the 追偿 measure once
    assert report.outcome_sentence == ("诫勉1人，教育提醒5人；新制定制度1项，修改完善制度1项；"
                                       "收回清退违规金165800元，挽回其他经济损失35632.35元")
    assert {p["source"] for p in report.problems} == {"巡视巡察", "大数据监督", "审计"}
    assert [p["problems"] for p in report.trend][-4:] == [0, 2, 3, 4]
