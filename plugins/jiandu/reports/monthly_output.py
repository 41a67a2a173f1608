"""The rectification progress report as files: an Excel workbook (进度, 问题清单, 任务清单, 责任清单, 整改成效,
督办记录, 说明; native charts) and a PDF with charts (CJK font embedded), plus `build_period` that writes both.

Reuses the weekly report's pieces: the table writer and styles of jiandu.reports.excel, the CJK font, chart
style and money format of jiandu.reports.page. Only data of the period goes into the files, so re-running a
past month gives the same cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference

from jiandu.rectification.model import PROBLEM_STATUSES
from jiandu.reports.excel import MONEY, TITLE_FONT, _table
from jiandu.reports.monthly import MEASURE_STATES, Period, RectificationReport
from jiandu.reports.page import _bar_by, _style

PCT = "0.0%"
DAY = "yyyy-mm-dd"
PROGRESS_COLUMNS = [("item", "指标", 26, None), ("value", "数值", 16, None)]
SOURCE_COLUMNS = ([("source", "问题来源", 14, None)] + [(s, s, 11, "0") for s in PROBLEM_STATUSES]
                  + [("total", "合计", 8, "0"), ("overdue", "超期未销号", 11, "0")])
SUBSIDIARY_COLUMNS = [
    ("subsidiary_code", "单位编码", 10, None), ("subsidiary_name", "单位名称", 20, None),
    ("problems", "问题数", 8, "0"), ("closed", "已销号", 8, "0"), ("measures", "措施数", 8, "0"),
    *[(f"measures_{s}", f"措施{s}", 10, "0") for s in MEASURE_STATES],
    ("people", "问责人次", 10, "0"), ("rules", "制度建设（项）", 12, "0"),
    ("amount_清退", "清退违规金（元）", 16, MONEY), ("amount_挽回", "挽回经济损失（元）", 16, MONEY)]
OUTCOME_SUMMARY_COLUMNS = [("kind", "成效类型", 14, None), ("unit", "单位", 6, None), ("records", "登记条数", 10, "0"),
                           ("period", "本期", 14, None), ("cumulative", "累计", 14, None)]
TREND_COLUMNS = [("month", "月份", 10, None), ("problems", "问题总数", 10, "0"), ("problems_closed", "已销号", 9, "0"),
                 ("closure_rate", "销号率", 9, PCT), ("measures_已完成", "措施已完成", 11, "0"),
                 ("measures_进行中", "措施进行中", 11, "0"), ("measures_逾期", "措施逾期", 10, "0"),
                 ("escalations_period", "当月督办", 10, "0"), ("people", "累计问责人次", 12, "0"),
                 ("amount_清退", "累计清退（元）", 15, MONEY), ("amount_挽回", "累计挽回（元）", 15, MONEY)]
PROBLEM_COLUMNS = [
    ("problem_id", "问题编号", 15, None), ("subsidiary_name", "单位", 18, None), ("source", "问题来源", 11, None),
    ("source_doc", "来源文号", 20, None), ("category", "类别", 8, None), ("title", "问题概述", 36, None),
    ("identified_on", "发现日期", 12, DAY), ("due_on", "整改时限", 12, DAY), ("status", "状态", 10, None),
    ("flags", "关联疑点", 9, "0"), ("measures", "措施数", 8, "0"), ("measures_已完成", "已完成", 8, "0"),
    ("measures_逾期", "逾期", 6, "0"), ("amount_involved", "涉及金额（元）", 16, MONEY),
    ("closed_on", "销号日期", 12, DAY), ("closed_by", "销号人", 10, None), ("close_note", "销号说明", 24, None)]
MEASURE_COLUMNS = [
    ("measure_id", "措施编号", 18, None), ("problem_id", "问题编号", 15, None), ("problem_title", "问题概述", 28, None),
    ("content", "整改措施", 36, None), ("responsible_unit", "责任单位", 14, None),
    ("responsible_person", "责任人", 10, None), ("deadline", "完成时限", 12, DAY), ("state", "进度", 8, None),
    ("days_overdue", "逾期天数", 9, "0"), ("completed_on", "完成日期", 12, DAY), ("evidence_text", "佐证材料", 30, None),
    ("approved_by", "审核人", 10, None), ("approved_on", "审核日期", 12, DAY)]
RESPONSIBILITY_COLUMNS = [
    ("responsibility_id", "责任编号", 18, None), ("problem_id", "问题编号", 15, None),
    ("problem_title", "问题概述", 30, None), ("responsibility_type", "责任类型", 10, None),
    ("responsible_leader", "责任领导", 14, None), ("responsible_department", "责任部门", 18, None),
    ("note", "说明", 30, None)]
OUTCOME_COLUMNS = [
    ("outcome_id", "成效编号", 18, None), ("problem_id", "问题编号", 15, None), ("problem_title", "问题概述", 28, None),
    ("kind", "类型", 10, None), ("people", "人数", 6, "0"), ("rules", "制度（项）", 10, "0"),
    ("amount", "金额（元）", 14, MONEY), ("detail", "具体情况", 30, None), ("recorded_on", "登记日期", 12, DAY)]
ESCALATION_COLUMNS = [
    ("escalated_on", "督办日期", 12, DAY), ("level_label", "督办级别", 10, None), ("measure_id", "措施编号", 18, None),
    ("problem_title", "问题概述", 28, None), ("deadline", "完成时限", 12, DAY), ("days_overdue", "逾期天数", 9, "0"),
    ("escalated_by", "督办人", 12, None), ("note", "督办意见", 30, None)]
DEFINITIONS = [
    ("口径时点", "各清单为期末（次日 0 时，北京时间）前最后一次登记的状态；重跑历史月份结果不变。"),
    ("措施已完成", "整改措施已填报完成并经集团巡察整改办公室审核通过"),
    ("措施待审核", "已填报完成、附佐证材料，尚未审核"),
    ("措施逾期", "进行中且完成时限早于期末"),
    ("问题销号", "问题的全部措施已完成并审核通过后，由集团巡察整改办公室销号"),
    ("整改成效", "问责按人次，制度建设按项，收回清退违规金与挽回其他经济损失按元分列；已作废的登记不计。"),
    ("督办", "逾期措施每次督办登记一条：催办、督办、挂牌督办逐次升级"),
]


def _formats(ws, first: int, last: int, columns: tuple[int, ...]) -> None:
    """Per-cell number formats where one column mixes counts, money and rates."""
    for r in range(first, last + 1):
        for col in columns:
            cell = ws.cell(row=r, column=col)
            if isinstance(cell.value, Decimal):
                cell.number_format = MONEY
            elif isinstance(cell.value, float):
                cell.number_format = PCT
            elif isinstance(cell.value, int):
                cell.number_format = "0"


def headline(report: RectificationReport) -> str:
    t = report.totals
    return (f"截至{report.as_of:%Y年%m月%d日}，共有整改问题 {t['problems']} 个，已销号 {t['problems_closed']} 个"
            f"（销号率 {t['closure_rate']:.1%}），本期新增 {t['problems_new']} 个、销号 {t['problems_closed_period']} 个；"
            f"整改措施 {t['measures']} 项，已完成 {t['measures_已完成']} 项、待审核 {t['measures_待审核']} 项、"
            f"进行中 {t['measures_进行中']} 项、逾期 {t['measures_逾期']} 项；本期督办 {t['escalations_period']} 次。")


def write_workbook(report: RectificationReport, path: Path) -> Path:
    period, t = report.period, report.totals
    wb = Workbook()
    wb.properties.creator = "jiandu 监督"
    wb.properties.title = f"整改进度{'月报' if period.kind == 'month' else '季报'} {period.label}"
    wb.properties.created = wb.properties.modified = datetime.combine(period.end, datetime.min.time())

    ws = wb.active
    ws.title = "进度"
    ws["A1"] = f"巡察整改进度{'月报' if period.kind == 'month' else '季报（大监督联席会议）'}（{period.title}）"
    ws["A1"].font = TITLE_FONT
    ws["A2"] = headline(report)
    ws["A3"] = f"整改成效（累计）：{report.outcome_sentence}。本期：{report.period_outcome_sentence}。"
    progress = [("问题总数", t["problems"]), ("本期新增问题", t["problems_new"]), ("已销号", t["problems_closed"]),
                ("本期销号", t["problems_closed_period"]), ("在整改", t["problems_open"]),
                ("超期未销号问题", t["problems_overdue"]), ("销号率", float(t["closure_rate"])),
                ("整改措施", t["measures"]), *[(f"措施{s}", t[f"measures_{s}"]) for s in MEASURE_STATES],
                ("本期督办（次）", t["escalations_period"]), ("累计问责（人次）", t["people"]),
                ("累计制度建设（项）", t["rules"]), ("累计收回清退违规金（元）", t["amount_清退"]),
                ("累计挽回其他经济损失（元）", t["amount_挽回"]), ("问题涉及金额（元）", t["amount_involved"])]
    last = _table(ws, 5, PROGRESS_COLUMNS, [{"item": a, "value": b} for a, b in progress])
    _formats(ws, 6, last, (2,))
    top = last + 3
    ws.cell(row=top - 1, column=1, value="问题按来源和状态").font = TITLE_FONT
    last = _table(ws, top, SOURCE_COLUMNS, report.by_source)
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "bar", "stacked", 100
    chart.title, chart.x_axis.title = "问题按来源和状态", "个"
    chart.add_data(Reference(ws, min_col=2, max_col=1 + len(PROBLEM_STATUSES), min_row=top, max_row=last),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=last))
    chart.height, chart.width = 8, 16
    ws.add_chart(chart, "I5")
    top = last + 3
    ws.cell(row=top - 1, column=1, value="整改成效（问责按人次、制度按项、金额按元分列）").font = TITLE_FONT
    last = _table(ws, top, OUTCOME_SUMMARY_COLUMNS, report.outcomes)
    _formats(ws, top + 1, last, (4, 5))
    top = last + 3
    ws.cell(row=top - 1, column=1, value="各单位整改进度").font = TITLE_FONT
    last = _table(ws, top, SUBSIDIARY_COLUMNS, report.by_subsidiary)
    top = last + 3
    ws.cell(row=top - 1, column=1, value=f"近{len(report.trend)}个月趋势").font = TITLE_FONT
    last = _table(ws, top, TREND_COLUMNS, report.trend)
    ws.auto_filter.ref = None
    ws.freeze_panes = None
    line = LineChart()
    line.title, line.y_axis.title = "整改进度趋势", "个/项"
    for col in (2, 3, 7):
        line.add_data(Reference(ws, min_col=col, min_row=top, max_row=last), titles_from_data=True)
    line.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=last))
    line.height, line.width = 8, 16
    ws.add_chart(line, "I22")

    evidence = [m | {"evidence_text": "；".join(m.get("evidence_refs") or [])} for m in report.measures]
    for title, heading, columns, rows in [
        ("问题清单", "问题清单", PROBLEM_COLUMNS, report.problems),
        ("任务清单", "任务清单（整改措施）", MEASURE_COLUMNS, evidence),
        ("责任清单", "责任清单", RESPONSIBILITY_COLUMNS, report.responsibilities),
        ("整改成效", "整改成效登记", OUTCOME_COLUMNS, report.outcome_rows),
        ("督办记录", "本期督办记录", ESCALATION_COLUMNS, report.escalations),
    ]:
        sheet = wb.create_sheet(title)
        sheet["A1"] = f"{heading}（截至 {report.as_of:%Y-%m-%d}）"
        sheet["A1"].font = TITLE_FONT
        _table(sheet, 3, columns, rows)
    notes = wb.create_sheet("说明")
    notes["A1"] = "指标口径"
    notes["A1"].font = TITLE_FONT
    _table(notes, 3, [("term", "指标", 16, None), ("meaning", "口径", 100, None)],
           [{"term": a, "meaning": b} for a, b in DEFINITIONS])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def draw_charts(axes: list, report: RectificationReport) -> None:
    """Problems by source and status, measures by progress, the monthly trend, the money recovered."""
    colors = {"待制定措施": "#BFBFBF", "整改中": "#2E75B6", "已销号": "#548235"}
    sources = [r for r in report.by_source if r["total"]] or [{"source": "无", **dict.fromkeys(PROBLEM_STATUSES, 0)}]
    ax = axes[0]
    sources = sources[::-1]  # first source on top
    left = [0] * len(sources)
    labels = [r["source"] for r in sources]
    for status in PROBLEM_STATUSES:
        values = [r[status] for r in sources]
        ax.barh(labels, values, left=left, color=colors[status], label=status)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_title("问题按来源和状态（个）")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="lower right", frameon=False, fontsize=7)
    t = report.totals
    _bar_by(axes[1], list(MEASURE_STATES), [t[f"measures_{s}"] for s in MEASURE_STATES], "整改措施进度（项）",
            "#2E75B6")
    axes[1].patches[0].set_color("#C00000")  # 逾期 (drawn first: _bar_by reverses)
    months = [p["month"][2:] for p in report.trend]
    ax = axes[2]
    ax.plot(months, [p["problems"] for p in report.trend], marker="o", color="#1F4E79", label="问题总数")
    ax.plot(months, [p["problems_closed"] for p in report.trend], marker="o", color="#548235", label="已销号")
    ax.bar(months, [p["measures_逾期"] for p in report.trend], color="#F4B183", label="措施逾期")
    ax.set_title("整改进度趋势（近6个月）")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="upper left", frameon=False, fontsize=7)
    ax = axes[3]
    width = 0.38
    xs = range(len(months))
    ax.bar([x - width / 2 for x in xs], [float(p["amount_清退"]) / 10000 for p in report.trend], width,
           color="#BF9000", label="收回清退违规金")
    ax.bar([x + width / 2 for x in xs], [float(p["amount_挽回"]) / 10000 for p in report.trend], width,
           color="#7F6000", label="挽回其他经济损失")
    ax.set_xticks(list(xs), months)
    ax.set_title("累计清退与挽回（万元，分列）")
    ax.legend(loc="upper left", frameon=False, fontsize=7)
    for a in axes[2:]:
        for spine in ("top", "right"):
            a.spines[spine].set_visible(False)


def write_pdf(report: RectificationReport, path: Path) -> Path:
    """One A4 page: title, key figures, the outcome sentence, four charts, the overdue measures."""
    period, t = report.period, report.totals
    with plt.rc_context(_style()):
        fig = plt.figure(figsize=(8.27, 11.69))
        name = "巡察整改进度月报" if period.kind == "month" else "巡察整改进度季报（大监督联席会议）"
        fig.text(0.5, 0.965, name, ha="center", fontsize=18)
        fig.text(0.5, 0.945, f"{period.title}（截至 {report.as_of:%Y年%m月%d日}）  报送：党委", ha="center", fontsize=10)
        kpis = [("问题总数", f"{t['problems']}"), ("已销号", f"{t['problems_closed']}"),
                ("销号率", f"{t['closure_rate']:.1%}"), ("措施已完成", f"{t['measures_已完成']}"),
                ("措施进行中", f"{t['measures_进行中']}"), ("措施逾期", f"{t['measures_逾期']}"),
                ("本期督办", f"{t['escalations_period']}")]
        for i, (label, value) in enumerate(kpis):
            x = 0.07 + i * 0.13
            fig.text(x, 0.915, label, fontsize=7.5, color="#555555")
            fig.text(x, 0.897, value, fontsize=11,
                     color="#C00000" if label == "措施逾期" and t["measures_逾期"] else "black")
        fig.text(0.06, 0.868, _wrap(f"整改成效（累计）：{report.outcome_sentence}。", 58), fontsize=8.5, va="top")
        axes = [fig.add_axes(rect) for rect in ([0.17, 0.60, 0.30, 0.19], [0.62, 0.60, 0.34, 0.19],
                                                [0.08, 0.35, 0.38, 0.19], [0.58, 0.35, 0.38, 0.19])]
        draw_charts(axes, report)
        overdue = [m for m in report.measures if m["state"] == "逾期"]
        fig.text(0.06, 0.295, f"逾期整改措施（{len(overdue)} 项）", fontsize=11)
        rows = [[m["measure_id"], (m["content"] or "")[:18], (m["responsible_unit"] or "")[:8],
                 (m["responsible_person"] or "")[:6], f"{m['deadline']:%Y-%m-%d}", str(m["days_overdue"])]
                for m in overdue[:12]]
        table_ax = fig.add_axes([0.06, 0.06, 0.88, 0.22])
        table_ax.axis("off")
        if rows:
            table = table_ax.table(cellText=rows, colLabels=["措施编号", "整改措施", "责任单位", "责任人", "完成时限",
                                                             "逾期天数"],
                                   loc="upper center", cellLoc="left", colLoc="left",
                                   colWidths=[0.2, 0.34, 0.14, 0.1, 0.13, 0.09])
            table.auto_set_font_size(False)
            table.set_fontsize(7.5)
            table.scale(1, 1.35)
        else:
            table_ax.text(0, 0.9, "本期无逾期整改措施", fontsize=9)
        fig.text(0.06, 0.03, "问题清单、任务清单、责任清单、整改成效与督办记录见 Excel；口径见“说明”表。"
                 "数据来源：jiandu 监督数据平台。", fontsize=7, color="#555555")
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, format="pdf", metadata={"CreationDate": None, "Creator": "jiandu 监督"})
        plt.close(fig)
    return path


def _wrap(text: str, width: int) -> str:
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


@dataclass
class RectificationFiles:
    period: str
    xlsx: Path
    pdf: Path
    report: RectificationReport


def build_period(period: Period, out_dir: Path | None = None) -> RectificationFiles:
    """Compute the period's report from history and write its workbook and PDF (recorded in report_runs)."""
    from jiandu.bootstrap import bootstrap_warehouse
    from jiandu.reports.monthly import compute, store
    from jiandu.settings import get_settings
    from jiandu.warehouse import connect

    bootstrap_warehouse()
    kind = "monthly" if period.kind == "month" else "quarterly"
    out = (out_dir or get_settings().reports_dir) / f"rectification_{kind}" / period.label
    stem = f"巡察整改进度{'月报' if period.kind == 'month' else '季报'}_{period.label}"
    with connect() as conn:
        report = compute(conn, period)
        files = RectificationFiles(period.label, write_workbook(report, out / f"{stem}.xlsx"),
                                   write_pdf(report, out / f"{stem}.pdf"), report)
        store(conn, report, {"xlsx": files.xlsx, "pdf": files.pdf})
    return files
