"""Run a DAG from dags/ in-process with dag.test() (the engine behind `jiandu run`).

What Airflow, dbt and GX print goes to a log file; the terminal gets one line per task as it ends (state, time,
and the one-line cause of a failure), through an Airflow listener.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from pluggy import HookimplMarker

from jiandu.settings import get_settings

# Airflow's listener marker (airflow.sdk._shared.listeners.hookimpl), made here so that importing this module
# does not import Airflow before `jiandu_dev.airflow_env.prepare()` has set AIRFLOW_HOME
hookimpl = HookimplMarker("airflow")

STATES_ZH = {"success": "成功", "failed": "失败", "skipped": "跳过", "upstream_failed": "上游失败"}


def load_dag(dag_id: str):
    path = get_settings().project_root / "dags" / f"{dag_id}.py"
    spec = importlib.util.spec_from_file_location(f"jiandu_dag_{dag_id}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return getattr(module, dag_id)()


def _one_line(error: object) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= 300 else text[:297] + "..."


class Progress:
    """Airflow task-instance listener: one line per finished task, with its time."""

    def __init__(self, out: TextIO):
        self.out = out
        self.started: dict[str, float] = {}
        self.errors: dict[str, str] = {}

    def _line(self, task_id: str, state: str, detail: str = "") -> None:
        seconds = time.monotonic() - self.started.get(task_id, time.monotonic())
        self.out.write(f"  {STATES_ZH.get(state, state)} {state:<8} {task_id:<28} {seconds:7.1f} s"
                       + (f"  {detail}" if detail else "") + "\n")
        self.out.flush()

    @hookimpl
    def on_task_instance_running(self, previous_state, task_instance) -> None:
        self.started[task_instance.task_id] = time.monotonic()

    @hookimpl
    def on_task_instance_success(self, previous_state, task_instance) -> None:
        self._line(task_instance.task_id, "success")

    @hookimpl
    def on_task_instance_failed(self, previous_state, task_instance, error) -> None:
        self.errors[task_instance.task_id] = _one_line(error)
        self._line(task_instance.task_id, "failed", self.errors[task_instance.task_id])


@contextmanager
def output_to(log_path: Path) -> Iterator[TextIO]:
    """Send this process's stdout and stderr (Airflow's and dbt's logs, at the file-descriptor level) to
    `log_path`; yields a stream to the real terminal."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    terminal = os.fdopen(os.dup(saved[0]), "w", buffering=1, encoding="utf-8")
    with open(log_path, "ab") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        try:
            yield terminal
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
            terminal.close()


def run_dag(dag_id: str, logical_date, progress: Progress | None = None) -> tuple[str, dict | None, dict, str]:
    """Run the whole DAG for a logical date; returns its final state, the run_summary XCom (also when the
    summary task failed the run), the state of every task and the run id."""
    from airflow.sdk.listener import get_listener_manager

    dag = load_dag(dag_id)
    manager = get_listener_manager()
    if progress is not None:
        manager.add_listener(progress)
    try:
        dag_run = dag.test(logical_date=logical_date)
    finally:
        if progress is not None:
            manager.pm.unregister(progress)
    summary = None
    states = {}
    for ti in dag_run.get_task_instances():
        states[ti.task_id] = str(ti.state)
        if ti.task_id == "run_summary" and str(ti.state) in ("success", "failed"):
            summary = ti.xcom_pull(task_ids="run_summary")
    return str(dag_run.state), summary, states, dag_run.run_id
