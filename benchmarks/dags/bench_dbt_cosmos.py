"""Benchmark DAG B: astronomer-cosmos DbtTaskGroup (LoadMode.DBT_MANIFEST, InvocationMode.DBT_RUNNER,
TestBehavior.BUILD): one Airflow task per seed/model, its tests in the same task."""

import pendulum
from airflow.sdk import dag as dag_decorator
from cosmos import DbtTaskGroup, ExecutionConfig, ProfileConfig, ProjectConfig, RenderConfig
from cosmos.constants import InvocationMode, LoadMode, TestBehavior

from jiandu.settings import get_settings

PROJECT = get_settings().dbt_project_dir


@dag_decorator(dag_id="bench_dbt_cosmos", schedule=None, start_date=pendulum.datetime(2026, 1, 1), catchup=False)
def bench_dbt_cosmos():
    DbtTaskGroup(
        group_id="dbt",
        project_config=ProjectConfig(dbt_project_path=PROJECT, manifest_path=PROJECT / "target" / "manifest.json"),
        profile_config=ProfileConfig(profile_name="jiandu", target_name="warehouse",
                                     profiles_yml_filepath=PROJECT / "profiles.yml"),
        execution_config=ExecutionConfig(invocation_mode=InvocationMode.DBT_RUNNER),
        render_config=RenderConfig(load_method=LoadMode.DBT_MANIFEST, test_behavior=TestBehavior.BUILD),
        operator_args={"vars": {"as_of_date": "2026-11-01"}, "install_deps": False},
    )


dag = bench_dbt_cosmos()
