"""The group's imported standards in the warehouse (standards_admin, migration 0004_group_standards): the
import itself (all sheets in one transaction, or nothing), and what `list`, `show` and the workbench read."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import psycopg
from psycopg.rows import dict_row

from jiandu.standards.specs import Standard, standards
from jiandu.standards.validation import Existing, References, RowError, local, read_sheets, validate

__all__ = ["ImportRejected", "ImportResult", "group_rows", "history", "import_file", "local", "overview"]

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


@dataclass(frozen=True)
class Overview:
    standard: Standard
    versions: list[Version]
    last_import: dict | None

    @property
    def origin(self) -> str:
        return IMPORTED if any(v.origin == IMPORTED and v.in_force for v in self.versions) else SHIPPED


def _group_rows(conn: psycopg.Connection | None) -> list[dict]:
    if conn is None or not _has(conn, "standards_admin.group_rows_current"):
        return []
    return conn.cursor(row_factory=dict_row).execute(
        "select * from standards_admin.group_rows_current order by standard, effective_from").fetchall()


def history(conn: psycopg.Connection | None, standard: str | None = None, limit: int = 200) -> list[dict]:
    """The import history, newest first (one row per sheet imported)."""
    if conn is None or not _has(conn, "standards_admin.import_history"):
        return []
    return conn.cursor(row_factory=dict_row).execute(
        "select * from standards_admin.import_history where %s::text is null or standard = %s"
        " order by imported_at desc, history_id desc limit %s", (standard, standard, limit)).fetchall()


def _versions(s: Standard, group: list[dict], today: date) -> list[Version]:
    """Versions as the night leaves them: shipped rows replaced or ended by group rows of the same key (the rules
    of macros/apply_group_standards.sql), then the group's own."""
    mine = [g for g in group if g["standard"] == s.name]
    by_key: dict[tuple, list[dict]] = {}
    for g in mine:
        by_key.setdefault(tuple(g["key_values"].get(k) for k in s.key), []).append(g)
    shipped: dict[date, list[date | None]] = {}
    for row in s.shipped_rows():
        key = tuple(row[k] or None for k in s.key)
        start = date.fromisoformat(row["effective_from"])
        end = date.fromisoformat(row["effective_to"]) if row.get("effective_to") else None
        groups = by_key.get(key, [])
        if any(g["effective_from"] <= start <= (g["effective_to"] or date.max) for g in groups):
            continue  # replaced
        later = [g["effective_from"] for g in groups if g["effective_from"] > start]
        if later and (end is None or end >= min(later)):
            end = min(later).fromordinal(min(later).toordinal() - 1)
        shipped.setdefault(start, []).append(end)
    versions = [Version(SHIPPED, start, None if None in ends else max(ends), len(ends),
                        any(start <= today <= (e or date.max) for e in ends))
                for start, ends in sorted(shipped.items())]
    imported: dict[tuple, list[dict]] = {}
    for g in mine:
        imported.setdefault((g["effective_from"], g["history_id"]), []).append(g)
    for (start, _), rows in sorted(imported.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        ends = [r["effective_to"] for r in rows]
        versions.append(Version(IMPORTED, start, None if None in ends else max(ends), len(rows),
                                any(start <= today <= (e or date.max) for e in ends), rows[0]["imported_by"],
                                rows[0]["imported_at"], rows[0]["file_name"]))
    return sorted(versions, key=lambda v: (v.effective_from, v.origin != SHIPPED))


def overview(conn: psycopg.Connection | None, today: date | None = None) -> list[Overview]:
    """Every importable standard with its versions and last import; conn None: shipped defaults only."""
    group = _group_rows(conn)
    last: dict[str, dict] = {}
    for h in reversed(history(conn, limit=100000)):
        last[h["standard"]] = h
    today = today or date.today()
    return [Overview(s, _versions(s, group, today), last.get(s.name)) for s in standards().values()]


def group_rows(conn: psycopg.Connection, standard: str) -> list[dict]:
    return [g for g in _group_rows(conn) if g["standard"] == standard]
