"""Excel export of a filtered flag list (personal data masked unless the user may see it)."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from jiandu.workbench.masking import mask

COLUMNS = [  # (key, Chinese header, width)
    ("flag_id", "疑点编号", 34), ("rule_id", "规则编号", 14), ("rule_name", "规则名称", 28), ("category", "类别", 8),
    ("severity", "风险等级", 8), ("subsidiary_code", "单位编码", 10), ("subsidiary_name", "单位名称", 18),
    ("subject_type", "对象类型", 10), ("subject_id", "对象编号", 22), ("subject_name", "对象", 28),
    ("period", "期间", 10), ("amount", "涉及金额（元）", 16), ("detection_state", "检出状态", 10),
    ("first_detected_on", "首次发现", 12), ("last_detected_on", "最近发现", 12), ("status", "处置状态", 10),
    ("assignee", "核查人", 10), ("responsible_unit", "责任单位", 16), ("rectification_due", "整改期限", 12),
    ("amount_recovered", "清退挽回金额（元）", 16), ("note", "核查说明", 30), ("evidence_refs", "证据材料", 24),
    ("updated_by", "最后修改人", 12), ("updated_at", "最后修改时间", 20),
]


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(map(str, value))
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
        return value.replace(tzinfo=None)  # Excel has no time zones; times are as stored (UTC)
    return value


def workbook(rows: list[dict[str, Any]], *, pii: bool, title: str, conditions: str) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("疑点清单")
    for i, (_, _, width) in enumerate(COLUMNS):
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    ws.append([title])
    ws.append([f"筛选条件：{conditions}"])
    header = []
    for _, label, _ in COLUMNS:
        cell = WriteOnlyCell(ws, value=label)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        header.append(cell)
    ws.append(header)
    for row in rows:
        shown = mask(row, allowed=pii)
        ws.append([_cell(shown.get(key)) for key, _, _ in COLUMNS])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
