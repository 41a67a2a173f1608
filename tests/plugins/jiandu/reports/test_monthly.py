"""The rectification progress report: counted as the inspection reports count, computed from history as of the
month's end (a past month reproduced cell for cell), Excel sheets and a PDF with CJK text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from jiandu.rectification import model
from jiandu.rectification.model import Actor
from jiandu.reports.monthly import compute, outcome_sentence, parse_month, parse_quarter
from jiandu.reports.monthly_output import build_period
from jiandu.warehouse import connect
from tests.plugins.jiandu.rectification.rect_data import at, confirm, fresh

UNIT = Actor("s01_auditor", "auditor", False, ("S01",))
OFFICE = Actor("group_auditor", "auditor", True)
SEPT, OCT = parse_month("2026-09"), parse_month("2026-10")
TODAY = date(2026, 12, 1)


@pytest.fixture
def september(monkeypatch) -> dict[str, str]:
    """Two problems in September: one from two flags (two measures), one by hand; outcomes recorded."""
    flags = fresh(monkeypatch)
    confirm(flags["W03"], flags["W04"], at=at("2026-09-01 09:00"))
    p1 = model.create_problem(UNIT, flag_ids=[flags["W03"], flags["W04"]], identified_on="2026-09-02",
                              at=at("2026-09-02 10:00"))
    m1 = model.add_measure(UNIT, p1["problem_id"], content="清收应收账款", responsible_unit="财务部",
                           responsible_person="赵会计", deadline="2026-09-25", at=at("2026-09-03 10:00"))
    m2 = model.add_measure(UNIT, p1["problem_id"], content="修订应收账款管理办法", responsible_unit="财务部",
                           responsible_person="赵会计", deadline="2026-10-20", at=at("2026-09-03 10:05"))
    model.add_responsibility(UNIT, p1["problem_id"], responsible_leader="总会计师", responsible_department="财务部",
                             at=at("2026-09-03 11:00"))
    p2 = model.create_problem(OFFICE, title="“三重一大”决策机制不够健全", subsidiary_code="S02", source="巡视巡察",
                              identified_on="2026-09-10", due_on="2026-09-25", at=at("2026-09-10 10:00"))
    model.add_outcome(UNIT, p1["problem_id"], kind="诫勉谈话", people=1, recorded_on="2026-09-20",
                      at=at("2026-09-20 10:00"))
    model.add_outcome(UNIT, p1["problem_id"], kind="清退", amount="100000", recorded_on="2026-09-20",
                      at=at("2026-09-20 10:01"))
    return {"p1": p1["problem_id"], "p2": p2["problem_id"], "m1": m1["measure_id"], "m2": m2["measure_id"]}


def _october(ids: dict[str, str]) -> None:
    model.complete_measure(UNIT, ids["m1"], evidence="收款凭证", completed_on="2026-10-05", at=at("2026-10-05 10:00"))
    model.approve_measure(OFFICE, ids["m1"], approved_on="2026-10-06", at=at("2026-10-06 10:00"))
    model.complete_measure(UNIT, ids["m2"], evidence="财发〔2026〕9号", at=at("2026-10-15 10:00"))
    model.approve_measure(OFFICE, ids["m2"], at=at("2026-10-16 10:00"))
    model.close_problem(OFFICE, ids["p1"], note="同意销号", at=at("2026-10-20 10:00"))
    model.add_outcome(UNIT, ids["p1"], kind="教育提醒", people=3, recorded_on="2026-10-21", at=at("2026-10-21 10:00"))
    model.add_outcome(UNIT, ids["p1"], kind="挽回", amount="35632.35", recorded_on="2026-10-21",
                      at=at("2026-10-21 10:01"))
    model.add_outcome(UNIT, ids["p1"], kind="制度修订", rules=2, recorded_on="2026-10-21", at=at("2026-10-21 10:02"))


def _cells(path) -> dict:
    wb = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate): c.value for ws in wb for row in ws.iter_rows() for c in row if c.value is not None}


def test_outcomes_are_counted_as_the_reports_count_them():
    rows = [{"kind": "诫勉谈话", "value": 4}, {"kind": "教育提醒", "value": 27}, {"kind": "制度新建", "value": 7},
            {"kind": "制度修订", "value": 8}, {"kind": "清退", "value": Decimal("165800.00")},
            {"kind": "挽回", "value": Decimal("35632.35")}, {"kind": "通报", "value": 0}]
    assert outcome_sentence(rows, "value") == ("诫勉4人，教育提醒27人；新制定制度7项，修改完善制度8项；"
                                               "收回清退违规金165800元，挽回其他经济损失35632.35元")
    assert outcome_sentence([], "value") == "暂无"


def test_month_figures_as_of_its_end(september):
    with connect() as conn:
        report = compute(conn, SEPT, today=TODAY)
    t = report.totals
    assert (t["problems"], t["problems_new"], t["problems_closed"], t["problems_overdue"]) == (2, 2, 0, 1)
    # m1 deadline 09-25 passed at 09-30 -> overdue; m2 due in October -> in progress
    assert (t["measures_逾期"], t["measures_进行中"], t["measures_已完成"], t["measures_待审核"]) == (1, 1, 0, 0)
    assert t["people"] == 1 and t["amount_清退"] == Decimal("100000.00") and t["amount_挽回"] == 0
    assert report.outcome_sentence == "诫勉1人；收回清退违规金100000元"
    sources = {r["source"]: r for r in report.by_source}
    assert sources["大数据监督"]["整改中"] == 1 and sources["巡视巡察"]["待制定措施"] == 1
    assert [p["problem_id"] for p in report.problems] == [september["p1"], september["p2"]]
    assert report.problems[0]["flags"] == 2 and report.problems[0]["amount_involved"] == Decimal("380000.00")


def test_past_month_reproduced_cell_for_cell_after_october(september, tmp_path):
    first = build_period(SEPT, tmp_path / "first")
    model.escalate_overdue(OFFICE, as_of=date(2026, 10, 3), at=at("2026-10-03 10:00"))  # m1 is overdue then
    _october(september)
    again = build_period(SEPT, tmp_path / "again")
    assert _cells(first.xlsx) == _cells(again.xlsx)
    with connect() as conn:
        oct_report = compute(conn, OCT, today=TODAY)
    t = oct_report.totals
    assert (t["problems_closed"], t["problems_closed_period"], t["measures_已完成"], t["measures_逾期"]) == (1, 1, 2, 0)
    assert t["escalations_period"] == 1 and oct_report.escalations[0]["level_label"] == "催办"
    assert oct_report.outcome_sentence == ("诫勉1人，教育提醒3人；修改完善制度2项；"
                                           "收回清退违规金100000元，挽回其他经济损失35632.35元")
    assert oct_report.period_outcome_sentence == "教育提醒3人；修改完善制度2项；挽回其他经济损失35632.35元"
    trend = {p["month"]: p for p in oct_report.trend}
    assert list(trend)[-2:] == ["2026-09", "2026-10"] and trend["2026-08"]["problems"] == 0
    assert (trend["2026-09"]["problems_closed"], trend["2026-10"]["problems_closed"]) == (0, 1)


def test_workbook_sheets_and_pdf(september, tmp_path):
    _october(september)
    files = build_period(OCT, tmp_path)
    wb = openpyxl.load_workbook(files.xlsx)
    assert wb.sheetnames[:4] == ["进度", "问题清单", "任务清单", "责任清单"]
    assert wb["问题清单"]["A3"].value == "问题编号" and wb["问题清单"]["A4"].value == september["p1"]
    assert wb["任务清单"]["D4"].value == "清收应收账款" and wb["任务清单"]["H4"].value == "已完成"
    assert wb["责任清单"]["E4"].value == "总会计师"
    assert "挽回其他经济损失35632.35元" in wb["进度"]["A3"].value
    assert len(wb["进度"]._charts) == 2
    pdf = files.pdf.read_bytes()
    assert pdf.startswith(b"%PDF") and b"NotoSansCJK" in pdf
    quarter = build_period(parse_quarter("2026Q4"), tmp_path)
    assert quarter.xlsx.name == "巡察整改进度季报_2026Q4.xlsx" and quarter.report.totals["problems_closed_period"] == 1


def test_bad_periods_are_named():
    with pytest.raises(ValueError, match="2026-10"):
        parse_month("2026/10")
    with pytest.raises(ValueError, match="2026Q4"):
        parse_quarter("2026Q5")


def test_progress_sheet_keeps_numbers_as_numbers(september, tmp_path):
    ws = openpyxl.load_workbook(build_period(SEPT, tmp_path).xlsx)["进度"]
    values = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2) for r in range(6, 30)}
    recovered = values["累计收回清退违规金（元）"]
    assert recovered.value == 100000 and recovered.number_format == "#,##0.00"
    assert values["销号率"].value == 0 and values["销号率"].number_format == "0.0%"


def test_report_reads_the_history_not_the_current_tables(september):
    with connect() as conn:
        before = compute(conn, SEPT, today=TODAY).totals
        conn.execute("update rectification.problems set status = '已销号'")  # not through the model: no history
        after = compute(conn, SEPT, today=TODAY).totals
        conn.rollback()
    assert before == after and after["problems_closed"] == 0
