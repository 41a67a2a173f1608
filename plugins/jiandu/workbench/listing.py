"""The filtered flag list: a fixed set of filters, a whitelist of sorts, bounded pagination.

Every value is a query parameter; the SQL text is chosen only among the fixed clauses below. Row-level
security decides which subsidiaries the connection sees, whatever the filters ask for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from psycopg import Connection
from psycopg.rows import dict_row

from jiandu.flags.dispositions import today
from jiandu.flags.workflow import workflow
from jiandu.labels import DETECTION_STATES

SEVERITIES = ["高", "中", "低"]
SUPPRESSED = {"hide": "不含屏蔽误报", "only": "仅屏蔽误报", "all": "全部"}
FILTER_LABELS = {  # query parameter -> Chinese label (error messages, filter form)
    "subsidiary_code": "单位", "category": "类别", "rule_id": "规则", "status": "处置状态", "severity": "风险等级",
    "detection_state": "检出状态", "period": "期间", "amount_min": "涉及金额下限", "amount_max": "涉及金额上限",
    "q": "对象关键词", "subject_type": "对象类型", "subject_id": "对象编号", "suppressed": "屏蔽误报",
}
SORTS = {  # name -> (label, ((column, direction), ...)); flag_id breaks ties. Money sorts by 涉及金额 only:
    # a context figure (参考数, e.g. total liabilities of a debt-ratio warning) is not money at issue.
    "risk": ("风险等级（高→低），再按涉及金额", (("f.severity_rank", "asc"), ("f.amount_at_issue", "desc nulls last"))),
    "amount_desc": ("涉及金额从高到低", (("f.amount_at_issue", "desc nulls last"),)),
    "amount_asc": ("涉及金额从低到高", (("f.amount_at_issue", "asc nulls first"),)),
    "last_detected_desc": ("最近发现在前", (("f.last_detected_on", "desc"),)),
    "first_detected_desc": ("首次发现在前", (("f.first_detected_on", "desc"),)),
}
DEFAULT_SORT = "risk"  # what to look at first: risk level, then money at issue
PAGE_SIZES = (20, 50, 100)
COMMON_TEXT = 5_000  # a free-text term with this many matches is met often enough walking a sort index
MAX_ROWS = 5_000  # pages reach the first 5,000 rows (100 pages of 50); narrow the filters for more, or export
COUNT_CAP = 1_000  # the list says "1000+" beyond this: an exact count of a big match costs more than the page
EXPORT_MAX_ROWS = 100_000
CONTROL_PARAMS = {"sort", "page", "size"}
AMOUNT_LIMIT = Decimal("1e16")  # amounts are numeric(18, 2): below 10^16 yuan

_SELECT = """
    select f.flag_id, f.rule_id, f.rule_name, f.category, f.severity, f.subsidiary_code, f.subsidiary_name,
           f.subject_type, f.subject_id, f.subject_name, f.period, f.amount, f.amount_kind, f.amount_at_issue,
           case when f.amount_kind = 'context' then f.amount end as amount_context, f.example_standard,
           f.detection_state,
           f.first_detected_on, f.last_detected_on, f.resolved_on,
           coalesce(d.status, %(initial)s) as status, d.assignee, d.responsible_unit, d.rectification_due,
           d.amount_recovered, coalesce(d.version, 0) as version, d.updated_by, d.updated_at
    from audit.flagged_items f
    left join audit.dispositions d on d.flag_id = f.flag_id
"""
# an anti-join on the small partial index of suppressed flags, so the count needs no join to dispositions
_SUPPRESSED_NOW = ("exists (select 1 from audit.dispositions s where s.flag_id = f.flag_id and s.suppressed"
                   " and (s.suppressed_until is null or s.suppressed_until >= %(today)s))")


class FilterError(ValueError):
    """Bad filter input; `errors` maps the parameter to a Chinese message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("；".join(f"{FILTER_LABELS.get(k, k)}（{k}）：{v}" for k, v in errors.items()))


@dataclass
class Query:
    filters: dict[str, Any] = field(default_factory=dict)
    sort: str = DEFAULT_SORT
    page: int = 1
    size: int = 50
    pii: bool = False  # the user may see personal data: free text then also matches masked digits

    def params(self) -> dict[str, str]:
        """The query as URL parameters (for links to other pages, sorts and the export)."""
        out = {k: str(v) for k, v in self.filters.items() if v not in (None, "")}
        return out | {"sort": self.sort, "size": str(self.size)}


def parse_query(params: dict[str, str]) -> Query:
    """Query parameters -> Query; FilterError naming each bad field."""
    errors: dict[str, str] = {}
    unknown = sorted(set(params) - set(FILTER_LABELS) - CONTROL_PARAMS)
    for name in unknown:
        errors[name] = "未知筛选条件；可用：" + "、".join(FILTER_LABELS.values())
    values = {k: (v or "").strip() for k, v in params.items() if k in FILTER_LABELS}
    filters: dict[str, Any] = {k: v for k, v in values.items() if v}
    statuses = workflow().statuses
    if "status" in filters and filters["status"] not in statuses:
        errors["status"] = f"未知处置状态 {filters['status']!r}，可选：{'、'.join(statuses)}"
    if "severity" in filters and filters["severity"] not in SEVERITIES:
        errors["severity"] = f"未知风险等级 {filters['severity']!r}，可选：{'、'.join(SEVERITIES)}"
    if "detection_state" in filters and filters["detection_state"] not in DETECTION_STATES:
        errors["detection_state"] = f"未知检出状态 {filters['detection_state']!r}，可选：{'、'.join(DETECTION_STATES)}"
    if "suppressed" in filters and filters["suppressed"] not in SUPPRESSED:
        errors["suppressed"] = f"取值应为 {'、'.join(SUPPRESSED)}"
    for name in ("amount_min", "amount_max"):
        if name in filters:
            try:
                amount = Decimal(filters[name].replace(",", "").replace("，", ""))
                if not amount.is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                errors[name] = f"金额应为数字（元），例如 100000，收到 {filters[name][:40]!r}"
                continue
            if amount.copy_abs() >= AMOUNT_LIMIT:
                errors[name] = "金额超出范围（绝对值应小于 10,000,000,000,000,000 元）"
            else:
                filters[name] = amount
    for name, value in filters.items():
        if isinstance(value, str) and len(value) > 200:
            errors[name] = "输入过长（最多200字）"
        elif isinstance(value, str) and any(ch < " " for ch in value):
            errors[name] = "含有不允许的控制字符（如空字符 %00）"
    query = Query(filters=filters)
    sort = (params.get("sort") or DEFAULT_SORT).strip()
    if sort not in SORTS:
        errors["sort"] = f"未知排序 {sort!r}，可选：{'、'.join(SORTS)}"
    else:
        query.sort = sort
    try:
        query.size = int(params.get("size") or 50)
        if query.size not in PAGE_SIZES:
            raise ValueError
    except ValueError:
        errors["size"] = f"每页条数应为 {'/'.join(map(str, PAGE_SIZES))}"
    try:
        query.page = int(params.get("page") or 1)
        if query.page < 1:
            raise ValueError
    except ValueError:
        errors["page"] = "页码应为正整数"
    if not errors and (query.page - 1) * query.size >= MAX_ROWS:
        errors["page"] = f"列表只翻到前 {MAX_ROWS} 条，请增加筛选条件缩小范围（或导出 Excel）"
    if errors:
        raise FilterError(errors)
    return query


def _text_clause(term: str, pii: bool) -> str:
    """Free text on the subject, case-insensitive. The index of characters and character pairs
    (include/warehouse/migrations/0002_workbench.sql) finds the subjects holding every pair of the term: exactly the matches
    for one or two characters (most Chinese searches); for longer terms `strpos` keeps those with the term in
    order (a plain expression, so no escaping, and estimated at a neutral third where ILIKE's guess of a few
    rows made the planner fetch 100,000 matches of a common term to sort them).

    A user who sees ID numbers and bank accounts masked searches the masked subject (workbench.mask_text, as
    the page shows it): otherwise a search for hidden digits would tell them, one guess at a time."""
    grams = "workbench.text_grams(f.subject_name) @> workbench.term_grams(%(term)s)"
    clause = grams if len(term) <= 2 else f"{grams} and strpos(lower(f.subject_name), lower(%(term)s)) > 0"
    if not pii:
        clause += " and strpos(lower(workbench.mask_text(f.subject_name)), lower(%(term)s)) > 0"
    return f"({clause})"


def _where(filters: dict[str, Any], codes: list[str] | None, pii: bool = False) -> tuple[str, dict[str, Any]]:
    """The WHERE clause and its parameters. `codes`: a subsidiary-level user's subsidiaries, repeated here as a
    plain parameter (row-level security enforces them anyway) so the planner can use the subsidiary index."""
    initial = workflow().initial
    params: dict[str, Any] = {"initial": initial, "today": today()}
    clauses = []
    if codes:
        clauses.append("f.subsidiary_code = %(scope_code)s" if len(codes) == 1
                       else "f.subsidiary_code = any(%(scope_codes)s)")
        params.update(scope_code=codes[0], scope_codes=list(codes))
    for name in ("subsidiary_code", "category", "rule_id", "severity", "detection_state", "subject_type",
                 "subject_id"):
        if filters.get(name):
            clauses.append(f"f.{name} = %({name})s")
            params[name] = filters[name]
    if filters.get("severity"):  # the same as a rank too: the default order's index then starts at that level
        clauses.append("f.severity_rank = %(severity_rank)s")
        params["severity_rank"] = SEVERITIES.index(filters["severity"])
    if filters.get("status"):
        params["status"] = filters["status"]
        # semi/anti-joins rather than tests on the left-joined row, which the planner estimates at one row
        clauses.append("not exists (select 1 from audit.dispositions x where x.flag_id = f.flag_id"
                       " and x.status <> %(status)s)" if filters["status"] == initial else
                       "exists (select 1 from audit.dispositions x where x.flag_id = f.flag_id and x.status = %(status)s)")
    if filters.get("period"):
        clauses.append("starts_with(f.period, %(period)s)")
        params["period"] = filters["period"]
    if filters.get("amount_min") is not None:
        clauses.append("f.amount_at_issue >= %(amount_min)s")
        params["amount_min"] = filters["amount_min"]
    if filters.get("amount_max") is not None:
        clauses.append("f.amount_at_issue <= %(amount_max)s")
        params["amount_max"] = filters["amount_max"]
    if filters.get("q"):
        clauses.append(_text_clause(filters["q"], pii))
        params["term"] = filters["q"]
    suppressed = filters.get("suppressed") or "hide"
    if suppressed != "all":
        clauses.append(_SUPPRESSED_NOW if suppressed == "only" else f"not {_SUPPRESSED_NOW}")
    return (" where " + " and ".join(clauses)) if clauses else "", params


@dataclass
class Page:
    rows: list[dict[str, Any]]
    total: int  # matching flags, counted up to COUNT_CAP + 1
    has_next: bool

    @property
    def total_text(self) -> str:
        return f"{COUNT_CAP}+" if self.total > COUNT_CAP else str(self.total)


def _order(query: Query, rare_text: bool = False) -> str:
    """ORDER BY of the query. For a rare free-text term the sort column is made an expression no index covers:
    walking a sort index and testing each row would read them all (1.2 s at a million flags for a term
    estimated at 948 matches that had 60); the term's few matches are fetched and sorted instead."""
    _, columns = SORTS[query.sort]
    keys = [(f"({column} + 0)" if rare_text else column) + f" {direction}" for column, direction in columns]
    return f" order by {', '.join(keys)}, f.flag_id"


def _rare_text(cur, query: Query, codes: list[str] | None) -> bool:
    """Whether the free-text term matches fewer than COMMON_TEXT flags in the user's scope, counted through
    its GIN index alone (bitmap scans only, so neither a sequential scan nor an index walk can be chosen on
    a wrong estimate): 2-30 ms for a rare term, about 100 ms at worst for one most subjects hold."""
    if not query.filters.get("q"):
        return False
    # unmasked: only a plan is chosen here, and masking 5,000 subjects would cost more than the page
    where, params = _where({"q": query.filters["q"], "suppressed": "all"}, codes, pii=True)
    cur.execute("select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)")
    found = cur.execute("select count(*) as n from (select 1 from audit.flagged_items f" + where
                        + " limit %(common)s) t", {**params, "common": COMMON_TEXT}).fetchone()["n"]
    cur.execute("select set_config('enable_seqscan', 'on', true), set_config('enable_indexscan', 'on', true)")
    return found < COMMON_TEXT


def _plan_for(cur, rare_text: bool) -> None:
    """Bitmap scans only for a rare free-text term (its GIN index is read only through them).

    Otherwise the planner, underestimating a subsidiary (its code is both in the policy and in the query) or a
    status, fetches every matching row through a bitmap to sort them — 260-600 ms for one subsidiary's
    20,000 flags at a million — where walking the amount index stops at the page in under a millisecond
    (benchmarks/workbench.py); a common term is met every few rows of the walk. For this transaction only.
    """
    cur.execute("select set_config('enable_bitmapscan', %s, true)", ("on" if rare_text else "off",))


def search(conn: Connection, query: Query, codes: list[str] | None = None) -> Page:
    """One page of flags, whether another follows, and the number of matching flags (up to COUNT_CAP + 1)."""
    where, params = _where(query.filters, codes, query.pii)
    offset = (query.page - 1) * query.size
    params.update(limit=query.size + 1, offset=offset, cap=COUNT_CAP + 1)
    cur = conn.cursor(row_factory=dict_row)
    rare_text = _rare_text(cur, query, codes)
    _plan_for(cur, rare_text)
    rows = cur.execute(_SELECT + where + _order(query, rare_text) + " limit %(limit)s offset %(offset)s",
                       params).fetchall()
    join = " left join audit.dispositions d on d.flag_id = f.flag_id" if "d." in where else ""
    total = cur.execute("select count(*) as n from (select 1 from audit.flagged_items f" + join + where
                        + " limit %(cap)s) t", params).fetchone()["n"]
    has_next = len(rows) > query.size and offset + query.size < MAX_ROWS
    return Page(rows[:query.size], total, has_next)


def export_rows(conn: Connection, query: Query, codes: list[str] | None = None) -> list[dict[str, Any]]:
    """Every matching flag for the Excel export (up to EXPORT_MAX_ROWS), in the list's order."""
    where, params = _where(query.filters, codes, query.pii)
    params["limit"] = EXPORT_MAX_ROWS
    sql = _SELECT.replace("d.updated_at", "d.updated_at, d.note, d.evidence_refs") + where
    cur = conn.cursor(row_factory=dict_row)
    rare_text = _rare_text(cur, query, codes)
    return cur.execute(sql + _order(query, rare_text) + " limit %(limit)s", params).fetchall()


def flags_by_id(conn: Connection, ids: list[str]) -> list[dict[str, Any]]:
    """The listed columns of these flags (in scope), in the given order: what a bulk change changed."""
    rows = conn.cursor(row_factory=dict_row).execute(
        _SELECT + " where f.flag_id = any(%(ids)s)", {"initial": workflow().initial, "ids": ids}).fetchall()
    by_id = {r["flag_id"]: r for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def choices(conn: Connection) -> dict[str, list]:
    """Values offered in the filter form (within the user's scope)."""
    cur = conn.cursor()
    subs = cur.execute("select subsidiary_code, max(subsidiary_name) from audit.flagged_items"
                       " group by subsidiary_code order by subsidiary_code").fetchall()
    cats = [r[0] for r in cur.execute("select distinct category from audit.flagged_items"
                                      " where category is not null order by 1")]
    rules = cur.execute("select rule_id, max(rule_name) from audit.flagged_items group by rule_id order by rule_id"
                        ).fetchall()
    return {"subsidiaries": subs, "categories": cats, "rules": rules, "statuses": workflow().statuses,
            "severities": SEVERITIES, "detection_states": DETECTION_STATES, "suppressed": SUPPRESSED,
            "sorts": {k: v[0] for k, v in SORTS.items()}, "sizes": PAGE_SIZES}
