"""The weekly report as an Excel workbook: Chinese headers, number formats, frozen panes, filters, native charts.

Only data of the week goes into cells (no generation time), so the same week gives the same cells.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from jiandu.labels import system_label
from jiandu.reports.weekly import WeeklyReport
from jiandu.reports.xlsx_cells import DATE, MONEY, set_cell

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF", name="微软雅黑")
TITLE_FONT = Font(bold=True, size=14, name="微软雅黑")
ALERT_FILL = PatternFill("solid", fgColor="F8CBAD")
THIN = Side(style="thin", color="BFBFBF")

SUMMARY_COLUMNS = [  # (key, header, width, format)
    ("subsidiary_code", "单位编码", 10, None), ("subsidiary_name", "单位名称", 22, None), ("category", "类别", 10, None),
    ("new_count", "本周新增", 10, "0"), ("open_count", "在办", 8, "0"), ("open_change", "在办较上周", 11, "+0;-0;0"),
    ("confirmed_count", "确认问题", 10, "0"), ("rectifying_count", "整改中", 8, "0"),
    ("closed_week_count", "本周销号", 10, "0"), ("closed_total", "累计销号", 10, "0"),
    ("false_positive", "误报排除", 10, "0"), ("suppressed_count", "屏蔽误报", 10, "0"),
    ("overdue_count", "整改逾期", 10, "0"), ("amount_involved", "在办涉及金额（元）", 18, MONEY),
    ("amount_recovered", "累计清退挽回金额（元）", 20, MONEY),
]
FLAG_COLUMNS = [
    ("flag_id", "疑点编号", 34, None), ("rule_id", "规则编号", 12, None), ("rule_name", "规则名称", 24, None),
    ("severity", "风险等级", 9, None), ("subsidiary_name", "单位", 20, None), ("subject_name", "对象", 24, None),
    ("amount_at_issue", "涉及金额（元）", 16, MONEY), ("amount_context", "参考数（元，不计入涉及金额）", 18, MONEY),
    ("standard_note", "所用标准", 12, None),
    ("status", "处置状态", 11, None), ("responsible_unit", "责任单位", 14, None),
    ("rectification_due", "整改期限", 12, DATE), ("amount_recovered", "清退挽回金额（元）", 16, MONEY),
    ("first_detected_on", "首次发现", 12, DATE),
]
SUPPRESSED_COLUMNS = FLAG_COLUMNS[:9] + [("suppression_reason", "屏蔽原因", 30, None),
                                         ("suppressed_until", "屏蔽截止日期", 13, DATE),
                                         ("suppression_requested_by", "屏蔽申请人", 12, None),
                                         ("suppression_approved_by", "屏蔽批准人", 12, None)]
TREND_COLUMNS = [("iso_week", "周次", 10, None), ("week_end", "截至日期", 12, DATE),
                 ("new_count", "新增", 8, "0"), ("open_count", "在办", 8, "0"), ("closed_total", "累计销号", 10, "0"),
                 ("overdue_count", "整改逾期", 10, "0"),
                 ("amount_involved", "在办涉及金额（元）", 18, MONEY), ("amount_recovered", "累计挽回金额（元）", 18, MONEY)]
DQ_COLUMNS = [("source_system", "源系统", 12, None), ("checks", "校验项次", 10, "0"), ("passed", "通过", 8, "0"),
              ("critical_failed", "严重未通过", 11, "0"), ("warnings_failed", "警告未通过", 11, "0"),
              ("quarantined_batches", "隔离批次", 10, "0")]
DEFINITIONS = [
    ("本周新增", "本周首次检出、且未被屏蔽的疑点"),
    ("在办", "未屏蔽、状态非“误报排除/已整改销号”，且仍在检出（或已确认问题/整改中）的疑点"),
    ("整改逾期", "状态为“确认问题/整改中”且整改期限早于本周末"),
    ("在办涉及金额", "在办疑点的涉及金额合计：只计规则声明为涉及金额（超标部分、重复报销金额、少收租金等）的金额；"
                "规则声明为参考数的金额（如资产负债率预警的负债总额、本福特检验的样本金额合计）单列为参考数，不计入"),
    ("所用标准", "“示例默认值”表示疑点所依据的标准仍是系统随附的示例默认值，须以集团正式批准的标准核实后再认定"),
    ("累计清退挽回金额", "截至本周末登记的清退/挽回金额合计"),
    ("口径", "检出状态取本周末（含）之前最近一次夜间运行的结果；处置取下周一 0 时（北京时间）前的处置记录。"
             "重跑历史周次结果不变。"),
]


def _table(ws, top: int, columns: list[tuple], rows: list[dict[str, Any]], alert: str | None = None) -> int:
    """Header at row `top`, then the rows; returns the last row written."""
    for i, (_, header, width, _) in enumerate(columns, start=1):
        cell = set_cell(ws, top, i, header)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = max(width, ws.column_dimensions[get_column_letter(i)].width
                                                               or 0)
    for r, row in enumerate(rows, start=top + 1):
        for i, (key, _, _, fmt) in enumerate(columns, start=1):
            cell = set_cell(ws, r, i, row.get(key), fmt)
            cell.border = Border(bottom=THIN)
            if alert and key == alert and row.get(alert):
                cell.fill = ALERT_FILL
    if not rows:
        set_cell(ws, top + 1, 1, "（无）")
    last = top + len(rows)
    ws.auto_filter.ref = f"A{top}:{get_column_letter(len(columns))}{max(last, top)}"
    ws.freeze_panes = ws.cell(row=top + 1, column=1)
    return last


def write_workbook(report: WeeklyReport, path: Path) -> Path:
    week = report.week
    wb = Workbook()
    wb.properties.creator = "jiandu 监督"
    wb.properties.title = f"大监督联席会议周报 {week.iso_week}"
    stamp = datetime.combine(week.end, datetime.min.time())
    wb.properties.created = wb.properties.modified = stamp  # reproducible file properties

    ws = wb.active
    ws.title = "汇总"
    ws["A1"] = f"大监督联席会议周报（{week.iso_week}，{week.start:%Y-%m-%d} 至 {week.end:%Y-%m-%d}）"
    ws["A1"].font = TITLE_FONT
    t = report.totals
    ws["A2"] = (f"本周新增 {t['new_count']} 条，在办 {t['open_count']} 条（较上周 {t['open_change']:+d}），"
                f"整改逾期 {t['overdue_count']} 条，在办涉及金额 {t['amount_involved']:,.2f} 元，"
                f"累计清退挽回 {t['amount_recovered']:,.2f} 元，屏蔽误报 {t['suppressed_count']} 条。")
    total_row = {"subsidiary_code": "合计", "subsidiary_name": "", "category": "", **t}
    last = _table(ws, 4, SUMMARY_COLUMNS, report.rows + [total_row], alert="overdue_count")
    for i in range(1, len(SUMMARY_COLUMNS) + 1):
        ws.cell(row=last, column=i).font = Font(bold=True)
    ws.auto_filter.ref = f"A4:{get_column_letter(len(SUMMARY_COLUMNS))}{last - 1 if report.rows else 4}"
    if report.rows:
        chart = BarChart()
        chart.type, chart.grouping = "col", "clustered"
        chart.title, chart.y_axis.title = "在办与整改逾期（按单位、类别）", "条"
        chart.add_data(Reference(ws, min_col=5, min_row=4, max_row=last - 1), titles_from_data=True)
        chart.add_data(Reference(ws, min_col=13, min_row=4, max_row=last - 1), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=2, max_col=3, min_row=5, max_row=last - 1))
        chart.height, chart.width = 8, 18
        ws.add_chart(chart, f"B{last + 3}")

    trend = wb.create_sheet("趋势")
    trend["A1"] = f"近{len(report.trend)}周趋势"
    trend["A1"].font = TITLE_FONT
    end = _table(trend, 3, TREND_COLUMNS, report.trend)
    line = LineChart()
    line.title, line.y_axis.title = "在办疑点趋势", "条"
    line.add_data(Reference(trend, min_col=4, min_row=3, max_row=end), titles_from_data=True)
    line.add_data(Reference(trend, min_col=3, min_row=3, max_row=end), titles_from_data=True)
    line.set_categories(Reference(trend, min_col=1, min_row=4, max_row=end))
    line.height, line.width = 8, 16
    trend.add_chart(line, "J3")
    bar = BarChart()
    bar.title, bar.y_axis.title = "累计清退挽回金额", "元"
    bar.add_data(Reference(trend, min_col=8, min_row=3, max_row=end), titles_from_data=True)
    bar.set_categories(Reference(trend, min_col=1, min_row=4, max_row=end))
    bar.height, bar.width = 8, 16
    trend.add_chart(bar, "J21")

    for title, heading, columns, rows in [
        ("重点疑点", "重点在办疑点（按风险等级、金额）", FLAG_COLUMNS, report.top_findings),
        ("整改逾期", "整改逾期清单", FLAG_COLUMNS, report.overdue),
        ("屏蔽误报", "已屏蔽的已知误报（不计入新增与在办）", SUPPRESSED_COLUMNS, report.suppressed),
        ("数据质量", "数据质量记分卡（本周各次夜间运行）", DQ_COLUMNS,
         [d | {"source_system": system_label(d["source_system"])} for d in report.dq_scorecard]),
    ]:
        sheet = wb.create_sheet(title)
        sheet["A1"] = heading
        sheet["A1"].font = TITLE_FONT
        _table(sheet, 3, columns, rows)

    if report.standard_gaps:  # the holiday calendar not covering a judged year, lines without a standard
        gaps = wb.create_sheet("未判断数据")
        gaps["A1"] = "未判断的数据（标准与日历）"
        gaps["A1"].font = TITLE_FONT
        gaps.column_dimensions["A"].width = 120
        for row, line in enumerate(report.standard_gaps, start=3):
            gaps.cell(row=row, column=1, value=line)

    notes = wb.create_sheet("说明")
    notes["A1"] = "指标口径"
    notes["A1"].font = TITLE_FONT
    _table(notes, 3, [("term", "指标", 16, None), ("meaning", "口径", 100, None)],
           [{"term": a, "meaning": b} for a, b in DEFINITIONS])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
