"""The run summary: flag counts per rule and subsidiary, and where to look (printed in Chinese)."""

from __future__ import annotations

from jiandu.settings import get_settings
from jiandu.warehouse import connect, warehouse


def flag_counts() -> list[tuple]:
    """Active flags per rule and subsidiary: (rule_id, rule_name, subsidiary_code, subsidiary_name, n, amount)."""
    with connect() as conn:
        return conn.execute(
            "select rule_id, rule_name, subsidiary_code, subsidiary_name, count(*), sum(amount)"
            " from audit.flagged_items where detection_state = 'active'"
            " group by 1, 2, 3, 4 order by 1, 3"
        ).fetchall()


def render(run: dict) -> str:
    settings = get_settings()
    wh = warehouse()
    lines = [
        "",
        f"监督夜间运行完成 nightly_supervision  评价日 as-of {run['as_of']}  运行 run_id {run['run_id']}",
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
    lines += ["", "数据质量 Data quality: " + ("全部通过 all sources passed" if not quarantined
                                              else "已隔离 quarantined: " + ", ".join(quarantined))]
    if run.get("held_rules"):
        lines.append("  未发布（疑点校验未通过）held back: " + ", ".join(run["held_rules"]))
    for verdict in (run.get("verdicts") or {}).values():
        for item in verdict.get("critical", []):
            lines.append(f"  严重 critical  {item}")
        for item in verdict.get("warnings", []):
            lines.append(f"  警告 warning   {item}")
    docs = next((v.get("data_docs") for v in (run.get("verdicts") or {}).values() if v.get("data_docs")), None)
    lines += [
        "",
        "查看结果 Where to look:",
        f"  数据仓库 warehouse: {wh.display_url}" + ("  (内置 embedded pgserver)" if wh.embedded else ""),
        "  模式 schemas: audit.flagged_items 疑点清单 | audit.flag_detections 检出历史 |"
        " audit_rules.rf_* 规则明细 | marts 主题集市 | staging | raw | landing | audit_meta 运行与校验记录"
        " | standards 标准与规则目录",
        f"  GX 数据质量报告 Data Docs: {docs or settings.gx_context_dir / 'gx/uncommitted/data_docs/local_site/index.html'}",
        f"  dbt 文档 dbt docs: {run.get('dbt_docs') or settings.dbt_project_dir / 'target/index.html'}",
        "",
    ]
    return "\n".join(lines)
