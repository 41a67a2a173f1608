"""The Excel template a group fills in: one sheet per standard (Chinese headers), and a 说明 sheet describing every
column (type, required, allowed values) and how the import and the night use the rows."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from jiandu.standards.specs import Column, Standard

README_SHEET = "说明"
TYPE_LABELS = {"text": "文本", "date": "日期（如 2026-01-01）", "boolean": "是/否", "integer": "整数"}
REFERENCE_LABELS = {"city": "须为城市对照表（map_city_province）中的城市简称，或「其他」（本省其他地区）",
                    "province": "须为城市对照表中的省份简称",
                    "ranks": "职级名称，多个用 | 分隔，须为职级对照表（map_hr_rank_travel_tier）中的职级，或「全部」",
                    "subsidiary": "须为组织档案中已有的子企业代码；空 = 集团默认"}
GENERAL = [
    "本文件用于导入集团经批准的标准（集团导入），替代系统随附的示例默认值。",
    "每个标准一个工作表，第1行为列名（请勿修改），自第2行起每行一条标准；空行忽略。",
    "导入命令：jiandu standards import 文件.xlsx --user 导入人。导入前逐行校验，任一行有错即整个文件不导入，"
    "并列出每个错误所在的工作表、行和列。",
    "同一标准、同一关键字段、同一生效日期再次导入时，以最后一次导入为准；同一关键字段的各版本生效期间不得重叠"
    "（新版本生效前，请在本文件中一并给出旧版本并填写失效日期）。",
    "夜间运行时，集团导入的行覆盖示例默认值中关键字段相同的行：生效日期相同的替换；示例默认值中仍在生效的行"
    "到集团标准生效前一日失效。",
    "「来源」可不填，默认记为「集团导入：文件名（导入人，日期）」。",
]


def _type_label(column: Column) -> str:
    if column.scale is not None:
        return f"数字（最多{column.scale}位小数）"
    return TYPE_LABELS.get(column.type, column.type)


def _rules(standard: Standard, column: Column) -> str:
    parts = []
    if column.allowed:
        parts.append("可选值：" + "、".join(column.allowed))
    if column.name in standard.references:
        parts.append(REFERENCE_LABELS[standard.references[column.name]])
    if (column.scale is not None or column.type == "integer") and column.name not in standard.signed:
        parts.append("不得为负数")
    if column.name == "effective_to":
        parts.append("空 = 长期有效；不得早于生效日期")
    return "；".join(parts)


def write_template(chosen: list[Standard], out: Path) -> Path:
    """Write the template for `chosen` standards to `out` (.xlsx) and return it."""
    wb = Workbook()
    readme = wb.active
    readme.title = README_SHEET
    bold = Font(bold=True)
    for line in GENERAL:
        readme.append([line])
    for standard in chosen:
        readme.append([])
        readme.append([f"工作表「{standard.title}」（{standard.name}）", standard.description])
        readme.cell(readme.max_row, 1).font = bold
        readme.append(["列名", "字段", "类型", "必填", "规则", "说明"])
        for cell in readme[readme.max_row]:
            cell.font = bold
        for c in standard.columns:
            readme.append([c.label, c.name, _type_label(c), "是" if c.required else "否", _rules(standard, c),
                           c.description])
        readme.append(["关键字段（同一关键字段 + 生效日期唯一）", "、".join(
            standard.column(k).label for k in (*standard.key, "effective_from"))])
    readme.column_dimensions["A"].width = 40
    readme.column_dimensions["F"].width = 80
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for standard in chosen:
        ws = wb.create_sheet(standard.title)
        ws.append([c.label for c in standard.columns])
        for i, c in enumerate(standard.columns, start=1):
            cell = ws.cell(1, i)
            cell.font = bold
            cell.fill = header_fill
            ws.column_dimensions[get_column_letter(i)].width = max(12, 2 * len(c.label) + 2)
            if c.type == "date":
                ws.column_dimensions[get_column_letter(i)].number_format = "yyyy-mm-dd"
        ws.freeze_panes = "A2"
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out
