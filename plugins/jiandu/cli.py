"""The `jiandu` command: one entry point for data engineers.

  jiandu sources generate --scale S --seed 42 --out DIR   synthetic source systems + ground truth (dev)
  jiandu sources doc                                      write docs/source-contract.md from the contract
  jiandu run --date 2026-11-01 [--sources DIR]            run the nightly_supervision DAG for a date (dev)
  jiandu gx sync                                          write GX suites from the source contract
  jiandu rules report [--write]                           planted/found/missed per rule (dev)
  jiandu rules catalog [--check]                          rule_catalog.csv + fct_red_flags.sql from rule yml
  jiandu rules test [--select MODEL]                      dbt unit tests of the rules, in seconds
  jiandu summary                                          print the flag counts of the warehouse
  jiandu flags list|show|update|import                    auditors' dispositions of flags
  jiandu report weekly [--week 2026-W45]                  weekly report for the 大监督联席会议
  jiandu report monthly [--month 2026-10]                 整改进度月报 (quarterly --quarter 2026Q4: the pack)
  jiandu rectify create|measure|complete|approve|close|overdue ...   问题清单/任务清单/责任清单, 督办
  jiandu users add --username U --role auditor --scope S01 auditor workbench accounts
  jiandu serve [--host 127.0.0.1 --port 8085]             the auditor workbench without Airflow

`sources generate`, `run` and `rules report` are development commands: the package jiandu_dev (devtools/, installed
by the dev dependency group: make demo, make test) adds them through the `jiandu.cli` entry points. The image does
not carry it; there each of them says so in one line and exits 2 (production runs nightly_supervision in Airflow).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from importlib.metadata import entry_points

from jiandu.flags import commands as flag_commands
from jiandu.rectification import commands as rectify_commands
from jiandu.reports import commands as report_commands
from jiandu.standards import commands as standards_commands
from jiandu.workbench import commands as workbench_commands

# The commands of the development package: entry point name (where the command goes) -> its help.
DEV_ENTRY_POINT_GROUP = "jiandu.cli"
DEV_COMMANDS = {
    "sources.generate": "开发工具 dev: generate synthetic source systems with planted anomalies",
    "run": "开发工具 dev: run the nightly_supervision DAG for one date, in-process",
    "rules.report": "开发工具 dev: planted/found/missed/decoys per rule against ground_truth.csv",
}
DEV_TOOLS_MISSING_EXIT = 2


def dev_tools_missing_message(command: str) -> str:
    return (f"开发工具未安装 development tools not installed: `jiandu {command}` 由开发包 jiandu_dev 提供，只在开发环境安装"
            f"（make demo / make test，或 uv sync --group dev）；生产环境请在 Airflow 中触发 nightly_supervision DAG"
            f" — in production, trigger the nightly_supervision DAG in Airflow")


def _dev_tools_missing(command: str) -> Callable[[argparse.Namespace], int]:
    def report(args: argparse.Namespace) -> int:
        print(dev_tools_missing_message(command), file=sys.stderr)
        return DEV_TOOLS_MISSING_EXIT

    return report


def _add_dev_command(group: argparse._SubParsersAction, name: str) -> None:
    """Add the development command `name` (an entry point name, e.g. "sources.generate") to `group`: jiandu_dev's
    entry point adds it with its arguments; without jiandu_dev, a stand-in that takes any arguments and says
    what to do instead."""
    found = entry_points(group=DEV_ENTRY_POINT_GROUP, name=name)
    if found:
        try:
            add = next(iter(found)).load()
        except ModuleNotFoundError as exc:
            if not (exc.name or "").startswith("jiandu_dev"):
                raise
        else:
            add(group)
            return
    command = name.replace(".", " ")
    stand_in = group.add_parser(name.rsplit(".", 1)[-1], help=f"{DEV_COMMANDS[name]} (未安装 not installed)")
    stand_in.set_defaults(func=_dev_tools_missing(command), dev_tools_missing=True)


def cmd_staging(args: argparse.Namespace) -> int:
    from jiandu.sources.staging_gen import write

    changed = write()
    print("\n".join(str(p) for p in changed) or "staging models already match the source contract")
    return 0


def cmd_contract_doc(args: argparse.Namespace) -> int:
    from jiandu.sources.contract_doc import doc_path, write

    print(f"written {doc_path()}" if write() else f"{doc_path()} already matches the source contract")
    return 0


def cmd_gx_sync(args: argparse.Namespace) -> int:
    from jiandu.quality.gx_context import sync

    changed = sync()
    print("\n".join(changed) or "GX suites already match the source contract")
    return 0


def cmd_rules_catalog(args: argparse.Namespace) -> int:
    from jiandu.rules_catalog import CatalogError, generate

    try:
        stale = generate(check=args.check)
    except CatalogError as exc:
        print(f"规则登记错误 rule metadata error: {exc}", file=sys.stderr)
        return 2
    if args.check and stale:
        print("规则登记表与规则 yml 不一致，请运行 jiandu rules catalog: " + ", ".join(map(str, stale)), file=sys.stderr)
        return 1
    print("\n".join(f"written {p}" for p in stale) or "rule_catalog.csv and fct_red_flags.sql match the rules")
    return 0


def cmd_rules_test(args: argparse.Namespace) -> int:
    from jiandu.transform.unit_tests import run

    return 0 if run(args.select, prepare=not args.no_prepare) else 1


def cmd_summary(args: argparse.Namespace) -> int:
    from jiandu.summary import flag_counts

    print("\t".join(["规则 rule", "规则名称 name", "单位 unit", "单位名称 unit name", "疑点 flags",
                     "涉及金额 at issue (元)"]))
    for row in flag_counts():
        print("\t".join("—" if v is None else str(v) for v in row))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jiandu", description="监督 jiandu: nightly supervision platform")
    sub = parser.add_subparsers(dest="command", required=True)

    sources = sub.add_parser("sources", help="source systems").add_subparsers(dest="sources_command", required=True)
    _add_dev_command(sources, "sources.generate")
    sources.add_parser("staging", help="write dbt staging models from the source contract").set_defaults(
        func=cmd_staging)
    sources.add_parser("doc", help="write docs/source-contract.md from the source contract").set_defaults(
        func=cmd_contract_doc)

    _add_dev_command(sub, "run")

    gx = sub.add_parser("gx", help="Great Expectations").add_subparsers(dest="gx_command", required=True)
    gx.add_parser("sync", help="write suites from the source contract").set_defaults(func=cmd_gx_sync)

    rules = sub.add_parser("rules", help="red-flag rules").add_subparsers(dest="rules_command", required=True)
    _add_dev_command(rules, "rules.report")
    catalog = rules.add_parser("catalog", help="write rule_catalog.csv and fct_red_flags.sql from the rules' yml meta")
    catalog.add_argument("--check", action="store_true", help="only check; exit 1 when they have drifted")
    catalog.set_defaults(func=cmd_rules_catalog)
    unit = rules.add_parser("test", help="run the dbt unit tests (unit_tests:) in an empty database of their own")
    unit.add_argument("--select", help="dbt selector, e.g. rf_exp__hotel_over_cap")
    unit.add_argument("--no-prepare", action="store_true", help="reuse the inputs of the previous run (faster)")
    unit.set_defaults(func=cmd_rules_test)

    sub.add_parser("summary", help="print active flag counts").set_defaults(func=cmd_summary)
    flag_commands.add_commands(sub)
    report_commands.add_commands(sub)
    workbench_commands.add_commands(sub)
    standards_commands.add_commands(sub)
    rectify_commands.add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown and not getattr(args, "dev_tools_missing", False):  # a stand-in takes the real command's arguments
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
