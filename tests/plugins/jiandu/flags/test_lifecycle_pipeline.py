"""Through the real pipeline: dispositions survive `dbt build --full-refresh` and a complete re-run, flag ids and
first-detected dates do not move, the re-run of the same night adds no row anywhere, and the weekly report
counts a suppressed flag as not new.

Starts from the session's real-server night (one `jiandu run` of the demo group), cloned into a database of
its own (the unit tests use fake fct_red_flags on the embedded one).
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import psycopg
import pytest

from tests.conftest import REAL_SERVER, clone_real_server_night, run_jiandu

pytestmark = pytest.mark.slow
AS_OF = date(2026, 11, 1)


def _snapshot(url: str) -> dict:
    with psycopg.connect(url) as conn:
        return {
            "flags": conn.execute("select flag_id, first_detected_on, detection_state from audit.flagged_items"
                                  " order by flag_id").fetchall(),
            "dispositions": conn.execute("select flag_id, status, assignee, suppressed, version"
                                         " from audit.dispositions order by flag_id").fetchall(),
            "history": conn.execute("select history_id, flag_id, field, old_value, new_value"
                                    " from audit.disposition_history order by history_id").fetchall(),
        }


def _row_counts(url: str) -> dict[str, int]:
    """Rows of every table the pipeline writes: loaded (raw), built (dbt schemas) and recorded (audit).
    Landing is left out: it holds only tonight's extract (the watermark's overlap window)."""
    with psycopg.connect(url) as conn:
        tables = conn.execute(
            "select table_schema || '.' || table_name from information_schema.tables where table_type = 'BASE TABLE'"
            " and table_schema in ('raw', 'staging', 'intermediate', 'marts', 'audit_rules', 'audit')"
            " order by 1").fetchall()
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for (t,) in tables}


@pytest.fixture
def cloned_night(real_server_night, tmp_path: Path):
    name = f"jiandu_issue6_{os.getpid()}"
    url, sources = clone_real_server_night(real_server_night, name, tmp_path / "sources")
    yield url, sources
    with psycopg.connect(REAL_SERVER, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


def test_dispositions_survive_full_refresh_and_rerun(cloned_night, tmp_path: Path, monkeypatch):
    url, sources = cloned_night
    env = {"WAREHOUSE_URL": url}

    monkeypatch.setenv("WAREHOUSE_URL", url)
    from jiandu.flags.dispositions import list_flags, update_flag
    from jiandu.flags.publish import publish
    from jiandu.transform import dbt_runner

    flags = list_flags()
    assert len(flags) >= 3
    a, b, c = (f["flag_id"] for f in flags[:3])
    update_flag(a, "张三", status="核实中", assignee="张三")
    update_flag(a, "张三", status="确认问题", note="账龄属实")
    # recorded as made on the evening of the as-of date (补录), so it belongs to that week
    # a suppression: asked for by one person, approved by a second at group level
    update_flag(b, "李四", at=datetime(2026, 11, 1, 20, tzinfo=ZoneInfo("Asia/Shanghai")), suppressed=True,
                suppression_reason="集团内部往来", suppressed_until="2027-06-30")
    update_flag(b, "集团审计", at=datetime(2026, 11, 1, 21, tzinfo=ZoneInfo("Asia/Shanghai")), suppressed=True,
                may_approve=True)
    csv_path = tmp_path / "批量处置.csv"
    csv_path.write_text(f"疑点编号,处置状态,核查人\n{c},核实中,王五\n", encoding="utf-8-sig")
    assert run_jiandu(["flags", "import", str(csv_path), "--user", "审计处"], env).returncode == 0
    before = _snapshot(url)
    assert len(before["dispositions"]) == 3 and len(before["history"]) == 11

    dbt_runner.build(AS_OF, full_refresh=True)  # rebuilds every dbt model from scratch
    publish("manual__after_full_refresh", AS_OF, [])
    assert _snapshot(url) == before

    counts = _row_counts(url)
    assert counts["raw.nc_erp__gl_voucher_line"] > 10_000 and counts["audit.flag_detections"] > 0
    again = run_jiandu(["run", "--date", AS_OF.isoformat(), "--sources", str(sources)], env)
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    assert _snapshot(url) == before
    after = _row_counts(url)
    # the per-run history (what each run judged, for past weeks) gains this run's judgement of every flag ...
    assert after.pop("audit.flag_run_results") - counts.pop("audit.flag_run_results") == len(before["flags"])
    assert after == counts  # ... and no other table gains or loses a row: the same night again adds nothing
    assert f"合计 total: {sum(1 for f in before['flags'] if f[2] == 'active')}" in again.stdout

    refused = run_jiandu(["flags", "update", a, "--user", "张三", "--status", "待核实"], env)
    assert refused.returncode == 1 and "不允许的状态变更 确认问题 → 待核实" in refused.stderr

    week = AS_OF.isocalendar()
    w44 = _weekly_totals(env, tmp_path / "w44", f"{week.year}-W{week.week:02d}")
    assert w44["本周新增"] == len(before["flags"]) - 1  # the suppressed one is not new
    assert w44["屏蔽误报"] == 1
    assert w44["确认问题"] == 0  # confirmed today, after that week: the past week does not change
    now = _weekly_totals(env, tmp_path / "now", None)  # the current week
    assert (now["本周新增"], now["屏蔽误报"], now["确认问题"]) == (0, 1, 1)
    assert now["在办"] == len(before["flags"]) - 1


def _weekly_totals(env: dict, out: Path, week: str | None) -> dict:
    report = run_jiandu(["report", "weekly", "--out", str(out)] + (["--week", week] if week else []), env)
    assert report.returncode == 0, report.stdout[-2000:] + report.stderr[-2000:]
    summary = openpyxl.load_workbook(next(out.glob("weekly/*/*.xlsx")))["汇总"]
    header = [c.value for c in summary[4]]
    total = next(row for row in summary.iter_rows(min_row=5, values_only=True) if row[0] == "合计")
    return dict(zip(header, total, strict=True))
