"""weekly_supervision_summary: Mondays 07:00 Shanghai OR the nightly flags Asset, and owner/retries/timeouts."""

from __future__ import annotations

import pytest
from airflow.dag_processing.dagbag import DagBag

from tests.conftest import PROJECT


@pytest.fixture(scope="module")
def dagbag() -> DagBag:
    return DagBag(dag_folder=str(PROJECT / "dags"))


def test_weekly_dag_is_scheduled_on_monday_morning_and_on_the_nightly_asset(dagbag):
    assert dagbag.import_errors == {}
    dag = dagbag.dags["weekly_supervision_summary"]
    timetable = dag.timetable
    assert type(timetable).__name__ == "AssetOrTimeSchedule"
    assert timetable.timetable.expression == "0 7 * * 1"
    assert str(getattr(timetable.timetable.timezone, "name", timetable.timetable.timezone)) == "Asia/Shanghai"
    nightly_outlets = dagbag.dags["nightly_supervision"].get_task("publish").outlets
    assert [a.uri for a in timetable.asset_condition.objects] == [a.uri for a in nightly_outlets]
    assert dag.get_task("build_report").upstream_task_ids == {"choose_week"}
    for task in dag.tasks:
        assert task.owner == "jiandu-data-engineering" and task.retries >= 1 and task.execution_timeout
