"""`jiandu run` sets AIRFLOW_HOME and Airflow's settings before anything imports Airflow: importing the CLI or the
DAG runner must not import it (it did once, and the in-process DAG then ran on ~/airflow's empty metadata)."""

from __future__ import annotations

import subprocess
import sys


def test_cli_and_dag_runner_do_not_import_airflow():
    code = ("import sys, jiandu.cli, jiandu_dev.commands, jiandu_dev.dag_runner, jiandu.run_lease, jiandu.pipeline\n"
            "jiandu.cli.build_parser()\n"
            "print(sorted(m for m in sys.modules if m == 'airflow' or m.startswith('airflow.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
