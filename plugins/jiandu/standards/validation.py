"""Read a filled-in template and check every row before anything is imported.

Every error names the sheet, the Excel row and the column (Chinese label and field), and says what was expected.
The file is imported only when it has no error at all (jiandu.standards.group_store.save)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from jiandu.settings import get_settings
from jiandu.standards.specs import Column, Standard, find, seeds_dir, standards
from jiandu.standards.template import README_SHEET

MAX_INTEGER = 2_147_483_647  # a PostgreSQL integer
ALL_RANKS = "全部"  # eligible for every rank (std_allowance_catalog.eligible_ranks)
BOOLEANS = {"是": "true", "否": "false", "true": "true", "false": "false", "1": "true", "0": "false",
            "y": "true", "n": "false", "yes": "true", "no": "false"}


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int  # the Excel row (1 = header)
    column: str  # Chinese label, or '' for the whole row or sheet
    field: str
    message: str

    def __str__(self) -> str:
        where = f"工作表「{self.sheet}」第{self.row}行" if self.sheet else "文件"
        if self.column:
            where += f"「{self.column}」列（{self.field}）"
        return f"{where}：{self.message}"


@dataclass
class SheetRows:
    standard: Standard
    sheet: str
    rows: list[tuple[int, dict[str, str | None]]] = field(default_factory=list)  # (excel row, column -> text)


@dataclass(frozen=True)
class Existing:
    """A group row already imported (standards_admin.group_rows_current), for the overlap check."""
    standard: str
    key: tuple[str | None, ...]
    effective_from: date
    effective_to: date | None
    imported_by: str
    imported_at: datetime
    file_name: str
    excel_row: int


@dataclass
class References:
    """The keys rows must refer to: cities and provinces (map_city_province), rank names, subsidiaries."""
    cities: set[str]
    provinces: set[str]
    ranks: set[str]
    subsidiaries: set[str] | None  # None: no organisation register in the warehouse yet
    related: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (seed, field) -> values there

    def related_values(self, seed: str, name: str) -> set[str]:
        """The values of `name` in `seed`: shipped, imported before (added by the caller) and in this file."""
        if (seed, name) not in self.related:
            with (seeds_dir() / f"{seed}.csv").open(encoding="utf-8", newline="") as f:
                self.related[(seed, name)] = {r[name] for r in csv.DictReader(f) if r.get(name)}
        return self.related[(seed, name)]

    @classmethod
    def shipped(cls, subsidiaries: set[str] | None, extra_ranks: set[str] = frozenset()) -> References:
        with (seeds_dir() / "map_city_province.csv").open(encoding="utf-8", newline="") as f:
            cities = list(csv.DictReader(f))
        with (seeds_dir() / "map_hr_rank_travel_tier.csv").open(encoding="utf-8", newline="") as f:
            ranks = {r["rank_name"] for r in csv.DictReader(f)}
        return cls(cities={c["city"] for c in cities} | {"其他"}, provinces={c["province"] for c in cities},
                   ranks=ranks | set(extra_ranks), subsidiaries=subsidiaries)


def local(value: datetime | None) -> str:
    """An instant as the group's local time (Asia/Shanghai by default)."""
    if value is None:
        return ""
    return value.astimezone(ZoneInfo(get_settings().timezone)).strftime("%Y-%m-%d %H:%M")


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def _convert(column: Column, value: object, signed: bool) -> str:
    """The cell as the text the warehouse column takes; ValueError with the Chinese reason."""
    if column.type == "date":
        if isinstance(value, datetime):
            return value.date().isoformat()
        if isinstance(value, date):
            return value.isoformat()
        text = _text(value).replace("/", "-").replace(".", "-")
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError(f"应为日期（如 2026-01-01），实际为「{_text(value)}」") from None
    if column.type == "boolean":
        if isinstance(value, bool):
            return "true" if value else "false"
        text = _text(value).lower()
        if text not in BOOLEANS:
            raise ValueError(f"应为「是」或「否」，实际为「{_text(value)}」")
        return BOOLEANS[text]
    if column.type == "integer" or column.scale is not None:
        if isinstance(value, bool):
            raise ValueError(f"应为数字，实际为「{value}」")
        try:
            number = Decimal(_text(value).replace(",", ""))
        except InvalidOperation:
            raise ValueError(f"应为数字，实际为「{_text(value)}」") from None
        if not number.is_finite():
            raise ValueError(f"应为数字，实际为「{_text(value)}」")
        if number < 0 and not signed:
            raise ValueError(f"不得为负数，实际为 {number}")
        if column.type == "integer":
            if number != number.to_integral_value():
                raise ValueError(f"应为整数，实际为 {number}")
            if abs(number) > MAX_INTEGER:
                raise ValueError(f"超出整数范围（最大 {MAX_INTEGER}），实际为 {number}")
            return str(int(number))
        if column.integer_digits is not None and abs(number) >= Decimal(10) ** column.integer_digits:
            raise ValueError(f"数值过大（整数部分最多{column.integer_digits}位），实际为 {number}")
        scale = column.scale or 0
        if number != number.quantize(Decimal(1).scaleb(-scale)):
            raise ValueError(f"最多{scale}位小数，实际为 {number}")
        return f"{number:.{scale}f}"
    return _text(value)


def read_sheets(path: Path) -> tuple[list[SheetRows], list[RowError]]:
    """The data sheets of the file, each with its standard and non-empty rows as text by column."""
    errors: list[RowError] = []
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # not a workbook, damaged, password-protected
        message = f"无法读取 Excel 文件 {path.name}（{type(exc).__name__}）：请使用导出的模板（.xlsx）"
        return [], [RowError("", 0, "", "", message)]
    sheets: list[SheetRows] = []
    seen: dict[str, str] = {}
    for ws in wb.worksheets:
        if ws.title == README_SHEET:
            continue
        try:
            standard = find(ws.title)
        except KeyError as exc:
            errors.append(RowError(ws.title, 1, "", "", exc.args[0]))
            continue
        if standard.name in seen:
            errors.append(RowError(ws.title, 1, "", "", f"与工作表「{seen[standard.name]}」是同一标准，请合并为一个工作表"))
            continue
        seen[standard.name] = ws.title
        rows = list(ws.iter_rows(values_only=True))
        header = rows[0] if rows else ()
        by_label = {c.label: c for c in standard.columns} | {c.name: c for c in standard.columns}
        positions: dict[str, int] = {}
        for i, cell in enumerate(header):
            if _blank(cell):
                continue
            column = by_label.get(_text(cell))
            if column is None:
                errors.append(RowError(ws.title, 1, _text(cell), "?", "不是该标准的列，请使用模板中的列名"))
            elif column.name in positions:
                errors.append(RowError(ws.title, 1, column.label, column.name, "列名重复"))
            else:
                positions[column.name] = i
        missing = [c for c in standard.columns if c.name not in positions and (c.required or c.name in standard.key)]
        for c in missing:
            errors.append(RowError(ws.title, 1, c.label, c.name, "缺少此列（必填）"))
        sheet = SheetRows(standard, ws.title)
        for number, values in enumerate(rows[1:], start=2):
            if all(_blank(v) for v in values):
                continue
            sheet.rows.append((number, {name: values[i] if i < len(values) else None
                                        for name, i in positions.items()}))
        sheets.append(sheet)
    wb.close()
    return sheets, errors


def _check_row(sheet: SheetRows, number: int, raw: dict[str, object], refs: References,
               errors: list[RowError]) -> dict[str, str | None] | None:
    s = sheet.standard
    out: dict[str, str | None] = {}
    ok = True

    def fail(column: Column, message: str) -> None:
        nonlocal ok
        ok = False
        errors.append(RowError(sheet.sheet, number, column.label, column.name, message))

    for column in s.columns:
        value = raw.get(column.name)
        if _blank(value):
            out[column.name] = None
            if column.required or column.name in s.key and column.name != "subsidiary_code":
                fail(column, "必填，不能为空")
            continue
        try:
            text = _convert(column, value, column.name in s.signed)
        except ValueError as exc:
            fail(column, str(exc))
            continue
        if column.allowed and text not in column.allowed:
            fail(column, f"应为以下之一：{'、'.join(column.allowed)}；实际为「{text}」")
            continue
        if column.relationship and text not in refs.related_values(*column.relationship):
            seed, name = column.relationship
            title = find(seed).title if seed in standards() else seed
            fail(column, f"「{text}」不在「{title}」（{seed}.{name}）中：请先在该标准中增加，或在本文件中一并导入")
            continue
        kind = s.references.get(column.name)
        if kind == "city" and text not in refs.cities:
            fail(column, f"城市「{text}」不在城市对照表中（填城市简称，如 北京、石家庄；本省其他地区填「其他」）")
        elif kind == "province" and text not in refs.provinces:
            fail(column, f"省份「{text}」不在城市对照表中（填省份简称，如 河北、内蒙古）")
        elif kind == "ranks":
            unknown = [] if text == ALL_RANKS else [r for r in text.split("|") if r.strip() not in refs.ranks]
            if unknown:
                known = "、".join(sorted(refs.ranks))
                fail(column, f"职级「{'、'.join(unknown)}」不在职级对照表中（可用：{known}，或「全部」）")
        elif kind == "subsidiary":
            if refs.subsidiaries is None:
                fail(column, f"无法核对子企业代码「{text}」：仓库中还没有组织档案（先完成一次夜间运行）")
            elif text not in refs.subsidiaries:
                fail(column, f"子企业代码「{text}」不在组织档案中")
        out[column.name] = text
    if out.get("effective_to") and out.get("effective_from") and out["effective_to"] < out["effective_from"]:
        fail(s.column("effective_to"), f"失效日期 {out['effective_to']} 早于生效日期 {out['effective_from']}")
    return out if ok else None


def _periods_overlap(a_from: date, a_to: date | None, b_from: date, b_to: date | None) -> bool:
    return a_from <= (b_to or date.max) and b_from <= (a_to or date.max)


def _until(d: date | None) -> str:
    return f"至 {d.isoformat()}" if d else "起长期有效"


def validate(sheets: list[SheetRows], refs: References, existing: list[Existing]
             ) -> tuple[list[tuple[SheetRows, list[tuple[int, dict[str, str | None]]]]], list[RowError]]:
    """Every row typed and checked; the checked rows per sheet and every error found."""
    errors: list[RowError] = []
    checked = []
    for sheet in sheets:  # ranks named in the same file's 职级对照 sheet exist for the other sheets
        if sheet.standard.name == "map_hr_rank_travel_tier":
            refs.ranks |= {_text(raw["rank_name"]) for _, raw in sheet.rows if not _blank(raw.get("rank_name"))}
    for sheet in sheets:  # likewise values another sheet of the file adds to a standard referred to
        for other in sheets:
            for c in other.standard.columns:
                if c.relationship and c.relationship[0] == sheet.standard.name:
                    refs.related_values(*c.relationship).update(
                        _text(raw[c.relationship[1]]) for _, raw in sheet.rows
                        if not _blank(raw.get(c.relationship[1])))
    for sheet in sheets:
        s = sheet.standard
        good: list[tuple[int, dict[str, str | None]]] = []
        for number, raw in sheet.rows:
            row = _check_row(sheet, number, raw, refs, errors)
            if row is not None:
                good.append((number, row))
        label_from = s.column("effective_from").label
        by_key: dict[tuple, list[tuple[int, date, date | None]]] = {}
        for number, row in good:
            key = tuple(row[k] for k in s.key)
            start = date.fromisoformat(row["effective_from"])
            end = date.fromisoformat(row["effective_to"]) if row.get("effective_to") else None
            for other, o_start, o_end in by_key.get(key, []):
                if o_start == start:
                    message = f"与第{other}行关键字段和生效日期相同（重复）"
                elif _periods_overlap(start, end, o_start, o_end):
                    message = (f"生效期间（{start}{_until(end)}）与第{other}行（{o_start}{_until(o_end)}）重叠："
                               f"请给较早的一行填写失效日期")
                else:
                    continue
                errors.append(RowError(sheet.sheet, number, label_from, "effective_from", message))
            by_key.setdefault(key, []).append((number, start, end))
        for key, versions in by_key.items():
            for e in existing:
                if e.standard != s.name or e.key != key:
                    continue
                if any(o_start == e.effective_from for _, o_start, _ in versions):
                    continue  # the same effective date in this file is a correction: it supersedes that version
                for number, start, end in versions:
                    if not _periods_overlap(start, end, e.effective_from, e.effective_to):
                        continue
                    errors.append(RowError(
                        sheet.sheet, number, label_from, "effective_from",
                        f"生效期间（{start}{_until(end)}）与已导入的版本重叠（{e.effective_from}"
                        f"{_until(e.effective_to)}，{e.imported_by} 于 {local(e.imported_at)} 导入，"
                        f"文件 {e.file_name} 第{e.excel_row}行）：请在本文件中一并给出该版本（相同生效日期）"
                        f"并填写失效日期"))
        checked.append((sheet, good))
    if not errors and not any(sheet.rows for sheet in sheets):
        errors.append(RowError("", 0, "", "", "文件中没有任何数据行（每个工作表第1行为列名，自第2行起填写）"))
    return checked, errors
