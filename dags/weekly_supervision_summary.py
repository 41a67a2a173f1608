"""weekly_supervision_summary: the weekly report for the 大监督联席会议 (Excel, HTML, PDF + summary table).

Runs Mondays 07:00 Asia/Shanghai for the week that just ended, and after every nightly run (on the
flagged_items Asset) for the week of its as-of date. The work lives in jiandu.reports; this file only wires it.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import Asset, AssetOrTimeSchedule, CronTriggerTimetable, dag, task

from jiandu.flags.publish import FLAGS_ASSET_URI

TZ = "Asia/Shanghai"
FLAGS_ASSET = Asset(FLAGS_ASSET_URI, group="jiandu")
SCHEDULE = AssetOrTimeSchedule(timetable=CronTriggerTimetable("0 7 * * 1", timezone=TZ), assets=[FLAGS_ASSET])
DEFAULT_ARGS = {
    "owner": "jiandu-data-engineering",
    "retries": 2,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=20),
    "execution_timeout": timedelta(minutes=30),
}


@dag(
    dag_id="weekly_supervision_summary",
    schedule=SCHEDULE,
    start_date=pendulum.datetime(2026, 1, 1, tz=TZ),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    dagrun_timeout=timedelta(hours=1),
    tags=["jiandu", "supervision", "weekly", "report"],
    doc_md=__doc__,
)
def weekly_supervision_summary():
    @task
    def choose_week(logical_date=None, triggering_asset_events=None) -> str:
        from jiandu.reports.build import week_to_report

        return week_to_report(logical_date, bool(triggering_asset_events)).iso_week

    @task
    def build_report(iso_week: str) -> dict:
        from jiandu.reports.build import build_weekly
        from jiandu.reports.weekly import parse_week

        files = build_weekly(parse_week(iso_week))
        return {"week": iso_week, "xlsx": str(files.xlsx), "html": str(files.html), "pdf": str(files.pdf)}

    build_report(choose_week())


weekly_supervision_summary()
