"""The committed GX files say exactly what the source contract says (run `jiandu gx sync` after editing it)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jiandu.quality.gx_context import checkpoint_name, get_gx_context, suite_file_text, sync
from jiandu.quality.suites import BLANK, build_suite, comparable, suite_name
from jiandu.settings import get_settings
from jiandu.sources.contract import load_contract

GX = get_settings().gx_context_dir / "gx"


def test_every_contract_table_has_a_committed_suite_equal_to_the_contract():
    get_gx_context()  # GX needs an active context to build suites
    for table in load_contract():
        committed = (GX / "expectations" / f"{suite_name(table)}.json").read_text(encoding="utf-8")
        assert committed == suite_file_text(table), f"run `jiandu gx sync` after editing {table.path}"


def test_sync_is_idempotent_on_the_committed_files(tmp_path: Path):
    copy = tmp_path / "expectations"
    shutil.copytree(GX.parent, copy, ignore=shutil.ignore_patterns("uncommitted"))
    before = {p.relative_to(copy): p.read_bytes() for p in copy.rglob("*.json")}
    assert sync(context_dir=copy) == []
    assert {p.relative_to(copy): p.read_bytes() for p in copy.rglob("*.json")} == before


def test_sync_adds_a_new_contract_table(tmp_path: Path):
    copy = tmp_path / "expectations"
    shutil.copytree(GX.parent, copy, ignore=shutil.ignore_patterns("uncommitted"))
    (copy / "gx" / "expectations" / "nc_erp__org.json").unlink()
    changed = sync(context_dir=copy)
    assert "suite nc_erp__org" in changed
    assert (copy / "gx" / "expectations" / "nc_erp__org.json").read_bytes() == \
        (GX / "expectations" / "nc_erp__org.json").read_bytes()


def test_every_expectation_carries_chinese_explanation_and_severity():
    for path in (GX / "expectations").glob("*.json"):
        exps = json.loads(path.read_text())["expectations"]
        assert len({(e["type"], json.dumps(e["kwargs"], sort_keys=True)) for e in exps}) == len(exps), path
        for exp in exps:
            assert exp["meta"]["severity"] in ("critical", "warning"), path
            assert exp["meta"]["说明"], path


def test_one_checkpoint_per_system_covering_its_tables():
    by_system: dict[str, set[str]] = {}
    for table in load_contract():
        by_system.setdefault(table.system, set()).add(suite_name(table))
    for system, suites in by_system.items():
        cp = json.loads((GX / "checkpoints" / f"{checkpoint_name(system)}.json").read_text())
        assert {vd["name"] for vd in cp["validation_definitions"]} == suites


def test_datasource_url_is_not_committed():
    config = (GX / "great_expectations.yml").read_text()
    assert "${JIANDU_WAREHOUSE_SQLA_URL}" in config
    assert "postgresql+psycopg://" not in config


def test_every_asset_reads_the_schema_and_table_its_name_says():
    """A datasource asset without its schema_name reads `public` (a merge once dropped one line: the whole OA
    system was quarantined every night, every check failing on a table that does not exist)."""
    import yaml

    config = yaml.safe_load((GX / "great_expectations.yml").read_text(encoding="utf-8"))
    assets = {name: asset for ds in config["fluent_datasources"].values() for name, asset in ds["assets"].items()}
    expected = {f"landing.{t.raw_name}" for t in load_contract()}
    assert expected <= set(assets)
    for name, asset in assets.items():
        assert f"{asset.get('schema_name')}.{asset.get('table_name')}" == name, name


def test_a_value_outside_a_documented_set_warns_and_never_quarantines_a_system():
    """Real systems grow new states and types (已驳回, 停薪留职, 会议费): one such value must not hold back a whole
    system's night. The rules read such fields through the normalising macros (norm_approval_status, ...)."""
    value_checks = [(t.path.name, c) for t in load_contract() for c in t.checks if c["name"].endswith("取值合法")]
    assert len(value_checks) > 20
    assert [(path, c["name"]) for path, c in value_checks if c.get("severity", "critical") != "warning"] == []


CAST_FORMS = {  # type: (forms real exports write, each with the value PostgreSQL casts it to; forms that stay critical)
    "date": ({"2026-02-20": "2026-02-20", "2026-02-20 23:59:00": "2026-02-20", "2026-02-20T23:59": "2026-02-20",
              "2026-02-20 23:59:00.123": "2026-02-20", "2026-02-20 00:00:00+08": "2026-02-20", "2026-2-5": "2026-02-05",
              "2026/02/05": "2026-02-05", "2026/2/5 9:05": "2026-02-05", "2026.02.05": "2026-02-05",
              "20260220": "2026-02-20", " 2026-02-20 ": "2026-02-20"},
             ["15/03/1985", "2026-13-01", "2026-02-20 25:00", "2026-02-20 下午", "2026年2月5日", "2026-02/05", "26-02-05"]),
    "timestamp": ({"2026-02-20 23:59:00": "2026-02-20 23:59:00", "2026-02-20": "2026-02-20 00:00:00",
                   "2026/2/5 9:05": "2026-02-05 09:05:00", "2026-02-20T08:00:00.5": "2026-02-20 08:00:00.5"},
                  ["2026-02-20 下午3点", "02/20/2026 10:00"]),
    "numeric": ({"3200.50": "3200.50", "3200.50000000": "3200.50000000", "-12": "-12", "+7.5": "7.5", "1e-05": "0.00001",
                 ".5": "0.5", "5.": "5", " 42 ": "42"}, ["3,200.50", "12元", "", "NaN", "1.2.3", "--5"]),
    "integer": ({"12": "12", "12.0": "12", "-3": "-3", " 7 ": "7"}, ["12.5", "1e3", "十二", ""]),
    "month": ({"2026-03": "2026-03", "2026-3": "2026-03", "2026/03": "2026-03", "2026.3": "2026-03",
               "202612": "2026-12", "2026年3月": "2026-03", "2026-03-01": "2026-03", " 2026-12 ": "2026-12"},
              ["2026-13", "26-03", "三月", "2026-03-40", ""]),
    "boolean": ({"1": "true", "0": "false", "true": "true", "F": "false", "yes": "true", "off": "false"}, ["是", "2"]),
}


@pytest.mark.parametrize("kind", sorted(CAST_FORMS))
def test_the_type_checks_accept_exactly_what_promotion_casts(kind):
    """Each form a real export writes passes the type check and promotion casts it to the value meant (the GX
    expectation is evaluated by PostgreSQL's regex, the cast by copy_loader); each other form stays critical."""
    import psycopg
    from psycopg import sql

    from jiandu.loaders.copy_loader import _cast
    from jiandu.quality.suites import TYPE_PATTERNS
    from jiandu.sources.contract import Column
    from tests.conftest import REAL_SERVER

    good, bad = CAST_FORMS[kind]
    pattern = TYPE_PATTERNS[kind][0]
    column = Column("v", kind, "值", required=True)
    with psycopg.connect(REAL_SERVER) as conn:
        def matches(value: str) -> bool:
            return conn.execute("select %s::text ~ %s", (value, pattern)).fetchone()[0]

        assert [v for v in good if not matches(v)] == []
        assert [v for v in bad if matches(v)] == []
        cast = sql.SQL("select ({})::text from (select %s::text as v) exported").format(_cast(sql.Identifier("v"), column))
        assert {v: conn.execute(cast, (v,)).fetchone()[0] for v in good} == good


@pytest.mark.parametrize("kind", sorted(CAST_FORMS))
def test_a_blank_optional_value_passes_and_is_null_a_blank_required_one_is_critical(kind):
    """Exports write a missing optional date, amount or flag as an empty string or spaces: the type check of an optional
    column lets it through and promotion stores NULL; a required or key column left blank fails the check."""
    import psycopg
    from psycopg import sql

    from jiandu.loaders.copy_loader import _cast
    from jiandu.quality.suites import type_pattern
    from jiandu.sources.contract import Column
    from tests.conftest import REAL_SERVER

    optional, required = Column("v", kind, "值"), Column("v", kind, "值", required=True)
    good, bad = CAST_FORMS[kind]
    with psycopg.connect(REAL_SERVER) as conn:
        def matches(value: str, pattern: str) -> bool:
            return conn.execute("select %s::text ~ %s", (value, pattern)).fetchone()[0]

        for blank in ("", "  ", "\t"):
            assert matches(blank, type_pattern(optional, optional=True)), repr(blank)
            assert not matches(blank, type_pattern(required, optional=False)), repr(blank)
            cast = sql.SQL("select ({})::text from (select %s::text as v) exported").format(
                _cast(sql.Identifier("v"), optional))
            assert conn.execute(cast, (blank,)).fetchone()[0] is None
        # blank is the only form the optional check adds
        assert [v for v in bad if v.strip() and matches(v, type_pattern(optional, optional=True))] == []
        assert [v for v in good if not matches(v, type_pattern(optional, optional=True))] == []
    suite = {e["kwargs"]["column"]: e for e in comparable(build_suite(_table_with_optional_date()))
             if e["type"] == "expect_column_values_to_match_regex"}
    assert suite["leave_date"]["kwargs"]["regex"].startswith(BLANK + "|")
    assert "或留空" in suite["leave_date"]["meta"]["说明"]
    assert not suite["hire_date"]["kwargs"]["regex"].startswith(BLANK)


def _table_with_optional_date():
    (table,) = [t for t in load_contract() if t.system == "hr" and t.table == "employee"]
    columns = {c.name: c for c in table.columns}
    assert columns["hire_date"].required and not columns["leave_date"].required
    return table


def test_a_red_ink_receivable_bill_passes_and_mixed_signs_fail():
    """NC writes a reversal of a receivable as a red-ink bill (红字应收单): negative throughout. It must load (the
    rules net it, int_ar__open_bills); a bill with mixed signs is reported by key (a row-level warning)."""
    import psycopg

    from tests.conftest import REAL_SERVER

    (table,) = [t for t in load_contract() if t.path.name == "ar_bill.yml"]
    (check,) = [c for c in table.checks if c["name"].startswith("金额非负")]
    assert check.get("severity", "critical") == "warning"
    rows = {"blue": ("1000.00", "200.00", "800.00"), "red": ("-500.00", "0", "-500.00"),
            "red_part_written_off": ("-500", "-200.00", "-300"), "red_cleared": ("-500", "-500", "0.00"),
            "negative_received": ("1000", "-1", "1001"), "red_with_positive_open": ("-500", "0", "0.50"),
            "red_with_positive_received": ("-500", "300", "-800")}
    values = ", ".join(f"('{k}', '{b}', '{r}', '{o}')" for k, (b, r, o) in rows.items())
    batch = f"(select * from (values {values}) as v(bill_no, bill_amount, received_amount, open_balance))"
    with psycopg.connect(REAL_SERVER) as conn:
        flagged = {r[0] for r in conn.execute(check["unexpected_rows"].replace("{batch}", batch + " as subselect"))}
    assert flagged == {"negative_received", "red_with_positive_open", "red_with_positive_received"}
