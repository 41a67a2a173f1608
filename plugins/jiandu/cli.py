"""The `jiandu` command: one entry point for data engineers.

  jiandu sources generate --scale S --seed 42 --out DIR   synthetic source systems + ground truth
  jiandu sources doc                                      write docs/source-contract.md from the contract
  jiandu run --date 2026-11-01 [--sources DIR]            run the nightly_supervision DAG for a date
  jiandu gx sync                                          write GX suites from the source contract
  jiandu rules catalog [--check]                          rule_catalog.csv + fct_red_flags.sql from rule yml
  jiandu rules test [--select MODEL]                      dbt unit tests of the rules, in seconds
  jiandu summary                                          print the flag counts of the warehouse
  jiandu flags list|show|update|import                    auditors' dispositions of flags
  jiandu report weekly [--week 2026-W45]                  weekly report for the 大监督联席会议
  jiandu report monthly [--month 2026-10]                 整改进度月报 (quarterly --quarter 2026Q4: the pack)
  jiandu rectify create|measure|complete|approve|close|overdue ...   问题清单/任务清单/责任清单, 督办
  jiandu users add --username U --role auditor --scope S01 auditor workbench accounts
  jiandu serve [--host 127.0.0.1 --port 8085]             the auditor workbench without Airflow

`jiandu run` is a thin front for the DAG (dag.test in-process), never a second code path.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from jiandu.flags import commands as flag_commands
from jiandu.rectification import commands as rectify_commands
from jiandu.reports import commands as report_commands
from jiandu.standards import commands as standards_commands
from jiandu.workbench import commands as workbench_commands


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-11-01, got {value!r}") from exc


def cmd_generate(args: argparse.Namespace) -> int:
    from jiandu.generator.generate import generate

    manifest = generate(Path(args.out), scale=args.scale, seed=args.seed, as_of=args.as_of)
    print(json.dumps(manifest, ensure_ascii=False, indent=2))
    return 0


def cmd_staging(args: argparse.Namespace) -> int:
    from jiandu.sources.staging_gen import write

    changed = write()
    print("\n".join(str(p) for p in changed) or "staging models already match the source contract")
    return 0


def cmd_contract_doc(args: argparse.Namespace) -> int:
    from jiandu.sources.contract_doc import doc_path, write

    print(f"written {doc_path()}" if write() else f"{doc_path()} already matches the source contract")
    return 0


def _point_connections_at(sources: Path) -> None:
    from jiandu.sources.connections import connection_env

    manifest_path = sources / "manifest.json"
    if not manifest_path.exists():
        raise SystemExit(f"{manifest_path}: not found; run `jiandu sources generate --out {sources}` first")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("ledger_drop"):  # the generated Excel drops, unless a drop folder is configured
        from jiandu.settings import ENV_LEDGER_DROP_DIR

        os.environ.setdefault(ENV_LEDGER_DROP_DIR, str((sources / manifest["ledger_drop"]).resolve()))
    for system, filename in manifest["systems"].items():
        for key, value in connection_env(system, f"sqlite:///{(sources / filename).resolve()}").items():
            os.environ.setdefault(key, value)


def cmd_run(args: argparse.Namespace) -> int:
    """The nightly DAG in-process, after checks that take seconds: the warehouse is usable and no other run holds
    it (the run lease is taken here, before Airflow starts, and handed to the DAG run's `begin`)."""
    import socket

    from jiandu import run_lease
    from jiandu.bootstrap import bootstrap_warehouse
    from jiandu.warehouse import WarehouseUnavailable, check_warehouse

    if args.sources:
        _point_connections_at(Path(args.sources))
    token = f"jiandu run --date {args.date} ({socket.gethostname()}:{os.getpid()})"
    try:
        check_warehouse()
        bootstrap_warehouse()
        with run_lease.held_for(token):
            return _run_night(args)
    except WarehouseUnavailable as exc:
        print(exc, file=sys.stderr)
        return 2
    except run_lease.RunLocked as exc:
        print(exc, file=sys.stderr)
        return 3


def _run_night(args: argparse.Namespace) -> int:
    """One line per task, the summary at the end; Airflow's, dbt's and GX's own output goes to a log file whose
    path is printed."""
    from datetime import datetime

    from jiandu import airflow_env, run_lease
    from jiandu.dag_runner import Progress, output_to
    from jiandu.settings import get_settings

    settings = get_settings()
    log_path = settings.data_dir / "logs" / f"nightly_supervision-{args.date}-{datetime.now():%Y%m%dT%H%M%S}.log"
    dbt_log = settings.dbt_log_dir / "dbt.log"
    print(f"nightly_supervision 评价日 as-of {args.date}：开始运行 starting\n"
          f"  日志 logs: Airflow/GX/dbt 输出 output → {log_path}\n  dbt 日志 dbt log → {dbt_log}", flush=True)
    with output_to(log_path) as terminal:
        airflow_env.prepare()
        import pendulum

        from jiandu.dag_runner import run_dag

        logical_date = pendulum.datetime(args.date.year, args.date.month, args.date.day, 1, tz="Asia/Shanghai")
        state, summary, states, run_id = run_dag("nightly_supervision", logical_date, Progress(terminal))
    run_lease.release(run_id)  # if begin took the lease and the run ended before run_summary could free it
    from jiandu.summary import render

    never_ran = sorted(t for t, s in states.items() if s in ("upstream_failed", "skipped", "None"))
    if never_ran:
        print(f"  未运行 not run (上游失败 upstream failed): {', '.join(never_ran)}")
    if summary:
        print(render(summary))
    print(f"日志 logs: {log_path}  |  dbt: {dbt_log}")
    if state != "success":
        print(f"nightly_supervision 运行失败 run failed: state={state}; 原因见上方任务行与日志 see the task lines"
              f" above and {log_path}", file=sys.stderr)
        return 1
    return 0


def cmd_gx_sync(args: argparse.Namespace) -> int:
    from jiandu.quality.gx_context import sync

    changed = sync()
    print("\n".join(changed) or "GX suites already match the source contract")
    return 0


def cmd_rules_report(args: argparse.Namespace) -> int:
    from jiandu.rules_report import current, render, write_markdown

    results = current(Path(args.sources))
    print(render(results))
    if args.write:
        print(f"written {write_markdown(results)}")
    return 0 if all(r.ok for r in results) else 1


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
    gen = sources.add_parser("generate", help="generate synthetic source systems with planted anomalies")
    gen.add_argument("--scale", choices=["S", "M", "L"], default="S")
    gen.add_argument("--seed", type=int, default=42)
    gen.add_argument("--out", required=True)
    gen.add_argument("--as-of", type=_date, default=date(2026, 11, 1), help="business date the data ends at")
    gen.set_defaults(func=cmd_generate)
    sources.add_parser("staging", help="write dbt staging models from the source contract").set_defaults(
        func=cmd_staging)
    sources.add_parser("doc", help="write docs/source-contract.md from the source contract").set_defaults(
        func=cmd_contract_doc)

    run = sub.add_parser("run", help="run the nightly_supervision DAG for one date")
    run.add_argument("--date", type=_date, required=True, help="as-of date, e.g. 2026-11-01")
    run.add_argument("--sources", help="folder written by `jiandu sources generate` (sets AIRFLOW_CONN_* if unset)")
    run.set_defaults(func=cmd_run)

    gx = sub.add_parser("gx", help="Great Expectations").add_subparsers(dest="gx_command", required=True)
    gx.add_parser("sync", help="write suites from the source contract").set_defaults(func=cmd_gx_sync)

    rules = sub.add_parser("rules", help="red-flag rules").add_subparsers(dest="rules_command", required=True)
    report = rules.add_parser("report", help="planted/found/missed/decoys per rule against ground_truth.csv")
    report.add_argument("--sources", default=".data/sources", help="folder with ground_truth.csv")
    report.add_argument("--write", action="store_true", help="also write docs/rules.md")
    report.set_defaults(func=cmd_rules_report)
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
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
