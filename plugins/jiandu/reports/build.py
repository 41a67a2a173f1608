"""Build the weekly report of one ISO week: summary table in the warehouse + Excel, HTML and PDF files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from jiandu.bootstrap import bootstrap_warehouse
from jiandu.reports.weekly import Week, WeeklyReport, compute, store, week_of
from jiandu.settings import get_settings
from jiandu.warehouse import connect


@dataclass
class WeeklyFiles:
    week: str
    xlsx: Path
    html: Path
    pdf: Path
    report: WeeklyReport


def current_week() -> Week:
    return week_of(datetime.now(ZoneInfo(get_settings().timezone)).date())


def week_to_report(logical_date: datetime | None, triggered_by_asset: bool) -> Week:
    """The week a weekly_supervision_summary run reports on.

    Monday 07:00 run: the week that just ended. Run on the nightly Asset: the week of the night that ran last
    (the latest published run), so a night run for a past date (backfill) builds the report of that date's week.
    """
    if triggered_by_asset or logical_date is None:
        with connect() as conn:
            latest = conn.execute("select as_of_date from audit.flag_run_results"
                                  " order by recorded_at desc, as_of_date desc limit 1").fetchone()
        return week_of(latest[0] if latest else current_week().start)
    local: date = logical_date.astimezone(ZoneInfo(get_settings().timezone)).date()
    return week_of(local - timedelta(days=1))


def build_weekly(week: Week, out_dir: Path | None = None) -> WeeklyFiles:
    from jiandu.reports.excel import write_workbook
    from jiandu.reports.page import write_html, write_pdf
    from jiandu.standards.coverage import standard_gaps

    bootstrap_warehouse()
    out = (out_dir or get_settings().reports_dir) / "weekly" / week.iso_week
    stem = f"大监督联席会议周报_{week.iso_week}"
    with connect() as conn:
        report = compute(conn, week)
        report.standard_gaps = standard_gaps(conn)
        store(conn, report)
        files = WeeklyFiles(week.iso_week, write_workbook(report, out / f"{stem}.xlsx"),
                            write_html(report, out / f"{stem}.html"), write_pdf(report, out / f"{stem}.pdf"), report)
        conn.execute(
            "insert into audit_meta.report_runs (report_kind, period, files, totals) values ('weekly', %s, %s, %s)",
            (week.iso_week, json.dumps({k: str(getattr(files, k)) for k in ("xlsx", "html", "pdf")}, ensure_ascii=False),
             json.dumps(report.totals, default=str)))
    return files
