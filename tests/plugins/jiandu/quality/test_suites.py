"""The committed GX suites say exactly what the source contract says (run `jiandu gx sync` after editing it)."""

from __future__ import annotations

import json

from jiandu.quality.gx_context import checkpoint_name
from jiandu.quality.suites import build_suite, comparable, suite_name
from jiandu.settings import get_settings
from jiandu.sources.contract import load_contract

GX = get_settings().gx_context_dir / "gx"


def _committed(name: str):
    import great_expectations as gx

    from jiandu.quality.gx_context import get_gx_context

    get_gx_context()  # GX needs an active context to build suites
    return gx.ExpectationSuite(**{k: v for k, v in json.loads((GX / "expectations" / f"{name}.json").read_text())
                                 .items() if k in ("name", "expectations", "meta")})


def test_every_contract_table_has_a_committed_suite_equal_to_the_contract():
    for table in load_contract():
        committed = _committed(suite_name(table))
        assert comparable(committed) == comparable(build_suite(table)), f"run `jiandu gx sync` for {table.path}"


def test_every_expectation_carries_chinese_explanation_and_severity():
    for path in (GX / "expectations").glob("*.json"):
        for exp in json.loads(path.read_text())["expectations"]:
            assert exp["meta"]["severity"] in ("critical", "warning"), path
            assert exp["meta"]["说明"], path


def test_one_checkpoint_per_system_covering_its_tables():
    by_system: dict[str, set[str]] = {}
    for table in load_contract():
        by_system.setdefault(table.system, set()).add(suite_name(table))
    for system, suites in by_system.items():
        cp = json.loads((GX / "checkpoints" / f"{checkpoint_name(system)}.json").read_text())
        names = {vd["name"] for vd in cp["validation_definitions"]}
        assert names == suites


def test_datasource_url_is_not_committed():
    config = (GX / "great_expectations.yml").read_text()
    assert "${JIANDU_WAREHOUSE_SQLA_URL}" in config
    assert "postgresql+psycopg://" not in config
