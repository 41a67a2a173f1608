"""Every DAG imports cleanly and carries owner, tags, retries and timeouts (Astro's dag-integrity pattern)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from airflow.dag_processing.dagbag import DagBag

from tests.conftest import PROJECT


@pytest.fixture(scope="module")
def dagbag() -> DagBag:
    return DagBag(dag_folder=str(PROJECT / "dags"))


def test_no_import_errors(dagbag):
    assert dagbag.import_errors == {}
    assert "nightly_supervision" in dagbag.dags


def test_every_task_has_owner_retries_timeout(dagbag):
    for dag_id, dag in dagbag.dags.items():
        assert dag.tags, f"{dag_id} has no tags"
        assert dag.catchup is False, dag_id
        for task in dag.tasks:
            assert task.owner and task.owner != "airflow", f"{dag_id}.{task.task_id} has no owner"
            assert task.retries >= 1, f"{dag_id}.{task.task_id} has no retries"
            assert task.execution_timeout is not None, f"{dag_id}.{task.task_id} has no execution_timeout"


def test_nightly_schedule_and_graph(dagbag):
    dag = dagbag.dags["nightly_supervision"]
    assert dag.schedule == "0 1 * * *"
    assert str(dag.timezone.name) == "Asia/Shanghai"  # 01:00 in Shanghai, 17:00 UTC
    task = dag.get_task("extract_load_nc_erp")
    assert task.retry_exponential_backoff
    assert task.retry_delay == timedelta(minutes=2)
    # extract-load → validate → dbt → validate the flags → publish → summary
    assert dag.get_task("validate_raw").upstream_task_ids >= {"extract_load_nc_erp", "extract_load_ledgers"}
    assert dag.get_task("dbt_build").upstream_task_ids >= {"validate_raw"}
    assert dag.get_task("validate_marts").upstream_task_ids >= {"dbt_build"}
    assert dag.get_task("publish").upstream_task_ids >= {"validate_marts"}
    assert "publish" in dag.get_task("run_summary").upstream_task_ids


def test_a_failed_extract_does_not_lose_the_night(dagbag):
    """validate_raw waits for every extract, loaded or failed (begin's success is the one it needs), and
    run_summary runs whenever begin took the run lease, so a run is never left `running`."""
    dag = dagbag.dags["nightly_supervision"]
    extracts = {t.task_id for t in dag.tasks if t.task_id.startswith("extract_load_")}
    assert extracts >= {"extract_load_hr", "extract_load_nc_erp", "extract_load_ledgers"}
    validate = dag.get_task("validate_raw")
    assert validate.trigger_rule == "all_done_min_one_success"
    assert validate.upstream_task_ids == extracts | {"begin"}
    summary = dag.get_task("run_summary")
    assert summary.trigger_rule == "all_done_min_one_success"
    assert summary.upstream_task_ids == {"begin", "validate_raw", "dbt_build", "validate_marts", "publish"}
    for task_id in ("dbt_build", "validate_marts", "publish"):  # nothing is built or published after a failure
        assert dag.get_task(task_id).trigger_rule == "all_success"


def test_publish_produces_the_flags_asset(dagbag):
    outlets = dagbag.dags["nightly_supervision"].get_task("publish").outlets
    assert [a.uri for a in outlets] == ["jiandu://audit/flagged_items"]
