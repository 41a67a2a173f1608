"""`jiandu standards holidays parse|import`: the State Council's holiday notice into std_public_holidays."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jiandu.standards.holidays import NoticeError, import_rows, parse_notice, read_notice, rows_csv, seed_path


def _parse(args: argparse.Namespace):
    path = Path(args.file)
    return parse_notice(read_notice(path), args.year, str(path), source=args.source)


def cmd_holidays_parse(args: argparse.Namespace) -> int:
    try:
        rows = _parse(args)
    except NoticeError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    sys.stdout.write(rows_csv(rows))
    return 0


def cmd_holidays_import(args: argparse.Namespace) -> int:
    seed = Path(args.seed) if args.seed else seed_path()
    try:
        rows = _parse(args)
        removed, added = import_rows(rows, seed, args.year)
    except NoticeError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    off = sum(1 for r in rows if r.day_type == "节假日")
    print(f"已导入{args.year}年放假安排：{off}个放假日、{added - off}个调休上班日（替换原有{removed}行）→ {seed}\n"
          f"imported {added} rows for {args.year} (replaced {removed}); run `dbt seed` (or the nightly run) to load it")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register `jiandu standards ...` on the top-level parser."""
    standards = sub.add_parser("standards", help="标准维护 standards maintained from published documents")
    areas = standards.add_subparsers(dest="standards_command", required=True)
    holidays = areas.add_parser("holidays", help="法定节假日日历 std_public_holidays").add_subparsers(
        dest="holidays_command", required=True)
    for name, func, text in (
        ("parse", cmd_holidays_parse, "print the notice's rows as seed CSV on stdout"),
        ("import", cmd_holidays_import, "replace the year's rows of std_public_holidays.csv with the notice's"),
    ):
        cmd = holidays.add_parser(name, help=text)
        cmd.add_argument("--year", type=int, required=True, help="通知年度 the year the notice is for")
        cmd.add_argument("--source", help="出处（默认取通知标题和文号）source column (default: title and number)")
        cmd.add_argument("file", help="通知全文（UTF-8 或 GB18030 文本）the notice's text")
        if name == "import":
            cmd.add_argument("--seed", help="seed CSV to write (default: the dbt project's std_public_holidays.csv)")
        cmd.set_defaults(func=func)
