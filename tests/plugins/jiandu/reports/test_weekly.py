"""The weekly summary from history: reconciles with the flag and disposition tables, ignores suppressed flags
as new, and a past week's workbook is reproduced cell for cell after more nights and dispositions."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from jiandu.flags.dispositions import list_flags, update_flag
from jiandu.reports.build import build_weekly, week_to_report
from jiandu.reports.weekly import compute, parse_week
from jiandu.warehouse import connect
from tests.plugins.jiandu.flags.fake_flags import flag_id, night, reset

SH = ZoneInfo("Asia/Shanghai")
W45 = parse_week("2026-W45")  # 2026-11-02 .. 2026-11-08


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=SH)


@pytest.fixture
def history(monkeypatch):
    """W45: B001..B003 found, B003 suppressed, B001 confirmed and in rectification; W46: B004 new, B002 gone."""
    reset(monkeypatch)
    ids = {k: flag_id(k) for k in ("B001", "B002", "B003", "B004")}
    night(date(2026, 11, 2), ["B001", "B002", "B003"])
    update_flag(ids["B003"], "张三", at=at(3), suppressed=True, suppression_reason="内部往来",
                suppressed_until="2027-06-30")
    update_flag(ids["B003"], "集团审计", at=at(3, 11), suppressed=True, may_approve=True)  # the second person
    update_flag(ids["B001"], "张三", at=at(3), status="核实中", assignee="张三")
    update_flag(ids["B001"], "张三", at=at(4), status="确认问题")
    update_flag(ids["B001"], "李四", at=at(5), status="整改中", responsible_unit="S01财务部",
                rectification_due="2026-11-06", amount_recovered="200000")
    night(date(2026, 11, 8), ["B001", "B002", "B003"])
    return ids


def _cells(path) -> dict:
    wb = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate): c.value for ws in wb for row in ws.iter_rows() for c in row if c.value is not None}


def test_week_reconciles_with_flag_and_disposition_tables(history):
    with connect() as conn:
        report = compute(conn, W45)
    t = report.totals
    assert t["new_count"] == 2  # B001, B002; B003 suppressed is not new
    assert t["suppressed_count"] == 1 and [f["flag_id"] for f in report.suppressed] == [history["B003"]]
    assert (t["open_count"], t["rectifying_count"], t["overdue_count"]) == (2, 1, 1)  # due 11-06 < 11-08
    assert t["amount_involved"] == Decimal("6200000.00") and t["amount_recovered"] == Decimal("200000.00")
    # the same numbers from today's tables (nothing happened after W45 yet)
    current = list_flags(suppressed=None)
    assert t["amount_recovered"] == sum(f["amount_recovered"] or 0 for f in current)
    assert t["suppressed_count"] == sum(f["suppressed"] for f in current)
    assert t["rectifying_count"] == sum(f["status"] == "整改中" for f in current)
    s01 = next(r for r in report.rows if r["subsidiary_code"] == "S01")
    assert (s01["new_count"], s01["open_count"], s01["open_change"], s01["amount_recovered"]) == (2, 2, 2, 200000)
    assert report.top_findings[0]["flag_id"] == history["B001"]  # 高 and biggest amount


def test_past_week_reproduced_cell_for_cell_after_more_nights_and_dispositions(history, tmp_path):
    first = build_weekly(W45, tmp_path / "first")
    # W46: B002 paid off, B004 new, B001 closed out, B003's suppression lifted
    night(date(2026, 11, 9), ["B001", "B003", "B004"])
    update_flag(history["B001"], "李四", at=at(10), status="已整改销号", evidence_refs=["整改报告〔2026〕7号"],
                amount_recovered="5000000")
    update_flag(history["B003"], "张三", at=at(10), suppressed=False)
    update_flag(history["B004"], "张三", at=at(11), status="核实中", assignee="张三")
    again = build_weekly(W45, tmp_path / "again")
    assert _cells(first.xlsx) == _cells(again.xlsx)
    cells = _cells(first.xlsx)
    assert cells[("汇总", "A4")] == "单位编码" and cells[("汇总", "D4")] == "本周新增"
    w46 = build_weekly(parse_week("2026-W46"), tmp_path / "w46").report.totals
    # new: B004 only (B003 was first found in W45); open: B003 (suppression lifted), B004; B002 resolved, B001 closed
    assert (w46["new_count"], w46["closed_week_count"], w46["closed_total"]) == (1, 1, 1)
    assert w46["amount_recovered"] == Decimal("5000000.00") and w46["open_count"] == 2
    with connect() as conn:
        stored = conn.execute("select sum(new_count), sum(open_count) from audit.weekly_summary"
                              " where iso_week = '2026-W46'").fetchone()
        runs = conn.execute("select count(*) from audit_meta.report_runs where period = '2026-W45'").fetchone()[0]
    assert stored == (1, 2) and runs == 2


def test_workbook_is_formatted_for_the_meeting(history, tmp_path):
    files = build_weekly(W45, tmp_path)
    wb = openpyxl.load_workbook(files.xlsx)
    assert wb.sheetnames == ["汇总", "趋势", "重点疑点", "整改逾期", "屏蔽误报", "数据质量", "说明"]
    summary = wb["汇总"]
    assert summary.freeze_panes == "A5" and summary.auto_filter.ref.startswith("A4:")
    assert len(summary._charts) == 1 and len(wb["趋势"]._charts) == 2
    assert summary["N5"].number_format == "#,##0.00"
    assert files.pdf.read_bytes().startswith(b"%PDF") and b"NotoSansCJK" in files.pdf.read_bytes()
    html = files.html.read_text(encoding="utf-8")
    assert "大监督联席会议周报" in html and "data:image/png;base64," in html


def test_week_of_a_scheduled_and_an_asset_run(history):
    assert week_to_report(datetime(2026, 11, 9, 7, tzinfo=SH), False).iso_week == "2026-W45"  # Monday 07:00
    assert week_to_report(None, True).iso_week == "2026-W45"  # latest as-of 2026-11-08
    night(date(2026, 10, 21), ["B001"])  # a backfill of a past date: its week is built too
    assert week_to_report(None, True).iso_week == "2026-W43"
    with pytest.raises(ValueError, match="2026-W45"):
        parse_week("2026-45")


def test_report_for_the_week_of_an_as_of_date(history, tmp_path, capsys):
    from jiandu.cli import main

    assert main(["report", "weekly", "--date", "2026-11-05", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "2026-W45" in out and (tmp_path / "weekly" / "2026-W45").is_dir()
    assert main(["report", "weekly", "--date", "2026-13-01"]) == 2
    assert "日期格式应为 2026-11-01" in capsys.readouterr().err


def test_past_weeks_count_money_at_issue_the_same_way(history):
    """A context figure (参考数) never counts, and rows recorded before amount_kind existed take their rule's
    kind from the rule catalog when the warehouse is upgraded to migrations (the nightly run bootstraps first)."""
    from jiandu.bootstrap import bootstrap_warehouse

    night(date(2026, 11, 3), ["B004"], rule_id="RF_KPI_001", amount_kind="context")
    with connect() as conn:
        w45 = compute(conn, W45).totals["amount_involved"]
        assert w45 == Decimal("6200000.00")  # B004's 300,000 is a context figure: not money at issue
        conn.execute("update audit.flag_run_results set amount_kind = null")  # as published before the column
        conn.execute("drop table audit_meta.schema_migrations")  # ... by a version before migrations
        conn.execute("create schema if not exists standards")
        conn.execute("drop table if exists standards.rule_catalog")
        conn.execute("create table standards.rule_catalog as select * from (values ('RF_AR_001', 'at_issue'),"
                     " ('RF_KPI_001', 'context')) t(rule_id, amount_kind)")
    assert "0001_bootstrap.sql" in bootstrap_warehouse()  # the upgrade: the baseline's backfill runs, once
    with connect() as conn:
        assert compute(conn, W45).totals["amount_involved"] == w45
        assert conn.execute("select count(*) from audit.flag_run_results where amount_kind is null").fetchone()[0] == 0
        conn.execute("drop table standards.rule_catalog")
