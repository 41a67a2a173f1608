"""The read-only 标准 pages: standards, their versions (示例默认值 / 集团导入), the import history; login required,
everything escaped."""

from __future__ import annotations

import pytest

from jiandu.standards.group_store import import_file
from jiandu.warehouse import connect
from tests.plugins.jiandu.standards.group_workbooks import HOTEL, hotel_row, workbook
from tests.plugins.jiandu.workbench.workbench_data import client_for

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def imported(flags, tmp_path):
    path = workbook(tmp_path / "caps.xlsx", {HOTEL: [hotel_row(cap=400, source=f"集团差旅费管理办法{SCRIPT}")]})
    with connect() as conn:
        import_file(conn, path, f"张三{SCRIPT}")
    yield path
    with connect() as conn:  # history refuses deletes row by row; the next test starts without imports
        conn.execute("truncate standards_admin.group_rows, standards_admin.import_history restart identity")


def test_login_required(flags):
    r = client_for(None).get("/standards")
    assert r.status_code == 303 and "/login?next=/standards" in r.headers["location"]


def test_shipped_defaults_before_any_import(flags):
    page = client_for("s01_auditor").get("/standards")
    assert page.status_code == 200
    assert "差旅住宿费限额" in page.text and "尚无导入记录：规则使用示例默认值" in page.text
    assert "集团导入</td>" not in page.text


def test_imported_versions_and_history_are_shown_escaped(imported):
    viewer = client_for("viewer")
    page = viewer.get("/standards")
    assert page.status_code == 200
    row = page.text.split('href="/standards/std_travel_hotel_caps"')[1].split("</tr>")[0]
    assert "<td>集团导入</td>" in row and "2026-01-01 至 长期 · 集团导入 · 1 行（现行）" in row
    assert "caps.xlsx" in page.text and SCRIPT not in page.text and "张三&lt;script&gt;" in page.text
    detail = viewer.get("/standards/std_travel_hotel_caps")
    assert detail.status_code == 200 and SCRIPT not in detail.text
    assert "<td>400.00</td>" in detail.text and "集团差旅费管理办法&lt;script&gt;alert(1)&lt;/script&gt;" in detail.text
    assert "<td>500.00</td>" in detail.text  # the shipped default is still listed, for comparison
    assert viewer.get("/standards/no_such_standard").status_code == 404


def test_read_only(imported):
    viewer = client_for("admin")
    assert viewer.post("/standards", data={"csrf_token": viewer.csrf}).status_code == 405
    assert viewer.post("/standards/std_travel_hotel_caps", data={"csrf_token": viewer.csrf}).status_code == 405
