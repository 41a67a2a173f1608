"""The holiday calendar's coverage on the demo group (fct_calendar_coverage): every year the demo judges is
covered and RF_JE_001 says so in its evidence; a year without its notice is reported by uncovered_years()."""

from __future__ import annotations

import pytest

from jiandu.standards.coverage import coverage_lines, uncovered_years
from jiandu.warehouse import connect

pytestmark = pytest.mark.slow


def test_demo_years_are_covered_and_flags_say_so(embedded_demo_run: str):
    with connect() as conn:
        rows = conn.execute("select calendar_year, coverage_status, is_judged, manual_vouchers"
                            " from marts.fct_calendar_coverage order by 1").fetchall()
        marks = conn.execute("select evidence->>'日历覆盖', count(*) from audit_rules.rf_je__manual_holiday"
                             " group by 1").fetchall()
    years = {y: (status, judged, n) for y, status, judged, n in rows}
    assert {2020, 2021, 2022, 2023, 2024, 2025, 2026} <= set(years)
    assert years[2026] == ("已覆盖", True, years[2026][2]) and years[2026][2] > 0
    assert all(status == "已覆盖" for status, judged, _ in years.values() if judged)
    assert uncovered_years() == []
    assert marks and all(mark == "已覆盖" for mark, _ in marks)


def test_an_uncovered_judged_year_is_reported(embedded_demo_run: str):
    with connect() as conn:
        conn.execute("update marts.fct_calendar_coverage set is_covered = false, coverage_status = '未覆盖',"
                     " coverage_message = '2026年放假安排未导入' where calendar_year = 2026")
        try:
            years = uncovered_years(conn)
        finally:
            conn.rollback()
    assert [y.calendar_year for y in years] == [2026] and years[0].manual_vouchers > 0
    n = years[0].manual_vouchers
    assert coverage_lines(years) == [f"！节假日日历未覆盖 2026 年（{n} 张手工凭证）：2026年放假安排未导入"]
