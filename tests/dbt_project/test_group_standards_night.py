"""The night applies the group's own standards: a hotel cap imported below the shipped default makes RF_EXP_001
flag a stay the default let pass, from the imported effective date on (a stay before it is judged by the
shipped cap, which the night ends the day before). Only the seeds and the two models concerned are built, over a
hand-made int_exp__claim_lines."""

from __future__ import annotations

import os
from datetime import date
from unittest.mock import patch

from jiandu.standards.group_store import import_file
from jiandu.transform.dbt_runner import invoke
from jiandu.warehouse import connect
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
            amount numeric(18, 2), nightly_rate numeric(18, 2))""")
        for claim, sub, person, start, end, amount in STAYS:
            conn.execute("insert into intermediate.int_exp__claim_lines values (%s, 1, %s, %s, '王五', '一般员工',"
                         " '其余人员', '集团制度', '住宿费', '北京市', '北京', %s, %s, %s, 2, %s, %s)",
                         (claim, sub, person, f"INV-{claim}", start, end, amount, amount / 2))


def _night(target: str) -> list[tuple]:
    # the seeds (their post-hook applies the group's rows), then the stays and the rule, as the night builds them
    invoke(["build", "--select", "std_travel_hotel_caps", "map_city_province", "int_exp__hotel_stays",
            "rf_exp__hotel_over_cap", "--resource-type", "seed", "--resource-type", "model", "--target-path", target],
           date(2026, 11, 1))
    with connect() as conn:
        return conn.execute("select flag_key, amount, evidence ->> '标准', evidence ->> '标准出处'"
                            " from audit_rules.rf_exp__hotel_over_cap order by flag_key").fetchall()


def test_an_imported_lower_hotel_cap_flags_what_the_default_let_pass(monkeypatch, tmp_path):
    with group_warehouse(monkeypatch, "jiandu_group_std_night"), patch.dict(os.environ):
        _claim_lines()
        assert _night(str(tmp_path / "target")) == []  # 450 a night is within the shipped 500
        path = workbook(tmp_path / "caps.xlsx", {HOTEL: [hotel_row(cap=400, source="集团差旅费管理办法（2026）")]})
        with connect() as conn:
            import_file(conn, path, "张三")
        flags = _night(str(tmp_path / "target"))
        assert flags == [("BX-2026-01|1", 100, "400.00 元/晚（本市标准）", "集团差旅费管理办法（2026）")]
        with connect() as conn:  # the shipped row ends the day before; nothing else of the seed changed
            assert conn.execute("select effective_to::text from standards.std_travel_hotel_caps where city = '北京'"
                                " and tier = '其余人员' and cap_per_night = 500").fetchone() == ("2025-12-31",)
            assert conn.execute("select count(*) from standards.std_travel_hotel_caps").fetchone()[0] == 190
