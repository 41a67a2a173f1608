"""The group's imported standards in the warehouse (standards_admin, migrations 0004_group_standards and
0005_group_standards_applied): the import itself (all sheets in one transaction, or nothing), its withdrawal, and
what `list`, `show` and the workbench read. Which rows apply is not decided here: standards_admin.applied_rows
decides it, for the night's seed post-hook and for these readers alike."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import psycopg
from psycopg.rows import dict_row

from jiandu.standards.specs import Standard, standards
from jiandu.standards.validation import (
    Existing,
    References,
    RowError,
    SheetRows,
    local,
    read_sheets,
    validate,
)

__all__ = ["ImportRejected", "ImportResult", "StaleImport", "WithdrawRefused", "applied_rows", "group_rows", "history",
           "import_file", "local", "overview", "stale_import_lines", "withdraw"]

SHIPPED = "示例默认值"
IMPORTED = "集团导入"


@dataclass(frozen=True)
class ImportResult:
    import_id: str
    counts: dict[str, int]  # seed -> rows imported


class ImportRejected(Exception):
    """The file has errors: nothing was imported. `errors` lists every one (sheet, row, column)."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} 处错误，整个文件未导入")
        self.errors = errors


def _has(conn: psycopg.Connection, relation: str) -> bool:
    return conn.execute("select to_regclass(%s) is not null", (relation,)).fetchone()[0]


def _require_schema(conn: psycopg.Connection) -> None:
    if not _has(conn, "standards_admin.group_rows_current"):
        raise RuntimeError("仓库中没有集团标准表（standards_admin）：请先完成一次夜间运行（jiandu run，会创建该表）")


def existing_rows(conn: psycopg.Connection) -> list[Existing]:
    specs = standards()
    out = []
    for r in conn.cursor(row_factory=dict_row).execute(
            "select standard, key_values, effective_from, effective_to, imported_by, imported_at, file_name,"
            " excel_row from standards_admin.group_rows_current"):
        spec = specs.get(r["standard"])
        if spec is None:
            continue
        out.append(Existing(r["standard"], tuple(r["key_values"].get(k) for k in spec.key), r["effective_from"],
                            r["effective_to"], r["imported_by"], r["imported_at"], r["file_name"], r["excel_row"]))
    return out


def references(conn: psycopg.Connection) -> References:
    subsidiaries = None
    if _has(conn, "staging.stg_nc_erp__org"):
        subsidiaries = {r[0] for r in conn.execute("select subsidiary_code from staging.stg_nc_erp__org")}
    ranks = {r[0] for r in conn.execute(
        "select row_values ->> 'rank_name' from standards_admin.group_rows_current"
        " where standard = 'map_hr_rank_travel_tier'")}
    refs = References.shipped(subsidiaries, ranks)
    for spec in standards().values():  # values the group imported into a standard others refer to
        for c in spec.columns:
            if c.relationship:
                seed, name = c.relationship
                refs.related_values(seed, name).update(r[0] for r in conn.execute(
                    "select row_values ->> %s from standards_admin.group_rows_current where standard = %s"
                    " and row_values ->> %s is not null", (name, seed, name)))
    return refs


def check_expressions(conn: psycopg.Connection, checked) -> list[RowError]:
    """The seeds' row-level tests (`expression_is_true`, e.g. a peak-season cap above the normal cap), run on the
    checked rows in a temporary table typed like the seed, so a row the night's `dbt build` would fail on is
    refused here, naming its sheet and row."""
    errors: list[RowError] = []
    for sheet, rows in checked:
        s: Standard = sheet.standard
        if not rows or not s.checks:
            continue
        with conn.transaction(force_rollback=True):
            columns = ", ".join(f'"{c.name}" {c.type}' for c in s.columns)
            conn.execute(f"create temporary table group_standard_check (excel_row integer, {columns}) on commit drop")
            names = ", ".join(f'"{c.name}"' for c in s.columns)
            marks = ", ".join(["%s"] * len(s.columns))
            for number, row in rows:
                conn.execute(f"insert into group_standard_check (excel_row, {names}) values (%s, {marks})",
                             (number, *(row.get(c.name) for c in s.columns)))
            for name, expression in s.checks:
                failing = conn.execute(f"select excel_row from group_standard_check where not coalesce(({expression}),"
                                       " false) order by excel_row").fetchall()
                involved = "、".join(f"「{c.label}」" for c in s.columns if re.search(rf"\b{c.name}\b", expression))
                for (number,) in failing:
                    errors.append(RowError(sheet.sheet, number, "", "",
                                           f"{involved}不符合校验 {name}（{expression}）"))
    return errors


def import_file(conn: psycopg.Connection, path: Path, user: str) -> ImportResult:
    """Validate every row of `path` and store them all, or raise ImportRejected and store nothing."""
    if not user.strip():
        raise ImportRejected([RowError("", 0, "", "", "须填写导入人（--user）")])
    _require_schema(conn)
    sheets, errors = read_sheets(path)
    checked, more = validate(sheets, references(conn), existing_rows(conn))
    errors += more
    if not errors:
        errors = check_expressions(conn, checked)
    if errors:
        raise ImportRejected(errors)
    data = path.read_bytes()
    checksum = hashlib.sha256(data).hexdigest()
    import_id = uuid.uuid4().hex
    default_source = f"{IMPORTED}：{path.name}（{user}，{date.today().isoformat()}）"
    counts: dict[str, int] = {}
    with conn.transaction():
        for sheet, rows in checked:
            if not rows:
                continue
            s = sheet.standard
            history_id = conn.execute(
                "insert into standards_admin.import_history (import_id, imported_by, file_name, checksum, sheet,"
                " standard, row_count) values (%s, %s, %s, %s, %s, %s, %s) returning history_id",
                (import_id, user, path.name, checksum, sheet.sheet, s.name, len(rows))).fetchone()[0]
            for number, row in rows:
                values = {c.name: row.get(c.name) for c in s.columns}
                if "source" in values and not values["source"]:
                    values["source"] = default_source
                conn.execute(
                    "insert into standards_admin.group_rows (history_id, standard, excel_row, key_values,"
                    " effective_from, effective_to, row_values) values (%s, %s, %s, %s, %s, %s, %s)",
                    (history_id, s.name, number, json.dumps({k: values[k] for k in s.key}, ensure_ascii=False),
                     values["effective_from"], values.get("effective_to"),
                     json.dumps(values, ensure_ascii=False)))
            counts[s.name] = len(rows)
    return ImportResult(import_id, counts)


class WithdrawRefused(Exception):
    """The withdrawal cannot be recorded (unknown import, already withdrawn, no user or reason): the message says
    why, in Chinese."""


def withdraw(conn: psycopg.Connection, import_id: str, user: str, reason: str) -> list[dict]:
    """Withdraw (撤回) the import `import_id`: a withdrawal record (who, when, why) is appended; the import's rows
    stay but no longer apply (the previous version applies again from the next night). Returns the import's
    history rows (one per sheet)."""
    if not user.strip():
        raise WithdrawRefused("须填写撤回人（--user）")
    if not reason.strip():
        raise WithdrawRefused("须填写撤回原因（--reason）")
    _require_schema(conn)
    with conn.transaction():
        conn.execute("lock table standards_admin.withdrawals in share row exclusive mode")
        sheets = [h for h in history(conn, limit=100000) if h["import_id"] == import_id.strip()]
        if not sheets:
            raise WithdrawRefused(f"没有导入批次「{import_id}」：请用 jiandu standards show 标准 查看导入批次号")
        done = sheets[0]
        if done["withdrawn_at"] is not None:
            raise WithdrawRefused(f"导入批次 {done['import_id']}（{done['file_name']}）已于 {local(done['withdrawn_at'])}"
                                  f" 由 {done['withdrawn_by']} 撤回（原因：{done['withdrawal_reason']}），不能再次撤回")
        before = set(_in_force_errors(conn))
        conn.execute("insert into standards_admin.withdrawals (import_id, withdrawn_by, reason) values (%s, %s, %s)",
                     (done["import_id"], user.strip(), reason.strip()))
        broken = [e for e in _in_force_errors(conn) if e not in before] + _overlaps(conn)
        if broken:  # leaving the transaction by this exception rolls the withdrawal back
            raise WithdrawRefused(
                f"撤回导入批次 {done['import_id']}（{done['file_name']}）后，仍适用的集团标准将有 {len(broken)} 处错误，"
                "夜间运行会因此失败，未撤回：\n" + "\n".join(f"  {e}" for e in broken)
                + "\n请先撤回或更正依赖它的导入，再撤回本批次")
    return [h for h in history(conn, limit=100000) if h["import_id"] == done["import_id"]]


def _in_force_errors(conn: psycopg.Connection) -> list[str]:
    """The import's checks (types, allowed values, references to cities, ranks, subsidiaries and other standards)
    run again on every group row in force, one sheet per import: what a withdrawal must not break (a keyword an
    exclusion imported later refers to, a rank an allowance refers to)."""
    rows = _group_rows(conn)
    if not rows:
        return []
    specs = standards()
    sheets: dict[str, SheetRows] = {}  # by history_id: one sheet of one import
    where: dict[str, str] = {}
    for g in rows:
        spec = specs.get(g["standard"])
        if spec is None:
            continue
        sheet = sheets.setdefault(str(g["history_id"]), SheetRows(spec, str(g["history_id"])))
        where[sheet.sheet] = f"工作表「{g['sheet']}」（{g['file_name']}，导入批次 {g['import_id']}）"
        sheet.rows.append((g["excel_row"], dict(g["row_values"])))
    _, errors = validate(list(sheets.values()), references(conn), [])
    return [f"{where[e.sheet]}第{e.row}行" + (f"「{e.column}」列（{e.field}）" if e.column else "") + f"：{e.message}"
            for e in errors if e.sheet in where]


def _overlaps(conn: psycopg.Connection) -> list[str]:
    """Versions of one key in force at once among the group rows in force (a withdrawal bringing back an earlier
    open-ended version a later import had closed)."""
    specs = standards()
    out = []
    for r in conn.cursor(row_factory=dict_row).execute(
            "select a.standard, a.key_values, a.effective_from as a_from, a.effective_to as a_to,"
            " a.file_name as a_file, a.import_id as a_import, b.effective_from as b_from, b.effective_to as b_to,"
            " b.file_name as b_file, b.import_id as b_import"
            " from standards_admin.group_rows_current as a join standards_admin.group_rows_current as b"
            " on a.standard = b.standard and a.key_values = b.key_values and a.effective_from < b.effective_from"
            " where a.effective_to is null or a.effective_to >= b.effective_from"
            " order by a.standard, a.effective_from, b.effective_from"):
        spec = specs.get(r["standard"])
        title = spec.title if spec else r["standard"]
        names = spec.key if spec else tuple(r["key_values"])
        key = "，".join(f"{spec.column(k).label if spec else k}={r['key_values'][k]}" for k in names
                       if r["key_values"].get(k) is not None)
        out.append(f"「{title}」（{key}）的两个版本重叠：{r['a_from']}{_until(r['a_to'])}（{r['a_file']}，导入批次"
                   f" {r['a_import']}）与 {r['b_from']}{_until(r['b_to'])}（{r['b_file']}，导入批次 {r['b_import']}）")
    return out


def _until(d: date | None) -> str:
    return f"至 {d.isoformat()}" if d else "起长期有效"


@dataclass(frozen=True)
class Version:
    """One version of a standard: the rows sharing an effective date, shipped or imported."""
    origin: str  # 示例默认值 | 集团导入
    effective_from: date
    effective_to: date | None  # the latest end among its rows (None = open)
    rows: int
    in_force: bool  # some row of it applies today (after the night applies the group's rows)
    imported_by: str = ""
    imported_at: datetime | None = None
    file_name: str = ""
    import_id: str = ""


@dataclass(frozen=True)
class StaleImport:
    """An import the night skips: its columns are not the seed's any more (standards_admin.stale_imports)."""
    standard: Standard
    import_id: str
    file_name: str
    missing: list[str]  # the seed's columns the import lacks
    unexpected: list[str]  # the import's columns the seed lacks

    def __str__(self) -> str:
        return (f"！集团标准未应用 import skipped  {self.standard.title}（{self.standard.name}）导入批次 {self.import_id}"
                f"（{self.file_name}）：导入时的列与现行种子表不一致（缺少：{'、'.join(self.missing) or '无'}；"
                f"多出：{'、'.join(self.unexpected) or '无'}），本次沿用示例默认值；请按新模板重新导入")


@dataclass(frozen=True)
class Overview:
    standard: Standard
    versions: list[Version]
    last_import: dict | None
    stale: list[StaleImport] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return IMPORTED if any(v.origin == IMPORTED and v.in_force for v in self.versions) else SHIPPED


def _group_rows(conn: psycopg.Connection | None) -> list[dict]:
    if conn is None or not _has(conn, "standards_admin.group_rows_current"):
        return []
    return conn.cursor(row_factory=dict_row).execute(
        "select * from standards_admin.group_rows_current order by standard, effective_from").fetchall()


def history(conn: psycopg.Connection | None, standard: str | None = None, limit: int = 200) -> list[dict]:
    """The import history, newest first (one row per sheet imported), with its withdrawal if any
    (withdrawn_at, withdrawn_by, withdrawal_reason; None when in force)."""
    if conn is None or not _has(conn, "standards_admin.import_history"):
        return []
    return conn.cursor(row_factory=dict_row).execute(
        "select h.*, w.withdrawn_at, w.withdrawn_by, w.reason as withdrawal_reason"
        " from standards_admin.import_history as h left join standards_admin.withdrawals as w using (import_id)"
        " where %s::text is null or h.standard = %s"
        " order by h.imported_at desc, h.history_id desc limit %s", (standard, standard, limit)).fetchall()


def _columns(s: Standard) -> list[str]:
    return [c.name for c in s.columns]


def applied_rows(conn: psycopg.Connection, s: Standard) -> list[dict]:
    """The rows of `s` the night leaves in its seed: standards_admin.applied_rows over the shipped CSV rows, typed
    as the seed types them (the one definition the night's post-hook uses too). Each row: origin, history_id,
    import_id, effective_from, effective_to, row_values (jsonb as the seed table's to_jsonb gives it)."""
    shipped = [{k: (v if v != "" else None) for k, v in row.items()} for row in s.shipped_rows()]
    types = ", ".join(f'"{c.name}" {c.type}' for c in s.columns)
    return conn.cursor(row_factory=dict_row).execute(
        "select a.* from standards_admin.applied_rows(%s,"
        f" (select jsonb_agg(to_jsonb(t)) from jsonb_to_recordset(%s::jsonb) as t({types})), %s) as a"
        " order by a.effective_from, a.origin, a.history_id",
        (s.name, json.dumps(shipped, ensure_ascii=False), _columns(s))).fetchall()


def stale_imports(conn: psycopg.Connection | None, s: Standard) -> list[StaleImport]:
    """Imports of `s` the night skips because their columns are not the seed's (a later release changed them)."""
    if conn is None or not _has(conn, "standards_admin.group_rows_current"):
        return []
    return [StaleImport(s, r[0], r[1], list(r[2]), list(r[3])) for r in conn.execute(
        "select import_id, file_name, missing, unexpected from standards_admin.stale_imports(%s, %s)",
        (s.name, _columns(s)))]


def stale_import_lines(conn: psycopg.Connection) -> list[str]:
    """The run summary's warnings: every import the night skipped, naming the standard and the import id."""
    return [str(x) for s in standards().values() for x in stale_imports(conn, s)]


def _versions(s: Standard, applied: list[dict], group: list[dict], today: date) -> list[Version]:
    """Versions as the night leaves them (`applied`: rows of applied_rows): shipped rows by effective date, then
    the group's own by effective date and import."""
    shipped: dict[date, list[date | None]] = {}
    imported: dict[tuple[date, int], list[dict]] = {}
    for r in applied:
        if r["origin"] == SHIPPED:
            shipped.setdefault(r["effective_from"], []).append(r["effective_to"])
        else:
            imported.setdefault((r["effective_from"], r["history_id"]), []).append(r)
    versions = [Version(SHIPPED, start, None if None in ends else max(ends), len(ends),
                        any(start <= today <= (e or date.max) for e in ends))
                for start, ends in sorted(shipped.items())]
    about = {g["history_id"]: g for g in group}
    for (start, history_id), rows in sorted(imported.items()):
        ends = [r["effective_to"] for r in rows]
        g = about[history_id]
        versions.append(Version(IMPORTED, start, None if None in ends else max(ends), len(rows),
                                any(start <= today <= (e or date.max) for e in ends), g["imported_by"],
                                g["imported_at"], g["file_name"], g["import_id"]))
    return sorted(versions, key=lambda v: (v.effective_from, v.origin != SHIPPED))


def _shipped_only(s: Standard) -> list[dict]:
    """Without a warehouse: the shipped rows as they are (no group row to apply)."""
    return [{"origin": SHIPPED, "history_id": None, "effective_from": date.fromisoformat(r["effective_from"]),
             "effective_to": date.fromisoformat(r["effective_to"]) if r.get("effective_to") else None}
            for r in s.shipped_rows()]


def overview(conn: psycopg.Connection | None, today: date | None = None) -> list[Overview]:
    """Every importable standard with its versions and last import; conn None: shipped defaults only."""
    group = _group_rows(conn)
    last: dict[str, dict] = {}
    for h in reversed(history(conn, limit=100000)):
        last[h["standard"]] = h
    today = today or date.today()
    ready = conn is not None and _has(conn, "standards_admin.group_rows_current")
    return [Overview(s, _versions(s, applied_rows(conn, s) if ready else _shipped_only(s),
                                  [g for g in group if g["standard"] == s.name], today),
                     last.get(s.name), stale_imports(conn, s) if ready else [])
            for s in standards().values()]


def group_rows(conn: psycopg.Connection, standard: str) -> list[dict]:
    return [g for g in _group_rows(conn) if g["standard"] == standard]
