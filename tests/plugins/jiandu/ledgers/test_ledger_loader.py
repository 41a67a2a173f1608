"""Excel ledgers (台账): generated drops load, late/missing are recorded per subsidiary against the ground
truth, bad files are rejected whole with file, sheet, row and column named and moved aside.

Each test gets its own database on the real server (the ledger submissions table is global state).
"""

from __future__ import annotations

import csv
import os
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import psycopg
import pytest

from jiandu.bootstrap import bootstrap_warehouse
from jiandu.ledgers.layout import load_layouts
from jiandu.ledgers.loader import load_ledgers, read_ledger
from jiandu.warehouse import connect
from tests.conftest import REAL_SERVER, fresh_database

AS_OF = date(2026, 11, 1)


@pytest.fixture
def warehouse_db(monkeypatch, request):
    name = f"jiandu_ledger_{os.getpid()}_{request.node.name[:20].lower()}"
    monkeypatch.setenv("WAREHOUSE_URL", fresh_database(name))
    bootstrap_warehouse()
    yield
    with psycopg.connect(REAL_SERVER, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


@pytest.fixture
def drop(demo_sources: Path, tmp_path: Path) -> Path:
    target = tmp_path / "ledger_drop"
    shutil.copytree(demo_sources / "ledger_drop", target)
    for f in (target / "rejected").glob("*.xlsx"):  # another test's run may have moved it: as generated again
        shutil.move(f, target / f.name)
    return target


def _submissions() -> dict[tuple, tuple]:
    with connect() as conn:
        return {(r[0], r[1], r[2]): r[3:] for r in conn.execute(
            "select subsidiary_code, ledger_type, period, status, days_late, due_date, message"
            " from audit_meta.ledger_submissions")}


def _raw_count(ledger_type: str, where: str = "true") -> int:
    with connect() as conn:
        return conn.execute(f"select count(*) from raw.ledger__{ledger_type} where {where}").fetchone()[0]


def test_generated_drops_record_exactly_the_planted_late_and_missing(warehouse_db, drop, demo_sources):
    result = load_ledgers("test-run", AS_OF, drop_dir=drop)
    subs = _submissions()
    truth = [r for r in csv.DictReader((demo_sources / "ground_truth.csv").open(encoding="utf-8"))
             if r["rule_id"] == "RF_AR_003" and r["source_table"] == "audit_meta.ledger_submissions"]
    assert truth, "the generator plants RF_AR_003 cases"
    for row in truth:
        key = tuple(row["source_keys"].split("|"))
        status = subs[key][0]
        if row["kind"] == "planted":
            assert status in ("late", "missing"), (key, status)
        else:
            assert status == "loaded", (key, status)  # submitted on the due date: on time
    ar_bad = {k: v for k, v in subs.items() if k[1] == "ar_ledger" and v[0] != "loaded"}
    assert set(ar_bad) == {tuple(r["source_keys"].split("|")) for r in truth if r["kind"] == "planted"}
    late = {k: v[1] for k, v in subs.items() if v[0] == "late"}
    assert late[("S02", "ar_ledger", "2026Q2")] == 4 and late[("S04", "ar_ledger", "2026Q3")] == 15
    assert ("S01", "travel_ledger", "2026-08") in late  # recorded, though not an RF_AR_003 case
    # the malformed entertainment file: rejected whole, moved aside, nothing of it loaded
    rejected = {k: v for k, v in subs.items() if v[0] == "rejected"}
    assert list(rejected) == [("S03", "entertainment_stats", "2026Q2")]
    message = rejected[("S03", "entertainment_stats", "2026Q2")][3]
    for needle in ("S03_entertainment_stats_2026Q2.xlsx", "业务招待费统计", "row 6", "column F", "约3000元"):
        assert needle in message, needle
    assert (drop / "rejected" / "S03_entertainment_stats_2026Q2.xlsx").exists()
    assert not (drop / "S03_entertainment_stats_2026Q2.xlsx").exists()
    assert _raw_count("entertainment_stats", "subsidiary_code = 'S03' and period = '2026Q2'") == 0
    assert result["counts"]["rejected"] == 1 and result["counts"]["missing"] == 1
    # every row of every good file landed, once; a rerun loads them again without duplicates
    layouts = load_layouts()
    expected = sum(len(read_ledger(p, layouts[p.name.split("_", 1)[1].rsplit("_", 1)[0]]))
                   for p in drop.glob("*_ar_ledger_*.xlsx"))
    assert _raw_count("ar_ledger") == expected > 0
    load_ledgers("test-run-2", AS_OF, drop_dir=drop)
    assert _raw_count("ar_ledger") == expected
    assert _submissions() == subs


def _write(path: Path, layout, rows: list[list], header: list[str] | None = None, sheet: str | None = None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet or layout.sheet
    ws.cell(row=1, column=1, value=layout.label)
    for j, h in enumerate(header or [c.header for c in layout.columns], start=1):
        ws.cell(row=layout.header_row, column=j, value=h)
    for i, row in enumerate(rows, start=layout.header_row + 1):
        for j, v in enumerate(row, start=1):
            ws.cell(row=i, column=j, value=v)
    wb.save(path)


GOOD_AR = ["AR-S09-1", "某客户有限公司", date(2024, 1, 5), date(2024, 4, 5), 1200.5, "2-3年", None, "王伟"]


@pytest.mark.parametrize("case, needles", [
    ("wrong_header", ["row 3", "column B", "客户名称", "客户"]),
    ("bad_date", ["row 5", "column C", "挂账日期", "2026-13-01"]),
    ("text_amount", ["row 4", "column E", "期末余额", "一百万"]),
    ("missing_required", ["row 4", "column H", "责任人", "required"]),
    ("wrong_sheet", ["应收账款台账", "Sheet1"]),
])
def test_bad_file_rejected_whole_naming_sheet_row_column(warehouse_db, tmp_path, case, needles):
    layout = load_layouts()["ar_ledger"]
    drop = tmp_path / "drop"
    drop.mkdir()
    bad = drop / "S09_ar_ledger_2026Q3.xlsx"
    rows = [list(GOOD_AR), list(GOOD_AR), list(GOOD_AR)]
    header = None
    sheet = None
    if case == "wrong_header":
        header = [c.header for c in layout.columns]
        header[1] = "客户"
    elif case == "bad_date":
        rows[1][2] = "2026-13-01"
    elif case == "text_amount":
        rows[0][4] = "一百万"
    elif case == "missing_required":
        rows[0][7] = None
    elif case == "wrong_sheet":
        sheet = "Sheet1"
    _write(bad, layout, rows, header, sheet)
    _write(drop / "S09_ar_ledger_2026Q2.xlsx", layout, [list(GOOD_AR)])  # a good file beside it still loads
    load_ledgers("test-run", AS_OF, drop_dir=drop)
    subs = _submissions()
    status, _, _, message = subs[("S09", "ar_ledger", "2026Q3")]
    assert status == "rejected"
    assert "S09_ar_ledger_2026Q3.xlsx" in message
    for needle in needles:
        assert needle in message, (needle, message)
    assert (drop / "rejected" / bad.name).exists() and not bad.exists()
    assert _raw_count("ar_ledger", "period = '2026Q3'") == 0, "nothing of a bad file is loaded"
    assert _raw_count("ar_ledger", "period = '2026Q2'") == 1
    assert subs[("S09", "ar_ledger", "2026Q2")][0] == "late"  # mtime now, long after 2026-07-05


def test_missing_and_on_due_date_via_manifest(warehouse_db, tmp_path):
    layout = load_layouts()["ar_ledger"]
    drop = tmp_path / "drop"
    drop.mkdir()
    _write(drop / "S07_ar_ledger_2026Q3.xlsx", layout, [list(GOOD_AR)])
    _write(drop / "S08_ar_ledger_2026Q3.xlsx", layout, [list(GOOD_AR)])
    (drop / "submissions.csv").write_text(
        "file_name,submitted_at\n"
        "S07_ar_ledger_2026Q3.xlsx,2026-10-05T23:59:00+08:00\n"  # the due date, Beijing time: on time
        "S08_ar_ledger_2026Q3.xlsx,2026-10-06T00:01:00+08:00\n"  # one day late
        "S09_ar_ledger_2026Q3.xlsx,2026-10-05 23:30:00\n"  # no offset: Beijing time, on the due date
        "S10_ar_ledger_2026Q3.xlsx,2026-10-06 00:30:00\n", encoding="utf-8")  # no offset: one day late
    _write(drop / "S09_ar_ledger_2026Q3.xlsx", layout, [list(GOOD_AR)])
    _write(drop / "S10_ar_ledger_2026Q3.xlsx", layout, [list(GOOD_AR)])
    load_ledgers("test-run", AS_OF, drop_dir=drop)
    subs = _submissions()
    assert subs[("S07", "ar_ledger", "2026Q3")][:2] == ("loaded", 0)
    assert subs[("S08", "ar_ledger", "2026Q3")][:2] == ("late", 1)
    assert subs[("S09", "ar_ledger", "2026Q3")][:2] == ("loaded", 0)
    assert subs[("S10", "ar_ledger", "2026Q3")][:2] == ("late", 1)
    # every period due before the as-of date with no file is missing, per subsidiary that is known
    for sub in ("S07", "S08", "S09", "S10"):
        for period in ("2025Q4", "2026Q1", "2026Q2"):
            assert subs[(sub, "ar_ledger", period)][0] == "missing"
        assert subs[(sub, "travel_ledger", "2026-09")][0] == "missing"
