"""Benchmark DAG A: one `dbt build` task, dbt in-process (what nightly_supervision does)."""

from datetime import date

import pendulum
from airflow.sdk import dag as dag_decorator
from airflow.sdk import task


@dag_decorator(dag_id="bench_dbt_single_task", schedule=None, start_date=pendulum.datetime(2026, 1, 1), catchup=False)
def bench_dbt_single_task():
    @task
    def dbt_build():
        from jiandu.transform.dbt_runner import build

        return build(date(2026, 11, 1))

    dbt_build()


dag = bench_dbt_single_task()
