"""Load the Excel ledgers (台账) dropped by subsidiaries, and record every submission.

For each `<subsidiary>_<type>_<period>.xlsx` in the drop folder:
- the whole file is validated first (sheet, header row, every cell's type and required values); a bad file
  is rejected whole: moved to `<drop>/rejected/`, recorded with an error naming file, sheet, row and column,
  and nothing of it is loaded;
- a good file replaces that subsidiary's period in `raw.ledger__<type>` in one transaction (re-running
  loads the same rows again, never twice) and is recorded as loaded, or late when received after the due date.
Submissions expected by the as-of date that never arrived are recorded as missing.

Received-at: the upload portal (or the generator) writes `<drop>/submissions.csv` (file_name, submitted_at
with its UTC offset; a time written without one is the group's local time, as a portal in China shows it);
a file not listed there counts from its modification time. File mtimes are not
reproducible across copies, so the manifest is what makes late/missing decisions deterministic.
"""

from __future__ import annotations

import csv
import logging
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
from openpyxl.utils import get_column_letter
from psycopg import sql

from jiandu.ledgers.layout import LedgerLayout, load_layouts, parse_file_name
from jiandu.settings import get_settings
from jiandu.warehouse import connect

log = logging.getLogger(__name__)
SUBMISSIONS_MANIFEST = "submissions.csv"
REJECTED_DIR = "rejected"
MAX_ERRORS = 10
META_COLUMNS = [("subsidiary_code", "text not null"), ("period", "text not null"), ("_file_name", "text not null"),
                ("_received_at", "timestamptz"), ("_batch_id", "text not null"), ("_extracted_at", "timestamptz not null"),
                ("_source_system", "text not null"), ("_source_table", "text not null")]


class LedgerFileError(ValueError):
    """A ledger file fails validation; the message names file, sheet, row and column."""


@dataclass
class Submission:
    file_name: str
    subsidiary_code: str
    ledger_type: str
    period: str
    due_date: date
    received_at: datetime | None
    status: str  # loaded / late / rejected / missing
    days_late: int | None
    message: str | None
    rows: int = 0


# --- validation ----------------------------------------------------------------------------------------------

def _convert(value: object, col_type: str) -> object:
    """The cell as the column's Python value; raises ValueError with what was found."""
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            return None
    if value is None:
        return None
    if col_type == "text":
        return str(value)
    if col_type == "date":
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).replace("/", "-").replace(".", "-")
        try:
            return date.fromisoformat(text if len(text) == 10 else "-".join(p.zfill(2) for p in text.split("-")))
        except ValueError:
            raise ValueError(f"不是有效日期 not a date: {value!r}") from None
    if col_type in ("numeric", "integer"):
        if isinstance(value, bool):
            raise ValueError(f"不是数字 not a number: {value!r}")
        try:
            number = Decimal(str(value).replace(",", "")) if not isinstance(value, Decimal) else value
        except InvalidOperation:
            raise ValueError(f"不是数字 not a number: {value!r}") from None
        if not number.is_finite():
            raise ValueError(f"不是数字 not a number: {value!r}")
        if col_type == "integer":
            if number != number.to_integral_value():
                raise ValueError(f"不是整数 not a whole number: {value!r}")
            return int(number)
        return number
    if col_type == "boolean":
        text = str(value).strip().lower()
        if text in ("是", "true", "1", "y", "yes"):
            return True
        if text in ("否", "false", "0", "n", "no"):
            return False
        raise ValueError(f"不是是/否 not a yes/no value: {value!r}")
    return str(value)


def read_ledger(path: Path, layout: LedgerLayout) -> list[tuple]:
    """Every data row of the file, converted; raises LedgerFileError naming file, sheet, row and column."""
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise LedgerFileError(f"文件 file {path.name}: 无法打开 cannot be opened as .xlsx ({exc})") from exc
    try:
        if layout.sheet not in wb.sheetnames:
            raise LedgerFileError(f"文件 file {path.name}: 缺少工作表 sheet '{layout.sheet}' missing"
                                  f" (found: {', '.join(wb.sheetnames)})")
        ws = wb[layout.sheet]
        where = f"文件 file {path.name}, 工作表 sheet {layout.sheet}"
        rows = ws.iter_rows(min_row=layout.header_row, values_only=True)
        header = next(rows, None) or ()
        for i, col in enumerate(layout.columns):
            found = header[i] if i < len(header) else None
            if (str(found).strip() if found is not None else "") != col.header:
                raise LedgerFileError(
                    f"{where}, 第{layout.header_row}行 row {layout.header_row}, 列 column {get_column_letter(i + 1)}: "
                    f"表头应为 header expected '{col.header}', 实际 found '{found if found is not None else ''}'")
        errors: list[str] = []
        data: list[tuple] = []
        width = len(layout.columns)
        for row_no, values in enumerate(rows, start=layout.header_row + 1):
            values = tuple(values[:width]) + (None,) * (width - len(values[:width]))
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue  # blank line
            converted = []
            for i, (col, value) in enumerate(zip(layout.columns, values, strict=True)):
                cell = f"{where}, 第{row_no}行 row {row_no}, 列 column {get_column_letter(i + 1)}（{col.header}）"
                try:
                    v = _convert(value, col.type)
                except ValueError as exc:
                    errors.append(f"{cell}: {exc}")
                    v = None
                else:
                    if v is None and col.required:
                        errors.append(f"{cell}: 必填项为空 required value missing")
                converted.append(v)
            data.append(tuple(converted))
            if len(errors) >= MAX_ERRORS:
                break
        if errors:
            raise LedgerFileError("；".join(errors))
        return data
    finally:
        wb.close()


# --- submissions -----------------------------------------------------------------------------------------------

def _manifest(drop: Path, tz: ZoneInfo) -> dict[str, datetime]:
    """When each file was submitted; a time without a UTC offset (2025-10-05 23:30:00) is in `tz`, the group's
    time zone, not the server's."""
    path = drop / SUBMISSIONS_MANIFEST
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        times = {r["file_name"]: datetime.fromisoformat(r["submitted_at"]) for r in csv.DictReader(fh)}
    return {name: at if at.tzinfo else at.replace(tzinfo=tz) for name, at in times.items()}


def _received_at(path: Path, manifest: dict[str, datetime]) -> datetime:
    if path.name in manifest:
        return manifest[path.name]
    return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)


def _status(received_at: datetime, due: date, tz: ZoneInfo) -> tuple[str, int]:
    days = (received_at.astimezone(tz).date() - due).days
    return ("late", days) if days > 0 else ("loaded", 0)


def raw_ddl(layout: LedgerLayout) -> sql.Composed:
    cols = [sql.SQL("{} {}").format(sql.Identifier(c.name), sql.SQL(c.pg_type)) for c in layout.columns]
    cols += [sql.SQL("{} {}").format(sql.Identifier(n), sql.SQL(t)) for n, t in META_COLUMNS]
    return sql.SQL("create table if not exists {} ({})").format(sql.Identifier("raw", layout.raw_name),
                                                                 sql.SQL(", ").join(cols))


def _record(conn, sub: Submission, run_id: str, batch_id: str | None) -> None:
    conn.execute(
        "insert into audit_meta.ledger_submissions (subsidiary_code, ledger_type, period, due_date, received_at,"
        " status, days_late, file_name, batch_id, message, run_id) values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
        " on conflict (subsidiary_code, ledger_type, period) do update set due_date = excluded.due_date,"
        " received_at = excluded.received_at, status = excluded.status, days_late = excluded.days_late,"
        " file_name = excluded.file_name, batch_id = excluded.batch_id, message = excluded.message,"
        " run_id = excluded.run_id, recorded_at = now()",
        (sub.subsidiary_code, sub.ledger_type, sub.period, sub.due_date, sub.received_at, sub.status, sub.days_late,
         sub.file_name, batch_id, sub.message, run_id))


def _load_file(path: Path, layout: LedgerLayout, sub: Submission, rows: list[tuple], run_id: str) -> None:
    """Replace the subsidiary's period in raw with the file's rows and record it, in one transaction."""
    batch_id = f"{layout.raw_name}.{sub.subsidiary_code}.{sub.period}.{uuid.uuid4().hex[:8]}"
    raw = sql.Identifier("raw", layout.raw_name)
    names = [c.name for c in layout.columns] + [n for n, _ in META_COLUMNS]
    extracted = datetime.now(UTC)
    meta = (sub.subsidiary_code, sub.period, path.name, sub.received_at, batch_id, extracted, "ledger", layout.type)
    with connect() as conn:
        conn.execute(sql.SQL("delete from {} where subsidiary_code = %s and period = %s").format(raw),
                     (sub.subsidiary_code, sub.period))
        with conn.cursor().copy(sql.SQL("copy {} ({}) from stdin").format(
                raw, sql.SQL(", ").join(map(sql.Identifier, names)))) as copy:
            for row in rows:
                copy.write_row((*row, *meta))
        _record(conn, sub, run_id, batch_id)


def _reject(path: Path, drop: Path, sub: Submission, run_id: str) -> None:
    target_dir = drop / REJECTED_DIR
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    if target.exists():
        target.unlink()
    shutil.move(str(path), target)
    with connect() as conn:
        _record(conn, sub, run_id, None)


def _expected_subsidiaries(seen: set[str]) -> set[str]:
    """Subsidiaries of the ERP organisation table (if loaded yet) and every subsidiary that dropped a file."""
    with connect() as conn:
        exists = conn.execute("select to_regclass('raw.nc_erp__org') is not null").fetchone()[0]
        if not exists:
            return seen
        deleted = conn.execute("select count(*) from information_schema.columns where table_schema = 'raw'"
                               " and table_name = 'nc_erp__org' and column_name = '_deleted_at'").fetchone()[0]
        rows = conn.execute("select org_code from raw.nc_erp__org where org_level >= 2 and enabled"
                            + (" and _deleted_at is null" if deleted else "")).fetchall()
    return seen | {r[0] for r in rows}


def load_ledgers(run_id: str, as_of: date, drop_dir: Path | None = None,
                 layouts: dict[str, LedgerLayout] | None = None) -> dict:
    """Validate and load every ledger in the drop folder; record loaded/late/rejected/missing submissions."""
    settings = get_settings()
    drop = drop_dir or settings.ledger_drop_dir
    layouts = layouts or load_layouts()
    tz = ZoneInfo(settings.timezone)
    with connect() as conn:
        for layout in layouts.values():
            conn.execute(raw_ddl(layout))
    files = sorted(drop.glob("*.xlsx")) if drop.is_dir() else []
    manifest = _manifest(drop, tz) if drop.is_dir() else {}
    submissions: list[Submission] = []
    seen: set[str] = set()
    for path in files:
        parsed = parse_file_name(path.name)
        received = _received_at(path, manifest)
        if not parsed or parsed[1] not in layouts:
            message = (f"文件 file {path.name}: 文件名不符合命名规范 <单位编码>_<台账类型>_<期间>.xlsx"
                       f" (types: {', '.join(sorted(layouts))})")
            log.error(message)
            target = drop / REJECTED_DIR
            target.mkdir(exist_ok=True)
            shutil.move(str(path), target / path.name)
            submissions.append(Submission(path.name, "", "", "", as_of, received, "rejected", None, message))
            continue
        sub_code, ledger_type, period = parsed
        layout = layouts[ledger_type]
        seen.add(sub_code)
        due = layout.due_date(period)
        status, days_late = _status(received, due, tz)
        sub = Submission(path.name, sub_code, ledger_type, period, due, received, status, days_late, None)
        try:
            rows = read_ledger(path, layout)
        except LedgerFileError as exc:
            sub.status, sub.message = "rejected", str(exc)
            log.error("台账退回 ledger rejected: %s", exc)
            _reject(path, drop, sub, run_id)
            submissions.append(sub)
            continue
        if status == "late":
            sub.message = f"逾期{days_late}天报送 submitted {days_late} day(s) after the due date {due}"
        sub.rows = len(rows)
        _load_file(path, layout, sub, rows, run_id)
        submissions.append(sub)
    missing = _record_missing(layouts, as_of, _expected_subsidiaries(seen), run_id, tz)
    with connect() as conn:  # planner statistics for tonight's models (as for every promoted raw table)
        for layout in layouts.values():
            conn.execute(sql.SQL("analyze {}").format(sql.Identifier("raw", layout.raw_name)))
    return _result(submissions, missing)


def _record_missing(layouts: dict[str, LedgerLayout], as_of: date, subsidiaries: set[str], run_id: str,
                    tz: ZoneInfo) -> list[Submission]:
    missing = []
    with connect() as conn:
        have = {tuple(r) for r in conn.execute(
            "select subsidiary_code, ledger_type, period from audit_meta.ledger_submissions")}
        for layout in layouts.values():
            for period in layout.periods_due(as_of):
                for sub_code in sorted(subsidiaries):
                    due = layout.due_date(period)
                    if (sub_code, layout.type, period) in have or due >= as_of:  # the due date itself is on time
                        continue
                    sub = Submission("", sub_code, layout.type, period, due, None, "missing", (as_of - due).days,
                                     f"截至{as_of}未报送 not received by {as_of} (due {due})")
                    _record(conn, sub, run_id, None)
                    missing.append(sub)
    return missing


def _result(submissions: list[Submission], missing: list[Submission]) -> dict:
    counts: dict[str, int] = {}
    for s in submissions + missing:
        counts[s.status] = counts.get(s.status, 0) + 1
    warnings = [f"台账退回 rejected: {s.message}" for s in submissions if s.status == "rejected"]
    warnings += [f"台账逾期 late: {s.subsidiary_code} {s.ledger_type} {s.period}（逾期{s.days_late}天）"
                 for s in submissions if s.status == "late"]
    warnings += [f"台账未报送 missing: {s.subsidiary_code} {s.ledger_type} {s.period}" for s in missing]
    return {"system": "ledger", "kind": "ledgers", "counts": counts,
            "files": {s.file_name: {"status": s.status, "rows": s.rows, "message": s.message} for s in submissions},
            "verdict": {"passed": True, "critical": [], "warnings": warnings, "data_docs": None}}
