from tests.plugins.jiandu.workbench.workbench_data import ID_NUMBER, client_for


def test_subject_view_by_flag_and_by_subsidiary(flags):
    c = client_for("group_auditor")
    page = c.get(f"/subject?from_flag={flags['W01']}")
    assert page.status_code == 200 and '<div class="value" id="subject-total">1</div>' in page.text
    assert ID_NUMBER not in page.text and "110105********0012" in page.text
    sub = c.get("/subject?subsidiary_code=S02")
    assert '<div class="value" id="subject-total">2</div>' in sub.text and "客户丙" in sub.text
    assert c.get("/subject").status_code == 400
    assert client_for("s02_auditor").get(f"/subject?from_flag={flags['W01']}").status_code == 404
    crafted = client_for("s02_auditor").get(f"/subject?subject_type=person&subject_id={ID_NUMBER}")
    assert '<div class="value" id="subject-total">0</div>' in crafted.text
