"""Excel export of a filtered flag list (personal data masked unless the user may see it).

Every cell goes through jiandu.reports.xlsx_cells: text stays text (no formula injection), times are Beijing
time (the header says so), amounts carry a number format and dates are dates.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from jiandu.flags.dispositions import header_label
from jiandu.labels import subject_type_label
from jiandu.reports.xlsx_cells import DATE, DATETIME, LOCAL_TIME_LABEL, MONEY, write_only_cell
from jiandu.workbench.listing import DETECTION_STATES
from jiandu.workbench.masking import mask

COLUMNS = [  # (key, Chinese header, width, number format)
    ("flag_id", "疑点编号", 34, None), ("rule_id", "规则编号", 14, None), ("rule_name", "规则名称", 28, None),
    ("category", "类别", 8, None), ("severity", "风险等级", 8, None), ("subsidiary_code", "单位编码", 10, None),
    ("subsidiary_name", "单位名称", 18, None), ("subject_type_label", "对象类型", 10, None),
    ("subject_id", "对象编号", 22, None), ("subject_name", "对象", 28, None), ("period", "期间", 10, None),
    ("amount_at_issue", "涉及金额（元）", 16, MONEY), ("amount_context", "参考数（元，不计入涉及金额）", 18, MONEY),
    ("standard_note", "所用标准", 12, None), ("detection_state", "检出状态", 10, None),
    ("first_detected_on", "首次发现", 12, DATE), ("last_detected_on", "最近发现", 12, DATE),
    ("status", "处置状态", 10, None), ("assignee", "核查人", 10, None), ("responsible_unit", "责任单位", 16, None),
    ("rectification_due", "整改期限", 12, DATE), ("amount_recovered", "清退挽回金额（元）", 16, MONEY),
    ("note", "核查说明", 30, None), ("evidence_refs", "证据材料", 24, None), ("updated_by", "最后修改人", 12, None),
    ("updated_at", f"最后修改时间（{LOCAL_TIME_LABEL}）", 20, DATETIME),
]

# The export's columns an import ignores (everything but 疑点编号 and the disposition fields it reads back).
READONLY_LABELS = frozenset(header_label(label) for _, label, _, _ in COLUMNS)


def workbook(rows: list[dict[str, Any]], *, pii: bool, title: str, conditions: str) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("疑点清单")
    for i, (_, _, width, _) in enumerate(COLUMNS):
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    ws.append([write_only_cell(ws, title)])
    ws.append([write_only_cell(ws, f"筛选条件：{conditions}")])
    header = []
    for _, label, _, _ in COLUMNS:
        cell = write_only_cell(ws, label)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        header.append(cell)
    ws.append(header)
    for row in rows:
        shown = mask(row, allowed=pii)
        shown["detection_state"] = DETECTION_STATES.get(shown.get("detection_state"), shown.get("detection_state"))
        shown["subject_type_label"] = subject_type_label(shown.get("subject_type"))
        shown["standard_note"] = "示例默认值" if shown.get("example_standard") else ""
        ws.append([write_only_cell(ws, shown.get(key), fmt) for key, _, _, fmt in COLUMNS])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
