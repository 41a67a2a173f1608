"""The run summary: flag counts per rule and subsidiary, and where to look (printed in Chinese)."""

from __future__ import annotations

from jiandu.settings import get_settings
from jiandu.warehouse import connect, masked_url, warehouse


def flag_counts() -> list[tuple]:
    """Active flags per rule and subsidiary: (rule_id, rule_name, subsidiary_code, subsidiary_name, n, amount)."""
    with connect() as conn:
        return conn.execute(
            "select rule_id, rule_name, subsidiary_code, subsidiary_name, count(*), sum(amount)"
            " from audit.flagged_items where detection_state = 'active'"
            " group by 1, 2, 3, 4 order by 1, 3"
        ).fetchall()


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
        "疑点数量（按规则、单位）Flags per rule and subsidiary:",
        f"  {'规则 rule':<32}{'单位 subsidiary':<28}{'疑点 flags':>10}{'金额 amount (元)':>20}",
    ]
    total = 0
    for rule_id, rule_name, sub_code, sub_name, n, amount in flag_counts():
        total += n
        lines.append(f"  {rule_id + ' ' + (rule_name or ''):<30}{sub_code + ' ' + (sub_name or ''):<24}"
                     f"{n:>10}{amount or 0:>22,.2f}")
    lines.append(f"  合计 total: {total}")
    quarantined = run.get("quarantined") or []
    failed_tables = run.get("failed_tables") or {}
    clean = not quarantined and not failed_tables and status == "success"
    lines += ["", "数据质量 Data quality: " + ("全部通过 all sources passed" if clean else "未全部通过 not all passed")]
    if quarantined:
        lines.append("  已隔离 quarantined: " + ", ".join(quarantined))
    for table, reason in failed_tables.items():
        lines.append(f"  装载失败 table not loaded  {table}: {reason}")
    if run.get("failed_steps"):
        lines.append("  失败步骤 failed steps: " + ", ".join(run["failed_steps"]))
    if run.get("held_rules"):
        lines.append("  未发布（疑点校验未通过）held back: " + ", ".join(run["held_rules"]))
    for rule_id, reason in (run.get("stale_reasons") or {}).items():
        lines.append(f"  疑点标为过期 stale  {rule_id}: {reason}")
    for verdict in (run.get("verdicts") or {}).values():
        for item in (verdict or {}).get("critical", []):
            lines.append(f"  严重 critical  {item}")
        for item in (verdict or {}).get("warnings", []):
            lines.append(f"  警告 warning   {item}")
    docs = next((v["data_docs"] for v in (run.get("verdicts") or {}).values() if (v or {}).get("data_docs")), None)
    lines += [
        "",
        "查看结果 Where to look:",
        f"  数据仓库 warehouse: {masked_url(wh.url)}" + ("  (内置 embedded pgserver)" if wh.embedded else ""),
        "  模式 schemas: audit.flagged_items 疑点清单 | audit.flag_detections 检出历史 |"
        " audit_rules.rf_* 规则明细 | marts 主题集市 | staging | raw | landing | audit_meta 运行与校验记录"
        " | standards 标准与规则目录",
        f"  GX 数据质量报告 Data Docs: {docs or settings.gx_context_dir / 'gx/uncommitted/data_docs/local_site/index.html'}",
        f"  dbt 文档 dbt docs: {run.get('dbt_docs') or settings.dbt_project_dir / 'target/index.html'}",
        "",
    ]
    return "\n".join(lines)
