"""巡察整改 pages: the three lists, a problem's page and its changes, within scope and role, CSRF, history."""

from __future__ import annotations

import io

import openpyxl
import pytest

from jiandu.rectification import model
from jiandu.warehouse import connect
from tests.plugins.jiandu.rectification.rect_data import confirm, fresh
from tests.plugins.jiandu.workbench.workbench_data import ID_NUMBER, client_for


@pytest.fixture
def rect(monkeypatch) -> dict[str, str]:
    flags = fresh(monkeypatch)
    confirm(flags["W03"], flags["W04"], flags["W05"])
    return flags


def _post(client, path: str, **data):
    return client.post(path, data={"csrf_token": client.csrf, **data})


def _create(client, *flag_ids: str) -> str:
    r = _post(client, "/rectification/problems", flag_list=",".join(flag_ids))
    assert r.status_code == 303, r.text
    return r.headers["location"].split("/rectification/problems/")[1].split("?")[0]


def test_problem_from_flags_measure_completed_approved_closed_out(rect):
    unit, office = client_for("s01_auditor"), client_for("group_auditor")
    pid = _create(unit, rect["W03"], rect["W04"])
    page = unit.get(f"/rectification/problems/{pid}")
    assert page.status_code == 200 and "客户甲" in page.text and "待制定措施" in page.text
    r = _post(unit, f"/rectification/problems/{pid}/measures", content="清收应收账款", responsible_unit="财务部",
              responsible_person="赵会计", deadline="2027-01-31")
    assert r.status_code == 303
    mid = f"{pid}-M1"
    assert _post(unit, f"/rectification/measures/{mid}/complete", evidence_refs="").status_code == 422
    assert _post(unit, f"/rectification/measures/{mid}/complete", evidence_refs="收款凭证 记-12").status_code == 303
    refused = _post(unit, f"/rectification/measures/{mid}/approve")
    assert refused.status_code == 422 and "集团巡察整改办公室" in refused.text
    assert _post(office, f"/rectification/measures/{mid}/approve").status_code == 303
    assert _post(office, f"/rectification/problems/{pid}/close", close_note="同意销号").status_code == 303
    page = unit.get(f"/rectification/problems/{pid}")
    assert "已销号" in page.text and "收款凭证 记-12" in page.text
    with connect() as conn:
        history = conn.execute("select changed_by, source, action from rectification.history where problem_id = %s"
                               " and entity = 'measure' order by history_id", (pid,)).fetchall()
    assert history == [("s01_auditor", "workbench", "create"), ("s01_auditor", "workbench", "complete"),
                       ("group_auditor", "workbench", "approve")]


def test_scope_hides_and_refuses_other_subsidiaries(rect):
    s01, s02 = client_for("s01_auditor"), client_for("s02_auditor")
    pid = _create(s01, rect["W03"])
    assert s02.get(f"/rectification/problems/{pid}").status_code == 404
    r = _post(s02, f"/rectification/problems/{pid}/measures", content="x", responsible_unit="x",
              responsible_person="x", deadline="2027-01-31")
    assert r.status_code == 404
    assert pid not in s02.get("/rectification").text and pid in s01.get("/rectification").text
    # a flag of S01 is invisible to S02, a flag of S02 cannot be taken by S01
    assert "不存在或不在您的数据范围内" in _post(s02, "/rectification/problems", flag_list=rect["W04"]).text
    r = _post(s01, "/rectification/problems", title="x", subsidiary_code="S02", source="审计")
    assert r.status_code == 422 and "不在您的数据范围内" in r.text
    with connect() as conn:
        assert conn.execute("select count(*) from rectification.problems").fetchone()[0] == 1


def test_viewer_and_missing_csrf_are_refused(rect):
    viewer, unit = client_for("viewer"), client_for("s01_auditor")
    assert viewer.get("/rectification").status_code == 200
    assert _post(viewer, "/rectification/problems", flag_list=rect["W03"]).status_code == 403
    r = unit.post("/rectification/problems", data={"flag_list": rect["W03"]})
    assert r.status_code == 403
    assert client_for(None).get("/rectification").status_code == 303  # to the login page


def test_lists_overdue_and_escalation(rect):
    unit, office = client_for("s01_auditor"), client_for("group_auditor")
    pid = _create(unit, rect["W03"])
    _post(unit, f"/rectification/problems/{pid}/measures", content="逾期措施", responsible_unit="财务部",
          responsible_person="赵会计", deadline="2026-01-31")
    _post(unit, f"/rectification/problems/{pid}/responsibilities", responsible_leader="总会计师",
          responsible_department="财务部", responsibility_type="主体责任")
    assert "逾期措施" in unit.get("/rectification?list=measures").text
    assert "总会计师" in unit.get("/rectification?list=responsibilities").text
    overdue = unit.get("/rectification?list=overdue")
    assert "逾期措施" in overdue.text and 'id="escalate"' not in overdue.text  # only the office escalates
    r = _post(office, "/rectification/escalate")
    assert r.status_code == 303 and "1" in r.headers["location"]
    assert _post(office, "/rectification/escalate").status_code == 303  # again the same day: nothing new
    assert len(model.show_problem(pid)["escalations"]) == 1
    assert unit.get("/rectification?list=nope").status_code == 400


def test_outcome_with_wrong_measure_is_refused_and_named(rect):
    unit = client_for("s01_auditor")
    pid = _create(unit, rect["W03"])
    r = _post(unit, f"/rectification/problems/{pid}/outcomes", kind="清退", people="2")
    assert r.status_code == 422 and "只登记金额" in r.text
    assert _post(unit, f"/rectification/problems/{pid}/outcomes", kind="清退", amount="165800").status_code == 303
    assert model.show_problem(pid)["outcomes"][0]["amount"] == 165800


def test_monthly_workbook_download_in_scope(rect):
    unit = client_for("s01_auditor")
    _create(unit, rect["W03"])
    month = f"{model.today():%Y-%m}"
    r = unit.get(f"/rectification/report.xlsx?month={month}")
    assert r.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames[:4] == ["进度", "问题清单", "任务清单", "责任清单"]
    assert wb["问题清单"]["A4"].value.startswith("ZG-")
    other = client_for("s02_auditor").get(f"/rectification/report.xlsx?month={month}")
    assert openpyxl.load_workbook(io.BytesIO(other.content))["问题清单"]["A4"].value == "（无）"
    assert unit.get("/rectification/report.xlsx?month=2026/10").status_code == 400


def test_monthly_workbook_masks_personal_data_for_users_without_the_permission(rect):
    _post(client_for("s01_auditor"), "/rectification/problems", title=f"违规报销（身份证 {ID_NUMBER}）",
          subsidiary_code="S01", source="审计")
    month = f"{model.today():%Y-%m}"
    for user, shown in (("s01_auditor", "110105********0012"), ("admin", ID_NUMBER)):
        data = client_for(user).get(f"/rectification/report.xlsx?month={month}").content
        assert shown in openpyxl.load_workbook(io.BytesIO(data))["问题清单"]["F4"].value


def test_reject_reschedule_link_and_void_from_the_problem_page(rect):
    unit, office = client_for("s01_auditor"), client_for("group_auditor")
    pid = _create(unit, rect["W03"])
    _post(unit, f"/rectification/problems/{pid}/measures", content="清收", responsible_unit="财务部",
          responsible_person="赵会计", deadline="2027-01-31")
    mid = f"{pid}-M1"
    assert _post(unit, f"/rectification/measures/{mid}/update", deadline="2027-02-28", version="1").status_code == 303
    stale = _post(unit, f"/rectification/measures/{mid}/update", deadline="2027-03-31", version="1")
    assert stale.status_code == 422 and "已被他人修改" in stale.text
    _post(unit, f"/rectification/measures/{mid}/complete", evidence_refs="附件1")
    assert _post(office, f"/rectification/measures/{mid}/reject", reason="佐证不全").status_code == 303
    assert _post(unit, f"/rectification/problems/{pid}/flags", flag_list=rect["W04"]).status_code == 303
    _post(unit, f"/rectification/problems/{pid}/outcomes", kind="通报", people="1")
    assert _post(unit, f"/rectification/outcomes/{pid}-O1/void", reason="重复登记").status_code == 303
    shown = model.show_problem(pid)
    assert shown["measures"][0]["status"] == "进行中" and str(shown["measures"][0]["deadline"]) == "2027-02-28"
    assert len(shown["flags"]) == 2 and shown["outcomes"][0]["voided"]
    assert {h["action"] for h in shown["history"]} >= {"create", "update", "complete", "reject", "link", "void"}
    viewer_page = client_for("viewer").get(f"/rectification/problems/{pid}").text
    assert 'id="add-measure"' not in viewer_page and "佐证不全" in viewer_page
