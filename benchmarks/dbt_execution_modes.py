"""Measure the two ways the nightly DAG can run dbt, on the demo data (run `make demo` first).

  A. one `dbt build` task, dbt invoked in-process (dbtRunner) — what dags/nightly_supervision.py does;
  B. astronomer-cosmos DbtTaskGroup: LoadMode.DBT_MANIFEST, InvocationMode.DBT_RUNNER, TestBehavior.BUILD
     (one Airflow task per model/seed, its tests run in the same task).

Both run as real Airflow DAGs with dag.test() on the project-local SQLite metadata, against the same
warehouse, with the same vars. Prints wall-clock seconds per run (several runs, min/median).
Usage: uv run python benchmarks/dbt_execution_modes.py [--runs 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import time
from datetime import date
from pathlib import Path

import bench_args

BENCH_DAGS = Path(__file__).resolve().parent / "dags"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(BENCH_DAGS)  # dag.test() runs DAGs of its dags folder

from jiandu_dev import airflow_env  # noqa: E402

AS_OF = date(2026, 11, 1)


def _prepare() -> None:
    airflow_env.prepare()
    from jiandu.transform.dbt_runner import dbt_env, invoke

    os.environ.update(dbt_env())
    invoke(["parse"], AS_OF)  # the manifest cosmos renders from (built in CI in production)


def _load(dag_id: str):
    path = BENCH_DAGS / f"{dag_id}.py"
    spec = importlib.util.spec_from_file_location(dag_id, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.dag


def _time(dag_id: str) -> tuple[float, int, str]:
    dag = _load(dag_id)
    started = time.perf_counter()
    run = dag.test()
    return time.perf_counter() - started, len(dag.tasks), str(run.state)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = bench_args.parse(parser)
    _prepare()
    results = {}
    for name, factory in (("single dbt build task (dbtRunner)", "bench_dbt_single_task"),
                          ("cosmos DbtTaskGroup (DBT_MANIFEST, DBT_RUNNER, BUILD)", "bench_dbt_cosmos")):
        times, tasks, states = [], 0, set()
        for _ in range(args.runs):
            seconds, tasks, state = _time(factory)
            times.append(seconds)
            states.add(state)
        results[name] = {"tasks": tasks, "min_s": round(min(times), 1), "median_s": round(statistics.median(times), 1),
                         "max_s": round(max(times), 1), "states": sorted(states)}
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
