"""`jiandu report weekly [--week 2026-W45 | --date 2026-11-01] [--out DIR]`: the weekly report for the
大监督联席会议 (default: the current week; --date: the week of that as-of date, as the demo does)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def cmd_weekly(args: argparse.Namespace) -> int:
    from jiandu.reports.build import build_weekly, current_week
    from jiandu.reports.weekly import parse_week, week_of

    try:
        if args.week and args.date:
            raise ValueError("--week 与 --date 只能指定一个")
        week = (parse_week(args.week) if args.week else week_of(parse_date(args.date)) if args.date
                else current_week())
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    files = build_weekly(week, Path(args.out) if args.out else None)
    t = files.report.totals
    print(f"大监督联席会议周报 {week.iso_week}（{week.start} 至 {week.end}）weekly report")
    print(f"  新增 new {t['new_count']}  在办 open {t['open_count']} ({t['open_change']:+d})"
          f"  整改中 {t['rectifying_count']}  逾期 overdue {t['overdue_count']}"
          f"  累计销号 closed {t['closed_total']}  屏蔽 suppressed {t['suppressed_count']}")
    print(f"  在办涉及金额 {t['amount_involved']:,.2f} 元  累计挽回 {t['amount_recovered']:,.2f} 元")
    for kind in ("xlsx", "html", "pdf"):
        print(f"  {kind}: {getattr(files, kind)}")
    return 0


def parse_date(text: str):
    """'2026-11-01' -> date; a clear Chinese error otherwise."""
    from datetime import date

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"日期格式应为 2026-11-01，收到 {text[:40]}") from None


def add_commands(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser("report", help="报告 reports").add_subparsers(dest="report_command", required=True)
    weekly = report.add_parser("weekly", help="weekly summary: Excel, HTML, PDF (default: the current week)")
    weekly.add_argument("--week", help="ISO week, e.g. 2026-W45")
    weekly.add_argument("--date", help="业务日期，报告其所在周 the week of this as-of date, e.g. 2026-11-01")
    weekly.add_argument("--out", help="reports folder (default: settings.reports_dir)")
    weekly.set_defaults(func=cmd_weekly)
    from jiandu.rectification.commands import add_report_commands  # monthly / quarterly rectification progress

    add_report_commands(report)
