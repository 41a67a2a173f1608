"""`jiandu rectify ...`: the inspection office's three lists from the command line, and `jiandu report monthly`.

  jiandu rectify create --flag ID [--flag ID ...] | --title T --subsidiary S01 --source 巡视巡察 [--doc 文号]
  jiandu rectify link PROBLEM --flag ID ...                  more confirmed flags into a problem
  jiandu rectify measure PROBLEM --content .. --unit .. --person .. --deadline 2026-12-31
  jiandu rectify responsibility PROBLEM --leader .. --department .. [--type 主体责任]
  jiandu rectify outcome PROBLEM --kind 诫勉谈话 --people 2 | --kind 清退 --amount 165800 | --kind 制度新建 --rules 1
  jiandu rectify complete MEASURE --evidence "文号; 附件" [--note ..]
  jiandu rectify approve MEASURE | reject MEASURE --reason ..
  jiandu rectify close PROBLEM --note ..                     销号 (all measures done and approved)
  jiandu rectify void responsibility|outcome ID --reason ..
  jiandu rectify list [--status ..] | show PROBLEM | overdue [--escalate] [--date D]
  jiandu rectify demo-seed                                   a few demo problems (idempotent)

The user is --user (default: the login name); when it is a workbench user its role and scope apply to
approval and close-out, otherwise it acts as an administrator (the CLI runs as the warehouse owner).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import date
from pathlib import Path

from jiandu.flags.commands import refusals_to_stderr


def _actor(username: str):
    from jiandu.rectification.model import Actor
    from jiandu.warehouse import connect

    _ready()
    with connect() as conn:
        row = conn.execute("select role, scope from workbench.users where username = %s and active",
                           (username,)).fetchone()
    if row is None:
        return Actor(username)
    return Actor(username, row[0], row[1] == "*", tuple(c for c in row[1].split(",") if c != "*"))


def _print(row: dict) -> None:
    print(json.dumps(row, ensure_ascii=False, indent=2, default=str))


def _ready() -> None:
    from jiandu.bootstrap import bootstrap_warehouse

    bootstrap_warehouse()


@refusals_to_stderr
def cmd_create(args: argparse.Namespace) -> int:
    from jiandu.rectification import model

    _print(model.create_problem(_actor(args.user), title=args.title, subsidiary_code=args.subsidiary,
                                source=args.source, flag_ids=args.flag or [], identified_on=args.identified,
                                description=args.description, source_doc=args.doc, category=args.category,
                                due_on=args.due))
    return 0


@refusals_to_stderr
def cmd_link(args: argparse.Namespace) -> int:
    from jiandu.rectification import model

    _print(model.link_flags(_actor(args.user), args.problem_id, args.flag))
    return 0


@refusals_to_stderr
def cmd_measure(args: argparse.Namespace) -> int:
    from jiandu.rectification import model

    _print(model.add_measure(_actor(args.user), args.problem_id, content=args.content, responsible_unit=args.unit,
                             responsible_person=args.person, deadline=args.deadline))
    return 0


@refusals_to_stderr
def cmd_responsibility(args: argparse.Namespace) -> int:
    from jiandu.rectification import model

    _print(model.add_responsibility(_actor(args.user), args.problem_id, responsible_leader=args.leader,
                                    responsible_department=args.department, responsibility_type=args.type,
                                    note=args.note))
    return 0


@refusals_to_stderr
def cmd_outcome(args: argparse.Namespace) -> int:
    from jiandu.rectification import model

    _print(model.add_outcome(_actor(args.user), args.problem_id, kind=args.kind, people=args.people, rules=args.rules,
                             amount=args.amount, detail=args.detail, recorded_on=args.date))
    return 0


@refusals_to_stderr
def cmd_complete(args: argparse.Namespace) -> int:
    from jiandu.rectification import model

    _print(model.complete_measure(_actor(args.user), args.measure_id, evidence=args.evidence, note=args.note,
                                  completed_on=args.date))
    return 0


@refusals_to_stderr
def cmd_approve(args: argparse.Namespace) -> int:
    from jiandu.rectification import model

    _print(model.approve_measure(_actor(args.user), args.measure_id))
    return 0


@refusals_to_stderr
def cmd_reject(args: argparse.Namespace) -> int:
    from jiandu.rectification import model

    _print(model.reject_measure(_actor(args.user), args.measure_id, reason=args.reason))
    return 0


@refusals_to_stderr
def cmd_close(args: argparse.Namespace) -> int:
    from jiandu.rectification import model

    _print(model.close_problem(_actor(args.user), args.problem_id, note=args.note))
    return 0


@refusals_to_stderr
def cmd_void(args: argparse.Namespace) -> int:
    from jiandu.rectification import model

    _print(model.void(_actor(args.user), args.entity, args.id, reason=args.reason))
    return 0


@refusals_to_stderr
def cmd_list(args: argparse.Namespace) -> int:
    from jiandu.rectification import model

    _ready()
    rows = model.list_problems(status=args.status, source=args.source, subsidiary_code=args.subsidiary)
    print(f"{'问题编号':<14}{'单位':<6}{'来源':<8}{'状态':<8}{'措施':>4}{'完成':>4}{'逾期':>4}  问题概述")
    for r in rows:
        print(f"{r['problem_id']:<16}{r['subsidiary_code']:<8}{r['source']:<8}{r['status']:<8}{r['measures']:>5}"
              f"{r['measures_done']:>6}{r['measures_overdue']:>6}  {r['title']}")
    print(f"共 {len(rows)} 个问题 total {len(rows)}")
    return 0


@refusals_to_stderr
def cmd_show(args: argparse.Namespace) -> int:
    from jiandu.rectification import model

    _print(model.show_problem(args.problem_id))
    return 0


@refusals_to_stderr
def cmd_overdue(args: argparse.Namespace) -> int:
    from jiandu.rectification import model

    _ready()
    as_of = args.date or model.today()
    rows = model.overdue_measures(as_of)
    print(f"逾期整改措施（截至 {as_of}）overdue measures: {len(rows)}")
    for m in rows:
        print(f"  {m['measure_id']:<20}{m['responsible_unit']}/{m['responsible_person']}  时限 {m['deadline']}"
              f"  逾期 {m['days_overdue']} 天  已督办 {m['escalations']} 次  {m['content']}")
    if args.escalate:
        made = model.escalate_overdue(_actor(args.user), as_of=as_of)
        for e in made:
            print(f"  督办记录 escalation #{e['escalation_id']}: {e['measure_id']} {e['level_label']}（第{e['level']}次）")
        print(f"本次督办 {len(made)} 项 escalated {len(made)}")
    return 0


@refusals_to_stderr
def cmd_demo_seed(args: argparse.Namespace) -> int:
    from jiandu.rectification.demo import seed_demo

    _ready()
    made = seed_demo()
    print(f"演示整改数据 demo rectification: {'已创建 ' + str(made) + ' 个问题' if made else '已存在，未重复创建'}")
    return 0


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD, got {value!r}") from exc


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register `jiandu rectify ...` on the top-level parser."""
    rect = sub.add_parser("rectify", help="巡察整改：问题清单、任务清单、责任清单、成效、督办").add_subparsers(
        dest="rectify_command", required=True)

    def command(name: str, help_text: str, func, *positional: str):
        p = rect.add_parser(name, help=help_text)
        for pos in positional:
            p.add_argument(pos)
        p.add_argument("--user", default=getpass.getuser(), help="操作人 (default: login name)")
        p.set_defaults(func=func)
        return p

    p = command("create", "新建问题：由已确认的疑点（可多条）或手工录入（巡察/审计报告）", cmd_create)
    p.add_argument("--flag", action="append", help="疑点编号（可重复）")
    p.add_argument("--title", help="问题概述（手工录入时必填）")
    p.add_argument("--subsidiary", help="单位编码（手工录入时必填）")
    p.add_argument("--source", help="问题来源：大数据监督/巡视巡察/审计/纪检监察/上级检查/自查自纠")
    p.add_argument("--doc", help="来源文号")
    p.add_argument("--description", help="问题描述")
    p.add_argument("--category", help="问题类别")
    p.add_argument("--identified", help="发现日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--due", help="整改时限 YYYY-MM-DD")

    p = command("link", "把更多已确认的疑点归入问题", cmd_link, "problem_id")
    p.add_argument("--flag", action="append", required=True)

    p = command("measure", "新增整改措施（任务清单）", cmd_measure, "problem_id")
    p.add_argument("--content", required=True, help="整改措施")
    p.add_argument("--unit", required=True, help="责任单位")
    p.add_argument("--person", required=True, help="责任人")
    p.add_argument("--deadline", required=True, help="完成时限 YYYY-MM-DD")

    p = command("responsibility", "新增责任（责任清单）", cmd_responsibility, "problem_id")
    p.add_argument("--leader", required=True, help="责任领导")
    p.add_argument("--department", required=True, help="责任部门")
    p.add_argument("--type", help="责任类型：主体责任/监督责任/领导责任/直接责任")
    p.add_argument("--note")

    p = command("outcome", "登记整改成效：问责（人）、制度（项）、清退/挽回（元）", cmd_outcome, "problem_id")
    p.add_argument("--kind", required=True,
                   help="诫勉谈话/批评教育/教育提醒/通报/组织处理/移送纪检/制度新建/制度修订/清退/挽回")
    p.add_argument("--people", help="人数（问责）")
    p.add_argument("--rules", help="项数（制度）")
    p.add_argument("--amount", help="金额（元，清退/挽回）")
    p.add_argument("--detail", help="具体情况（人员、制度名称、文号）")
    p.add_argument("--date", help="登记日期 YYYY-MM-DD（默认今天）")

    p = command("complete", "填报措施完成（须附佐证材料）", cmd_complete, "measure_id")
    p.add_argument("--evidence", required=True, help="佐证材料，分号分隔")
    p.add_argument("--note", help="完成情况")
    p.add_argument("--date", help="完成日期 YYYY-MM-DD（默认今天）")

    command("approve", "审核通过措施（集团巡察整改办公室）", cmd_approve, "measure_id")
    p = command("reject", "退回措施填报", cmd_reject, "measure_id")
    p.add_argument("--reason", required=True)
    p = command("close", "问题销号（全部措施已完成并审核通过）", cmd_close, "problem_id")
    p.add_argument("--note", required=True, help="销号说明")
    p = command("void", "作废误录的责任或成效记录", cmd_void, "entity", "id")
    p.add_argument("--reason", required=True)

    p = command("list", "问题清单", cmd_list)
    p.add_argument("--status")
    p.add_argument("--source")
    p.add_argument("--subsidiary")
    command("show", "一个问题：疑点、措施、责任、成效、督办、历史", cmd_show, "problem_id")
    p = command("overdue", "逾期清单；--escalate 为每项逾期措施登记督办", cmd_overdue)
    p.add_argument("--date", type=_date, help="截至日期（默认今天）")
    p.add_argument("--escalate", action="store_true")
    command("demo-seed", "演示数据：几条问题与措施（幂等）", cmd_demo_seed)


def cmd_report(args: argparse.Namespace) -> int:
    """`jiandu report monthly --month 2026-10` / `jiandu report quarterly --quarter 2026Q4`."""
    from jiandu.rectification.model import today
    from jiandu.reports.monthly import parse_month, parse_quarter, previous_month
    from jiandu.reports.monthly_output import build_period, headline

    try:
        if args.report_command == "quarterly":
            period = parse_quarter(args.quarter)
        else:
            period = parse_month(args.month) if args.month else previous_month(today())
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    files = build_period(period, Path(args.out) if args.out else None)
    print(f"巡察整改进度{'月报' if period.kind == 'month' else '季报'} {period.label}")
    print(f"  {headline(files.report)}")
    print(f"  整改成效（累计）：{files.report.outcome_sentence}")
    print(f"  xlsx: {files.xlsx}\n  pdf: {files.pdf}")
    return 0


def add_report_commands(report: argparse._SubParsersAction) -> None:
    """Register `jiandu report monthly|quarterly` on the `report` sub-parsers."""
    monthly = report.add_parser("monthly", help="整改进度月报 rectification progress, Excel + PDF (default: last month)")
    monthly.add_argument("--month", help="月份，如 2026-10")
    monthly.add_argument("--out", help="reports folder (default: settings.reports_dir)")
    monthly.set_defaults(func=cmd_report)
    quarterly = report.add_parser("quarterly", help="整改进度季报（大监督联席会议） the quarterly pack")
    quarterly.add_argument("--quarter", required=True, help="季度，如 2026Q4")
    quarterly.add_argument("--out", help="reports folder (default: settings.reports_dir)")
    quarterly.set_defaults(func=cmd_report)
