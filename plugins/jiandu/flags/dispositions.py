"""Auditor dispositions of flags: list, show, update one, import many from a CSV.

The API the `jiandu flags` commands and the web workbench use. Dispositions live in
audit.dispositions (one row per flag, created on its first change; a flag without one is 待核实)
and every field change is appended to audit.disposition_history (immutable: a trigger refuses
UPDATE, DELETE and TRUNCATE). Nothing dbt or the nightly run does writes either table.
All SQL is parameterised; filters only choose among fixed clauses.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import psycopg
from psycopg import Connection
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from jiandu.flags.workflow import (
    FIELDS,
    LABEL_TO_FIELD,
    DispositionError,
    FieldError,
    empty_disposition,
    may_approve_suppression,
    parse_value,
    plan_change,
    to_text,
)
from jiandu.labels import DETECTION_STATES
from jiandu.reports.xlsx_cells import csv_text, strip_csv_guard
from jiandu.settings import get_settings
from jiandu.warehouse import use_or_connect

FLAG_COLUMNS = {  # read-only columns of a listing (CSV export header -> column)
    "flag_id": "疑点编号", "rule_id": "规则编号", "rule_name": "规则名称", "category": "类别", "severity": "风险等级",
    "subsidiary_code": "单位编码", "subsidiary_name": "单位名称", "subject_name": "对象",
    "amount_at_issue": "涉及金额", "amount_context": "参考数", "example_standard": "标准为示例默认值",
    "detection_state": "检出状态", "first_detected_on": "首次发现", "last_detected_on": "最近发现",
    "resolved_on": "源数据消除日期", "version": "版本",
}
_SELECT = """
    select f.flag_id, f.rule_id, f.rule_name, f.category, f.severity, f.owner_department,
           f.subsidiary_code, f.subsidiary_name, f.subject_type, f.subject_id, f.subject_name, f.period,
           f.amount, f.amount_kind, f.amount_at_issue,
           case when f.amount_kind = 'context' then f.amount end as amount_context, f.example_standard,
           f.detection_state, f.first_detected_on, f.last_detected_on, f.resolved_on,
           coalesce(d.status, %(initial)s) as status, d.assignee, d.responsible_unit, d.note,
           d.rectification_due, d.amount_recovered, coalesce(d.evidence_refs, '[]'::jsonb) as evidence_refs,
           coalesce(d.suppressed and (d.suppressed_until is null or d.suppressed_until >= %(today)s), false)
               as suppressed,
           d.suppression_reason, d.suppressed_until, d.suppression_requested_by, d.suppression_approved_by,
           coalesce(d.version, 0) as version, d.updated_by, d.updated_at
    from audit.flagged_items f
    left join audit.dispositions d on d.flag_id = f.flag_id
"""
_FILTERS = {  # filter name -> clause (values always passed as parameters)
    "rule_id": "f.rule_id = %(rule_id)s",
    "subsidiary_code": "f.subsidiary_code = %(subsidiary_code)s",
    "category": "f.category = %(category)s",
    "severity": "f.severity = %(severity)s",
    "detection_state": "f.detection_state = %(detection_state)s",
    "status": "coalesce(d.status, %(initial)s) = %(status)s",
    "assignee": "d.assignee = %(assignee)s",
    "responsible_unit": "d.responsible_unit = %(responsible_unit)s",
}


def today() -> date:
    return datetime.now(ZoneInfo(get_settings().timezone)).date()


def list_flags(*, suppressed: bool | None = False, overdue: bool = False, search: str | None = None,
               limit: int | None = 500, offset: int = 0, conn: Connection | None = None,
               **filters: str) -> list[dict[str, Any]]:
    """Flags with their disposition, highest risk level first, then the most money at issue.

    suppressed=False (default) leaves out suppressed false positives, True lists only them, None both.
    filters: rule_id, subsidiary_code, category, severity, detection_state, status, assignee, responsible_unit.
    """
    unknown = set(filters) - set(_FILTERS)
    if unknown:
        raise ValueError(f"未知筛选条件 unknown filters {sorted(unknown)}; 可用 known: {sorted(_FILTERS)}")
    params: dict[str, Any] = {"initial": empty_disposition()["status"], "today": today(), **filters}
    clauses = [_FILTERS[name] for name, value in filters.items() if value is not None]
    suppressed_sql = ("coalesce(d.suppressed and (d.suppressed_until is null or d.suppressed_until >= %(today)s),"
                      " false)")
    if suppressed is not None:
        clauses.append(f"{suppressed_sql} = %(suppressed)s")
        params["suppressed"] = suppressed
    if overdue:
        clauses.append("d.status = any(%(open_rectification)s) and d.rectification_due < %(today)s")
        params["open_rectification"] = ["确认问题", "整改中"]
    if search:
        clauses.append("(f.subject_name ilike %(search)s or f.flag_id like %(search)s or f.rule_name ilike %(search)s)")
        params["search"] = f"%{search}%"
    sql = _SELECT + (" where " + " and ".join(clauses) if clauses else "")
    sql += (" order by f.severity_rank, f.amount_at_issue desc nulls last, f.flag_id"
            " limit %(limit)s offset %(offset)s")
    params.update(limit=limit, offset=offset)
    with use_or_connect(conn) as c:
        return c.cursor(row_factory=dict_row).execute(sql, params).fetchall()


def show_flag(flag_id: str, conn: Connection | None = None) -> dict[str, Any]:
    """One flag with its evidence, disposition, disposition history and detection history."""
    with use_or_connect(conn) as c:
        cur = c.cursor(row_factory=dict_row)
        row = cur.execute(_SELECT + " where f.flag_id = %(flag_id)s",
                          {"initial": empty_disposition()["status"], "today": today(), "flag_id": flag_id}).fetchone()
        if row is None:
            raise DispositionError(flag_id, [FieldError("flag_id", "疑点不存在")])
        extra = cur.execute("select evidence, source_refs from audit.flagged_items where flag_id = %s",
                            (flag_id,)).fetchone()
        row.update(extra)
        row["history"] = cur.execute(
            "select history_id, changed_at, changed_by, field, old_value, new_value, source"
            " from audit.disposition_history where flag_id = %s order by changed_at, history_id", (flag_id,)).fetchall()
        row["detections"] = cur.execute(
            "select as_of_date, run_id, state, amount from audit.flag_run_results where flag_id = %s"
            " order by as_of_date, recorded_at", (flag_id,)).fetchall()
    return row


def update_flag(flag_id: str, user: str, *, source: str = "api", expected_version: int | None = None,
                at: datetime | None = None, conn: Connection | None = None, may_approve: bool | None = None,
                **changes: Any) -> dict[str, Any]:
    """Apply `changes` (field=value, see workflow.FIELDS) to one flag; returns the new disposition.

    Refused with DispositionError (nothing written) if a value is invalid, a status move is not allowed,
    or expected_version (the version the caller saw) is no longer current. `at` records a change made
    earlier (补录), default now. suppressed=True asks for a suppression, or approves another person's request
    when `may_approve` (None: looked up in workbench.users: an admin or a group-level auditor); see
    workflow.plan_suppression. suppression_request="withdraw" withdraws or rejects a pending request.
    """
    if not user or not user.strip():
        raise DispositionError(flag_id, [FieldError("user", "须注明操作人")])
    if at is not None and (at.tzinfo is None or at > datetime.now(at.tzinfo)):
        raise DispositionError(flag_id, [FieldError("at", "补录时间须带时区且不晚于现在")])
    with use_or_connect(conn) as c:
        return _apply(c, flag_id, user.strip(), changes, source, expected_version, at,
                      _approver(c, user.strip(), may_approve))


# --- CSV import --------------------------------------------------------------------------------------------

@dataclass
class CsvError:
    file: str
    row: int  # line number as a spreadsheet shows it (header is row 1)
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file} 第{self.row}行，列“{self.column}”：{self.message}"


class CsvImportError(ValueError):
    def __init__(self, errors: list[CsvError]):
        self.errors = errors
        super().__init__("导入已拒绝，未写入任何修改：\n" + "\n".join(map(str, errors)))


def bulk_update_from_csv(path: str | Path, user: str, conn: Connection | None = None, *,
                         may_approve: bool | None = None, masked: bool = False) -> int:
    """Apply an auditor-edited CSV (header: 疑点编号 + editable columns, Chinese labels or field names).

    The whole file is checked first (values, known flags, status moves in row order); any error refuses
    the file with every error's file, row and column, and nothing is applied. Empty cells change nothing.
    `masked`: the file was exported with personal data masked, so a text cell that reads as the masked form
    of the stored value is unchanged (it must not overwrite the real value). Returns the number of rows applied.
    """
    path = Path(path)
    rows, errors = _read_csv(path)
    return _import_rows(path.name, rows, errors, user, conn, may_approve, masked, "csv")


def _import_rows(name: str, rows: list[tuple[int, dict]], errors: list[CsvError], user: str,
                 conn: Connection | None, may_approve: bool | None, masked: bool, kind: str) -> int:
    """Check every row of an edited file against the current dispositions, then apply all of them or none."""
    with use_or_connect(conn) as c:
        approver = _approver(c, user, may_approve)
        ids = sorted({r["flag_id"] for _, r in rows if r.get("flag_id")})
        current = _current(c, ids)
        work = {fid: dict(state) for fid, state in current.items()}
        for line, row in rows:
            fid = row.pop("flag_id", None)
            if not fid:
                errors.append(CsvError(name, line, "疑点编号", "缺少疑点编号"))
                continue
            if fid not in work:
                errors.append(CsvError(name, line, "疑点编号", f"疑点不存在：{fid}"))
                continue
            if masked:
                row["changes"] = {k: v for k, v in row["changes"].items() if not _masked_same(k, v, work[fid])}
            try:
                work[fid], _ = plan_change(fid, work[fid], row["changes"], today(), user=user, may_approve=approver)
            except DispositionError as exc:
                errors += [CsvError(name, line, row["headers"].get(e.field, FIELDS[e.field].label
                                    if e.field in FIELDS else e.field), e.message) for e in exc.errors]
            row["flag_id"] = fid
        if errors:
            raise CsvImportError(errors)
        for line, row in rows:
            _apply(c, row["flag_id"], user, row["changes"], f"{kind}:{name}:{line}", None, None, approver)
    return len(rows)


def _masked_same(name: str, value: Any, current: dict[str, Any]) -> bool:
    """Whether an imported text cell is the masked form of the stored value (left as exported)."""
    from jiandu.workbench.masking import mask

    if FIELDS[name].kind not in ("text", "list"):
        return False
    try:
        parsed = parse_value(name, value)
    except ValueError:
        return False
    stored = current.get(name)
    return to_text(name, parsed) == to_text(name, mask(stored)) and to_text(name, parsed) != to_text(name, stored)


def _approver(conn: Connection, user: str, may_approve: bool | None):
    """A callable answering whether `user` may approve a suppression (looked up only when asked)."""
    if may_approve is not None:
        return lambda: may_approve

    def lookup() -> bool:
        try:
            with conn.transaction():  # a savepoint: the caller's transaction survives a refused read
                row = conn.execute("select role, scope from workbench.users where username = %s and active",
                                   (user,)).fetchone()
        except psycopg.Error:
            return False
        return row is not None and may_approve_suppression(row[0], row[1] == "*")

    return lookup


def export_csv(flags: list[dict[str, Any]]) -> str:
    """A listing as CSV an auditor can edit in Excel and import back (UTF-8 with BOM)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(list(FLAG_COLUMNS.values()) + [f.label for f in FIELDS.values()])
    for flag in flags:
        values = [flag.get(c) for c in FLAG_COLUMNS]
        values[list(FLAG_COLUMNS).index("example_standard")] = "是" if flag.get("example_standard") else "否"
        state = list(FLAG_COLUMNS).index("detection_state")
        values[state] = DETECTION_STATES.get(values[state], values[state])
        for name, fld in FIELDS.items():
            value = flag.get(name)
            if fld.kind == "list":
                values.append("; ".join(value or []))
            elif fld.kind == "bool":
                values.append("是" if value else "否")
            else:
                values.append(value)
        writer.writerow(["" if v is None else csv_text(v) for v in values])  # text Excel will not evaluate
    return out.getvalue()


# --- internals ---------------------------------------------------------------------------------------------

def _plausible_id(flag_id: str) -> bool:
    """A value that could be a flag id (anything else cannot exist, and a NUL byte cannot even be sent)."""
    return isinstance(flag_id, str) and 0 < len(flag_id) <= 64 and all(ch >= " " for ch in flag_id)


def _current(conn: Connection, flag_ids: list[str], lock: bool = False) -> dict[str, dict[str, Any]]:
    """Current disposition of each existing flag (defaults for flags without one)."""
    flag_ids = [f for f in flag_ids if _plausible_id(f)]
    known = [r[0] for r in conn.execute("select flag_id from audit.flagged_items where flag_id = any(%s)",
                                        (flag_ids,))]
    states = {fid: empty_disposition() | {"version": 0} for fid in known}
    cur = conn.cursor(row_factory=dict_row)
    sql = "select flag_id, version, " + ", ".join(FIELDS) + " from audit.dispositions where flag_id = any(%s)"
    for row in cur.execute(sql + (" for update" if lock else ""), (known,)):
        states[row.pop("flag_id")] = row
    return states


def _apply(conn: Connection, flag_id: str, user: str, changes: dict[str, Any], source: str,
           expected_version: int | None, at: datetime | None, approver=None) -> dict[str, Any]:
    if not _plausible_id(flag_id):
        raise DispositionError(flag_id[:64], [FieldError("flag_id", "疑点不存在")])
    conn.execute("insert into audit.dispositions (flag_id) select flag_id from audit.flagged_items"
                 " where flag_id = %s on conflict (flag_id) do nothing", (flag_id,))
    current = _current(conn, [flag_id], lock=True).get(flag_id)
    if current is None:
        raise DispositionError(flag_id, [FieldError("flag_id", "疑点不存在")])
    version = current.pop("version")
    if expected_version is not None and expected_version != version:
        raise DispositionError(flag_id, [FieldError(
            "version", f"该疑点已被他人修改（当前版本 {version}，您看到的是版本 {expected_version}），请刷新后重试")])
    new, diffs = plan_change(flag_id, current, changes, (at.date() if at else today()), user=user,
                             may_approve=approver)
    if diffs:
        assignments = ", ".join(f"{name} = %({name})s" for name, _, _ in diffs)
        params = {name: (Jsonb(new[name]) if FIELDS[name].kind == "list" else new[name]) for name, _, _ in diffs}
        conn.execute(
            f"update audit.dispositions set {assignments}, version = version + 1, updated_by = %(user)s,"
            " updated_at = coalesce(%(at)s, now()) where flag_id = %(flag_id)s",
            {**params, "user": user, "at": at, "flag_id": flag_id})
        with conn.cursor() as cur:
            cur.executemany(
                "insert into audit.disposition_history (flag_id, changed_at, changed_by, field, old_value,"
                " new_value, source) values (%s, coalesce(%s, now()), %s, %s, %s, %s, %s)",
                [(flag_id, at, user, name, to_text(name, old), to_text(name, value), source)
                 for name, old, value in diffs])
        version += 1
    return new | {"version": version, "flag_id": flag_id}


def _read_csv(path: Path) -> tuple[list[tuple[int, dict]], list[CsvError]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="strict")  # Excel on Chinese Windows saves CSV as GBK
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        return [], [CsvError(path.name, 1, "", "文件为空")]
    lines = ((line, [strip_csv_guard(v) for v in values]) for line, values in enumerate(reader, start=2))
    return _read_table(path.name, 1, header, lines)


def _read_table(name: str, header_line: int, header: list[str], lines, readonly_labels: frozenset[str] = frozenset()
                ) -> tuple[list[tuple[int, dict]], list[CsvError]]:
    """Rows of an edited table (header: 疑点编号 + editable columns by Chinese label or field name)."""
    errors: list[CsvError] = []
    columns: list[str | None] = []  # field per column; None = read-only column, ignored
    id_labels = {"flag_id", FLAG_COLUMNS["flag_id"]}
    readonly = set(FLAG_COLUMNS) | set(FLAG_COLUMNS.values()) | readonly_labels
    header = [header_label(h) for h in header]
    for label in header:
        if label in id_labels:
            columns.append("flag_id")
        elif (label in FIELDS or label in LABEL_TO_FIELD) and FIELDS[LABEL_TO_FIELD.get(label, label)].editable:
            columns.append(LABEL_TO_FIELD.get(label, label))
        elif label in FIELDS or label in LABEL_TO_FIELD or label in readonly or not label:
            columns.append(None)  # read-only, or recorded by jiandu (who asked for / approved a suppression)
        else:
            columns.append(None)
            errors.append(CsvError(name, header_line, label, "未知列；可改列："
                                   + "、".join(f.label for f in FIELDS.values() if f.editable)))
    if "flag_id" not in columns:
        errors.append(CsvError(name, header_line, "疑点编号", "缺少“疑点编号”列"))
    rows = []
    for line, values in lines:
        if not any(v.strip() for v in values):
            continue
        row: dict[str, Any] = {"changes": {}, "headers": {}}
        for column, header_name, value in zip(columns, header, values, strict=False):
            if column == "flag_id":
                row["flag_id"] = value.strip()
            elif column and value.strip():
                try:
                    row["changes"][column] = parse_value(column, value)
                except ValueError as exc:
                    errors.append(CsvError(name, line, header_name, str(exc)))
                row["headers"][column] = header_name
        rows.append((line, row))
    return rows, errors


def header_label(header: Any) -> str:
    """A column header without its unit or time-zone note: 清退挽回金额（元） -> 清退挽回金额."""
    text = "" if header is None else str(header).strip()
    for suffix in ("（元）", "(元)", "（北京时间）"):
        text = text.removesuffix(suffix)
    return text


# --- Excel import ------------------------------------------------------------------------------------------

def bulk_update_from_xlsx(path: str | Path, user: str, conn: Connection | None = None, *,
                          may_approve: bool | None = None, masked: bool = False,
                          readonly_labels: frozenset[str] = frozenset()) -> int:
    """Apply an edited Excel export of the flag list (the workbench's 导出 Excel), like a CSV: the first sheet's
    header row is the one starting with 疑点编号; `readonly_labels` are the export's other columns (ignored).
    Rows are named by their Excel row number."""
    from openpyxl import load_workbook

    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not a workbook
        raise CsvImportError([CsvError(path.name, 1, "", f"无法读取 Excel 文件：{exc}")]) from None
    ws = wb.worksheets[0]
    table = [(i, ["" if v is None else _xlsx_text(v) for v in values])
             for i, values in enumerate(ws.iter_rows(values_only=True), start=1)]
    wb.close()
    header_at = next((i for i, values in table[:20] if values and header_label(values[0]) in ("疑点编号", "flag_id")), None)
    if header_at is None:
        raise CsvImportError([CsvError(path.name, 1, "疑点编号", "找不到以“疑点编号”开头的表头行")])
    header = table[header_at - 1][1]
    rows, errors = _read_table(path.name, header_at, header, table[header_at:], readonly_labels)
    return _import_rows(path.name, rows, errors, user, conn, may_approve, masked, "xlsx")


def _xlsx_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
