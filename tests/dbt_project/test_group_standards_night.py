"""The night applies the group's own standards: a hotel cap imported below the shipped default makes RF_EXP_001
flag a stay the default let pass, from the imported effective date on (a stay before it is judged by the
shipped cap, which the night ends the day before); a withdrawn import no longer applies; an import whose columns
are not the seed's any more is skipped with a warning in the run summary. The night's seed and what
`jiandu standards show` reports come from one definition (standards_admin.applied_rows) and agree row for row.
Only the seeds and the two models concerned are built, over a hand-made int_exp__claim_lines."""

from __future__ import annotations

import json
import os
import uuid
from datetime import date
from unittest.mock import patch

from jiandu.standards.group_store import applied_rows, import_file, withdraw
from jiandu.standards.specs import find
from jiandu.transform.dbt_runner import invoke
from jiandu.warehouse import connect
from tests.conftest import run_jiandu
from tests.plugins.jiandu.standards.group_workbooks import HOTEL, group_warehouse, hotel_row, workbook

STAYS = [  # claim, subsidiary, person, check-in, check-out, amount (two nights in 北京 at 450 a night)
    ("BX-2025-01", "S01", "E001", "2025-06-10", "2025-06-12", 900),
    ("BX-2026-01", "S01", "E001", "2026-10-10", "2026-10-12", 900),
]


def _claim_lines() -> None:
    with connect() as conn:
        conn.execute("create schema if not exists intermediate")
        conn.execute("""create table intermediate.int_exp__claim_lines (
            claim_no text, line_no integer, subsidiary_code text, person_code text, person_name text,
            rank_name text, travel_tier text, tier_source text, expense_type text, dest_city text,
            dest_city_key text, invoice_key text, start_date date, end_date date, hotel_nights integer,
            amount numeric(18, 2), nightly_rate numeric(18, 2), approval_status text)""")
        for claim, sub, person, start, end, amount in STAYS:
            conn.execute("insert into intermediate.int_exp__claim_lines values (%s, 1, %s, %s, '王五', '一般员工',"
                         " '其余人员', '集团制度', '住宿费', '北京市', '北京', %s, %s, %s, 2, %s, %s, '已审批')",
                         (claim, sub, person, f"INV-{claim}", start, end, amount, amount / 2))


def _night(target: str) -> list[tuple]:
    # the seeds (their post-hook applies the group's rows), then the stays and the rule, as the night builds them
    invoke(["build", "--select", "std_travel_hotel_caps", "map_city_province", "int_exp__hotel_stays",
            "rf_exp__hotel_over_cap", "--resource-type", "seed", "--resource-type", "model", "--target-path", target],
           date(2026, 11, 1))
    with connect() as conn:
        return conn.execute("select flag_key, amount, evidence ->> '标准', evidence ->> '标准出处'"
                            " from audit_rules.rf_exp__hotel_over_cap order by flag_key").fetchall()


def _seed_as_the_night_left_it() -> list[str]:
    with connect() as conn:
        return sorted(json.dumps(r[0], sort_keys=True, ensure_ascii=False) for r in conn.execute(
            "select to_jsonb(s) from standards.std_travel_hotel_caps as s"))


def _seed_as_show_reports_it() -> list[str]:
    """applied_rows over the shipped CSV, each row typed as the seed table types it (imported values are text)."""
    with connect() as conn:
        rows = [r["row_values"] for r in applied_rows(conn, find(HOTEL))]
        return sorted(json.dumps(r[0], sort_keys=True, ensure_ascii=False) for r in conn.execute(
            "select to_jsonb(jsonb_populate_record(null::standards.std_travel_hotel_caps, r))"
            " from jsonb_array_elements(%s::jsonb) as r", (json.dumps(rows, ensure_ascii=False),)))


def _beijing_caps() -> list[tuple]:
    with connect() as conn:
        return conn.execute("select effective_from::text, effective_to::text, cap_per_night::text"
                            " from standards.std_travel_hotel_caps where city = '北京' and tier = '其余人员'"
                            " and subsidiary_code is null order by effective_from").fetchall()


def test_an_imported_lower_hotel_cap_flags_what_the_default_let_pass(monkeypatch, tmp_path):
    with group_warehouse(monkeypatch, "jiandu_group_std_night") as url, patch.dict(os.environ):
        _claim_lines()
        assert _night(str(tmp_path / "target")) == []  # 450 a night is within the shipped 500
        path = workbook(tmp_path / "caps.xlsx", {HOTEL: [hotel_row(cap=400, source="集团差旅费管理办法（2026）")]})
        with connect() as conn:
            done = import_file(conn, path, "张三")
        flags = _night(str(tmp_path / "target"))
        assert flags == [("BX-2026-01|1", 100, "400.00 元/晚（本市标准）", "集团差旅费管理办法（2026）")]
        with connect() as conn:  # the shipped row ends the day before; nothing else of the seed changed
            assert conn.execute("select effective_to::text from standards.std_travel_hotel_caps where city = '北京'"
                                " and tier = '其余人员' and cap_per_night = 500").fetchone() == ("2025-12-31",)
            assert conn.execute("select count(*) from standards.std_travel_hotel_caps").fetchone()[0] == 190
        # `show` (the same applied_rows over the shipped CSV) reports exactly the rows the night wrote
        assert _seed_as_the_night_left_it() == _seed_as_show_reports_it()
        assert _beijing_caps() == [("2016-01-01", "2025-12-31", "500.00"), ("2026-01-01", None, "400.00")]
        shown = run_jiandu(["standards", "show", HOTEL], {"WAREHOUSE_URL": url}).stdout
        assert "示例默认值  2016-01-01 至 长期  189 行  现行" in shown
        assert "集团导入  2026-01-01 至 长期  1 行  现行  张三" in shown and f"导入批次 {done.import_id}" in shown

        with connect() as conn:  # withdrawn: the next night applies the shipped cap again, and so does `show`
            withdraw(conn, done.import_id, "李四", "办法尚未印发")
        assert _night(str(tmp_path / "target")) == []
        assert _seed_as_the_night_left_it() == _seed_as_show_reports_it()
        assert _beijing_caps() == [("2016-01-01", None, "500.00")]
        shown = run_jiandu(["standards", "show", HOTEL], {"WAREHOUSE_URL": url}).stdout
        assert "现行来源：示例默认值" in shown and "集团导入  2026-01-01" not in shown and "已撤回：李四" in shown


def test_an_import_of_older_columns_is_skipped_and_the_summary_says_so(monkeypatch, tmp_path):
    """A release renamed a column after the group imported (simulated: the import's rows carry the old name
    nightly_cap for cap_per_night): the night applies the shipped cap and the run summary names the import."""
    from jiandu.pipeline import skipped_standard_imports
    from jiandu.summary import render

    with group_warehouse(monkeypatch, "jiandu_group_std_stale") as url, patch.dict(os.environ):
        _claim_lines()
        with connect() as conn:
            import_file(conn, workbook(tmp_path / "caps.xlsx", {HOTEL: [hotel_row(cap=400)]}), "张三")
            [(good,)] = conn.execute("select import_id from standards_admin.import_history").fetchall()
            withdraw(conn, good, "张三", "改为旧版文件")  # leaves only the stale import below in force
            old = uuid.uuid4().hex
            [(history_id,)] = conn.execute(
                "insert into standards_admin.import_history (import_id, imported_by, file_name, checksum, sheet,"
                " standard, row_count) values (%s, '张三', 'old.xlsx', 'x', '差旅住宿费限额', %s, 1)"
                " returning history_id", (old, HOTEL)).fetchall()
            [row] = conn.execute("select row_values from standards_admin.group_rows").fetchone()
            row["nightly_cap"] = row.pop("cap_per_night")
            conn.execute("insert into standards_admin.group_rows (history_id, standard, excel_row, key_values,"
                         " effective_from, row_values) select %s, standard, excel_row, key_values, effective_from,"
                         " %s from standards_admin.group_rows", (history_id, json.dumps(row, ensure_ascii=False)))
        assert _night(str(tmp_path / "target")) == []  # judged by the shipped 500, not the stale 400
        assert _beijing_caps() == [("2016-01-01", None, "500.00")]
        assert _seed_as_the_night_left_it() == _seed_as_show_reports_it()
        [warning] = skipped_standard_imports()
        assert warning.startswith(f"！集团标准未应用 import skipped  差旅住宿费限额（{HOTEL}）导入批次 {old}（old.xlsx）")
        assert "（缺少：cap_per_night；多出：nightly_cap）" in warning
        summary = render({"as_of": "2026-11-01", "run_id": "r1", "skipped_imports": [warning]})
        assert "集团标准 Group standards: 部分导入未应用" in summary and f"  {warning}" in summary
        shown = run_jiandu(["standards", "show", HOTEL], {"WAREHOUSE_URL": url})
        assert shown.returncode == 0 and warning in shown.stdout and "现行来源：示例默认值" in shown.stdout


def test_show_reads_every_standard_as_the_night_loads_it(monkeypatch, tmp_path):
    """For every importable standard, the shipped rows `show` passes to applied_rows (the CSV typed by the seed's
    column_types) are the rows `dbt seed` loads: keys and effective dates, so the versions agree."""
    from jiandu.standards.specs import standards

    with group_warehouse(monkeypatch, "jiandu_group_std_seeds"), patch.dict(os.environ):
        invoke(["seed", "--select", *standards(), "--target-path", str(tmp_path / "target")], date(2026, 11, 1))
        with connect() as conn:
            for s in standards().values():
                columns = [*s.key, "effective_from", "effective_to"]
                loaded = sorted((tuple(r) for r in conn.execute(  # each value as its to_jsonb, like row_values
                    "select " + ", ".join(f'to_jsonb("{c}")' for c in columns) + f" from standards.{s.name}")),
                    key=repr)
                shown = sorted((tuple(r["row_values"].get(c) for c in columns) for r in applied_rows(conn, s)),
                               key=repr)
                assert loaded == shown and len(shown) == len(s.shipped_rows()), s.name
