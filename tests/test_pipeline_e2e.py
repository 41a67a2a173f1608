"""The nightly pipeline end to end, as `make demo` runs it: on the embedded warehouse and on a real server.

Ground truth is the generator's ground_truth.csv: every planted long-aged receivable is flagged with its
amount, no decoy is flagged, a corrupted batch is quarantined and its flags go stale, and a receivable that is
paid off is marked resolved, never deleted. That a re-run of the same night adds no rows and moves no flag is
shown in tests/plugins/jiandu/flags/test_lifecycle_pipeline.py, with auditors' dispositions recorded.
"""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest

from tests.conftest import REAL_SERVER, clone_real_server_night, run_jiandu

AS_OF = "2026-11-01"
pytestmark = pytest.mark.slow


def _truth(sources: Path) -> tuple[dict[str, list[dict]], set[str]]:
    rows = [r for r in csv.DictReader((sources / "ground_truth.csv").open(encoding="utf-8"))
            if r["rule_id"] == "RF_AR_001"]
    planted: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["kind"] == "planted":
            planted[r["source_keys"]].append(r)
    return planted, {r["source_keys"] for r in rows if r["kind"] == "decoy"}


def _flags(conn: psycopg.Connection, state: str = "active", rule_id: str = "RF_AR_001") -> list[dict]:
    cur = conn.execute(
        "select flag_id, rule_id, subsidiary_code, subject_id, amount, source_refs, evidence, first_detected_on,"
        " detection_state, resolved_on from audit.flagged_items where detection_state = %s and rule_id = %s"
        " order by flag_id", (state, rule_id))
    names = [d.name for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur]


def _bills(flag: dict) -> list[str]:
    assert all(ref["table"] == "nc_erp.ar_bill" for ref in flag["source_refs"])
    return [ref["key"]["bill_no"] for ref in flag["source_refs"]]


def _assert_exactly_the_planted(flags: list[dict], sources: Path) -> None:
    planted, decoys = _truth(sources)
    flagged_bills = {b: f for f in flags for b in _bills(f)}
    assert set(flagged_bills) == set(planted), "flagged bills differ from the planted ones"
    assert not decoys & set(flagged_bills), "a decoy was flagged"
    for flag in flags:
        expected = sum(Decimal(planted[b][0]["amount"]) for b in _bills(flag))
        assert flag["amount"] == expected
        assert flag["rule_id"] == "RF_AR_001"
        assert flag["evidence"]["最长账龄天数"] > 1095
        assert {planted[b][0]["subsidiary_code"] for b in _bills(flag)} == {flag["subsidiary_code"]}


def _run(sources: Path, env: dict[str, str]) -> str:
    result = run_jiandu(["run", "--date", AS_OF, "--sources", str(sources)], env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


# --- embedded warehouse (pgserver), exactly what `make demo` does -------------------------------------------

@pytest.fixture(scope="module")
def embedded(embedded_demo_run: str):
    from jiandu.warehouse import connect

    return embedded_demo_run, connect


def test_demo_prints_counts_and_where_to_look(embedded):
    out, _ = embedded
    assert "RF_AR_001 应收账款挂账3年以上" in out
    # one line per task and the summary; Airflow's and dbt's own logs go to files (it used to print ~2,400 lines)
    assert len(out.splitlines()) < 100, out
    assert "运行状态 status: 全部完成 success" in out and "数据质量 Data quality: 全部通过" in out
    assert any(line.strip().startswith("成功 success") and " dbt_build " in line for line in out.splitlines())
    # the generator plants a stay in a city without a hotel cap and tickets in an unmapped class per subsidiary
    assert "未匹配标准 unmatched  RF_EXP_001 城市未匹配: 5 行 rows（5 家单位）" in out, out
    assert "未匹配标准 unmatched  RF_EXP_002 席别未匹配: 10 行 rows（5 家单位）" in out, out
    assert "节假日日历未覆盖" not in out  # 2025 and 2026 are in the seed
    for needle in ("数据仓库 warehouse: postgresql://", "audit.flagged_items", "Data Docs:", "dbt docs:"):
        assert needle in out
    docs = out.split("Data Docs: ")[1].split()[0].removeprefix("file://")
    assert Path(docs).exists()


def test_summary_adds_up_money_at_issue_and_shows_context_figures_as_such(embedded):
    """A debt-ratio warning's total liabilities and Benford's population are context figures (参考数): shown as
    such on their rule's line, never added to the money at issue."""
    out, connect = embedded
    with connect() as conn:
        money = conn.execute("select sum(amount_at_issue) from audit.flagged_items"
                             " where detection_state = 'active'").fetchone()[0]
        everything = conn.execute("select sum(amount) from audit.flagged_items"
                                  " where detection_state = 'active'").fetchone()[0]
    assert money < everything  # the demo has context figures
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip().startswith("RF_")}
    assert lines["RF_KPI_001"].rstrip().endswith("参考数") and lines["RF_JE_006"].rstrip().endswith("参考数")
    assert lines["RF_AR_001"].rstrip().split()[-1].replace(",", "").replace(".", "").isdigit()
    assert lines["RF_HR_001"].rstrip().endswith("—")  # relatives in one reporting line: no money stated
    assert f"涉及金额合计 money at issue: {money:,.2f} 元" in out
    per_unit = run_jiandu(["summary"], {})
    assert per_unit.returncode == 0, per_unit.stderr[-2000:]
    rows = [line.split("\t") for line in per_unit.stdout.splitlines()]
    assert rows[0][-1] == "涉及金额 at issue (元)"
    assert {r[-1] for r in rows[1:] if r[0] == "RF_KPI_001"} == {"参考数"}
    assert {r[-1] for r in rows[1:] if r[0] == "RF_HR_001"} == {"—"}
    assert sum(Decimal(r[-1]) for r in rows[1:] if r[-1] not in ("参考数", "—")) == money


def test_weekly_report_says_what_was_not_judged(embedded, tmp_path):
    """The weekly report carries the 未匹配标准 lines of the night (the planted 香港 stays, 动卧 tickets)."""
    from openpyxl import load_workbook

    from jiandu.reports.build import build_weekly
    from jiandu.reports.weekly import week_of

    files = build_weekly(week_of(date(2026, 11, 1)), tmp_path)
    sheet = load_workbook(files.xlsx)["未判断数据"]
    lines = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert any("RF_EXP_001 城市未匹配: 5 行" in line for line in lines), lines
    assert "RF_EXP_002 席别未匹配: 10 行" in files.html.read_text(encoding="utf-8")


def test_every_loaded_and_built_table_has_planner_statistics(embedded):
    """Every contract table in raw and landing after the load, every ledger table and every dbt table after
    its build are analyzed, so tonight's models are planned on real row counts (a just-built table without
    statistics passes for one row)."""
    from jiandu.ledgers.layout import load_layouts
    from jiandu.sources.contract import load_contract

    _, connect = embedded
    loaded = [t.raw_name for t in load_contract()]
    ledgers = [layout.raw_name for layout in load_layouts().values()]
    with connect() as conn:
        unanalyzed = conn.execute(
            "select schemaname || '.' || relname from pg_stat_user_tables where last_analyze is null and"
            " ((schemaname in ('raw', 'landing') and relname = any(%s)) or (schemaname = 'raw' and relname = any(%s))"
            "  or schemaname in ('marts', 'audit_rules')) order by 1", (loaded, ledgers)).fetchall()
        analyzed = conn.execute("select count(*) from pg_stat_user_tables where last_analyze is not null and"
                                " schemaname = 'raw' and relname = any(%s)", (loaded + ledgers,)).fetchone()[0]
        built = conn.execute("select count(*) from pg_stat_user_tables where schemaname = 'audit_rules'"
                             " and last_analyze is not null").fetchone()[0]
    assert unanalyzed == []
    assert analyzed == len(loaded) + len(ledgers)
    assert built > 30  # every rule table


def test_embedded_flags_exactly_the_planted_receivables(embedded, demo_sources):
    _, connect = embedded
    with connect() as conn:
        _assert_exactly_the_planted(_flags(conn), demo_sources)


def test_late_and_missing_receivable_ledgers_flagged(embedded, demo_sources):
    """RF_AR_003: exactly the planted late or missing receivables ledgers; the one submitted on its due date is not.
    (Its other findings, ledgers disagreeing with the ERP, carry no 逾期天数 and are checked by the ground truth.)"""
    _, connect = embedded
    truth = [r for r in csv.DictReader((demo_sources / "ground_truth.csv").open(encoding="utf-8"))
             if r["rule_id"] == "RF_AR_003" and r["source_table"] == "audit_meta.ledger_submissions"]
    with connect() as conn:
        flags = {"|".join(f["source_refs"][0]["key"][k] for k in ("subsidiary_code", "ledger_type", "period")): f
                 for f in _flags(conn, rule_id="RF_AR_003") if "逾期天数" in f["evidence"]}
    assert all(f["source_refs"][0]["table"] == "audit_meta.ledger_submissions" for f in flags.values())
    assert set(flags) == {r["source_keys"] for r in truth if r["kind"] == "planted"}
    assert not {r["source_keys"] for r in truth if r["kind"] == "decoy"} & set(flags)
    for key, flag in flags.items():
        evidence = flag["evidence"]
        assert evidence["逾期天数"] > 0 and evidence["应报日期"] and evidence["报送期间"] == key.split("|")[2]
        assert (evidence["实际报送日期"] is None) == (evidence["报送状态"] == "未报送")


def test_flags_pointing_at_missing_rows_are_held_back(embedded):
    """The GX suite on the audit mart names a flag whose source row does not exist; its rule is held back."""
    _, connect = embedded
    from jiandu.pipeline import validate_flags

    with connect() as conn:
        conn.execute("insert into audit_rules.fct_red_flags (flag_id, rule_id, rule_name, subsidiary_code, flag_key,"
                     " amount, evidence, source_refs) values ('bogus-flag', 'RF_AR_001', '应收账款挂账3年以上', 'S01',"
                     " 'S01|nobody', 1, '{\"x\": 1}', '[{\"table\": \"nc_erp.ar_bill\","
                     " \"key\": {\"bill_no\": \"NO-SUCH-BILL\"}, \"label\": \"?\"}]')")
    try:
        check = validate_flags("test-held-back")
    finally:
        with connect() as conn:
            conn.execute("delete from audit_rules.fct_red_flags where flag_id = 'bogus-flag'")
    assert check["held_rules"] == ["RF_AR_001"]
    assert any("疑点引用的源数据行均存在（1行）" in c for c in check["critical"])
    with connect() as conn:
        sample = conn.execute("select failing_sample from audit_meta.validation_results where run_id = 'test-held-back'"
                              " and explanation_zh = '疑点引用的源数据行均存在'").fetchone()[0]
    assert sample == ["bogus-flag"]
    assert validate_flags("test-clean")["held_rules"] == []


def test_a_rule_whose_money_at_issue_is_not_positive_is_held_back_not_the_night(embedded):
    """A reversal nobody foresaw gives a rule a negative amount at issue: dbt only warns (red_flag_shape), and the
    GX suite on the audit mart holds back that rule alone before anything is published."""
    _, connect = embedded
    from jiandu.pipeline import validate_flags

    with connect() as conn:
        conn.execute("insert into audit_rules.fct_red_flags (flag_id, rule_id, rule_name, subsidiary_code, flag_key,"
                     " amount, amount_kind, evidence, source_refs)"
                     " select 'negative-flag', rule_id, rule_name, subsidiary_code, flag_key || '|reversal', -120,"
                     " amount_kind, evidence, source_refs from audit_rules.fct_red_flags"
                     " where rule_id = 'RF_EXP_001' order by flag_id limit 1")
    try:
        check = validate_flags("test-negative")
    finally:
        with connect() as conn:
            conn.execute("delete from audit_rules.fct_red_flags where flag_id = 'negative-flag'")
    assert check["held_rules"] == ["RF_EXP_001"]
    assert any("金额与金额性质相符（涉及金额为正数）（1行）" in c for c in check["critical"])


# --- real PostgreSQL server via WAREHOUSE_URL -------------------------------------------------------------

@pytest.fixture(scope="module")
def real_server(real_server_night, tmp_path_factory):
    """The session's real-server night (one `jiandu run` of the demo group), in a database of this module's."""
    name = f"jiandu_e2e_{os.getpid()}"
    yield clone_real_server_night(real_server_night, name, tmp_path_factory.mktemp("e2e") / "sources")
    with psycopg.connect(REAL_SERVER, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


def test_real_server_flags_the_same_findings_with_the_same_ids(real_server, embedded):
    url, sources = real_server
    with psycopg.connect(url) as conn:
        real = _flags(conn)
    _assert_exactly_the_planted(real, sources)
    _, connect = embedded
    with connect() as conn:
        assert [f["flag_id"] for f in _flags(conn)] == [f["flag_id"] for f in real]


def test_corrupt_batch_is_quarantined_and_flags_go_stale(real_server):
    url, sources = real_server
    planted, _ = _truth(sources)
    victim = sorted(planted)[0]
    db = sqlite3.connect(sources / "nc_erp.sqlite")
    backup = sources / "nc_erp.sqlite.good"
    shutil.copy(sources / "nc_erp.sqlite", backup)
    db.execute("delete from ar_bill where bill_no = ?", (victim,))
    db.execute("insert into ar_bill select 'AR-BAD-DATE', org_code, customer_code, '30/11/2026', due_date,"
               " currency, bill_amount, received_amount, open_balance, last_movement_date, summary, ts"
               " from ar_bill limit 1")
    db.commit()
    db.close()
    with psycopg.connect(url) as conn:
        active_before = _flags(conn)
    try:
        out = _run(sources, {"WAREHOUSE_URL": url})
    finally:
        shutil.move(backup, sources / "nc_erp.sqlite")
    assert "已隔离 quarantined: nc_erp" in out and "bill_date（单据日期（挂账日期））格式为日期" in out
    with psycopg.connect(url) as conn:
        statuses = conn.execute("select source_system, status from audit_meta.load_batches where run_id ="
                                " (select run_id from audit_meta.runs order by started_at desc limit 1)"
                                " group by 1, 2 order by 1, 2").fetchall()
        # only the corrupted source is quarantined; the other systems go on
        assert [s for s in statuses if s[0] == "nc_erp"] == [("nc_erp", "quarantined")]
        others = [s for s in statuses if s[0] != "nc_erp"]
        assert others and all(status == "promoted" for _, status in others)
        # raw kept the last good data: the deleted bill is still there, the bad one never arrived
        assert conn.execute("select count(*) from raw.nc_erp__ar_bill where bill_no = %s", (victim,)).fetchone() == (1,)
        assert conn.execute("select count(*) from raw.nc_erp__ar_bill where bill_no = 'AR-BAD-DATE'").fetchone() == (0,)
        failing = conn.execute(
            "select unexpected_count, failing_sample from audit_meta.validation_results"
            " where explanation_zh like 'bill_date（单据日期（挂账日期））格式为日期%%' and not success").fetchall()
        assert failing and failing[-1][0] == 1 and "30/11/2026" in str(failing[-1][1])
        stale = _flags(conn, "stale")
        assert [f["flag_id"] for f in stale] == [f["flag_id"] for f in active_before]
        assert _flags(conn) == []


def test_paid_receivable_is_resolved_not_deleted(real_server):
    url, sources = real_server
    planted, _ = _truth(sources)
    paid = sorted(planted)[-1]
    db = sqlite3.connect(sources / "nc_erp.sqlite")
    db.execute("update ar_bill set received_amount = bill_amount, open_balance = 0 where bill_no = ?", (paid,))
    db.commit()
    db.close()
    _run(sources, {"WAREHOUSE_URL": url})
    with psycopg.connect(url) as conn:
        resolved = _flags(conn, "resolved")
        assert [_bills(f) for f in resolved] == [[paid]]
        assert str(resolved[0]["resolved_on"]) == AS_OF
        assert len(_flags(conn)) == len(planted) - 1  # the others are active again after the quarantine
