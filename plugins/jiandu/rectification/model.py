"""Problems (问题清单), measures (任务清单), responsibilities (责任清单), outcomes and 督办: the one API the
`jiandu rectify` commands, the workbench and the demo seeding use.

Every change updates the row in rectification.<table> and appends the row's whole state to
rectification.history (append-only: a trigger refuses UPDATE, DELETE and TRUNCATE), in one transaction.
Nothing is ever deleted: a wrong responsibility or outcome is voided (作废), which is itself a change.
A problem's flags follow it through the disposition workflow (jiandu.flags.dispositions.update_flag, source
`rectification:<problem>`): 整改中 once it has measures, 已整改销号 when it is closed out.

Roles (the workbench's): viewer reads; auditor records within its scope; approving a measure and closing a
problem out (销号) is for an admin or a group-level auditor (the inspection office), and never by the person
who completed the measure. Scope is enforced by row-level security when the caller passes the workbench's
scoped connection; the CLI runs as the warehouse owner, like `jiandu flags`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from psycopg import Connection
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from jiandu.flags.dispositions import update_flag
from jiandu.flags.workflow import DispositionError
from jiandu.rectification.vocabulary import vocabulary
from jiandu.settings import get_settings
from jiandu.warehouse import use_or_connect

NO_MEASURES, RECTIFYING, CLOSED = "待制定措施", "整改中", "已销号"
PROBLEM_STATUSES = (NO_MEASURES, RECTIFYING, CLOSED)
IN_PROGRESS, AWAITING_APPROVAL, DONE = "进行中", "待审核", "已完成"
MEASURE_STATUSES = (IN_PROGRESS, AWAITING_APPROVAL, DONE)
CONFIRMED_FLAG_STATUSES = ("确认问题", "整改中", "已整改销号")  # flags that may become (part of) a problem
TABLES = {  # entity -> (table, key)
    "problem": ("problems", "problem_id"),
    "measure": ("measures", "measure_id"),
    "responsibility": ("responsibilities", "responsibility_id"),
    "outcome": ("outcomes", "outcome_id"),
}
ENTITY_LABELS = {"problem": "问题", "measure": "整改措施", "responsibility": "责任", "outcome": "整改成效",
                 "flag_link": "关联疑点", "escalation": "督办"}
LABELS = {  # field -> Chinese label (errors, history, exports)
    "problem_id": "问题编号", "subsidiary_code": "单位编码", "subsidiary_name": "单位名称", "title": "问题概述",
    "description": "问题描述", "source": "问题来源", "source_doc": "来源文号", "category": "问题类别",
    "identified_on": "发现日期", "due_on": "整改时限", "status": "状态", "closed_on": "销号日期",
    "closed_by": "销号人", "close_note": "销号说明", "amount_involved": "涉及金额", "flag_ids": "疑点编号",
    "measure_id": "措施编号", "content": "整改措施", "responsible_unit": "责任单位", "responsible_person": "责任人",
    "deadline": "完成时限", "completed_on": "完成日期", "completed_by": "完成填报人", "completion_note": "完成情况",
    "evidence_refs": "佐证材料", "approved_on": "审核日期", "approved_by": "审核人",
    "responsibility_id": "责任编号", "responsibility_type": "责任类型", "responsible_leader": "责任领导",
    "responsible_department": "责任部门", "note": "说明", "voided": "已作废", "outcome_id": "成效编号",
    "kind": "类型", "people": "人数", "rules": "制度项数", "amount": "金额（元）", "detail": "具体情况",
    "recorded_on": "登记日期", "user": "操作人", "at": "补录时间", "version": "版本", "reason": "原因",
}


@dataclass(frozen=True)
class Actor:
    """Who makes a change, with the workbench role and whether the scope is the whole group."""

    username: str
    role: str = "admin"
    group_level: bool = True
    subsidiaries: tuple[str, ...] = ()  # a subsidiary-level user's codes

    def in_scope(self, code: str | None) -> bool:
        return self.group_level or code in self.subsidiaries

    @property
    def can_write(self) -> bool:
        return self.role in ("admin", "auditor")

    @property
    def can_approve(self) -> bool:
        return self.role == "admin" or (self.role == "auditor" and self.group_level)


class RectificationError(ValueError):
    """A refused change; `errors` is a list of (field, message). Nothing was written."""

    def __init__(self, errors: list[tuple[str, str]]):
        self.errors = errors
        super().__init__("；".join(f"{LABELS.get(f, f)} {f}: {m}" for f, m in errors))


def refuse(field: str, message: str) -> RectificationError:
    return RectificationError([(field, message)])


def today() -> date:
    return datetime.now(ZoneInfo(get_settings().timezone)).date()


def _local_date(at: datetime | None) -> date:
    return at.astimezone(ZoneInfo(get_settings().timezone)).date() if at else today()


# --- values --------------------------------------------------------------------------------------------------

def _text(field: str, value: Any, errors: list, required: bool = False, limit: int = 2000) -> str | None:
    text = (str(value).strip() if value is not None else "") or None
    if required and not text:
        errors.append((field, "不能为空 is required"))
    if text and len(text) > limit:
        errors.append((field, f"不能超过 {limit} 字 too long"))
    return text


def _date(field: str, value: Any, errors: list, required: bool = False) -> date | None:
    if value is None or value == "":
        if required:
            errors.append((field, "不能为空，格式 YYYY-MM-DD is required"))
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        errors.append((field, f"日期格式应为 YYYY-MM-DD，收到 {value!r}"))
        return None


def _count(field: str, value: Any, errors: list) -> int | None:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        errors.append((field, f"应为正整数，收到 {value!r}"))
        return None
    if n <= 0:
        errors.append((field, f"应为正整数，收到 {value!r}"))
    return n


def _amount(field: str, value: Any, errors: list) -> Decimal | None:
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        errors.append((field, f"金额应为数字（元），收到 {value!r}"))
        return None
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        errors.append((field, f"金额应为大于 0、最多两位小数的数字（元），收到 {value!r}"))
        return None
    return amount.quantize(Decimal("0.01"))


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else str(value).replace("；", ";").split(";")
    return [str(i).strip() for i in items if str(i).strip()]


def _check(errors: list) -> None:
    if errors:
        raise RectificationError(errors)


def _check_actor(actor: Actor, at: datetime | None, approve: bool = False) -> None:
    if not actor.username or not actor.username.strip():
        raise refuse("user", "须注明操作人 the user making the change is required")
    if not actor.can_write:
        raise refuse("user", "只读用户不能修改整改台账 a viewer cannot change anything")
    if approve and not actor.can_approve:
        raise refuse("user", "审核措施与问题销号须由集团巡察整改办公室（集团级审计人员或管理员）办理"
                             " approval and close-out need a group-level auditor or an admin")
    if at is not None and (at.tzinfo is None or at > datetime.now(at.tzinfo)):
        raise refuse("at", "补录时间须带时区且不晚于现在 `at` must be timezone-aware and not in the future")


# --- rows and history --------------------------------------------------------------------------------------------

_dumps = partial(json.dumps, ensure_ascii=False, default=str)


def _get(c: Connection, entity: str, key: str, lock: bool = True) -> dict[str, Any]:
    table, column = TABLES[entity]
    row = c.cursor(row_factory=dict_row).execute(
        f"select * from rectification.{table} where {column} = %s" + (" for update" if lock else ""),
        (key,)).fetchone()
    if row is None:
        raise refuse(column, f"{ENTITY_LABELS[entity]} {key} 不存在或不在您的数据范围内 not found")
    return row


def _record(c: Connection, entity: str, entity_id: str, row: dict[str, Any], action: str,
            changes: dict[str, Any], actor: Actor, source: str, at: datetime | None) -> None:
    c.execute(
        "insert into rectification.history (entity, entity_id, problem_id, subsidiary_code, action, changes,"
        " snapshot, changed_by, changed_at, source) values (%s, %s, %s, %s, %s, %s, %s, %s,"
        " coalesce(%s, now()), %s)",
        (entity, entity_id, row["problem_id"], row["subsidiary_code"], action, Jsonb(changes, dumps=_dumps),
         Jsonb(row, dumps=_dumps), actor.username, at, source))


def _insert(c: Connection, entity: str, values: dict[str, Any], actor: Actor, source: str,
            at: datetime | None) -> dict[str, Any]:
    table, column = TABLES[entity]
    values = {**values, "updated_by": actor.username}
    cols = list(values)
    row = c.cursor(row_factory=dict_row).execute(
        f"insert into rectification.{table} ({', '.join(cols)}, updated_at)"
        f" values ({', '.join(['%s'] * len(cols))}, coalesce(%s, now())) returning *",
        [Jsonb(v, dumps=_dumps) if isinstance(v, list) else v for v in values.values()] + [at]).fetchone()
    _record(c, entity, row[column], row, "create", {k: [None, v] for k, v in values.items() if v is not None},
            actor, source, at)
    return row


def _update(c: Connection, entity: str, before: dict[str, Any], changes: dict[str, Any], action: str,
            actor: Actor, source: str, at: datetime | None) -> dict[str, Any]:
    table, column = TABLES[entity]
    diff = {k: [before.get(k), v] for k, v in changes.items() if before.get(k) != v}
    if not diff:
        return before
    sets = ", ".join(f"{k} = %s" for k in diff)
    row = c.cursor(row_factory=dict_row).execute(
        f"update rectification.{table} set {sets}, version = version + 1, updated_by = %s,"
        f" updated_at = coalesce(%s, now()) where {column} = %s returning *",
        [Jsonb(v, dumps=_dumps) if isinstance(v, list) else v for _, v in diff.values()]
        + [actor.username, at, before[column]]).fetchone()
    _record(c, entity, before[column], row, action, diff, actor, source, at)
    return row


def _expect_version(row: dict[str, Any], expected: int | None, key: str) -> None:
    if expected is not None and row["version"] != expected:
        raise refuse("version", f"{key} 已被他人修改（当前版本 {row['version']}，您看到的是 {expected}），请刷新后重试"
                                " changed by someone else, reload")


def _open_problem(c: Connection, problem_id: str) -> dict[str, Any]:
    problem = _get(c, "problem", problem_id)
    if problem["status"] == CLOSED:
        raise refuse("status", f"问题 {problem_id} 已销号，不能再修改 the problem is closed out")
    return problem


def _sync_flags(c: Connection, problem: dict[str, Any], actor: Actor, origin: str, at: datetime | None) -> None:
    """Carry the problem's progress to its flags' dispositions, so the weekly report and the flag list agree:
    measures set -> 整改中 (责任单位, 整改期限 from the measures); 销号 -> 已整改销号 (the measures' evidence)."""
    pid = problem["problem_id"]
    cur = c.cursor(row_factory=dict_row)
    measures = cur.execute("select responsible_unit, deadline, evidence_refs from rectification.measures"
                           " where problem_id = %s order by deadline", (pid,)).fetchall()
    if not measures:
        return
    flags = cur.execute("select l.flag_id, coalesce(d.status, '待核实') as status from rectification.problem_flags l"
                        " left join audit.dispositions d on d.flag_id = l.flag_id where l.problem_id = %s"
                        " order by l.flag_id", (pid,)).fetchall()
    units = "、".join(dict.fromkeys(m["responsible_unit"] for m in measures))
    due = problem["due_on"] or measures[-1]["deadline"]
    evidence = list(dict.fromkeys(e for m in measures for e in (m["evidence_refs"] or []))) or [f"整改销号 {pid}"]
    source = f"rectification:{pid}"
    try:
        for f in flags:
            status = f["status"]
            if status == "确认问题":
                update_flag(f["flag_id"], actor.username, source=source, at=at, conn=c, status="整改中",
                            responsible_unit=units[:200], rectification_due=due,
                            note=f"纳入整改问题 {pid}：{problem['title']}")
                status = "整改中"
            if problem["status"] == CLOSED and status == "整改中":
                update_flag(f["flag_id"], actor.username, source=source, at=at, conn=c, status="已整改销号",
                            evidence_refs=evidence)
    except DispositionError as exc:
        raise refuse("flag_ids", f"疑点处置未能同步 flag disposition not updated: {exc}") from None


# --- problems --------------------------------------------------------------------------------------------------

def _confirmed_flags(c: Connection, flag_ids: list[str]) -> list[dict[str, Any]]:
    """The flags (visible in the caller's scope), each confirmed and not yet part of a problem."""
    rows = c.cursor(row_factory=dict_row).execute(
        "select f.flag_id, f.rule_name, f.category, f.subsidiary_code, f.subsidiary_name, f.amount,"
        " coalesce(d.status, '待核实') as status, p.problem_id"
        " from audit.flagged_items f left join audit.dispositions d on d.flag_id = f.flag_id"
        " left join rectification.problem_flags p on p.flag_id = f.flag_id where f.flag_id = any(%s)",
        (flag_ids,)).fetchall()
    found = {r["flag_id"]: r for r in rows}
    errors = []
    for fid in flag_ids:
        r = found.get(fid)
        if r is None:
            errors.append(("flag_ids", f"疑点 {fid} 不存在或不在您的数据范围内 no such flag in scope"))
        elif r["problem_id"]:
            errors.append(("flag_ids", f"疑点 {fid} 已归入问题 {r['problem_id']} already part of a problem"))
        elif r["status"] not in CONFIRMED_FLAG_STATUSES:
            errors.append(("flag_ids", f"疑点 {fid} 处置状态为“{r['status']}”，须先确认问题"
                                       f"（{'/'.join(CONFIRMED_FLAG_STATUSES)}） only confirmed flags"))
    _check(errors)
    subs = {r["subsidiary_code"] for r in rows}
    if len(subs) > 1:
        raise refuse("flag_ids", f"疑点分属多个单位 {sorted(subs)}，一个问题只能属于一个单位 one subsidiary per problem")
    return [found[f] for f in flag_ids]


def create_problem(actor: Actor, *, title: str | None = None, subsidiary_code: str | None = None,
                   source: str | None = None, flag_ids: list[str] | tuple[str, ...] = (),
                   identified_on: date | str | None = None, description: str | None = None,
                   source_doc: str | None = None, category: str | None = None, due_on: date | str | None = None,
                   subsidiary_name: str | None = None, origin: str = "cli", at: datetime | None = None,
                   conn: Connection | None = None) -> dict[str, Any]:
    """A new problem: from confirmed flags (several flags, one problem) or by hand from an inspection report."""
    _check_actor(actor, at)
    vocab = vocabulary()
    flag_ids = list(dict.fromkeys(f.strip() for f in flag_ids if f and f.strip()))
    errors: list = []
    source = _text("source", source, errors) or (vocab.from_flags if flag_ids else None)
    if source is None:
        errors.append(("source", f"手工录入的问题须注明来源：{'/'.join(vocab.sources)}"))
    elif source not in vocab.sources:
        errors.append(("source", f"问题来源应为 {'/'.join(vocab.sources)}，收到 {source!r}"))
    values = {"description": _text("description", description, errors), "source_doc": _text("source_doc",
              source_doc, errors, limit=200), "due_on": _date("due_on", due_on, errors),
              "identified_on": _date("identified_on", identified_on, errors) or _local_date(at)}
    title = _text("title", title, errors, required=not flag_ids, limit=300)
    code = _text("subsidiary_code", subsidiary_code, errors, required=not flag_ids, limit=32)
    _check(errors)
    with use_or_connect(conn) as c:
        flags = _confirmed_flags(c, flag_ids) if flag_ids else []
        if flags:
            if code and code != flags[0]["subsidiary_code"]:
                raise refuse("subsidiary_code", f"疑点属于 {flags[0]['subsidiary_code']}，与所填单位 {code} 不一致")
            code = flags[0]["subsidiary_code"]
            subsidiary_name = subsidiary_name or flags[0]["subsidiary_name"]
            category = category or flags[0]["category"]
            title = title or (f"{flags[0]['rule_name']}" + (f"等{len(flags)}项疑点" if len(flags) > 1 else ""))
        if not actor.in_scope(code):
            raise refuse("subsidiary_code", f"单位 {code} 不在您的数据范围内 not in your scope")
        if subsidiary_name is None:
            hit = c.execute("select subsidiary_name from audit.flagged_items where subsidiary_code = %s limit 1",
                            (code,)).fetchone()
            subsidiary_name = hit[0] if hit else None
        number = c.execute("select nextval('rectification.problem_seq')").fetchone()[0]
        year = values["identified_on"].year
        amount = sum((f["amount"] or Decimal("0")) for f in flags) if flags else None
        problem = _insert(c, "problem", {
            "problem_id": f"ZG-{year}-{number:04d}", "subsidiary_code": code, "subsidiary_name": subsidiary_name,
            "title": title, "source": source, "category": _text("category", category, []), "status": NO_MEASURES,
            "amount_involved": amount, "created_by": actor.username, **values}, actor, origin, at)
        _link(c, problem, flags, actor, origin, at)
        return problem


def _link(c: Connection, problem: dict[str, Any], flags: list[dict[str, Any]], actor: Actor, origin: str,
          at: datetime | None) -> None:
    for f in flags:
        c.execute("insert into rectification.problem_flags (flag_id, problem_id, subsidiary_code, linked_by,"
                  " linked_at) values (%s, %s, %s, %s, coalesce(%s, now()))",
                  (f["flag_id"], problem["problem_id"], problem["subsidiary_code"], actor.username, at))
        snapshot = {"flag_id": f["flag_id"], "problem_id": problem["problem_id"],
                    "subsidiary_code": problem["subsidiary_code"], "rule_name": f["rule_name"], "amount": f["amount"]}
        _record(c, "flag_link", f["flag_id"], snapshot, "link", {"problem_id": [None, problem["problem_id"]]},
                actor, origin, at)


def link_flags(actor: Actor, problem_id: str, flag_ids: list[str], *, origin: str = "cli",
               at: datetime | None = None, conn: Connection | None = None) -> dict[str, Any]:
    """Add confirmed flags of the problem's subsidiary to an open problem; its amount follows."""
    _check_actor(actor, at)
    flag_ids = list(dict.fromkeys(f.strip() for f in flag_ids if f and f.strip()))
    if not flag_ids:
        raise refuse("flag_ids", "请填写疑点编号 no flags given")
    with use_or_connect(conn) as c:
        problem = _open_problem(c, problem_id)
        flags = _confirmed_flags(c, flag_ids)
        if flags[0]["subsidiary_code"] != problem["subsidiary_code"]:
            raise refuse("flag_ids", f"疑点属于 {flags[0]['subsidiary_code']}，问题属于 {problem['subsidiary_code']}")
        _link(c, problem, flags, actor, origin, at)
        amount = (problem["amount_involved"] or Decimal("0")) + sum((f["amount"] or Decimal("0")) for f in flags)
        problem = _update(c, "problem", problem, {"amount_involved": amount}, "link", actor, origin, at)
        _sync_flags(c, problem, actor, origin, at)
        return problem


PROBLEM_EDITABLE = ("title", "description", "source_doc", "category", "due_on")


def update_problem(actor: Actor, problem_id: str, *, expected_version: int | None = None, origin: str = "cli",
                   at: datetime | None = None, conn: Connection | None = None, **fields: Any) -> dict[str, Any]:
    _check_actor(actor, at)
    unknown = set(fields) - set(PROBLEM_EDITABLE)
    if unknown:
        raise refuse(sorted(unknown)[0], f"不可修改的字段 not editable; 可修改 editable: {PROBLEM_EDITABLE}")
    errors: list = []
    changes = {k: (_date(k, v, errors) if k == "due_on" else _text(k, v, errors, required=k == "title"))
               for k, v in fields.items()}
    _check(errors)
    with use_or_connect(conn) as c:
        problem = _open_problem(c, problem_id)
        _expect_version(problem, expected_version, problem_id)
        return _update(c, "problem", problem, changes, "update", actor, origin, at)


def close_problem(actor: Actor, problem_id: str, *, note: str | None = None, closed_on: date | str | None = None,
                  origin: str = "cli", at: datetime | None = None, conn: Connection | None = None) -> dict[str, Any]:
    """销号: only when the problem has measures and every one is done and approved."""
    _check_actor(actor, at, approve=True)
    errors: list = []
    note = _text("close_note", note, errors, required=True)
    closed = _date("closed_on", closed_on, errors) or _local_date(at)
    _check(errors)
    with use_or_connect(conn) as c:
        problem = _open_problem(c, problem_id)
        measures = c.execute("select measure_id, status from rectification.measures where problem_id = %s"
                             " order by measure_id", (problem_id,)).fetchall()
        if not measures:
            raise refuse("status", f"问题 {problem_id} 尚无整改措施，不能销号 no measures yet")
        pending = [f"{m}（{s}）" for m, s in measures if s != DONE]
        if pending:
            raise refuse("status", "以下整改措施尚未完成并审核通过，不能销号 measures not done and approved: "
                         + "、".join(pending))
        problem = _update(c, "problem", problem, {"status": CLOSED, "closed_on": closed,
                                                  "closed_by": actor.username, "close_note": note},
                          "close", actor, origin, at)
        _sync_flags(c, problem, actor, origin, at)
        return problem


# --- measures --------------------------------------------------------------------------------------------------

def _next_id(c: Connection, entity: str, problem_id: str, letter: str) -> str:
    table, column = TABLES[entity]
    n = c.execute(f"select count(*) from rectification.{table} where problem_id = %s", (problem_id,)).fetchone()[0]
    return f"{problem_id}-{letter}{n + 1}"


def add_measure(actor: Actor, problem_id: str, *, content: str, responsible_unit: str, responsible_person: str,
                deadline: date | str, origin: str = "cli", at: datetime | None = None,
                conn: Connection | None = None) -> dict[str, Any]:
    _check_actor(actor, at)
    errors: list = []
    values = {"content": _text("content", content, errors, required=True),
              "responsible_unit": _text("responsible_unit", responsible_unit, errors, required=True, limit=200),
              "responsible_person": _text("responsible_person", responsible_person, errors, required=True, limit=100),
              "deadline": _date("deadline", deadline, errors, required=True)}
    _check(errors)
    with use_or_connect(conn) as c:
        problem = _open_problem(c, problem_id)
        measure = _insert(c, "measure", {"measure_id": _next_id(c, "measure", problem_id, "M"),
                                         "problem_id": problem_id, "subsidiary_code": problem["subsidiary_code"],
                                         "status": IN_PROGRESS, **values}, actor, origin, at)
        if problem["status"] == NO_MEASURES:
            problem = _update(c, "problem", problem, {"status": RECTIFYING}, "measure_added", actor, origin, at)
            _sync_flags(c, problem, actor, origin, at)
        return measure


MEASURE_EDITABLE = ("content", "responsible_unit", "responsible_person", "deadline")


def update_measure(actor: Actor, measure_id: str, *, expected_version: int | None = None, origin: str = "cli",
                   at: datetime | None = None, conn: Connection | None = None, **fields: Any) -> dict[str, Any]:
    """Change what, who or when of a measure that is still in progress (a new deadline is in the history)."""
    _check_actor(actor, at)
    unknown = set(fields) - set(MEASURE_EDITABLE)
    if unknown:
        raise refuse(sorted(unknown)[0], f"不可修改的字段 not editable; 可修改 editable: {MEASURE_EDITABLE}")
    errors: list = []
    changes = {k: (_date(k, v, errors, required=True) if k == "deadline" else _text(k, v, errors, required=True))
               for k, v in fields.items()}
    _check(errors)
    with use_or_connect(conn) as c:
        measure = _get(c, "measure", measure_id)
        _expect_version(measure, expected_version, measure_id)
        _open_problem(c, measure["problem_id"])
        if measure["status"] != IN_PROGRESS:
            raise refuse("status", f"措施 {measure_id} 状态为“{measure['status']}”，只能修改进行中的措施")
        return _update(c, "measure", measure, changes, "update", actor, origin, at)


def complete_measure(actor: Actor, measure_id: str, *, evidence: list[str] | str, note: str | None = None,
                     completed_on: date | str | None = None, origin: str = "cli", at: datetime | None = None,
                     conn: Connection | None = None) -> dict[str, Any]:
    """Report a measure done, with evidence (文号、附件编号); it then waits for approval."""
    _check_actor(actor, at)
    errors: list = []
    refs = _list(evidence)
    if not refs:
        errors.append(("evidence_refs", "须提供佐证材料（文号、附件编号，分号分隔） evidence is required"))
    completion_note = _text("completion_note", note, errors)
    done_on = _date("completed_on", completed_on, errors) or _local_date(at)
    _check(errors)
    with use_or_connect(conn) as c:
        measure = _get(c, "measure", measure_id)
        _open_problem(c, measure["problem_id"])
        if measure["status"] != IN_PROGRESS:
            raise refuse("status", f"措施 {measure_id} 状态为“{measure['status']}”，只有进行中的措施可以填报完成")
        return _update(c, "measure", measure, {"status": AWAITING_APPROVAL, "completed_on": done_on,
                                               "completed_by": actor.username, "completion_note": completion_note,
                                               "evidence_refs": refs}, "complete", actor, origin, at)


def approve_measure(actor: Actor, measure_id: str, *, approved_on: date | str | None = None, origin: str = "cli",
                    at: datetime | None = None, conn: Connection | None = None) -> dict[str, Any]:
    _check_actor(actor, at, approve=True)
    errors: list = []
    on = _date("approved_on", approved_on, errors) or _local_date(at)
    _check(errors)
    with use_or_connect(conn) as c:
        measure = _get(c, "measure", measure_id)
        _open_problem(c, measure["problem_id"])
        if measure["status"] != AWAITING_APPROVAL:
            raise refuse("status", f"措施 {measure_id} 状态为“{measure['status']}”，只有待审核的措施可以审核")
        if measure["completed_by"] == actor.username:
            raise refuse("approved_by", "填报完成的人不能审核自己的填报 the person who completed it cannot approve it")
        return _update(c, "measure", measure, {"status": DONE, "approved_on": on, "approved_by": actor.username},
                       "approve", actor, origin, at)


def reject_measure(actor: Actor, measure_id: str, *, reason: str, origin: str = "cli", at: datetime | None = None,
                   conn: Connection | None = None) -> dict[str, Any]:
    """Send a completion back (退回): the measure is in progress again; the reason is in the history."""
    _check_actor(actor, at, approve=True)
    errors: list = []
    reason = _text("reason", reason, errors, required=True)
    _check(errors)
    with use_or_connect(conn) as c:
        measure = _get(c, "measure", measure_id)
        _open_problem(c, measure["problem_id"])
        if measure["status"] != AWAITING_APPROVAL:
            raise refuse("status", f"措施 {measure_id} 状态为“{measure['status']}”，只有待审核的措施可以退回")
        note = f"{measure['completion_note'] or ''}【退回：{reason}】".strip()
        return _update(c, "measure", measure, {"status": IN_PROGRESS, "completed_on": None, "completed_by": None,
                                               "completion_note": note}, "reject", actor, origin, at)


# --- responsibilities and outcomes -------------------------------------------------------------------------------

def add_responsibility(actor: Actor, problem_id: str, *, responsible_leader: str, responsible_department: str,
                       responsibility_type: str | None = None, note: str | None = None, origin: str = "cli",
                       at: datetime | None = None, conn: Connection | None = None) -> dict[str, Any]:
    _check_actor(actor, at)
    vocab = vocabulary()
    errors: list = []
    kind = _text("responsibility_type", responsibility_type, errors) or vocab.responsibility_types[0]
    if kind not in vocab.responsibility_types:
        errors.append(("responsibility_type", f"责任类型应为 {'/'.join(vocab.responsibility_types)}，收到 {kind!r}"))
    values = {"responsibility_type": kind,
              "responsible_leader": _text("responsible_leader", responsible_leader, errors, required=True, limit=100),
              "responsible_department": _text("responsible_department", responsible_department, errors,
                                              required=True, limit=200),
              "note": _text("note", note, errors)}
    _check(errors)
    with use_or_connect(conn) as c:
        problem = _get(c, "problem", problem_id)
        return _insert(c, "responsibility", {"responsibility_id": _next_id(c, "responsibility", problem_id, "R"),
                                             "problem_id": problem_id, "subsidiary_code": problem["subsidiary_code"],
                                             **values}, actor, origin, at)


def add_outcome(actor: Actor, problem_id: str, *, kind: str, people: int | str | None = None,
                rules: int | str | None = None, amount: Decimal | str | None = None, detail: str | None = None,
                recorded_on: date | str | None = None, origin: str = "cli", at: datetime | None = None,
                conn: Connection | None = None) -> dict[str, Any]:
    """One outcome: accountability in people, rules made or revised in items, money recovered (清退) or
    losses retrieved (挽回) in yuan. Each kind takes exactly its own measure. Also allowed after 销号
    (accountability often concludes later)."""
    _check_actor(actor, at)
    outcomes = vocabulary().outcomes
    if kind not in outcomes:
        raise refuse("kind", f"成效类型应为 {'/'.join(outcomes)}，收到 {kind!r}")
    measure = outcomes[kind].measure
    given = {"people": people, "rules": rules, "amount": amount}
    errors: list = []
    for name, value in given.items():
        if name != measure and value not in (None, ""):
            errors.append((name, f"“{kind}”只登记{LABELS[measure]}，不填{LABELS[name]}"))
    values: dict[str, Any] = {"people": None, "rules": None, "amount": None}
    if given[measure] in (None, ""):
        errors.append((measure, f"“{kind}”须填{LABELS[measure]}"))
    else:
        values[measure] = (_amount if measure == "amount" else _count)(measure, given[measure], errors)
    values["detail"] = _text("detail", detail, errors)
    values["recorded_on"] = _date("recorded_on", recorded_on, errors) or _local_date(at)
    _check(errors)
    with use_or_connect(conn) as c:
        problem = _get(c, "problem", problem_id)
        return _insert(c, "outcome", {"outcome_id": _next_id(c, "outcome", problem_id, "O"), "problem_id": problem_id,
                                      "subsidiary_code": problem["subsidiary_code"], "kind": kind, **values},
                       actor, origin, at)


def void(actor: Actor, entity: str, key: str, *, reason: str, origin: str = "cli", at: datetime | None = None,
         conn: Connection | None = None) -> dict[str, Any]:
    """作废 a responsibility or an outcome entered by mistake (it stays in the history)."""
    _check_actor(actor, at)
    if entity not in ("responsibility", "outcome"):
        raise refuse("entity", "只能作废责任或成效记录 only responsibilities and outcomes can be voided")
    errors: list = []
    reason = _text("reason", reason, errors, required=True)
    _check(errors)
    with use_or_connect(conn) as c:
        row = _get(c, entity, key)
        if row["voided"]:
            raise refuse("voided", f"{key} 已作废 already voided")
        note_field = "note" if entity == "responsibility" else "detail"
        return _update(c, entity, row, {"voided": True, note_field: f"{row[note_field] or ''}【作废：{reason}】".strip()},
                       "void", actor, origin, at)


# --- overdue and 督办 ------------------------------------------------------------------------------------------------

def overdue_measures(as_of: date | None = None, conn: Connection | None = None) -> list[dict[str, Any]]:
    """Measures in progress past their deadline (逾期清单), oldest deadline first, with their 督办 so far."""
    as_of = as_of or today()
    with use_or_connect(conn) as c:
        return c.cursor(row_factory=dict_row).execute(
            """
            select m.*, p.title as problem_title, p.subsidiary_name, (%(d)s - m.deadline) as days_overdue,
                   (select count(*) from rectification.escalations e where e.measure_id = m.measure_id)
                       as escalations,
                   (select max(e.escalated_on) from rectification.escalations e where e.measure_id = m.measure_id)
                       as last_escalated_on
            from rectification.measures m join rectification.problems p on p.problem_id = m.problem_id
            where m.status = %(s)s and m.deadline < %(d)s and p.status <> %(closed)s
            order by m.deadline, m.measure_id
            """, {"d": as_of, "s": IN_PROGRESS, "closed": CLOSED}).fetchall()


def escalate_overdue(actor: Actor, *, as_of: date | None = None, note: str | None = None, origin: str = "cli",
                     at: datetime | None = None, conn: Connection | None = None) -> list[dict[str, Any]]:
    """督办: one record per overdue measure, at most one a day per measure; the level rises with each
    escalation (催办, 督办, 挂牌督办). Returns the records made."""
    _check_actor(actor, at)
    as_of = as_of or _local_date(at)
    vocab = vocabulary()
    made = []
    with use_or_connect(conn) as c:
        for m in overdue_measures(as_of, conn=c):
            if m["last_escalated_on"] == as_of:
                continue
            level = m["escalations"] + 1
            row = c.cursor(row_factory=dict_row).execute(
                "insert into rectification.escalations (measure_id, problem_id, subsidiary_code, level,"
                " escalated_on, deadline, days_overdue, escalated_by, note, recorded_at)"
                " values (%s, %s, %s, %s, %s, %s, %s, %s, %s, coalesce(%s, now())) returning *",
                (m["measure_id"], m["problem_id"], m["subsidiary_code"], level, as_of, m["deadline"],
                 m["days_overdue"], actor.username, note or f"{vocab.escalation_label(level)}：逾期{m['days_overdue']}天",
                 at)).fetchone()
            _record(c, "escalation", str(row["escalation_id"]), row, "escalate",
                    {"level": [level - 1, level]}, actor, origin, at)
            made.append(row | {"level_label": vocab.escalation_label(level), "content": m["content"],
                               "responsible_unit": m["responsible_unit"],
                               "responsible_person": m["responsible_person"]})
    return made


# --- reading -------------------------------------------------------------------------------------------------------

def list_problems(*, status: str | None = None, source: str | None = None, subsidiary_code: str | None = None,
                  conn: Connection | None = None) -> list[dict[str, Any]]:
    """The problem list with its measure counts (scope applies through the caller's connection)."""
    clauses, params = [], {"done": DONE, "s": IN_PROGRESS, "today": today()}
    for name, value in (("status", status), ("source", source), ("subsidiary_code", subsidiary_code)):
        if value:
            clauses.append(f"p.{name} = %({name})s")
            params[name] = value
    with use_or_connect(conn) as c:
        return c.cursor(row_factory=dict_row).execute(
            """
            select p.*, count(m.measure_id) as measures,
                   count(m.measure_id) filter (where m.status = %(done)s) as measures_done,
                   count(m.measure_id) filter (where m.status = %(s)s and m.deadline < %(today)s) as measures_overdue,
                   (select count(*) from rectification.problem_flags f where f.problem_id = p.problem_id) as flags
            from rectification.problems p left join rectification.measures m on m.problem_id = p.problem_id
            """ + (" where " + " and ".join(clauses) if clauses else "") +
            " group by p.problem_id order by p.problem_id", params).fetchall()


def list_rows(entity: str, conn: Connection | None = None) -> list[dict[str, Any]]:
    """Every measure or responsibility with its problem's title and subsidiary, in problem order."""
    table, column = TABLES[entity]
    with use_or_connect(conn) as c:
        return c.cursor(row_factory=dict_row).execute(
            f"select x.*, p.title as problem_title, p.subsidiary_name, p.status as problem_status"
            f" from rectification.{table} x join rectification.problems p on p.problem_id = x.problem_id"
            f" order by x.problem_id, length(x.{column}), x.{column}").fetchall()


def show_problem(problem_id: str, conn: Connection | None = None) -> dict[str, Any]:
    """One problem with its flags, measures, responsibilities, outcomes, 督办 and history."""
    with use_or_connect(conn) as c:
        problem = _get(c, "problem", problem_id, lock=False)
        cur = c.cursor(row_factory=dict_row)
        problem["flags"] = cur.execute(
            "select l.flag_id, f.rule_name, f.subject_name, f.amount, coalesce(d.status, '待核实') as status"
            " from rectification.problem_flags l left join audit.flagged_items f on f.flag_id = l.flag_id"
            " left join audit.dispositions d on d.flag_id = l.flag_id where l.problem_id = %s order by l.flag_id",
            (problem_id,)).fetchall()
        for entity, key in (("measures", "measure_id"), ("responsibilities", "responsibility_id"),
                            ("outcomes", "outcome_id")):
            problem[entity] = cur.execute(f"select * from rectification.{entity} where problem_id = %s"
                                          f" order by length({key}), {key}", (problem_id,)).fetchall()
        problem["escalations"] = cur.execute(
            "select * from rectification.escalations where problem_id = %s order by escalated_on, escalation_id",
            (problem_id,)).fetchall()
        problem["history"] = cur.execute(
            "select history_id, entity, entity_id, action, changes, changed_by, changed_at, source"
            " from rectification.history where problem_id = %s order by changed_at, history_id",
            (problem_id,)).fetchall()
    return problem
