"""`jiandu standards ...`: the State Council's holiday notice into std_public_holidays (`holidays parse|import`),
and the group's own approved standards (`template`, `import`, `withdraw`, `list`, `show`: 集团标准导入)."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from pathlib import Path

from jiandu.standards.holidays import NoticeError, import_rows, parse_notice, read_notice, rows_csv, seed_path


def _said(exc: BaseException, named: bool = True) -> str:
    """An exception (with its type when `named`) as one line a user may read: never the warehouse password
    (WAREHOUSE_URL's, whole or in the pieces a misparsed URL leaves in a host, port or database name)."""
    from jiandu.warehouse import redact_password

    text = f"{type(exc).__name__}: {exc}" if named else str(exc)
    return redact_password(" ".join(text.split()))


def _no_secrets(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """A warehouse command whose unexpected failure is one redacted line and exit 1, not a traceback (a traceback
    repeats the connection error, which may quote parts of WAREHOUSE_URL)."""

    @functools.wraps(func)
    def guarded(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except Exception as exc:
            print(f"jiandu standards {args.standards_command} 未完成 failed：{_said(exc)}", file=sys.stderr)
            return 1

    return guarded


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


def cmd_template(args: argparse.Namespace) -> int:
    from jiandu.standards.specs import find, standards
    from jiandu.standards.template import write_template

    try:
        chosen = list(standards().values()) if args.standard == ["all"] else [find(n) for n in args.standard]
    except KeyError as exc:
        print(exc.args[0], file=sys.stderr)
        return 2
    out = write_template(chosen, Path(args.out))
    print(f"已生成模板 {out}：{'、'.join(s.title for s in chosen)}（另含「说明」工作表）")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from jiandu.standards.group_store import ImportRejected, import_file
    from jiandu.warehouse import connect

    path = Path(args.file)
    if not path.is_file():
        print(f"文件不存在：{path}", file=sys.stderr)
        return 1
    try:
        with connect() as conn:
            result = import_file(conn, path, args.user)
    except ImportRejected as exc:
        print(f"{path.name}：发现 {len(exc.errors)} 处错误，整个文件未导入（no row was imported）：", file=sys.stderr)
        for error in exc.errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    except RuntimeError as exc:
        print(_said(exc, named=False), file=sys.stderr)
        return 1
    total = sum(result.counts.values())
    print(f"已导入 {path.name}：{total} 行（导入批次 {result.import_id}，导入人 {args.user}）")
    from jiandu.standards.specs import standards

    for name, count in result.counts.items():
        print(f"  {standards()[name].title}（{name}）：{count} 行")
    print("下一次夜间运行（或 dbt seed）起生效 applied from the next night's seed load")
    return 0


def _connection_or_none():
    from jiandu.warehouse import connect

    try:
        return connect()
    except Exception as exc:  # no warehouse: shipped defaults only, said so
        print(f"（未连接仓库，仅显示示例默认值：{_said(exc)}）", file=sys.stderr)
        return None


def _import_line(h: dict) -> str:
    """One import (one sheet) of the history, with its withdrawal if any."""
    line = (f"{_local(h['imported_at'])}  {h['imported_by']}  {h['file_name']}  工作表「{h['sheet']}」"
            f"  {h['row_count']} 行  导入批次 {h['import_id']}  sha256 {h['checksum'][:12]}")
    if h.get("withdrawn_at"):
        line += f"  已撤回：{h['withdrawn_by']} {_local(h['withdrawn_at'])}（{h['withdrawal_reason']}）"
    return line


def _local(value) -> str:
    """A timestamp in the local time zone, as the history shows it."""
    from jiandu.standards.group_store import local as to_local

    return to_local(value)


def cmd_withdraw(args: argparse.Namespace) -> int:
    from jiandu.standards.group_store import WithdrawRefused, withdraw
    from jiandu.warehouse import connect

    try:
        with connect() as conn:
            sheets = withdraw(conn, args.import_id, args.user, args.reason)
    except WithdrawRefused as exc:
        print(f"未撤回：{exc}", file=sys.stderr)
        return 1
    except RuntimeError as exc:
        print(_said(exc, named=False), file=sys.stderr)
        return 1
    first = sheets[0]
    print(f"已撤回导入批次 {first['import_id']}（{first['file_name']}，{first['imported_by']} 于"
          f" {_local(first['imported_at'])} 导入），撤回人 {args.user.strip()}，原因：{args.reason.strip()}")
    for h in sheets:
        print(f"  {h['standard']}（工作表「{h['sheet']}」）：{h['row_count']} 行不再适用，恢复此前的版本")
    print("导入记录保留；下一次夜间运行（或 dbt seed）起生效 applied from the next night's seed load")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from jiandu.standards.group_store import overview

    conn = _connection_or_none()
    try:
        items = overview(conn)
    finally:
        if conn is not None:
            conn.close()
    print("标准\t种子表\t现行来源\t版本数\t最近导入")
    for o in items:
        last = (f"{o.last_import['imported_by']} {_local(o.last_import['imported_at'])}"
                f" {o.last_import['file_name']}") if o.last_import else "—"
        if o.last_import and o.last_import["withdrawn_at"]:
            last += "（已撤回）"
        print(f"{o.standard.title}\t{o.standard.name}\t{o.origin}\t{len(o.versions)}\t{last}")
    for o in items:
        for stale in o.stale:
            print(stale, file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from jiandu.standards.group_store import group_rows, history, overview
    from jiandu.standards.specs import find

    try:
        spec = find(args.standard)
    except KeyError as exc:
        print(exc.args[0], file=sys.stderr)
        return 2
    conn = _connection_or_none()
    try:
        o = next(x for x in overview(conn) if x.standard.name == spec.name)
        rows = group_rows(conn, spec.name) if conn is not None else []
        imports = history(conn, spec.name)
    finally:
        if conn is not None:
            conn.close()
    print(f"{spec.title}（{spec.name}）现行来源：{o.origin}")
    print("版本：")
    for v in o.versions:
        who = f"  {v.imported_by} {_local(v.imported_at)} {v.file_name}  导入批次 {v.import_id}" if v.imported_by else ""
        print(f"  {v.origin}  {v.effective_from} 至 {v.effective_to or '长期'}  {v.rows} 行"
              f"  {'现行' if v.in_force else '非现行'}{who}")
    if rows:
        print("集团导入的行（现行版本）：")
        labels = [c.label for c in spec.columns]
        print("  " + "\t".join(labels))
        for r in rows:
            print("  " + "\t".join("" if r["row_values"].get(c.name) is None else str(r["row_values"][c.name])
                                   for c in spec.columns))
    for stale in o.stale:
        print(stale)
    print("导入历史：" + ("" if imports else "无"))
    for h in imports:
        print("  " + _import_line(h))
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register `jiandu standards ...` on the top-level parser."""
    standards = sub.add_parser("standards",
                               help="标准维护：节假日通知、集团标准导入 holiday notices and the group's own standards")
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

    template = areas.add_parser("template", help="集团标准导入模板（Excel，每个标准一个工作表）the import template")
    template.add_argument("standard", nargs="+", help="标准（种子表名或中文名称，all = 全部）standard seed or title")
    template.add_argument("--out", required=True, help="输出文件 .xlsx")
    template.set_defaults(func=cmd_template)
    imp = areas.add_parser("import", help="导入集团标准（逐行校验，有错则整个文件不导入）import the group's standards")
    imp.add_argument("file", help="填好的模板 .xlsx")
    imp.add_argument("--user", required=True, help="导入人 who imports (recorded in the history)")
    imp.set_defaults(func=_no_secrets(cmd_import))
    out = areas.add_parser("withdraw", help="撤回一次导入（记录保留，此前的版本恢复适用）withdraw an import")
    out.add_argument("import_id", help="导入批次号（jiandu standards show 标准 可查）the import id")
    out.add_argument("--user", required=True, help="撤回人 who withdraws (recorded in the history)")
    out.add_argument("--reason", required=True, help="撤回原因 why (recorded in the history)")
    out.set_defaults(func=_no_secrets(cmd_withdraw))
    areas.add_parser("list", help="标准清单：现行来源、版本、最近导入 every importable standard").set_defaults(
        func=_no_secrets(cmd_list))
    show = areas.add_parser("show", help="一个标准的版本、导入的行和导入历史 one standard's versions and history")
    show.add_argument("standard", help="种子表名或中文名称 seed name or Chinese title")
    show.set_defaults(func=_no_secrets(cmd_show))
