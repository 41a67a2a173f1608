"""Cells of every workbook and CSV the project writes: text stays text, times are Beijing time, numbers are numbers.

The one place that decides how a value goes into a spreadsheet cell (the flag export, the weekly report, the
demo ledgers, the dispositions CSV):

- A string that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (whoever wrote it: an auditor's note,
  a subject name from a source system) would be a live formula in Excel (formula / CSV injection). In a
  workbook it is stored as a string cell with Excel's "quote prefix" (shown as typed, never evaluated, not
  even after the cell is edited); in a CSV it gets a leading apostrophe, which `strip_csv_guard` removes again
  when the file is imported back. Numbers (a negative amount too) are numbers: only strings are at risk.
- A time with a time zone is written as the group's local time (Asia/Shanghai, 北京时间); headers say so.
- Amounts get a thousands-separated number format and dates a date format.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
MONEY = "#,##0.00"
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"
LOCAL_TIME_LABEL = "北京时间"


def is_formula_like(value: Any) -> bool:
    """Whether Excel could read this value as a formula (strings only)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def local_zone() -> ZoneInfo:
    from jiandu.settings import get_settings

    return ZoneInfo(get_settings().timezone)


def cell_value(value: Any) -> Any:
    """A Python value as a cell value: lists joined, aware times in local time (Excel has no time zones)."""
    if isinstance(value, list | tuple):
        return "; ".join("" if v is None else str(v) for v in value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(local_zone()).replace(tzinfo=None)
    if isinstance(value, dict):
        return "; ".join(f"{k}：{v}" for k, v in value.items())
    return value


def default_format(value: Any) -> str | None:
    if isinstance(value, datetime):
        return DATETIME
    if isinstance(value, date):
        return DATE
    if isinstance(value, Decimal | float):
        return MONEY
    return None


def _as_text(cell) -> None:
    """Store the cell's string as a string, never a formula, and keep it text when edited in Excel."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if is_formula_like(cell.value):
            cell.quotePrefix = True


def set_cell(ws, row: int, column: int, value: Any, number_format: str | None = None):
    """ws.cell(row, column) = value, safely (see the module doc); returns the cell."""
    cell = ws.cell(row=row, column=column)
    cell.value = cell_value(value)
    _as_text(cell)
    fmt = number_format or default_format(cell.value)
    if fmt and not isinstance(cell.value, str):
        cell.number_format = fmt
    return cell


def write_only_cell(ws, value: Any, number_format: str | None = None) -> WriteOnlyCell:
    """A cell for a write-only sheet's `append`, safely (see the module doc)."""
    cell = WriteOnlyCell(ws, value=cell_value(value))
    _as_text(cell)
    fmt = number_format or default_format(cell.value)
    if fmt and not isinstance(cell.value, str):
        cell.number_format = fmt
    return cell


def csv_text(value: Any) -> Any:
    """A CSV field that Excel will not evaluate: formula-like strings get a leading apostrophe."""
    return "'" + value if is_formula_like(value) else value


def strip_csv_guard(text: str) -> str:
    """Undo `csv_text` on import: an apostrophe in front of a formula-like string."""
    return text[1:] if text.startswith("'") and is_formula_like(text[1:]) else text
