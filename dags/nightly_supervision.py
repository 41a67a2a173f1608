"""nightly_supervision: extract-load → GX validation → dbt build → GX on the flags → publish → run summary.

Runs at 01:00 Asia/Shanghai and judges the as-of date of its logical date.
The work lives in jiandu.pipeline; this file only wires it.

A source that cannot be read does not lose the night: its extract task fails (red in the grid, no retries,
its failure record kept as the task's XCom), `validate_raw` runs once every extract is done and quarantines
that system, and the others are built and published; the rules reading it go stale and the run ends `partial`.
`run_summary` runs whenever `begin` took the run lease, so a run never stays `running`; it fails the DAG run if
nothing was published. Errors that retrying cannot fix (another run holds the warehouse, a bad WAREHOUSE_URL)
fail at once without retries.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import Asset, dag, get_current_context, task
from airflow.sdk.exceptions import AirflowFailException

from jiandu.pipeline import (
    begin_run,
    build_models,
    extract_load_ledgers,
    extract_load_system,
    failed_tables_line,
    finish_run,
    missing_extract,
    publish_flags,
    validate_and_promote,
    validate_flags,
)
from jiandu.run_lease import RunLocked
from jiandu.sources.contract import systems
from jiandu.warehouse import WarehouseUnavailable

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


NOT_RETRYABLE = (RunLocked, WarehouseUnavailable)  # retrying cannot fix these: fail at once


def _as_of(logical_date) -> pendulum.Date:
    return pendulum.instance(logical_date).in_timezone(TZ).date()


def _failing_record(record: dict, message: str) -> None:
    """Keep the record as the task's XCom for the tasks downstream, then fail the task without retries."""
    get_current_context()["ti"].xcom_push("return_value", record)
    raise AirflowFailException(message)


def _pull(task_ids: list[str]) -> dict[str, dict | None]:
    ti = get_current_context()["ti"]
    return dict(zip(task_ids, ti.xcom_pull(task_ids=task_ids), strict=True))


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
        try:
            return begin_run(run_id, _as_of(logical_date))
        except NOT_RETRYABLE as exc:
            raise AirflowFailException(str(exc)) from exc

    @task(execution_timeout=timedelta(hours=2))
    def extract_load(system: str, run: dict) -> dict:
        record = extract_load_system(system, run["run_id"])
        if record["failed"]:
            _failing_record(record, f"{system}: 装载失败 load failed: {failed_tables_line(record['failed'])}")
        return record

    @task(execution_timeout=timedelta(minutes=30))
    def extract_load_ledgers_task(run: dict) -> dict:
        return extract_load_ledgers(run["run_id"], pendulum.parse(run["as_of"]).date())

    # once every extract is done, whether it loaded or failed (begin's success is the one it needs)
    @task(execution_timeout=timedelta(minutes=30), trigger_rule="all_done_min_one_success")
    def validate_raw(run: dict, extract_tasks: dict[str, str]) -> dict:
        pulled = _pull(list(extract_tasks))
        extracted = [pulled[t] or missing_extract(s, f"抽取任务未返回结果 task {t} ended without a result")
                     for t, s in extract_tasks.items()]
        return validate_and_promote(run["run_id"], extracted)

    @task(execution_timeout=timedelta(hours=1), retries=1)
    def dbt_build(run: dict, verdicts: dict) -> dict:
        return build_models(pendulum.parse(run["as_of"]).date(), run["run_id"])

    @task(execution_timeout=timedelta(minutes=30))
    def validate_marts(run: dict, built: dict) -> dict:
        return validate_flags(run["run_id"])

    @task(outlets=[FLAGS_ASSET])
    def publish(run: dict, verdicts: dict, flag_check: dict) -> dict:
        return publish_flags(run["run_id"], pendulum.parse(run["as_of"]).date(), verdicts, flag_check)

    # whenever begin took the run lease: the run is recorded as success, partial or failed, never left running
    @task(trigger_rule="all_done_min_one_success")
    def run_summary(run: dict) -> dict:
        steps = ["validate_raw", "dbt_build", "validate_marts", "publish"]
        got = _pull(steps)
        verdicts, built, flag_check, published = (got[s] or {} for s in steps)
        summary = {**run, **published, "verdicts": {**verdicts, "audit_rules": flag_check} if flag_check else verdicts,
                   "dbt_docs": built.get("dbt_docs"), "dbt": built.get("statuses"),
                   "skipped_imports": built.get("skipped_imports") or [],
                   "failed_steps": [s for s in steps if got[s] is None]}
        summary["status"] = finish_run(run["run_id"], summary)
        if summary["failed_steps"]:
            _failing_record(summary, f"夜间运行未发布 nothing published: step(s) {summary['failed_steps']} failed")
        return summary

    run = begin()
    extract_tasks = {f"extract_load_{s}": s for s in systems()}
    extracted = [extract_load.override(task_id=t)(s, run) for t, s in extract_tasks.items()]
    extracted.append(extract_load_ledgers_task.override(task_id="extract_load_ledgers")(run))
    verdicts = validate_raw(run, {**extract_tasks, "extract_load_ledgers": "ledger"})
    extracted >> verdicts
    built = dbt_build(run, verdicts)
    flag_check = validate_marts(run, built)
    published = publish(run, verdicts, flag_check)
    [verdicts, built, flag_check, published] >> run_summary(run)


nightly_supervision()
