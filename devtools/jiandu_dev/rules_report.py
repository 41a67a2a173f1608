"""Compare the night's findings with the generator's ground truth, per rule.

A planted case is found when a flag of its rule has a source reference to its source row (same table,
same key); the flag's amount must equal the sum of the planted amounts it covers. A decoy is flagged
when any flag of its rule references it. `jiandu rules report` prints the table and writes docs/rules.md
with each rule's basis and standard.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import permutations
from pathlib import Path

from jiandu.settings import get_settings
from jiandu.warehouse import connect


@dataclass
class RuleResult:
    rule_id: str
    rule_name: str
    implemented: bool
    planted: int = 0
    found: int = 0
    missed: list[str] = field(default_factory=list)
    decoys: int = 0
    decoys_flagged: list[str] = field(default_factory=list)
    amount_mismatches: list[str] = field(default_factory=list)
    flags: int = 0

    @property
    def ok(self) -> bool:
        return not (self.missed or self.decoys_flagged or self.amount_mismatches)


def ref_keys(ref: dict) -> set[str]:
    """The ways a ground-truth `source_keys` may spell this reference's key: composite keys joined by '|'
    (in any column order: jsonb reorders object keys, so the primary-key order is not kept)."""
    values = [str(v) for v in (ref.get("key") or {}).values()]
    if len(values) <= 1:
        return set(values)
    return {"|".join(p) for p in permutations(values)} if len(values) <= 4 else {"|".join(values)}


def read_ground_truth(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def compare(truth: list[dict], flags: list[dict], catalog: list[dict], implemented: set[str]) -> list[RuleResult]:
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for f in flags:
        by_rule[f["rule_id"]].append(f)
    results = []
    for rule in catalog:
        rid = rule["rule_id"]
        res = RuleResult(rid, rule["rule_name_zh"], rule["dbt_model"] in implemented, flags=len(by_rule[rid]))
        index: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for f in by_rule[rid]:
            for ref in f["source_refs"] or []:
                for key in ref_keys(ref):
                    index[(ref.get("table"), key)].append(f)
        expected_amount: dict[str, Decimal] = defaultdict(Decimal)
        for row in (r for r in truth if r["rule_id"] == rid):
            hits = index.get((row["source_table"], row["source_keys"]), [])
            label = f"{row['subsidiary_code']} {row['source_table']} {row['source_keys']}"
            if row["kind"] == "planted":
                res.planted += 1
                if hits:
                    res.found += 1
                    expected_amount[hits[0]["flag_id"]] += Decimal(row["amount"] or 0)
                else:
                    res.missed.append(label)
            else:
                res.decoys += 1
                if hits:
                    res.decoys_flagged.append(label)
        for f in by_rule[rid]:
            if f["flag_id"] in expected_amount and Decimal(f["amount"]) != expected_amount[f["flag_id"]]:
                res.amount_mismatches.append(f"{f['flag_id']}: {f['amount']} ≠ {expected_amount[f['flag_id']]}")
        results.append(res)
    return results


def judge(conn, truth: list[dict]) -> list[RuleResult]:
    """The ground truth against the night's findings, catalog and built rules in the warehouse `conn` reads."""
    cur = conn.execute("select * from standards.rule_catalog order by rule_id")
    names = [d.name for d in cur.description]
    catalog = [dict(zip(names, r, strict=True)) for r in cur]
    flags = [dict(zip(("flag_id", "rule_id", "amount", "source_refs"), r, strict=True)) for r in conn.execute(
        "select flag_id, rule_id, amount, source_refs from audit_rules.fct_red_flags")]
    implemented = {r[0] for r in conn.execute(
        "select table_name from information_schema.tables where table_schema = 'audit_rules'"
        " and table_name like 'rf\\_%'")}
    return compare(truth, flags, catalog, implemented)


def current(sources: Path) -> list[RuleResult]:
    with connect() as conn:
        return judge(conn, read_ground_truth(sources / "ground_truth.csv"))


def render(results: list[RuleResult]) -> str:
    lines = [f"{'规则 rule':<28}{'埋点 planted':>13}{'检出 found':>11}{'漏检 missed':>12}"
             f"{'诱饵误报 decoys':>16}{'疑点 flags':>11}"]
    for r in results:
        status = "" if r.implemented else "  未实现 not implemented"
        lines.append(f"{r.rule_id + ' ' + r.rule_name:<24}{r.planted:>13}{r.found:>11}{len(r.missed):>12}"
                     f"{len(r.decoys_flagged):>9}/{r.decoys:<6}{r.flags:>11}{status}")
    return "\n".join(lines)


def write_markdown(results: list[RuleResult], path: Path | None = None) -> Path:
    path = path or get_settings().project_root / "docs" / "rules.md"
    with connect() as conn:
        cur = conn.execute("select rule_id, rule_name_zh, category, severity, detects, basis, owner_department,"
                           " dbt_model, standard_seed from standards.rule_catalog order by rule_id")
        catalog = {r[0]: r for r in cur}
    by_id = {r.rule_id: r for r in results}
    out = ["# 红旗规则目录 Red-flag rules", "",
           "Generated by `make rules-report` (demo group, scale S, seed 42): planted cases and decoys from the",
           "generator's ground truth against the night's findings. The group's own policy wins over every default",
           "standard: thresholds are versioned seeds in `dbt_project/seeds/standards/`.", "",
           "| 规则 | 名称 | 类别 | 级别 | 牵头部门 | 模型 | 标准 | 埋点 | 检出 | 漏检 | 诱饵误报 |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for rid, (_, name, cat, sev, _detects, _basis, dept, model, seed) in catalog.items():
        r = by_id.get(rid)
        found = f"{r.found}" if r and r.implemented else "未实现"
        seed = (seed or "").replace("|", "、")
        out.append(f"| {rid} | {name} | {cat} | {sev} | {dept} | `{model}` | {seed} | {r.planted if r else 0} |"
                   f" {found} | {len(r.missed) if r else 0} | {len(r.decoys_flagged) if r else 0}/{r.decoys if r else 0} |")
    out += ["", "## 规则说明与制度依据 What each rule detects and its basis", ""]
    for rid, (_, name, _cat, _sev, detects, basis, _dept, _model, _seed) in catalog.items():
        out += [f"### {rid} {name}", "", f"- 检查内容：{detects}", f"- 制度依据：{basis}", ""]
    path.write_text("\n".join(out), encoding="utf-8")
    return path
