"""nightly_supervision: extract-load → GX validation → dbt build → GX on the flags → publish → run summary.

Runs at 01:00 Asia/Shanghai and judges the as-of date of its logical date.
The work lives in jiandu.pipeline; this file only wires it.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import Asset, dag, task

from jiandu.pipeline import (
    begin_run,
    build_models,
    extract_load_ledgers,
    extract_load_system,
    finish_run,
    publish_flags,
    validate_and_promote,
    validate_flags,
)
from jiandu.sources.contract import systems

TZ = "Asia/Shanghai"
FLAGS_ASSET = Asset("jiandu://audit/flagged_items", group="jiandu")
DEFAULT_ARGS = {
    "owner": "jiandu-data-engineering",
    "retries": 2,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=20),
    "execution_timeout": timedelta(minutes=60),
}


def _as_of(logical_date) -> pendulum.Date:
    return pendulum.instance(logical_date).in_timezone(TZ).date()


@dag(
    dag_id="nightly_supervision",
    schedule="0 1 * * *",
    start_date=pendulum.datetime(2026, 1, 1, tz=TZ),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    dagrun_timeout=timedelta(hours=4),
    tags=["jiandu", "supervision", "nightly"],
    doc_md=__doc__,
)
def nightly_supervision():
    @task
    def begin(logical_date=None, run_id=None) -> dict:
        return begin_run(run_id, _as_of(logical_date))

    @task(execution_timeout=timedelta(hours=2))
    def extract_load(system: str, run: dict) -> dict:
        return extract_load_system(system, run["run_id"])

    @task(execution_timeout=timedelta(minutes=30))
    def extract_load_ledgers_task(run: dict) -> dict:
        return extract_load_ledgers(run["run_id"], pendulum.parse(run["as_of"]).date())

    @task(execution_timeout=timedelta(minutes=30))
    def validate_raw(run: dict, extracted: list[dict]) -> dict:
        return validate_and_promote(run["run_id"], list(extracted))

    @task(execution_timeout=timedelta(hours=1), retries=1)
    def dbt_build(run: dict, verdicts: dict) -> dict:
        return build_models(pendulum.parse(run["as_of"]).date())

    @task(execution_timeout=timedelta(minutes=30))
    def validate_marts(run: dict, built: dict) -> dict:
        return validate_flags(run["run_id"])

    @task(outlets=[FLAGS_ASSET])
    def publish(run: dict, verdicts: dict, flag_check: dict) -> dict:
        return publish_flags(run["run_id"], pendulum.parse(run["as_of"]).date(), verdicts, flag_check)

    @task
    def run_summary(run: dict, verdicts: dict, built: dict, flag_check: dict, published: dict) -> dict:
        summary = {**run, **published, "verdicts": {**verdicts, "audit_rules": flag_check},
                   "dbt_docs": built["dbt_docs"], "dbt": built["statuses"]}
        finish_run(run["run_id"], summary)
        return summary

    run = begin()
    extracted = [extract_load.override(task_id=f"extract_load_{s}")(s, run) for s in systems()]
    extracted.append(extract_load_ledgers_task.override(task_id="extract_load_ledgers")(run))
    verdicts = validate_raw(run, extracted)
    built = dbt_build(run, verdicts)
    flag_check = validate_marts(run, built)
    published = publish(run, verdicts, flag_check)
    run_summary(run, verdicts, built, flag_check, published)


nightly_supervision()
