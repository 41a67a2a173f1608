"""The development commands of `jiandu`, added to its parser through the `jiandu.cli` entry points
(devtools/pyproject.toml; jiandu.cli.build_parser loads them):

  jiandu sources generate --scale S --seed 42 --out DIR   synthetic source systems + ground truth
  jiandu run --date 2026-11-01 [--sources DIR]            run the nightly_supervision DAG for a date
  jiandu rules report [--sources DIR] [--write]           planted/found/missed/decoys per rule (docs/rules.md)

`jiandu run` is a thin front for the DAG (dag.test in-process), never a second code path. Production runs the
same DAG from Airflow.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-11-01, got {value!r}") from exc


def cmd_generate(args: argparse.Namespace) -> int:
    from jiandu_dev.generator.generate import generate

    manifest = generate(Path(args.out), scale=args.scale, seed=args.seed, as_of=args.as_of)
    print(json.dumps(manifest, ensure_ascii=False, indent=2))
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

    from jiandu import run_lease
    from jiandu.settings import get_settings
    from jiandu_dev import airflow_env
    from jiandu_dev.dag_runner import Progress, output_to

    settings = get_settings()
    log_path = settings.data_dir / "logs" / f"nightly_supervision-{args.date}-{datetime.now():%Y%m%dT%H%M%S}.log"
    dbt_log = settings.dbt_log_dir / "dbt.log"
    print(f"nightly_supervision 评价日 as-of {args.date}：开始运行 starting\n"
          f"  日志 logs: Airflow/GX/dbt 输出 output → {log_path}\n  dbt 日志 dbt log → {dbt_log}", flush=True)
    with output_to(log_path) as terminal:
        airflow_env.prepare()
        import pendulum

        from jiandu_dev.dag_runner import run_dag

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


def cmd_rules_report(args: argparse.Namespace) -> int:
    from jiandu_dev.rules_report import current, render, write_markdown

    results = current(Path(args.sources))
    print(render(results))
    if args.write:
        print(f"written {write_markdown(results)}")
    return 0 if all(r.ok for r in results) else 1


def add_generate(sources: argparse._SubParsersAction) -> None:
    """`jiandu sources generate` (entry point `sources.generate`)."""
    gen = sources.add_parser("generate", help="generate synthetic source systems with planted anomalies")
    gen.add_argument("--scale", choices=["S", "M", "L"], default="S")
    gen.add_argument("--seed", type=int, default=42)
    gen.add_argument("--out", required=True)
    gen.add_argument("--as-of", type=_date, default=date(2026, 11, 1), help="business date the data ends at")
    gen.set_defaults(func=cmd_generate)


def add_run(sub: argparse._SubParsersAction) -> None:
    """`jiandu run` (entry point `run`)."""
    run = sub.add_parser("run", help="run the nightly_supervision DAG for one date")
    run.add_argument("--date", type=_date, required=True, help="as-of date, e.g. 2026-11-01")
    run.add_argument("--sources", help="folder written by `jiandu sources generate` (sets AIRFLOW_CONN_* if unset)")
    run.set_defaults(func=cmd_run)


def add_rules_report(rules: argparse._SubParsersAction) -> None:
    """`jiandu rules report` (entry point `rules.report`)."""
    report = rules.add_parser("report", help="planted/found/missed/decoys per rule against ground_truth.csv")
    report.add_argument("--sources", default=".data/sources", help="folder with ground_truth.csv")
    report.add_argument("--write", action="store_true", help="also write docs/rules.md")
    report.set_defaults(func=cmd_rules_report)
