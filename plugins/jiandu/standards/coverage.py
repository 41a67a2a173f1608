"""Which judged years the holiday calendar does not cover (marts.fct_calendar_coverage), for the run summary,
the scorecard and the weekly report to say so."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UncoveredYear:
    calendar_year: int
    manual_vouchers: int
    message: str  # Chinese, ready to print


def uncovered_years(conn=None) -> list[UncoveredYear]:
    """Years RF_JE_001 judges whose State Council notice std_public_holidays lacks; [] before the first build."""
    from jiandu.warehouse import connect

    def query(c) -> list[UncoveredYear]:
        if c.execute("select to_regclass('marts.fct_calendar_coverage')").fetchone()[0] is None:
            return []
        rows = c.execute(
            "select calendar_year, manual_vouchers, coverage_message from marts.fct_calendar_coverage"
            " where is_judged and not is_covered order by calendar_year"
        ).fetchall()
        return [UncoveredYear(int(y), int(n), msg) for y, n, msg in rows]

    if conn is not None:
        return query(conn)
    with connect() as c:
        return query(c)


def coverage_lines(years: list[UncoveredYear]) -> list[str]:
    """The loud lines a report prints: nothing when every judged year is covered."""
    return [f"！节假日日历未覆盖 {y.calendar_year} 年（{y.manual_vouchers} 张手工凭证）：{y.message}" for y in years]


def standard_gaps(conn) -> list[str]:
    """What the rules could not judge, for the run summary and the weekly report: judged years the holiday
    calendar does not cover, and lines with no applicable standard (marts.fct_standard_unmatched, 未匹配标准) per
    rule and reason. Empty before the first build."""
    lines = coverage_lines(uncovered_years(conn))
    if conn.execute("select to_regclass('marts.fct_standard_unmatched')").fetchone()[0] is not None:
        for rule_id, reason, n, units in conn.execute(
            "select rule_id, reason, count(*), count(distinct subsidiary_code)"
            " from marts.fct_standard_unmatched group by 1, 2 order by 1, 2"
        ).fetchall():
            lines.append(f"！未匹配标准 unmatched  {rule_id} {reason}: {n} 行 rows（{units} 家单位），"
                         "未判断 not judged (marts.fct_standard_unmatched)")
    return lines
