"""The disposition workflow (include/flags/disposition_workflow.yml) and the fields an auditor can change.

Pure functions, no database: `plan_change(current, changes, today)` checks a change against the workflow
and returns the new state and the field-level differences, or raises DispositionError naming each field.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import yaml

from jiandu.settings import get_settings


@dataclass(frozen=True)
class Field:
    name: str
    label: str  # Chinese label, used as CSV/Excel header
    kind: str  # status / text / date / amount / list / bool
    editable: bool = True  # False: recorded by jiandu itself (who asked for / approved a suppression)


FIELDS: dict[str, Field] = {f.name: f for f in [
    Field("status", "处置状态", "status"),
    Field("assignee", "核查人", "text"),
    Field("responsible_unit", "责任单位", "text"),
    Field("note", "核查说明", "text"),
    Field("rectification_due", "整改期限", "date"),
    Field("amount_recovered", "清退挽回金额", "amount"),
    Field("evidence_refs", "证据材料", "list"),
    Field("suppressed", "屏蔽误报", "bool"),
    Field("suppression_reason", "屏蔽原因", "text"),
    Field("suppressed_until", "屏蔽截止日期", "date"),
    Field("suppression_requested_by", "屏蔽申请人", "text", editable=False),
    Field("suppression_approved_by", "屏蔽批准人", "text", editable=False),
]}
EDITABLE = [name for name, f in FIELDS.items() if f.editable]
LABEL_TO_FIELD = {f.label: f.name for f in FIELDS.values()}
MAX_AMOUNT = Decimal("9999999999999999.99")  # audit.dispositions.amount_recovered is numeric(18, 2)
MAX_TEXT = 4000  # characters of one text field (a note, a unit, one evidence reference)
_CONTROL = frozenset(chr(c) for c in range(32)) - {"\t", "\n", "\r"}


@dataclass
class FieldError:
    field: str
    message: str
    bad_value: bool = False  # the value itself is unreadable or out of range (not a refused workflow step)


class DispositionError(ValueError):
    """A refused change; `errors` names each field and what is wrong (Chinese first, then English)."""

    def __init__(self, flag_id: str, errors: list[FieldError]):
        self.flag_id = flag_id
        self.errors = errors
        super().__init__("; ".join(f"疑点 flag {flag_id} {e.field}: {e.message}" for e in errors))


@dataclass(frozen=True)
class Workflow:
    initial: str
    statuses: list[str]
    english: dict[str, str]
    terminal: frozenset[str]
    transitions: dict[str, list[str]]
    requires: dict[str, list[str]] = field(default_factory=dict)
    suppression_max_days: int = 365  # the longest a known false positive may stay suppressed

    def allowed(self, status: str) -> list[str]:
        return self.transitions.get(status, [])


@lru_cache(maxsize=1)
def workflow() -> Workflow:
    path = get_settings().project_root / "include" / "flags" / "disposition_workflow.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    statuses = [s["name"] for s in data["statuses"]]
    for source, targets in data["transitions"].items():
        for name in [source, *targets]:
            if name not in statuses:
                raise ValueError(f"{path}: transitions name unknown status {name!r}")
    for status, fields in (data.get("requires") or {}).items():
        unknown = [f for f in fields if f not in FIELDS]
        if status not in statuses or unknown:
            raise ValueError(f"{path}: requires.{status} names unknown status or fields {unknown}")
    return Workflow(
        initial=data["initial"],
        statuses=statuses,
        english={s["name"]: s.get("en", "") for s in data["statuses"]},
        terminal=frozenset(s["name"] for s in data["statuses"] if s.get("terminal")),
        transitions={k: list(v or []) for k, v in data["transitions"].items()},
        requires={k: list(v) for k, v in (data.get("requires") or {}).items()},
        suppression_max_days=int((data.get("suppression") or {}).get("max_days", 365)),
    )


def empty_disposition() -> dict[str, Any]:
    state: dict[str, Any] = {name: None for name in FIELDS}
    state.update(status=workflow().initial, evidence_refs=[], suppressed=False)
    return state


# --- values: parse user input, serialise for the history, parse back --------------------------------------

def parse_value(name: str, value: Any) -> Any:
    """A user-given value as the field's type; raises ValueError with a bilingual message."""
    kind = FIELDS[name].kind
    if isinstance(value, str):
        if any(ch in _CONTROL for ch in value):
            raise ValueError("含有不允许的控制字符（如空字符 %00）")
        if len(value) > MAX_TEXT:
            raise ValueError(f"输入过长（最多 {MAX_TEXT} 字）")
        value = value.strip()
        if value == "" and kind not in ("list", "bool"):
            return None
    if value is None:
        return [] if kind == "list" else (False if kind == "bool" else None)
    if kind in ("text", "status"):
        if any(ch in _CONTROL for ch in str(value)) or len(str(value)) > MAX_TEXT:
            raise ValueError(f"含有控制字符或超过 {MAX_TEXT} 字")
        return str(value)
    if kind == "date":
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).replace("/", "-"))
        except ValueError:
            raise ValueError(f"日期格式应为 2026-12-31，收到 {str(value)[:40]}") from None
    if kind == "amount":
        try:
            amount = Decimal(str(value).replace(",", "").replace("，", ""))
        except InvalidOperation:
            raise ValueError(f"金额应为数字（元），收到 {str(value)[:40]}") from None
        if not amount.is_finite():
            raise ValueError(f"金额应为数字（元），收到 {str(value)[:40]}")
        if amount < 0:
            raise ValueError(f"金额不能为负，收到 {str(value)[:40]}")
        if amount > MAX_AMOUNT:
            raise ValueError(f"金额超出范围（最大 {MAX_AMOUNT:,} 元），收到 {str(value)[:40]}")
        return amount.quantize(Decimal("0.01"))
    if kind == "list":
        items = value if isinstance(value, list | tuple) else str(value).replace("；", ";").split(";")
        if any(ch in _CONTROL for i in items for ch in str(i)) or any(len(str(i)) > MAX_TEXT for i in items):
            raise ValueError(f"含有控制字符或超过 {MAX_TEXT} 字")
        return [str(i).strip() for i in items if str(i).strip()]
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("", "否", "false", "no", "n", "0"):
            return False
        if text in ("是", "true", "yes", "y", "1"):
            return True
        raise ValueError(f"应填 是/否，收到 {str(value)[:40]}")
    raise AssertionError(kind)


def to_text(name: str, value: Any) -> str | None:
    """The history's text form of a value (dates ISO, amounts with two decimals, lists as JSON)."""
    if value is None:
        return None
    kind = FIELDS[name].kind
    if kind == "list":
        return json.dumps(list(value), ensure_ascii=False)
    if kind == "bool":
        return "true" if value else "false"
    if kind == "date":
        return value.isoformat()
    if kind == "amount":
        return f"{Decimal(value):.2f}"
    return str(value)


def from_text(name: str, text: str | None) -> Any:
    kind = FIELDS[name].kind
    if text is None:
        return [] if kind == "list" else (False if kind == "bool" else None)
    if kind == "list":
        return json.loads(text)
    if kind == "bool":
        return text == "true"
    if kind == "date":
        return date.fromisoformat(text)
    if kind == "amount":
        return Decimal(text)
    return text


# --- the check -----------------------------------------------------------------------------------------------

def plan_change(flag_id: str, current: dict[str, Any], changes: dict[str, Any], today: date, *,
                user: str | None = None, may_approve: Callable[[], bool] | None = None
                ) -> tuple[dict[str, Any], list[tuple[str, Any, Any]]]:
    """New state and [(field, old, new)] for `changes` applied to `current`; DispositionError if refused.

    `user` is who makes the change and `may_approve` says (when asked) whether they may approve a suppression;
    see `plan_suppression`. Without a user, a suppression is switched directly (the workflow's own tests).
    """
    wf = workflow()
    errors: list[FieldError] = []
    changes, system, requesting = plan_suppression(flag_id, current, changes, user, may_approve, today)
    new = dict(current)
    for name, raw in changes.items():
        if name not in FIELDS or not FIELDS[name].editable:
            errors.append(FieldError(name, f"不可修改的字段；可改："
                                           f"{'、'.join(FIELDS[n].label for n in EDITABLE)}"))
            continue
        try:
            new[name] = parse_value(name, raw)
        except ValueError as exc:
            errors.append(FieldError(name, str(exc), bad_value=True))
    old_status, new_status = current["status"], new["status"]
    if new_status not in wf.statuses:
        errors.append(FieldError("status", f"未知状态“{new_status}”，可选：{'、'.join(wf.statuses)}"))
    elif new_status != old_status and new_status not in wf.allowed(old_status):
        allowed = "、".join(wf.allowed(old_status)) or "无（终态）"
        errors.append(FieldError(
            "status",
            f"不允许的状态变更 {old_status} → {new_status}，当前状态只能改为：{allowed}。"))
    elif new_status != old_status or any(n in changes for n in wf.requires.get(new_status, [])):
        for required in wf.requires.get(new_status, []):
            if new[required] in (None, [], ""):
                errors.append(FieldError(required, f"状态为“{new_status}”时必须填写{FIELDS[required].label}"))
    if requesting or (new["suppressed"] and (not current["suppressed"] or "suppressed_until" in changes
                                             or "suppression_reason" in changes)):
        if not new["suppression_reason"]:
            errors.append(FieldError("suppression_reason", "屏蔽误报须填写原因"))
        latest = today + timedelta(days=wf.suppression_max_days)
        if new["suppressed_until"] is None:
            errors.append(FieldError("suppressed_until", "屏蔽误报须填写截止日期"))
        elif new["suppressed_until"] <= today:
            errors.append(FieldError("suppressed_until", f"屏蔽截止日期须晚于今天（{today}）"))
        elif new["suppressed_until"] > latest:
            errors.append(FieldError("suppressed_until",
                                     f"屏蔽最长 {wf.suppression_max_days} 天，截止日期不能晚于 {latest}"))
    if errors:
        raise DispositionError(flag_id, errors)
    new.update(system)
    diffs = [(n, current[n], new[n]) for n in FIELDS if to_text(n, current[n]) != to_text(n, new[n])]
    return new, diffs


def may_approve_suppression(role: str, group_level: bool) -> bool:
    """Who may approve another person's request to suppress a flag: an admin, or an auditor at group level."""
    return role == "admin" or (role == "auditor" and group_level)


def plan_suppression(flag_id: str, current: dict[str, Any], changes: dict[str, Any], user: str | None,
                     may_approve: Callable[[], bool] | None, today: date | None = None
                     ) -> tuple[dict[str, Any], dict[str, Any], bool]:
    """A suppression takes two people: (changes to apply, fields jiandu records, whether this is a request).

    Asking to suppress a flag that is not suppressed (suppressed = 是) records a request (屏蔽申请: the reason,
    the expiry, the requester) and leaves the flag counted. The same ask by another person who may approve
    (`may_approve_suppression`) puts the suppression in force and records the approver; the requester asking
    again only updates their own request. Setting 否 lifts a suppression (one person is enough to count a flag
    again); a pending request is withdrawn or rejected by changes["suppression_request"] = "withdraw", never by
    an unchanged 否 in a re-imported file. While in force, reason and expiry cannot be changed: lift it and ask
    again. A suppression past its expiry is not in force: asking again is a new request, needing a new approval.
    """
    changes = dict(changes)
    until = current.get("suppressed_until")
    in_force = bool(current["suppressed"]) and (until is None or today is None or until >= today)
    expired = bool(current["suppressed"]) and not in_force  # asked for again, it needs a new approval
    if changes.pop("suppression_request", None) == "withdraw":
        if not current.get("suppression_requested_by") or in_force:
            raise DispositionError(flag_id, [FieldError("suppressed", "没有待批准的屏蔽申请")])
        return changes, {"suppression_requested_by": None}, False
    if user is None or "suppressed" not in changes:
        if user is not None and in_force and ({"suppression_reason", "suppressed_until"} & set(changes)):
            raise DispositionError(flag_id, [FieldError("suppressed_until", "屏蔽生效期间不能修改原因或截止日期，"
                                                        "请先取消屏蔽再重新申请")])
        return changes, {}, False
    try:
        wanted = parse_value("suppressed", changes["suppressed"])
    except ValueError:
        return changes, {}, False  # plan_change names the bad value
    requested_by = current.get("suppression_requested_by")
    if not wanted:
        if current["suppressed"]:  # in force or expired: switched off
            return changes, {"suppression_requested_by": None, "suppression_approved_by": None}, False
        changes.pop("suppressed")  # not suppressed already; a pending request stays (see `withdraw_request`)
        return changes, {}, False
    if in_force:
        changes.pop("suppressed")
        return changes, {}, False
    if expired or requested_by is None or requested_by == user:
        changes.pop("suppressed")
        system = {"suppression_requested_by": user, "suppression_approved_by": None}
        return changes, system | ({"suppressed": False} if expired else {}), True
    if may_approve is None or not may_approve():
        raise DispositionError(flag_id, [FieldError("suppressed", f"屏蔽误报须由申请人（{requested_by}）以外的集团层面"
                                                    "审计人员或管理员批准")])
    return changes, {"suppression_approved_by": user}, False
