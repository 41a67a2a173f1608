"""Nightly pipeline timings on a generated tier (default M): validation, full dbt build, one incremental night.

    uv run python benchmarks/nightly_tier.py [--scale M] [--sources .data/sources-M] [--database jiandu_bench]

Runs the steps of the nightly_supervision DAG in-process (the same functions its tasks call) against a
database of its own on WAREHOUSE_URL's server (default the local server at 127.0.0.1:5432), then appends one
new day to every incremental source table (the rows of the source's last day again, under new keys, one day
later) and runs the next night. Prints seconds per step; targets (issues 4 and 5): GX validation < 3 min,
full dbt build < 10 min, incremental night's dbt build < 2 min.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import bench_args
import psycopg

PERIOD = re.compile(r"^\d{4}-\d{2}")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))


def _timed(label: str, fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    seconds = time.perf_counter() - t0
    print(f"  {label:<42} {seconds:8.1f} s", flush=True)
    return out, seconds


def _print_slowest_nodes(count: int = 20) -> None:
    """The dbt nodes that took longest in the build just run (target/run_results.json)."""
    import json

    from jiandu.settings import get_settings

    results = json.loads((get_settings().dbt_target_dir / "run_results.json").read_text())
    nodes = results["results"]
    print(f"      {sum(r['execution_time'] for r in nodes):7.1f} s  in all {len(nodes)} nodes"
          f" (tests {sum(r['execution_time'] for r in nodes if r['unique_id'].startswith('test.')):.1f} s)")
    slowest = sorted(nodes, key=lambda r: -r["execution_time"])[:count]
    for r in slowest:
        print(f"      {r['execution_time']:7.1f} s  {r['unique_id']}", flush=True)


def _time_gx_validation() -> list[float]:
    """Seconds spent in GX validation (jiandu.quality.validate.validate_system), apart from promotion."""
    from jiandu.quality import validate

    seconds: list[float] = []
    original = getattr(validate.validate_system, "__wrapped__", validate.validate_system)

    def timed(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            seconds.append(time.perf_counter() - t0)

    timed.__wrapped__ = original
    validate.validate_system = timed
    return seconds


def _night(run_id: str, as_of: date) -> dict:
    from jiandu import pipeline
    from jiandu.sources.contract import systems
    from jiandu.transform import dbt_runner

    timings = {}
    pipeline.begin_run(run_id, as_of)
    extracted = []
    t0 = time.perf_counter()
    for system in systems():
        extracted.append(pipeline.extract_load_system(system, run_id))
    extracted.append(pipeline.extract_load_ledgers(run_id, as_of))
    timings["extract_load"] = time.perf_counter() - t0
    print(f"  {'extract-load (all systems, ledgers)':<42} {timings['extract_load']:8.1f} s", flush=True)
    gx_seconds = _time_gx_validation()
    verdicts, timings["validate_and_promote"] = _timed("GX validation and promotion to raw",
                                                       pipeline.validate_and_promote, run_id, extracted)
    timings["validate_raw"] = sum(gx_seconds)
    print(f"    {'of which GX validation':<40} {timings['validate_raw']:8.1f} s", flush=True)
    _, timings["dbt_build"] = _timed("dbt build", dbt_runner.build, as_of)
    _print_slowest_nodes()
    _, timings["dbt_docs"] = _timed("dbt docs generate", dbt_runner.docs_generate, as_of)
    check, timings["validate_marts"] = _timed("GX validation of the flags", pipeline.validate_flags, run_id)
    published, timings["publish"] = _timed("publish flags", pipeline.publish_flags, run_id, as_of, verdicts, check)
    pipeline.finish_run(run_id, {"run_id": run_id, "as_of": as_of.isoformat(), **published})  # frees the run lease
    return timings


def _append_one_day(sources: Path, as_of: date) -> int:
    """Every incremental table gets its source's last day again, as new rows dated the next day."""
    from jiandu.sources.contract import load_contract

    added = 0
    for table in load_contract():
        if table.load != "incremental":
            continue
        db = sqlite3.connect(sources / f"{table.system}.sqlite")
        cols = table.column_names
        last = db.execute(f"select max({table.incremental_column}) from {table.source_table}").fetchone()[0]
        if not last:
            continue
        rows = db.execute(f"select {', '.join(cols)} from {table.source_table}"
                          f" where substr({table.incremental_column}, 1, 10) = substr(?, 1, 10)", (last,)).fetchall()
        new_day = (as_of + timedelta(days=1)).isoformat()
        out = []
        for row in rows:
            r = dict(zip(cols, row, strict=True))
            # a new key: suffix one text key column, never a period such as pay_month (its format is checked)
            key = next(k for k in table.primary_key if isinstance(r[k], str) and not PERIOD.match(r[k]))
            r[key] = f"{r[key]}-N1"
            r[table.incremental_column] = f"{new_day} 08:00:00"
            out.append(tuple(r[c] for c in cols))
        db.executemany(f"insert or ignore into {table.source_table} ({', '.join(cols)})"
                       f" values ({', '.join('?' * len(cols))})", out)
        db.commit()
        db.close()
        added += len(out)
    return added


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="M")
    parser.add_argument("--sources", default=None)
    parser.add_argument("--database", default="jiandu_bench_nightly")
    parser.add_argument("--reuse", action="store_true", help="reuse the sources already generated in --sources")
    args = bench_args.parse(parser, argv)
    sources = Path(args.sources or ROOT / f".data/sources-{args.scale}")
    server = os.environ.get("JIANDU_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{args.database}" with (force)')
        conn.execute(f'create database "{args.database}"')
    os.environ["WAREHOUSE_URL"] = server.rsplit("/", 1)[0] + f"/{args.database}"

    from jiandu.sources.connections import connection_env
    from jiandu_dev.generator.generate import generate

    as_of = date(2026, 11, 1)
    print(f"== nightly pipeline on tier {args.scale} ({sources})", flush=True)
    t0 = time.perf_counter()
    if args.reuse and (sources / "manifest.json").exists():
        manifest = json.loads((sources / "manifest.json").read_text(encoding="utf-8"))
        print(f"  {'generate sources':<42} reused {sources}")
    else:
        manifest = generate(sources, scale=args.scale, seed=42, as_of=as_of)
        print(f"  {'generate sources':<42} {time.perf_counter() - t0:8.1f} s"
              f"  ({sum(v for k, v in manifest['row_counts'].items() if not k.startswith('ledger_drop')):,} rows)")
    work = sources.with_name(sources.name + "-nights")  # night 2 appends to a copy: the generated tier stays as is
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(sources, work)
    sources = work
    os.environ["JIANDU_LEDGER_DROP_DIR"] = str(sources / manifest["ledger_drop"])
    for system, filename in manifest["systems"].items():
        os.environ.update(connection_env(system, f"sqlite:///{(sources / filename).resolve()}"))

    print("night 1 (full build):")
    first = _night("bench-night-1", as_of)
    added = _append_one_day(sources, as_of)
    print(f"night 2 (one new day: {added:,} new source rows):")
    second = _night("bench-night-2", as_of + timedelta(days=1))
    print(f"RESULT tier={args.scale} validate_raw={first['validate_raw']:.1f}s (target <180)"
          f" dbt_full={first['dbt_build']:.1f}s (target <600) dbt_incremental={second['dbt_build']:.1f}s (target <120)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
