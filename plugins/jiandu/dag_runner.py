"""Run a DAG from dags/ in-process with dag.test() (the engine behind `jiandu run`)."""

from __future__ import annotations

import importlib.util
import sys

from jiandu.settings import get_settings


def load_dag(dag_id: str):
    path = get_settings().project_root / "dags" / f"{dag_id}.py"
    spec = importlib.util.spec_from_file_location(f"jiandu_dag_{dag_id}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return getattr(module, dag_id)()


def run_dag(dag_id: str, logical_date) -> tuple[str, dict | None]:
    """Run the whole DAG for a logical date; returns its final state and the run_summary XCom."""
    dag = load_dag(dag_id)
    dag_run = dag.test(logical_date=logical_date)
    summary = None
    for ti in dag_run.get_task_instances():
        if ti.task_id == "run_summary" and str(ti.state) == "success":
            summary = ti.xcom_pull(task_ids="run_summary")
    return str(dag_run.state), summary
