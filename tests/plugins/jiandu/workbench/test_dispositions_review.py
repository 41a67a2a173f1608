"""Dispositions that hold up to review: two-person suppression, the recovered amount, bulk, template and Excel import."""

import io
import re
from datetime import timedelta

from openpyxl import load_workbook

from jiandu.flags.dispositions import show_flag, today, update_flag
from jiandu.warehouse import connect
from tests.plugins.jiandu.workbench.workbench_data import ID_NUMBER, client_for


def _post(c, fid: str, **data):
    version = show_flag(fid)["version"]
    return c.post(f"/flags/{fid}/disposition", data={"csrf_token": c.csrf, "version": str(version), **data})


def _options(html: str, select_id: str) -> list[str]:
    block = html.split(f'id="{select_id}"')[1].split("</select>")[0]
    return [o for o in re.findall(r"<option[^>]*>([^<]*)</option>", block) if not o.startswith("（")]


def test_a_suppression_is_asked_for_by_one_and_approved_by_a_second_person_at_group_level(flags):
    fid = flags["W03"]
    until = (today() + timedelta(days=180)).isoformat()
    s01 = client_for("s01_auditor")
    r = _post(s01, fid, suppressed="是", suppressed_present="1", suppression_reason="集团内部往来", suppressed_until=until)
    assert r.status_code == 303
    page = s01.get(f"/flags/{fid}").text
    assert "屏蔽申请待批准" in page and 'id="approve-suppression"' not in page and "撤回申请" in page
    assert not show_flag(fid)["suppressed"]
    assert 'id="approve-suppression"' not in client_for("s01_auditor").get(f"/flags/{fid}").text
    # a subsidiary-level auditor who is not the requester may not approve either
    r = _post(client_for("s01_auditor"), fid, suppressed="是")
    assert not show_flag(fid)["suppressed"]
    group = client_for("group_auditor")
    page = group.get(f"/flags/{fid}").text
    assert 'id="approve-suppression"' in page and "驳回申请" in page
    assert _post(group, fid, suppressed="是").status_code == 303
    row = show_flag(fid)
    assert row["suppressed"] and (row["suppression_requested_by"], row["suppression_approved_by"]) == (
        "s01_auditor", "group_auditor")
    weekly = group.get("/weekly?week=" + _week_of_today()).text
    block = weekly.split('id="suppressed-list"')[1].split("</table>")[0]
    assert "集团内部往来" in block and "s01_auditor" in block and "group_auditor" in block


def _week_of_today() -> str:
    from jiandu.reports.weekly import week_of

    return week_of(today()).iso_week


def test_own_request_is_not_an_approval_and_a_request_can_be_rejected(flags):
    fid = flags["W05"]
    group = client_for("group_auditor")
    until = (today() + timedelta(days=30)).isoformat()
    _post(group, fid, suppressed="是", suppression_reason="重复检出", suppressed_until=until)
    _post(group, fid, suppressed="是")  # the requester again: still a request
    assert not show_flag(fid)["suppressed"] and 'id="approve-suppression"' not in group.get(f"/flags/{fid}").text
    admin = client_for("admin")
    assert _post(admin, fid, suppression_request="withdraw").status_code == 303  # rejected by an approver
    row = show_flag(fid)
    assert not row["suppressed"] and row["suppression_requested_by"] is None
    assert row["history"][-1]["field"] == "suppression_requested_by" and row["history"][-1]["changed_by"] == "admin"


def test_a_suppression_longer_than_the_maximum_is_refused_naming_the_limit(flags):
    fid = flags["W04"]
    too_late = (today() + timedelta(days=400)).isoformat()
    r = _post(client_for("group_auditor"), fid, suppressed="是", suppression_reason="x", suppressed_until=too_late)
    assert r.status_code == 422 and "屏蔽最长 365 天" in r.text
    assert show_flag(fid)["suppression_requested_by"] is None


def test_recovered_amount_above_the_money_at_issue_needs_a_confirmation(flags):
    fid = flags["W04"]  # 80,000 at issue
    c = client_for("s01_auditor")
    r = _post(c, fid, amount_recovered="90000")
    assert r.status_code == 422 and "超过本疑点涉及金额 80,000.00 元" in r.text and 'id="confirm-over"' in r.text
    assert show_flag(fid)["amount_recovered"] is None
    assert _post(c, fid, amount_recovered="90000", confirm_amount_over="1").status_code == 303
    assert show_flag(fid)["amount_recovered"] == 90000
    assert _post(c, fid, amount_recovered="-1").status_code == 400
    assert _post(c, fid, amount_recovered="99999999999999999").status_code == 400
    assert show_flag(fid)["amount_recovered"] == 90000


def test_bulk_offers_only_allowed_statuses_lists_what_changed_and_goes_back_to_the_filters(flags):
    c = client_for("group_auditor")
    page = c.get("/flags?status=待核实&category=财务").text
    assert _options(page, "b-status") == ["核实中"]
    ids = [flags["W03"], flags["W04"]]
    r = c.post("/flags/bulk", data={"csrf_token": c.csrf, "flag_id": ids, "status": "核实中", "assignee": "赵核查",
                                    "back": "status=待核实&category=财务&sort=amount_desc&size=50"})
    assert r.status_code == 200
    changed = r.text.split('id="bulk-changed"')[1].split("</table>")[0]
    assert changed.count("<tr>") == 3 and all(f"/flags/{fid}" in changed for fid in ids) and "赵核查" in changed
    back = re.search(r'href="([^"]*)" id="back-to-list"', r.text).group(1)
    assert "category=%E8%B4%A2%E5%8A%A1" in back and "status=%E5%BE%85%E6%A0%B8%E5%AE%9E" in back
    page = c.get("/flags?status=核实中").text
    assert _options(page, "b-status") == ["确认问题", "误报排除"]
    r = c.post("/flags/bulk", data={"csrf_token": c.csrf, "flag_id": ids, "assignee": "x",
                                    "back": "https://evil.example/?x=1"})
    assert 'href="/flags" id="back-to-list"' in r.text  # not a list query: plain list


def test_the_csv_template_downloads_and_imports(flags):
    c = client_for("s01_auditor")
    r = c.get("/flags/import-template.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    header = r.content.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[0] == "疑点编号" and "处置状态" in header and "屏蔽批准人" not in header
    body = ",".join(header) + "\r\n" + ",".join([flags["W01"], "核实中", "钱审计"] + [""] * (len(header) - 3))
    r = c.post("/flags/import", data={"csrf_token": c.csrf},
               files={"file": ("填好的模板.csv", ("\ufeff" + body).encode("utf-8"))})
    assert r.status_code == 200 and "已保存：1 条" in r.text
    assert show_flag(flags["W01"])["assignee"] == "钱审计"


def test_an_exported_workbook_edited_in_excel_imports_back(flags):
    update_flag(flags["W01"], "admin", status="核实中", assignee="张三", note=f"核对身份证 {ID_NUMBER}")
    c = client_for("group_auditor")  # sees personal data masked, in the export too
    wb = load_workbook(io.BytesIO(c.get("/flags/export.xlsx?subsidiary_code=S01").content))
    ws = wb["疑点清单"]
    header = [cell.value for cell in ws[3]]
    rows = {row[0].value: row for row in ws.iter_rows(min_row=4)}
    w01, w03 = rows[flags["W01"]], rows[flags["W03"]]
    assert "110105********0012" in w01[header.index("核查说明")].value  # masked as exported
    w01[header.index("处置状态")].value = "确认问题"
    w03[header.index("处置状态")].value = "核实中"
    w03[header.index("核查人")].value = "孙审计"
    out = io.BytesIO()
    wb.save(out)
    r = c.post("/flags/import", data={"csrf_token": c.csrf}, files={"file": ("疑点清单_改.xlsx", out.getvalue())})
    assert r.status_code == 200 and "已保存：4 条" in r.text, r.text[-800:]
    w01_now, w03_now = show_flag(flags["W01"]), show_flag(flags["W03"])
    assert w01_now["status"] == "确认问题" and w01_now["note"] == f"核对身份证 {ID_NUMBER}"  # not overwritten masked
    assert (w03_now["status"], w03_now["assignee"]) == ("核实中", "孙审计")
    assert w03_now["history"][0]["source"] == f"xlsx:疑点清单_改.xlsx:{w03[0].row}"  # its Excel row
    # a refused row refuses the workbook, naming its Excel row and column
    ws.cell(row=4, column=header.index("整改期限") + 1, value="2026-13-45")
    out = io.BytesIO()
    wb.save(out)
    r = c.post("/flags/import", data={"csrf_token": c.csrf}, files={"file": ("坏.xlsx", out.getvalue())})
    assert r.status_code == 422 and "第4行" in r.text and "整改期限" in r.text
    with connect() as conn:
        assert conn.execute("select count(*) from audit.disposition_history where source like 'xlsx:坏%'"
                            ).fetchone()[0] == 0
