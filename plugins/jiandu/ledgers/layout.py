"""Ledger layouts: one YAML per ledger type under include/ledgers/ (sheet, header row, columns, due rule).

A file is named `<subsidiary_code>_<type>_<period>.xlsx`; period is `2026Q3` for quarterly ledgers and
`2026-09` for monthly ones. Adding a ledger type is adding a YAML file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from jiandu.settings import get_settings
from jiandu.sources.contract import PG_TYPES

FREQUENCIES = ("monthly", "quarterly")
FILE_NAME = re.compile(r"^(?P<sub>[A-Za-z0-9]+)_(?P<type>[a-z0-9_]+?)_(?P<period>\d{4}(?:Q[1-4]|-(?:0[1-9]|1[0-2])))\.xlsx$")


class LayoutError(ValueError):
    """A ledger layout file is malformed; the message names the file and field."""


@dataclass(frozen=True)
class LedgerColumn:
    name: str
    header: str
    type: str
    required: bool

    @property
    def pg_type(self) -> str:
        return PG_TYPES[self.type]


@dataclass(frozen=True)
class LedgerLayout:
    type: str
    label: str
    description: str
    frequency: str
    due: dict
    sheet: str
    title_rows: int
    header_row: int
    columns: tuple[LedgerColumn, ...]
    path: Path

    @property
    def raw_name(self) -> str:
        return f"ledger__{self.type}"

    def file_name(self, subsidiary_code: str, period: str) -> str:
        return f"{subsidiary_code}_{self.type}_{period}.xlsx"

    def period_of(self, day: date) -> str:
        return f"{day.year}Q{(day.month - 1) // 3 + 1}" if self.frequency == "quarterly" else f"{day:%Y-%m}"

    def period_end(self, period: str) -> date:
        if self.frequency == "quarterly":
            year, q = int(period[:4]), int(period[5])
            month = 3 * q
        else:
            year, month = int(period[:4]), int(period[5:7])
        first_next = date(year + month // 12, month % 12 + 1, 1)
        return first_next - timedelta(days=1)

    def due_date(self, period: str) -> date:
        end = self.period_end(period)
        if "days_after_period_end" in self.due:
            return end + timedelta(days=int(self.due["days_after_period_end"]))
        return (end + timedelta(days=1)).replace(day=int(self.due["day_of_next_month"]))

    def periods_due(self, as_of: date, lookback_days: int = 366) -> list[str]:
        """Periods whose due date falls in (as_of - lookback, as_of]: the submissions expected by now."""
        periods, day = [], as_of - timedelta(days=lookback_days + 100)
        while day <= as_of:
            period = self.period_of(day)
            if period not in periods and as_of - timedelta(days=lookback_days) < self.due_date(period) <= as_of:
                periods.append(period)
            day += timedelta(days=27)
        return periods


def parse_layout(path: Path) -> LedgerLayout:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise LayoutError(f"{path}: not valid YAML: {exc}") from exc
    for key in ("type", "label", "frequency", "due", "sheet", "header_row", "columns"):
        if key not in (doc or {}):
            raise LayoutError(f"{path}: missing required field '{key}'")
    if doc["frequency"] not in FREQUENCIES:
        raise LayoutError(f"{path}: frequency must be one of {FREQUENCIES}, got {doc['frequency']!r}")
    if not ({"days_after_period_end", "day_of_next_month"} & set(doc["due"])):
        raise LayoutError(f"{path}: due needs days_after_period_end or day_of_next_month")
    columns = []
    for i, col in enumerate(doc["columns"], start=1):
        if not isinstance(col, dict) or not {"name", "header", "type"} <= set(col):
            raise LayoutError(f"{path}: columns[{i}] needs name, header and type")
        if col["type"] not in PG_TYPES:
            raise LayoutError(f"{path}: column '{col['name']}': type must be one of {sorted(PG_TYPES)}")
        columns.append(LedgerColumn(col["name"], str(col["header"]), col["type"], bool(col.get("required"))))
    return LedgerLayout(type=doc["type"], label=doc["label"], description=doc.get("description", ""),
                        frequency=doc["frequency"], due=dict(doc["due"]), sheet=doc["sheet"],
                        title_rows=int(doc.get("title_rows", 0)), header_row=int(doc["header_row"]),
                        columns=tuple(columns), path=path)


def load_layouts(ledgers_dir: Path | None = None) -> dict[str, LedgerLayout]:
    root = ledgers_dir or get_settings().ledgers_dir
    return {lay.type: lay for lay in (parse_layout(p) for p in sorted(root.glob("*.yml")))}


def parse_file_name(name: str) -> tuple[str, str, str] | None:
    """(subsidiary_code, ledger type, period) of a drop file name, or None if it does not follow the convention."""
    match = FILE_NAME.match(name)
    return (match["sub"], match["type"], match["period"]) if match else None
