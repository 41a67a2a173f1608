"""The run summary: flag counts per rule and subsidiary, and where to look (printed in Chinese)."""

from __future__ import annotations

from decimal import Decimal

from jiandu.settings import get_settings
from jiandu.standards.coverage import standard_gaps
from jiandu.warehouse import connect, warehouse

# Money at issue only (涉及金额, amount_at_issue): a context figure (参考数: a debt-ratio warning's total liabilities,
# Benford's population) is no money at issue and is never added up; a rule whose flags all carry one shows 参考数.
CONTEXT = "参考数"


def flag_counts() -> list[tuple]:
    """Active flags per rule and subsidiary: (rule_id, rule_name, subsidiary_code, subsidiary_name, n,
    money at issue or 参考数)."""
    with connect() as conn:
        rows = conn.execute(
            "select rule_id, rule_name, subsidiary_code, subsidiary_name, count(*), sum(amount_at_issue),"
            " bool_and(amount_kind = 'context')"
            " from audit.flagged_items where detection_state = 'active'"
            " group by 1, 2, 3, 4 order by 1, 3"
        ).fetchall()
    return [(*r[:5], CONTEXT if r[6] else r[5]) for r in rows]


def rule_counts() -> list[tuple]:
    """Active flags per rule: (rule_id, rule_name, subsidiaries, n, money at issue, 参考数, or None when the rule
    states no money)."""
    with connect() as conn:
        rows = conn.execute(
            "select rule_id, max(rule_name), count(distinct subsidiary_code), count(*), sum(amount_at_issue),"
            " bool_and(amount_kind = 'context')"
            " from audit.flagged_items where detection_state = 'active' group by 1 order by 1"
        ).fetchall()
    return [(*r[:4], CONTEXT if r[5] else r[4]) for r in rows]


def _grouped(failed_tables: dict[str, str]) -> list[tuple[str, str]]:
    """Failed tables of one system with the same cause (an unreachable system) on one line."""
    groups: dict[tuple[str, str], list[str]] = {}
    for name, reason in failed_tables.items():
        system, _, table = name.partition(".")
        groups.setdefault((system, reason), []).append(table)
    return [(f"{system}.{tables[0]}" if len(tables) == 1 else f"{system}.{{{', '.join(tables)}}}", reason)
            for (system, reason), tables in groups.items()]


MAX_ITEMS = 8  # of each list (critical checks, warnings); the rest is counted and in Data Docs


STATUS_ZH = {"success": "全部完成 success", "partial": "部分完成 partial（部分规则疑点未更新，标为过期 stale）",
             "failed": "失败 failed（本次未发布疑点 nothing published）"}


def render(run: dict) -> str:
    settings = get_settings()
    wh = warehouse()
    status = run.get("status") or "success"
    lines = [
        "",
        f"监督夜间运行完成 nightly_supervision  评价日 as-of {run['as_of']}  运行 run_id {run['run_id']}",
        f"运行状态 status: {STATUS_ZH.get(status, status)}",
        "",
        "疑点数量（按规则）Active flags per rule  (按单位 per subsidiary: jiandu summary):",
        f"  {'规则 rule':<36}{'单位数 units':>10}{'疑点 flags':>10}{'涉及金额 at issue (元)':>20}",
    ]
    total, money = 0, 0
    for rule_id, rule_name, units, n, amount in rule_counts():
        total += n
        # 参考数: a context figure; —: the rule states no money (a relative in the reporting line, a late ledger)
        shown = f"{amount:>22}" if amount == CONTEXT else f"{'—':>22}" if amount is None else f"{amount:>22,.2f}"
        money += amount if isinstance(amount, (int, float, Decimal)) else 0
        lines.append(f"  {rule_id + ' ' + (rule_name or ''):<30}{units:>10}{n:>10}{shown}")
    lines.append(f"  合计 total: {total}")
    lines.append(f"  涉及金额合计 money at issue: {money:,.2f} 元（参考数不计入 context figures not added）")
    quarantined = run.get("quarantined") or []
    failed_tables = run.get("failed_tables") or {}
    clean = not quarantined and not failed_tables and status == "success"
    lines += ["", "数据质量 Data quality: " + ("全部通过 all sources passed" if clean else "有问题 issues found")]
    if quarantined:
        lines.append("  已隔离 quarantined: " + ", ".join(quarantined))
    for tables, reason in _grouped(failed_tables):
        lines.append(f"  装载失败 table not loaded  {tables}: {reason}")
    if run.get("failed_steps"):
        lines.append("  失败步骤 failed steps: " + ", ".join(run["failed_steps"]))
    if run.get("held_rules"):
        lines.append("  未发布（疑点校验未通过）held back: " + ", ".join(run["held_rules"]))
    by_reason: dict[str, list[str]] = {}
    for rule_id, reason in (run.get("stale_reasons") or {}).items():
        by_reason.setdefault(reason, []).append(rule_id)
    for reason, rule_ids in by_reason.items():
        lines.append(f"  疑点标为过期 stale（{reason}）: {', '.join(rule_ids)}")
    verdicts = [v or {} for v in (run.get("verdicts") or {}).values()]
    for kind, label in (("critical", "严重 critical"), ("warnings", "警告 warning ")):
        items = [item for v in verdicts for item in v.get(kind, [])]
        lines += [f"  {label}  {item}" for item in items[:MAX_ITEMS]]
        if len(items) > MAX_ITEMS:
            lines.append(f"  {label}  … 另有 {len(items) - MAX_ITEMS} 条 and {len(items) - MAX_ITEMS} more"
                         " (见 see Data Docs / audit_meta.validation_results)")
    with connect() as conn:
        gaps = standard_gaps(conn)
    if gaps:
        lines += ["", "标准与日历 Standards and calendar: 部分数据未按标准判断 some data not judged"]
        lines += [f"  {gap}" for gap in gaps]
    skipped = run.get("skipped_imports") or []
    if skipped:
        lines += ["", "集团标准 Group standards: 部分导入未应用，沿用示例默认值 some imports skipped"]
        lines += [f"  {line}" for line in skipped]
    docs = next((v["data_docs"] for v in (run.get("verdicts") or {}).values() if (v or {}).get("data_docs")), None)
    lines += [
        "",
        "查看结果 Where to look:",
        f"  数据仓库 warehouse: {wh.display_url}" + ("  (内置 embedded pgserver)" if wh.embedded else ""),
        "  模式 schemas: audit.flagged_items 疑点清单 | audit.flag_detections 检出历史 |"
        " audit_rules.rf_* 规则明细 | marts 主题集市 | staging | raw | landing | audit_meta 运行与校验记录"
        " | standards 标准与规则目录",
        f"  GX 数据质量报告 Data Docs: {docs or settings.gx_runtime_dir / 'data_docs/local_site/index.html'}",
        f"  dbt 文档 dbt docs: {run.get('dbt_docs') or settings.dbt_target_dir / 'index.html'}",
        "",
    ]
    return "\n".join(lines)
