"""Every red-flag rule is one unit (its SQL and its yml with meta and unit tests), and the registry is generated
from the rules: the catalog seed and fct_red_flags' list never drift; the dbt unit tests pass in seconds."""

from __future__ import annotations

import os

import psycopg
import pytest
import yaml

from jiandu.rules_catalog import CatalogError, audit_dir, generate, read_rules, render_union
from tests.conftest import REAL_SERVER, fresh_database, run_jiandu


def test_catalog_and_union_match_the_rules():
    assert generate(check=True) == [], "run `jiandu rules catalog`"


def test_every_rule_model_has_its_yml_with_meta():
    rules = read_rules()
    assert len(rules) == len(list(audit_dir().glob("rf_*.sql")))
    assert all(r.meta["amount_kind"] in ("at_issue", "context", "none") for r in rules)


def test_a_rule_without_its_yml_is_refused(tmp_path):
    (tmp_path / "rf_x__y.sql").write_text("select 'RF_X_001' as rule_id", encoding="utf-8")
    with pytest.raises(CatalogError, match="rf_x__y.yml: missing"):
        read_rules(tmp_path)


def test_a_rule_whose_sql_does_not_name_its_id_is_refused(tmp_path):
    (tmp_path / "rf_x__y.sql").write_text("select 'RF_X_002' as rule_id", encoding="utf-8")
    meta = {k: "x" for k in ("rule_name_zh", "rule_name_en", "category", "severity", "detects", "basis",
                             "owner_department")}
    meta |= {"rule_id": "RF_X_001", "amount_kind": "at_issue", "standard_seeds": []}
    doc = {"version": 2, "models": [{"name": "rf_x__y", "config": {"meta": meta}}]}
    (tmp_path / "rf_x__y.yml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CatalogError, match="never names 'RF_X_001'"):
        read_rules(tmp_path)


def test_union_lists_every_rule_model_once():
    rules = read_rules()
    text = render_union(rules, (audit_dir() / "fct_red_flags.sql").read_text(encoding="utf-8"))
    for rule in rules:
        assert text.count(f"'{rule.model}'") == 1


def unit_test_counts() -> dict[str, int]:
    """Unit tests per model, in every model yml (the rules' and the intermediate models' they rest on)."""
    counts: dict[str, int] = {}
    for path in audit_dir().parents[1].rglob("*.yml"):
        for test in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("unit_tests") or []:
            counts[test["model"]] = counts.get(test["model"], 0) + 1
    return counts


def test_every_rule_has_unit_tests():
    counts = unit_test_counts()
    untested = [r.model for r in read_rules() if counts.get(r.model, 0) == 0]
    assert untested == [], f"rules without dbt unit tests: {untested}"


def test_dbt_unit_tests_pass():
    """`jiandu rules test` in an empty database of its own: the given/expect rows of every rule."""
    name = f"jiandu_units_{os.getpid()}"
    url = fresh_database(name)
    try:
        result = run_jiandu(["rules", "test"], {"WAREHOUSE_URL": url})
        out = result.stdout + result.stderr
        assert result.returncode == 0, out[-6000:]
        expected = sum(unit_test_counts().values())
        assert expected > 0
        singular = len(list((audit_dir().parents[2] / "tests").glob("*.sql")))  # normalise_keys and the like
        assert f"PASS={expected + singular} " in out, out[-3000:]  # every unit test and singular test
    finally:
        with psycopg.connect(REAL_SERVER, autocommit=True) as conn:
            for db in (name, f"{name}_unit"):
                conn.execute(f'drop database if exists "{db}" with (force)')
