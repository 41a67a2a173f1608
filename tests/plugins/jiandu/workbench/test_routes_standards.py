"""The read-only 标准 pages: standards, their versions (示例默认值 / 集团导入), the import history with withdrawals,
imports the night skips (columns changed since); login required, everything escaped."""

from __future__ import annotations

import json

import pytest

from jiandu.standards.group_store import import_file, withdraw
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
        conn.execute("truncate standards_admin.group_rows, standards_admin.import_history, standards_admin.withdrawals"
                     " restart identity")


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


def _import_id() -> str:
    with connect() as conn:
        return conn.execute("select import_id from standards_admin.import_history").fetchone()[0]


def test_a_withdrawn_import_is_shown_in_the_history_and_no_longer_applies(imported):
    import_id = _import_id()
    with connect() as conn:
        withdraw(conn, import_id, "王五", f"误导入{SCRIPT}")
    viewer = client_for("viewer")
    page = viewer.get("/standards")
    row = page.text.split('href="/standards/std_travel_hotel_caps"')[1].split("</tr>")[0]
    assert "<td>示例默认值</td>" in row and "集团导入" not in row and "caps.xlsx（已撤回）" in row
    detail = viewer.get("/standards/std_travel_hotel_caps")
    assert detail.status_code == 200 and SCRIPT not in detail.text
    versions = detail.text.split('id="versions"')[1].split("</table>")[0]
    assert "集团导入" not in versions and import_id not in versions
    history = detail.text.split('id="import-history"')[1].split("</table>")[0]
    assert import_id in history and "已撤回：王五，" in history and "原因：误导入&lt;script&gt;" in history


def test_an_import_the_night_skips_is_named(imported):
    """An import whose columns are not the seed's (a later release renamed one) is flagged on both pages."""
    with connect() as conn:
        [(row,)] = conn.execute("select row_values from standards_admin.group_rows").fetchall()
        row["nightly_cap"] = row.pop("cap_per_night")
        conn.execute(
            "insert into standards_admin.import_history (import_id, imported_by, file_name, checksum, sheet,"
            " standard, row_count) values ('old01', '张三', 'old.xlsx', 'x', '差旅住宿费限额', %s, 1)",
            (HOTEL,))
        conn.execute("insert into standards_admin.group_rows (history_id, standard, excel_row, key_values,"
                     " effective_from, row_values) select history_id + 1, standard, excel_row, key_values,"
                     " effective_from, %s from standards_admin.group_rows", (json.dumps(row, ensure_ascii=False),))
    viewer = client_for("viewer")
    row = viewer.get("/standards").text.split('href="/standards/std_travel_hotel_caps"')[1].split("</tr>")[0]
    assert "<td>示例默认值" in row and "导入批次 old01 列已变更，未应用" in row
    detail = viewer.get("/standards/std_travel_hotel_caps").text
    warning = detail.split('<p class="warn" id="stale-import">')[1].split("</p>")[0]
    assert warning.startswith("！集团标准未应用 import skipped  差旅住宿费限额（std_travel_hotel_caps）"
                              "导入批次 old01（old.xlsx）")
    assert "缺少：cap_per_night；多出：nightly_cap" in warning
