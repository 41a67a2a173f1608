"""The weekly summary for the 大监督联席会议, computed from history as of the week's end.

Detection state comes from audit.flag_run_results (latest run with as_of_date <= week end),
dispositions from replaying audit.disposition_history up to the Monday 00:00 (Asia/Shanghai)
after the week. Nothing reads today's state, so re-running a past week gives the same numbers.

Definitions (also printed in the workbook's 说明 sheet):
  新增 new: first detected during the week, not suppressed.
  在办 open: not suppressed, status not final (误报排除/已整改销号), and still detected (active or
            stale) or already confirmed (确认问题/整改中) — a confirmed problem stays open until closed out.
  逾期 overdue: 确认问题/整改中 with 整改期限 before the week's end.
  涉及金额 amount involved: money at issue of the open flags — the amount of flags whose rule declares it money
            at issue (rule_catalog.amount_kind = at_issue); a context figure (参考数: the total liabilities of a
            debt-ratio warning, the population sum of a Benford test) is shown as such and never summed.
  挽回金额 recovered: cumulative, all flags.
"""

from __future__ import annotations

import heapq
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from psycopg import Connection
from psycopg.rows import dict_row

from jiandu.flags.workflow import FIELDS, empty_disposition, from_text, workflow
from jiandu.settings import get_settings

SEVERITY_RANK = {"高": 0, "中": 1, "低": 2}
OPEN_RECTIFICATION = ("确认问题", "整改中")
CLOSED_OUT = "已整改销号"
FALSE_POSITIVE = "误报排除"
TREND_WEEKS = 8
METRICS = ["new_count", "open_count", "confirmed_count", "rectifying_count", "closed_week_count", "closed_total",
           "false_positive", "suppressed_count", "overdue_count", "amount_involved", "amount_recovered"]


@dataclass(frozen=True)
class Week:
    year: int
    number: int

    @property
    def iso_week(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def start(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    def cutoff(self, tz: str) -> datetime:
        """Dispositions recorded before this instant count for the week (Monday 00:00 after it)."""
        return datetime.combine(self.end + timedelta(days=1), time(0), ZoneInfo(tz))

    def begins(self, tz: str) -> datetime:
        return datetime.combine(self.start, time(0), ZoneInfo(tz))

    def previous(self, n: int = 1) -> Week:
        return week_of(self.start - timedelta(days=7 * n))


def week_of(day: date) -> Week:
    iso = day.isocalendar()
    return Week(iso.year, iso.week)


MIN_YEAR, MAX_YEAR = 1990, 2099  # the weeks a report can be about (its trend reaches weeks back)


def parse_week(text: str) -> Week:
    """'2026-W45' -> Week; a clear error otherwise."""
    try:
        year, number = text.upper().split("-W")
        week = Week(int(year), int(number))
        _ = week.start
    except (ValueError, TypeError):
        raise ValueError(f"周次格式应为 2026-W45 expected an ISO week like 2026-W45, got {text[:40]!r}") from None
    if not MIN_YEAR <= week.year <= MAX_YEAR:
        raise ValueError(f"周次年份应在 {MIN_YEAR}–{MAX_YEAR} 之间 year out of range, got {text[:40]!r}")
    return week


@dataclass
class WeeklyReport:
    week: Week
    rows: list[dict[str, Any]]  # per subsidiary and category
    totals: dict[str, Any]
    trend: list[dict[str, Any]]  # oldest first, this week last
    top_findings: list[dict[str, Any]]
    overdue: list[dict[str, Any]]
    suppressed: list[dict[str, Any]]
    dq_scorecard: list[dict[str, Any]] = field(default_factory=list)
    top_candidates: list[dict[str, Any]] = field(default_factory=list)  # the top 10 open flags of each subsidiary
    computed_at: datetime | None = None  # set when read from the stored summary
    # what the rules could not judge (holiday calendar not covering a year, 未匹配标准), set by the report build
    standard_gaps: list[str] = field(default_factory=list)


def flag_states(conn: Connection, week: Week) -> list[dict[str, Any]]:
    """Every flag known by the week's end with its detection state and disposition as of then."""
    tz = get_settings().timezone
    cur = conn.cursor(row_factory=dict_row)
    flags = cur.execute(
        """
        with latest as (
            select distinct on (flag_id) flag_id, rule_id, rule_name, category, severity, subsidiary_code,
                   subsidiary_name, subject_name, amount, amount_kind, state as detection_state
            from audit.flag_run_results where as_of_date <= %(end)s
            order by flag_id, as_of_date desc, recorded_at desc
        ),
        first_seen as (
            select flag_id, min(as_of_date) as first_detected_on from audit.flag_run_results
            where as_of_date <= %(end)s and state = 'active' group by flag_id
        )
        select l.*, s.first_detected_on from latest l join first_seen s on s.flag_id = l.flag_id
        order by l.flag_id
        """, {"end": week.end}).fetchall()
    replay = cur.execute(
        """
        select distinct on (flag_id, field) flag_id, field, new_value from audit.disposition_history
        where changed_at < %(cutoff)s order by flag_id, field, changed_at desc, history_id desc
        """, {"cutoff": week.cutoff(tz)}).fetchall()
    closed_this_week = {r["flag_id"] for r in cur.execute(
        "select flag_id from audit.disposition_history where field = 'status' and new_value = %(closed)s"
        " and changed_at >= %(begins)s and changed_at < %(cutoff)s",
        {"closed": CLOSED_OUT, "begins": week.begins(tz), "cutoff": week.cutoff(tz)})}
    dispositions: dict[str, dict[str, Any]] = {}
    for r in replay:
        if r["field"] in FIELDS:
            dispositions.setdefault(r["flag_id"], empty_disposition())[r["field"]] = from_text(r["field"], r["new_value"])
    untouched = empty_disposition()  # shared, read only: most flags have no disposition yet
    terminal = workflow().terminal
    start, end = week.start, week.end
    for f in flags:
        d = dispositions.get(f["flag_id"], untouched)
        f.update({k: d[k] for k in FIELDS})
        f["suppressed"] = bool(d["suppressed"]) and (d["suppressed_until"] is None or d["suppressed_until"] >= end)
        f["is_new"] = start <= f["first_detected_on"] <= end and not f["suppressed"]
        f["is_open"] = (not f["suppressed"] and f["status"] not in terminal
                        and (f["detection_state"] in ("active", "stale") or f["status"] in OPEN_RECTIFICATION))
        f["is_overdue"] = (f["status"] in OPEN_RECTIFICATION and f["rectification_due"] is not None
                           and f["rectification_due"] < end)
        f["closed_this_week"] = f["status"] == CLOSED_OUT and f["flag_id"] in closed_this_week
        f["amount_at_issue"] = at_issue(f)
        f["amount_context"] = f["amount"] if f.get("amount_kind") == "context" else None
    return flags


def at_issue(flag: dict[str, Any]) -> Decimal | None:
    """The flag's money at issue: its amount unless its rule declares the amount a context figure (or none).
    A row published before amount_kind existed (null) counts as before."""
    return flag["amount"] if (flag.get("amount_kind") or "at_issue") == "at_issue" else None


def _aggregate(flags: list[dict[str, Any]]) -> dict[tuple[str, str, str], dict[str, Any]]:
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    for f in flags:
        key = (f["subsidiary_code"], f["subsidiary_name"] or "", f["category"] or "未分类")
        g = groups.setdefault(key, {m: 0 for m in METRICS} | {"amount_involved": Decimal("0.00"),
                                                               "amount_recovered": Decimal("0.00")})
        g["new_count"] += f["is_new"]
        g["open_count"] += f["is_open"]
        g["confirmed_count"] += f["status"] == "确认问题"
        g["rectifying_count"] += f["status"] == "整改中"
        g["closed_week_count"] += f["closed_this_week"]
        g["closed_total"] += f["status"] == CLOSED_OUT
        g["false_positive"] += f["status"] == FALSE_POSITIVE
        g["suppressed_count"] += f["suppressed"]
        g["overdue_count"] += f["is_overdue"]
        if f["is_open"]:
            g["amount_involved"] += f["amount_at_issue"] or 0
        g["amount_recovered"] += f["amount_recovered"] or 0
    return groups


def _totals(groups: dict) -> dict[str, Any]:
    totals = {m: (Decimal("0.00") if m.startswith("amount") else 0) for m in METRICS}
    for g in groups.values():
        for m in METRICS:
            totals[m] += g[m]
    return totals


def dq_scorecard(conn: Connection, week: Week) -> list[dict[str, Any]]:
    """Data-quality scorecard of the week's runs, per source system.

    Seam: built from audit_meta.validation_results and load_batches today; when the data-quality
    scorecard issue lands, read its table here instead.
    """
    cur = conn.cursor(row_factory=dict_row)
    return cur.execute(
        """
        select v.source_system,
               count(*) as checks,
               count(*) filter (where v.success) as passed,
               count(*) filter (where not v.success and v.severity = 'critical') as critical_failed,
               count(*) filter (where not v.success and v.severity <> 'critical') as warnings_failed,
               (select count(*) from audit_meta.load_batches b join audit_meta.runs r2 on r2.run_id = b.run_id
                 where b.source_system = v.source_system and b.status = 'quarantined'
                   and r2.as_of_date between %(start)s and %(end)s) as quarantined_batches
        from audit_meta.validation_results v join audit_meta.runs r on r.run_id = v.run_id
        where r.as_of_date between %(start)s and %(end)s
        group by v.source_system order by v.source_system
        """, {"start": week.start, "end": week.end}).fetchall()


def compute(conn: Connection, week: Week) -> WeeklyReport:
    flags = flag_states(conn, week)
    groups = _aggregate(flags)
    previous = _aggregate(flag_states(conn, week.previous()))
    rows = []
    for key in sorted(set(groups) | {k for k, g in previous.items() if g["open_count"]}):
        g = groups.get(key) or {m: (Decimal("0.00") if m.startswith("amount") else 0) for m in METRICS}
        prev_open = previous.get(key, {}).get("open_count", 0)
        rows.append({"subsidiary_code": key[0], "subsidiary_name": key[1], "category": key[2], **g,
                     "open_change": g["open_count"] - prev_open})
    totals = _totals(groups) | {"open_change": _totals(groups)["open_count"] - _totals(previous)["open_count"]}
    trend = []
    for n in range(TREND_WEEKS - 1, -1, -1):
        w = week.previous(n)
        t = totals if n == 0 else _totals(_aggregate(flag_states(conn, w)))
        trend.append({"iso_week": w.iso_week, "week_end": w.end, **{m: t[m] for m in METRICS}})
    by_subsidiary: dict[str, list[dict[str, Any]]] = {}
    for f in flags:
        if f["is_open"]:
            by_subsidiary.setdefault(f["subsidiary_code"], []).append(f)
    candidates = sorted((f for group in by_subsidiary.values() for f in heapq.nsmallest(10, group, key=_top_key)),
                        key=_top_key)
    top = candidates[:10]
    overdue = sorted((f for f in flags if f["is_overdue"]), key=lambda f: (f["rectification_due"], f["flag_id"]))
    suppressed = sorted((f for f in flags if f["suppressed"]), key=lambda f: f["flag_id"])
    mark_example_standards(conn, candidates + overdue + suppressed)
    return WeeklyReport(
        week=week, rows=rows, totals=totals, trend=trend, top_findings=top, overdue=overdue, suppressed=suppressed,
        dq_scorecard=dq_scorecard(conn, week), top_candidates=candidates,
    )


def _top_key(f: dict[str, Any]) -> tuple:
    """Top findings: highest risk level first, then the most money at issue."""
    return SEVERITY_RANK.get(f["severity"], 9), -(f["amount_at_issue"] or 0), f["flag_id"]


def mark_example_standards(conn: Connection, flags: list[dict[str, Any]]) -> None:
    """Set `example_standard` on each listed flag: the standard it applied is still the shipped example default
    (示例默认值), so nobody defends the finding on a placeholder (audit.flagged_items.example_standard)."""
    ids = list({f["flag_id"] for f in flags})
    found = {r[0] for r in conn.execute("select flag_id from audit.flagged_items where flag_id = any(%s)"
                                        " and example_standard", (ids,))} if ids else set()
    for f in flags:
        f["example_standard"] = f["flag_id"] in found
        f["standard_note"] = "示例默认值" if f["example_standard"] else ""


SHOWN = ("flag_id", "rule_id", "rule_name", "severity", "subsidiary_code", "subsidiary_name", "subject_name",
         "amount_at_issue", "amount_context", "example_standard", "standard_note", "status", "responsible_unit",
         "rectification_due", "amount_recovered", "first_detected_on", "suppression_reason", "suppressed_until",
         "suppression_requested_by", "suppression_approved_by")
_DATES = ("rectification_due", "first_detected_on", "suppressed_until")
_AMOUNTS = ("amount_at_issue", "amount_context", "amount_recovered")


def store(conn: Connection, report: WeeklyReport) -> None:
    """Replace the week's rows in audit.weekly_summary and audit.weekly_findings (idempotent)."""
    week = report.week
    conn.execute("delete from audit.weekly_summary where iso_week = %s", (week.iso_week,))
    columns = ["subsidiary_code", "subsidiary_name", "category", *METRICS, "open_change"]
    with conn.cursor() as cur:
        cur.executemany(
            f"insert into audit.weekly_summary (iso_week, week_start, week_end, amount_basis, {', '.join(columns)})"
            f" values (%s, %s, %s, 'at_issue', {', '.join(['%s'] * len(columns))})",
            [(week.iso_week, week.start, week.end, *[r[c] for c in columns]) for r in report.rows])
    conn.execute("delete from audit.weekly_findings where iso_week = %s", (week.iso_week,))
    lists = {"top": report.top_candidates or report.top_findings, "overdue": report.overdue,
             "suppressed": report.suppressed}
    with conn.cursor() as cur:
        cur.executemany(
            "insert into audit.weekly_findings (iso_week, list_kind, position, flag_id, subsidiary_code, shown)"
            " values (%s, %s, %s, %s, %s, %s)",
            [(week.iso_week, kind, i, f["flag_id"], f["subsidiary_code"],
              json.dumps({k: f.get(k) for k in SHOWN}, ensure_ascii=False, default=str))
             for kind, flags in lists.items() for i, f in enumerate(flags)])


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    for k in _DATES:
        row[k] = date.fromisoformat(row[k]) if row.get(k) else None
    for k in _AMOUNTS:
        row[k] = Decimal(row[k]) if row.get(k) is not None else None
    return row


def stored(conn: Connection, week: Week) -> WeeklyReport | None:
    """The week as the nightly build stored it (audit.weekly_summary, audit.weekly_findings), within the
    connection's row-level scope; None if the week was never built. Reads a few hundred rows, whatever the
    number of flags: what the web weekly page shows."""
    cur = conn.cursor(row_factory=dict_row)
    rows = cur.execute("select * from audit.weekly_summary where iso_week = %s order by subsidiary_code, category",
                       (week.iso_week,)).fetchall()
    if any(r["amount_basis"] is None for r in rows):
        return None  # stored before money at issue was told apart from context figures
    if not rows and not conn.execute("select exists (select 1 from audit.weekly_findings where iso_week = %s)"
                                     " or exists (select 1 from audit_meta.report_runs where period = %s)",
                                     (week.iso_week, week.iso_week)).fetchone()[0]:
        return None
    totals = _totals({i: r for i, r in enumerate(rows)})
    totals["open_change"] = sum(r["open_change"] for r in rows)
    weeks = [week.previous(n) for n in range(TREND_WEEKS - 1, -1, -1)]
    sums = {r["iso_week"]: r for r in cur.execute(
        "select iso_week, " + ", ".join(f"sum({m}) as {m}" for m in METRICS)
        + " from audit.weekly_summary where iso_week = any(%s) group by iso_week",
        ([w.iso_week for w in weeks],)).fetchall()}
    zero = {m: (Decimal("0.00") if m.startswith("amount") else 0) for m in METRICS}
    trend = [{"iso_week": w.iso_week, "week_end": w.end, **(zero | {m: v for m, v in sums.get(w.iso_week, {}).items()
                                                                    if m in METRICS and v is not None})}
             for w in weeks]
    lists: dict[str, list[dict[str, Any]]] = {"top": [], "overdue": [], "suppressed": []}
    for r in cur.execute("select list_kind, shown from audit.weekly_findings where iso_week = %s"
                         " order by list_kind, position", (week.iso_week,)):
        lists[r["list_kind"]].append(_shown(r["shown"]))
    computed = conn.execute("select max(computed_at) from audit.weekly_summary where iso_week = %s",
                            (week.iso_week,)).fetchone()[0]
    return WeeklyReport(week=week, rows=[dict(r) for r in rows], totals=totals, trend=trend,
                        top_findings=sorted(lists["top"], key=_top_key)[:10], overdue=lists["overdue"],
                        suppressed=lists["suppressed"], dq_scorecard=dq_scorecard(conn, week), computed_at=computed)
