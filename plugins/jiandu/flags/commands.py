"""`jiandu flags list|show|update|import`: the auditor's dispositions from the command line."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path


def refusals_to_stderr(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """A refused change (DispositionError, CsvImportError: ValueErrors) is a message and exit code 1, no traceback."""

    @wraps(func)
    def run(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except ValueError as exc:
            print(str(exc), file=sys.stderr)
            return 1

    return run


def _flags_table(rows: list[dict]) -> str:
    lines = [f"{'疑点编号 flag_id':<34}{'规则':<12}{'单位':<10}{'涉及金额(元)':>16}  "
             f"{'检出':<9}{'处置状态':<8}{'核查人':<8}对象"]
    for r in rows:
        amount = "参考数" if r.get("amount_kind") == "context" else f"{r.get('amount_at_issue') or 0:,.2f}"
        lines.append(f"{r['flag_id']:<34}{r['rule_id']:<12}{r['subsidiary_code']:<10}{amount:>16}  "
                     f"{r['detection_state']:<9}{r['status']:<8}{r['assignee'] or '-':<8}{r['subject_name'] or ''}")
    lines.append(f"共 {len(rows)} 条 total {len(rows)}")
    return "\n".join(lines)


@refusals_to_stderr
def cmd_list(args: argparse.Namespace) -> int:
    from jiandu.flags.dispositions import export_csv, list_flags

    suppressed = True if args.suppressed else (None if args.all else False)
    rows = list_flags(suppressed=suppressed, overdue=args.overdue, search=args.search, limit=args.limit,
                      rule_id=args.rule, subsidiary_code=args.subsidiary, category=args.category,
                      status=args.status, detection_state=args.state, assignee=args.assignee)
    if args.csv:
        Path(args.csv).write_text(export_csv(rows), encoding="utf-8")
        print(f"已导出 {len(rows)} 条 exported {len(rows)} flags to {args.csv}")
    else:
        print(_flags_table(rows))
    return 0


@refusals_to_stderr
def cmd_show(args: argparse.Namespace) -> int:
    from jiandu.flags.dispositions import show_flag

    print(json.dumps(show_flag(args.flag_id), ensure_ascii=False, indent=2, default=str))
    return 0


@refusals_to_stderr
def cmd_update(args: argparse.Namespace) -> int:
    from jiandu.flags.dispositions import update_flag

    options = {"status": args.status, "assignee": args.assignee, "responsible_unit": args.unit, "note": args.note,
               "rectification_due": args.due, "amount_recovered": args.recovered, "evidence_refs": args.evidence,
               "suppression_reason": args.reason, "suppressed_until": args.until}
    changes = {k: v for k, v in options.items() if v is not None}
    if args.suppress:
        changes["suppressed"] = True
    if args.unsuppress:
        changes["suppressed"] = False
    if args.withdraw_suppression:
        changes["suppression_request"] = "withdraw"
    if not changes:
        print("没有要修改的内容 nothing to change (see --help)", file=sys.stderr)
        return 2
    new = update_flag(args.flag_id, args.user, source="cli", **changes)
    print(json.dumps(new, ensure_ascii=False, indent=2, default=str))
    if args.suppress and not new.get("suppressed"):
        print("已提交屏蔽申请，待另一名集团层面审计人员或管理员批准后生效"
              " suppression requested; in force once a second person approves it", file=sys.stderr)
    return 0


@refusals_to_stderr
def cmd_import(args: argparse.Namespace) -> int:
    from jiandu.flags.dispositions import bulk_update_from_csv, bulk_update_from_xlsx

    if str(args.file).lower().endswith(".xlsx"):
        from jiandu.workbench.export import READONLY_LABELS

        applied = bulk_update_from_xlsx(args.file, args.user, readonly_labels=READONLY_LABELS)
    else:
        applied = bulk_update_from_csv(args.file, args.user)
    print(f"已导入 {applied} 行 applied {applied} rows from {args.file}")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register `jiandu flags ...` on the top-level parser."""
    flags = sub.add_parser("flags", help="疑点与处置 flags and dispositions").add_subparsers(
        dest="flags_command", required=True)

    ls = flags.add_parser("list", help="list flags with their disposition")
    for name in ("rule", "subsidiary", "category", "status", "state", "assignee", "search"):
        ls.add_argument(f"--{name}")
    ls.add_argument("--suppressed", action="store_true", help="only suppressed false positives (屏蔽清单)")
    ls.add_argument("--all", action="store_true", help="suppressed ones too")
    ls.add_argument("--overdue", action="store_true", help="rectification past its due date (整改逾期)")
    ls.add_argument("--limit", type=int, default=500)
    ls.add_argument("--csv", help="write an editable CSV (import it back with `jiandu flags import`)")
    ls.set_defaults(func=cmd_list)

    show = flags.add_parser("show", help="one flag: evidence, disposition, history")
    show.add_argument("flag_id")
    show.set_defaults(func=cmd_show)

    up = flags.add_parser("update", help="change a flag's disposition")
    up.add_argument("flag_id")
    up.add_argument("--user", default=getpass.getuser(), help="who makes the change (default: login name)")
    up.add_argument("--status", help="待核实/核实中/确认问题/误报排除/整改中/已整改销号")
    up.add_argument("--assignee", help="核查人")
    up.add_argument("--unit", help="责任单位")
    up.add_argument("--note", help="核查说明")
    up.add_argument("--due", help="整改期限 YYYY-MM-DD")
    up.add_argument("--recovered", help="清退/挽回金额（元）")
    up.add_argument("--evidence", help="证据材料，多个用分号分隔 evidence references, ';'-separated")
    up.add_argument("--suppress", action="store_true",
                    help="申请屏蔽已知误报 (needs --reason and --until); the same by a second --user who is a group-level"
                         " auditor or admin of the workbench approves it")
    up.add_argument("--unsuppress", action="store_true", help="取消屏蔽 lift a suppression in force")
    up.add_argument("--withdraw-suppression", action="store_true", help="撤回/驳回屏蔽申请 withdraw or reject a request")
    up.add_argument("--reason", help="屏蔽原因")
    up.add_argument("--until", help="屏蔽截止日期 YYYY-MM-DD")
    up.set_defaults(func=cmd_update)

    imp = flags.add_parser("import", help="apply a CSV (or the workbench's Excel export) of dispositions, all rows or none")
    imp.add_argument("file")
    imp.add_argument("--user", default=getpass.getuser())
    imp.set_defaults(func=cmd_import)
