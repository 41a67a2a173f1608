"""The rectification progress report (整改进度月报) to the party committee, and the quarterly pack for the
joint meeting, computed from rectification.history as of the period's end.

Every list is rebuilt from the latest snapshot of each row recorded before the first instant after the
period (00:00 Asia/Shanghai of the next day); nothing reads today's tables, so re-running a past month gives
the same report. Definitions (also in the workbook's 说明 sheet):
  measures 已完成: approved; 待审核: completion reported, not yet approved; 逾期: in progress and past its
  deadline at the period's end; 进行中: the rest.
  problems 逾期: not closed out and past the problem's 整改时限 at the period's end.
  outcomes: every outcome recorded up to the period's end (cumulative) and within the period, voided ones
  left out; accountability in people, rules in items, 清退 and 挽回 in yuan, kept apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from psycopg import Connection
from psycopg.rows import dict_row

from jiandu.rectification.model import AWAITING_APPROVAL, CLOSED, DONE, PROBLEM_STATUSES
from jiandu.rectification.vocabulary import vocabulary
from jiandu.settings import get_settings

TREND_MONTHS = 6
MEASURE_STATES = ("已完成", "待审核", "进行中", "逾期")
DATE_FIELDS = {"identified_on", "due_on", "closed_on", "deadline", "completed_on", "approved_on", "recorded_on",
               "escalated_on"}
AMOUNT_FIELDS = {"amount_involved", "amount"}
QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}


@dataclass(frozen=True)
class Period:
    kind: str  # month / quarter
    start: date
    end: date

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"

    @property
    def title(self) -> str:
        if self.kind == "month":
            return f"{self.start.year}年{self.start.month}月"
        return f"{self.start.year}年{QUARTER_NAMES[(self.start.month - 1) // 3 + 1]}"

    def cutoff(self) -> datetime:
        """Changes recorded before this instant count: 00:00 (local) of the day after the period."""
        return datetime.combine(self.end + timedelta(days=1), time(0), ZoneInfo(get_settings().timezone))


def month(year: int, number: int) -> Period:
    start = date(year, number, 1)
    following = date(year + number // 12, number % 12 + 1, 1)
    return Period("month", start, following - timedelta(days=1))


def parse_month(text: str) -> Period:
    """'2026-10' -> the month; a clear error otherwise."""
    try:
        year, number = (int(p) for p in text.strip().split("-"))
        return month(year, number)
    except (ValueError, AttributeError):
        raise ValueError(f"月份格式应为 2026-10 expected a month like 2026-10, got {text!r}") from None


def parse_quarter(text: str) -> Period:
    """'2026Q4' -> the quarter."""
    try:
        year, number = text.strip().upper().split("Q")
        q = int(number)
        if not 1 <= q <= 4:
            raise ValueError
        return Period("quarter", date(int(year), 3 * q - 2, 1), month(int(year), 3 * q).end)
    except (ValueError, AttributeError):
        raise ValueError(f"季度格式应为 2026Q4 expected a quarter like 2026Q4, got {text!r}") from None


def previous_month(today: date) -> Period:
    first = today.replace(day=1) - timedelta(days=1)
    return month(first.year, first.month)


@dataclass
class RectificationReport:
    period: Period
    as_of: date
    totals: dict[str, Any]
    outcome_sentence: str  # cumulative, as the reports write it
    period_outcome_sentence: str
    by_source: list[dict[str, Any]]  # per source: count per problem status
    by_subsidiary: list[dict[str, Any]]
    outcomes: list[dict[str, Any]]  # per outcome kind: cumulative and within the period
    problems: list[dict[str, Any]]
    measures: list[dict[str, Any]]
    responsibilities: list[dict[str, Any]]
    outcome_rows: list[dict[str, Any]]
    escalations: list[dict[str, Any]]  # 督办 within the period
    trend: list[dict[str, Any]] = field(default_factory=list)  # oldest first, per month up to the period's end


def _parse(snapshot: dict[str, Any]) -> dict[str, Any]:
    row = dict(snapshot)
    for k, v in row.items():
        if v is None:
            continue
        if k in DATE_FIELDS:
            row[k] = date.fromisoformat(v)
        elif k in AMOUNT_FIELDS:
            row[k] = Decimal(v)
    return row


def state_as_of(conn: Connection, cutoff: datetime) -> dict[str, dict[str, dict[str, Any]]]:
    """entity -> id -> the row as it was recorded last before `cutoff`."""
    rows = conn.cursor(row_factory=dict_row).execute(
        "select distinct on (entity, entity_id) entity, entity_id, snapshot from rectification.history"
        " where changed_at < %s order by entity, entity_id, changed_at desc, history_id desc", (cutoff,)).fetchall()
    state: dict[str, dict[str, dict[str, Any]]] = {e: {} for e in ("problem", "measure", "responsibility", "outcome",
                                                                  "flag_link", "escalation")}
    for r in rows:
        state[r["entity"]][r["entity_id"]] = _parse(r["snapshot"])
    return state


def _order(key: str):
    return lambda r: (r["problem_id"], len(r[key]), r[key])


def _measure_state(m: dict[str, Any], as_of: date) -> str:
    if m["status"] == DONE:
        return "已完成"
    if m["status"] == AWAITING_APPROVAL:
        return "待审核"
    return "逾期" if m["deadline"] < as_of else "进行中"


def _money_text(value: Decimal) -> str:
    """165800.00 -> '165800', 35632.35 -> '35632.35' (as the reports write amounts)."""
    value = value.quantize(Decimal("0.01"))
    return f"{value:.0f}" if value == value.to_integral_value() else f"{value:.2f}"


def outcome_sentence(outcomes: list[dict[str, Any]], column: str) -> str:
    """'诫勉4人，教育提醒27人；新制定制度7项，修改完善制度8项；收回清退违规金165800元，挽回其他经济损失35632.35元'."""
    vocab = vocabulary()
    groups: dict[str, list[str]] = {}
    for o in outcomes:
        kind = vocab.outcomes[o["kind"]]
        value = o[column]
        if value:
            text = _money_text(value) if kind.group == "money" else str(value)
            groups.setdefault(kind.group, []).append(f"{kind.label}{text}{kind.unit}")
    return "；".join("，".join(parts) for parts in groups.values()) or "暂无"


def _outcome_table(rows: list[dict[str, Any]], period: Period) -> list[dict[str, Any]]:
    vocab = vocabulary()
    table = []
    for kind in vocab.outcomes.values():
        mine = [o for o in rows if o["kind"] == kind.kind]
        column = kind.measure
        zero = Decimal("0.00") if column == "amount" else 0
        total = sum((o[column] or zero for o in mine), zero)
        within = sum((o[column] or zero for o in mine if period.start <= o["recorded_on"] <= period.end), zero)
        table.append({"kind": kind.kind, "group": kind.group, "label": kind.label, "unit": kind.unit,
                      "records": len(mine), "cumulative": total, "period": within})
    return table


def _summary(state: dict[str, dict[str, dict[str, Any]]], period: Period, as_of: date) -> dict[str, Any]:
    """The figures of one period (also one point of the trend)."""
    problems = list(state["problem"].values())
    measures = [m for m in state["measure"].values()]
    outcomes = [o for o in state["outcome"].values() if not o.get("voided")]
    states = [_measure_state(m, as_of) for m in measures]
    closed = [p for p in problems if p["status"] == CLOSED]
    totals: dict[str, Any] = {
        "problems": len(problems),
        "problems_new": sum(period.start <= p["identified_on"] <= period.end for p in problems),
        "problems_closed": len(closed),
        "problems_closed_period": sum(period.start <= p["closed_on"] <= period.end for p in closed),
        "problems_open": len(problems) - len(closed),
        "problems_overdue": sum(p["status"] != CLOSED and p["due_on"] is not None and p["due_on"] < as_of
                                for p in problems),
        "closure_rate": (len(closed) / len(problems)) if problems else 0.0,
        "measures": len(measures),
        **{f"measures_{s}": states.count(s) for s in MEASURE_STATES},
        "escalations_period": sum(period.start <= e["escalated_on"] <= period.end
                                  for e in state["escalation"].values()),
        "escalations_total": len(state["escalation"]),
        "amount_involved": sum((p["amount_involved"] or Decimal("0") for p in problems), Decimal("0.00")),
    }
    vocab = vocabulary()
    for group in ("accountability", "rules"):
        column = "people" if group == "accountability" else "rules"
        totals[column] = sum(o[column] or 0 for o in outcomes if vocab.outcomes[o["kind"]].group == group)
    for kind in ("清退", "挽回"):
        totals[f"amount_{kind}"] = sum((o["amount"] or Decimal("0") for o in outcomes if o["kind"] == kind),
                                       Decimal("0.00"))
    return totals


def compute(conn: Connection, period: Period, today: date | None = None) -> RectificationReport:
    today = today or datetime.now(ZoneInfo(get_settings().timezone)).date()
    as_of = min(period.end, today)
    state = state_as_of(conn, period.cutoff())
    vocab = vocabulary()
    measures = sorted(state["measure"].values(), key=_order("measure_id"))
    by_problem: dict[str, list[dict[str, Any]]] = {}
    for m in measures:
        m["state"] = _measure_state(m, as_of)
        m["days_overdue"] = (as_of - m["deadline"]).days if m["state"] == "逾期" else None
        by_problem.setdefault(m["problem_id"], []).append(m)
    flags_of: dict[str, int] = {}
    for link in state["flag_link"].values():
        flags_of[link["problem_id"]] = flags_of.get(link["problem_id"], 0) + 1
    problems = sorted(state["problem"].values(), key=lambda p: p["problem_id"])
    for p in problems:
        mine = by_problem.get(p["problem_id"], [])
        p["flags"] = flags_of.get(p["problem_id"], 0)
        p["measures"] = len(mine)
        for s in MEASURE_STATES:
            p[f"measures_{s}"] = sum(m["state"] == s for m in mine)
        p["overdue"] = p["status"] != CLOSED and p["due_on"] is not None and p["due_on"] < as_of
    titles = {p["problem_id"]: p["title"] for p in problems}
    for rows in (measures,):
        for r in rows:
            r["problem_title"] = titles.get(r["problem_id"])
    responsibilities = sorted((r | {"problem_title": titles.get(r["problem_id"])}
                               for r in state["responsibility"].values() if not r.get("voided")),
                              key=_order("responsibility_id"))
    outcome_rows = sorted((o | {"problem_title": titles.get(o["problem_id"])}
                           for o in state["outcome"].values() if not o.get("voided")), key=_order("outcome_id"))
    escalations = sorted((e | {"level_label": vocab.escalation_label(e["level"]),
                               "problem_title": titles.get(e["problem_id"])}
                          for e in state["escalation"].values() if period.start <= e["escalated_on"] <= period.end),
                         key=lambda e: (e["escalated_on"], e["measure_id"]))
    by_source = []
    for source in vocab.sources:
        mine = [p for p in problems if p["source"] == source]
        by_source.append({"source": source, **{s: sum(p["status"] == s for p in mine) for s in PROBLEM_STATUSES},
                          "total": len(mine), "overdue": sum(p["overdue"] for p in mine)})
    by_subsidiary = []
    for code in sorted({p["subsidiary_code"] for p in problems}):
        mine = [p for p in problems if p["subsidiary_code"] == code]
        mm = [m for m in measures if m["subsidiary_code"] == code]
        outs = [o for o in outcome_rows if o["subsidiary_code"] == code]
        by_subsidiary.append({
            "subsidiary_code": code, "subsidiary_name": mine[0]["subsidiary_name"] or "", "problems": len(mine),
            "closed": sum(p["status"] == CLOSED for p in mine), "measures": len(mm),
            **{f"measures_{s}": sum(m["state"] == s for m in mm) for s in MEASURE_STATES},
            "people": sum(o["people"] or 0 for o in outs), "rules": sum(o["rules"] or 0 for o in outs),
            "amount_清退": sum((o["amount"] or 0 for o in outs if o["kind"] == "清退"), Decimal("0.00")),
            "amount_挽回": sum((o["amount"] or 0 for o in outs if o["kind"] == "挽回"), Decimal("0.00"))})
    totals = _summary(state, period, as_of)
    within = [o for o in outcome_rows if period.start <= o["recorded_on"] <= period.end]
    report = RectificationReport(
        period=period, as_of=as_of, totals=totals,
        outcome_sentence=outcome_sentence(_kind_totals(outcome_rows), "value"),
        period_outcome_sentence=outcome_sentence(_kind_totals(within), "value"),
        by_source=by_source, by_subsidiary=by_subsidiary, outcomes=_outcome_table(outcome_rows, period),
        problems=problems, measures=measures, responsibilities=responsibilities, outcome_rows=outcome_rows,
        escalations=escalations)
    report.trend = _trend(conn, period, today, report)
    return report


def _kind_totals(outcomes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per outcome kind in vocabulary order: {'kind', 'value'} (people, items or yuan)."""
    rows = []
    for kind in vocabulary().outcomes.values():
        zero = Decimal("0.00") if kind.measure == "amount" else 0
        total = sum((o[kind.measure] or zero for o in outcomes if o["kind"] == kind.kind), zero)
        rows.append({"kind": kind.kind, "value": total})
    return rows


def _trend(conn: Connection, period: Period, today: date, report: RectificationReport) -> list[dict[str, Any]]:
    """Per month, the last TREND_MONTHS months up to the period's end (its own figures for the last one)."""
    points = []
    last = month(period.end.year, period.end.month)
    for n in range(TREND_MONTHS - 1, -1, -1):
        y, m = divmod(last.start.year * 12 + last.start.month - 1 - n, 12)
        p = month(y, m + 1)
        if p.end == period.end and period.kind == "month":
            totals = report.totals
        else:
            totals = _summary(state_as_of(conn, p.cutoff()), p, min(p.end, today))
        points.append({"month": p.label, **totals})
    return points


def store(conn: Connection, report: RectificationReport, files: dict[str, Path]) -> None:
    conn.execute(
        "insert into audit_meta.report_runs (report_kind, period, files, totals) values (%s, %s, %s, %s)",
        (f"rectification_{report.period.kind}", report.period.label,
         json.dumps({k: str(v) for k, v in files.items()}, ensure_ascii=False),
         json.dumps(report.totals, default=str, ensure_ascii=False)))
