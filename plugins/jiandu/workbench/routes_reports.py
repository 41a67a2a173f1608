"""The weekly summary (charts, tables, Excel) and the data-quality scorecard, within the user's scope.

The weekly page reads the week as the nightly build stored it (audit.weekly_summary and audit.weekly_findings,
a few hundred rows whatever the number of flags), through the request's scoped connection, so a subsidiary-level
user gets the report of their own subsidiaries. A week never built, or `live=1` (按当前处置重新计算), is
computed by jiandu.reports from history with every disposition recorded so far.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from psycopg.rows import dict_row

from jiandu.reports.weekly import Week, WeeklyReport, compute, parse_week, stored, week_of
from jiandu.workbench.masking import mask
from jiandu.workbench.scope import scoped_connection
from jiandu.workbench.users import Session
from jiandu.workbench.web import render, session

router = APIRouter()


def _week(conn, text: str | None) -> Week:
    if text:
        try:
            return parse_week(text)
        except ValueError as exc:
            raise HTTPException(400, f"周次（week）：{exc}") from None
    latest = conn.execute("select max(as_of_date) from audit.flag_run_results").fetchone()[0]
    if latest is None:
        latest = conn.execute("select current_date").fetchone()[0]
    return week_of(latest)


def _masked(report: WeeklyReport, pii: bool) -> WeeklyReport:
    return replace(report, top_findings=mask(report.top_findings, allowed=pii),
                   overdue=mask(report.overdue, allowed=pii), suppressed=mask(report.suppressed, allowed=pii))


def _report(s: Session, week_text: str | None, live: bool = False) -> WeeklyReport:
    with scoped_connection(s.user) as conn:
        week = _week(conn, week_text)
        report = None if live else stored(conn, week)
        return _masked(report or compute(conn, week), s.user.pii)


@router.get("/weekly")
def weekly(request: Request, week: str | None = None, live: str | None = None,
           s: Session = Depends(session)) -> Response:  # noqa: B008
    from jiandu.reports.page import _png  # matplotlib: imported only when the page is asked for

    report = _report(s, week, live == "1")
    with scoped_connection(s.user) as conn:
        runs = conn.cursor(row_factory=dict_row).execute(
            "select period, generated_at from audit_meta.report_runs where report_kind = 'weekly'"
            " order by generated_at desc limit 10").fetchall()
    return render(request, "weekly.html", s, r=report, t=report.totals, charts=_png(report), runs=runs,
                  week_text=report.week.iso_week, prev=report.week.previous().iso_week,
                  next_week=_next(report.week))


def _next(week: Week) -> str:
    return week_of(week.start + timedelta(days=7)).iso_week


@router.get("/weekly.xlsx")
def weekly_excel(request: Request, week: str | None = None, live: str | None = None,
                 s: Session = Depends(session)) -> Response:  # noqa: B008
    from jiandu.reports.excel import write_workbook

    report = _report(s, week, live == "1")
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workbook(report, Path(tmp) / "weekly.xlsx")
        data = path.read_bytes()
    name = quote(f"大监督联席会议周报_{report.week.iso_week}.xlsx")
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename=weekly_{report.week.iso_week}.xlsx;"
                                                    f" filename*=UTF-8''{name}"})


@router.get("/scorecard")
def scorecard(request: Request, s: Session = Depends(session)) -> Response:  # noqa: B008
    # The mart is rebuilt by dbt every night (so it carries no grants or policy of its own); the warehouse
    # function workbench.reporting_scorecard() returns the rows of the request's scope (warehouse migration 0002_workbench).
    with scoped_connection(s.user) as conn:
        if not conn.execute("select exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                            " where n.nspname = 'marts' and c.relname = 'fct_reporting_scorecard')").fetchone()[0]:
            rows = None
        else:
            rows = conn.cursor(row_factory=dict_row).execute("select * from workbench.reporting_scorecard()"
                                                             ).fetchall()
    return render(request, "scorecard.html", s, rows=rows)
