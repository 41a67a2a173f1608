"""What an auditor reads: evidence as tables with units (no JSON, no Python values, no English codes), money at
issue apart from context figures (参考数) in the list, the subject view, the export and the weekly report, and
standards that are still the shipped example default marked as such."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jiandu.flags.publish import publish
from jiandu.reports.weekly import compute, week_of
from jiandu.warehouse import connect
from jiandu.workbench.evidence import html, plain, unit_of
from tests.plugins.jiandu.workbench.workbench_data import client_for, seed

AS_OF = date(2026, 11, 2)
BENFORD = [{"首位数字": d, "笔数": 1000 - d * 90, "实际占比": round(0.3 / d, 4), "理论占比": 0.301} for d in range(1, 10)]
WARNINGS = [{"指标": "资产负债率", "预警级别": "重点监管", "实际值": "72.5%", "阈值": ">= 70%",
             "标准出处": "参照国资委资产负债率警戒线管控通行做法（示例默认值）"}]
EXTRA = [  # key, rule, severity, amount, amount_kind, subject type, evidence
    ("X01", "RF_KPI_001", "高", 9_000_000_000, "context", "subsidiary",
     {"报告月份": "2026-10", "负债总额": 9_000_000_000, "资产负债率": "72.5%", "连续亏损月数": 4,
      "预警事项": WARNINGS, "重点监管": True, "说明": None}),
    ("X02", "RF_JE_006", "中", 5_000_000_000, "context", "subsidiary",
     {"样本分录数": 12000, "样本金额合计": 5_000_000_000, "平均绝对偏差MAD": 0.0213, "首位数字分布": BENFORD,
      "标准出处": "Nigrini (2012)；样本量下限为示例默认值"}),
    ("X03", "RF_EXP_001", "高", 1_800, "at_issue", "person",
     {"超标金额": 1800.5, "住宿晚数": 3, "是否旺季": False, "单据明细": "[{\"报销单号\": \"BX-1\", \"金额\": 600}]",
      "标准": {"城市": "北京", "限额": 500, "生效日期": "2016-01-01"}, "标准出处": "财行〔2016〕71号",
      "明细": [], "备注": "\\u5f20\\u4e09"}),
]
FORBIDDEN = re.compile(r'\\u[0-9a-fA-F]{4}|\{"|\["|": |\[\]|\{\}|\b(True|False|None|true|false|null)\b|'
                       r"\b(account|person|subsidiary|supplier|customer|nc_erp|scheduled__\S*|manual__\S*)\b")


def _add(monkeypatch) -> dict[str, str]:
    ids = seed(monkeypatch)
    with connect() as conn:
        for key, rule, severity, amount, kind, subject_type, evidence in EXTRA:
            conn.execute(
                "insert into audit_rules.fct_red_flags (flag_id, rule_id, subsidiary_code, subject_type, subject_id,"
                " flag_key, rule_name, category, severity, owner_department, subsidiary_name, subject_name, period,"
                " amount, amount_kind, evidence, source_refs, as_of_date) values (md5(%s || '|' || %s), %s, 'S01',"
                " %s, %s, %s, %s, '财务', %s, '审计部', 'S01公司', %s, '2026-10', %s, %s, %s, %s, %s)",
                (rule, key, rule, subject_type, key, key, f"规则{rule}", severity, f"对象{key}", amount, kind,
                 json.dumps(evidence, ensure_ascii=False),
                 json.dumps([{"table": "nc_erp.monthly_financials", "key": {"org_code": "S01", "report_month": "2026-10"},
                              "label": "月度财务快报 S01 2026-10"}], ensure_ascii=False), AS_OF))
    publish(f"scheduled__{AS_OF}", AS_OF, [])
    with connect() as conn:
        extra = {k: conn.execute("select flag_id from audit.flagged_items where flag_key = %s", (k,)).fetchone()[0]
                 for k, *_ in EXTRA}
    return ids | extra


@pytest.fixture
def flags(monkeypatch) -> dict[str, str]:
    return _add(monkeypatch)


def _visible_text(page: str, section: str) -> str:
    """The text of one table of the page (by id, up to its end), tags removed."""
    part = page.split(f'id="{section}"', 1)[1]
    end = part.find("</table></td>") if section == "evidence" else -1  # nested tables inside the evidence
    part = part[:part.rfind("</table>", 0, part.find('<h2', 1))] if section == "evidence" else part.split("</table>", 1)[0]
    del end
    return re.sub(r"<[^>]+>", " ", part)


def test_values_read_as_words_and_numbers_with_units():
    assert plain(True) == "是" and plain("false") == "否" and plain(None) == "—" and plain([]) == "无"
    assert plain(1234567.5, "超标金额") == "1,234,567.50 元"
    assert plain(1200, "最长账龄天数") == "1,200 天" and plain(12, "实有人数") == "12 人"
    assert plain(0.0312, "按期率") == "3.12%" and plain(0.3, "实际占比") == "30.00%"
    assert plain(0.0213, "平均绝对偏差MAD") == "0.0213"
    assert plain(3, "兼职上限") == "3" and unit_of("首位数字") == ""
    assert plain(2026, "会计年度") == "2026" and plain(12, "会计期间（1-12）") == "12" and plain(5, "租期年数") == "5 年"
    assert plain('["BX-1", "BX-2"]') == "BX-1、BX-2"
    table = str(html(BENFORD, "首位数字分布"))
    assert table.count("<tr>") == 10 and "<th>实际占比</th>" in table and "30.00%" in table and "{" not in table
    assert table.index("首位数字") < table.index("笔数")  # what a row is about comes first
    assert "&lt;script&gt;" in str(html({"a": "<script>"}))  # everything escaped


def test_detail_page_shows_evidence_without_json_python_values_or_codes(flags):
    c = client_for("admin")
    for key in ("X01", "X02", "X03", "W01"):
        page = c.get(f"/flags/{flags[key]}").text
        for section in ("evidence", "source-refs", "detections", "history"):
            text = _visible_text(page, section)
            assert not FORBIDDEN.search(text), (key, section, FORBIDDEN.search(text).group(0), text[:400])
        facts = page.split('<dl class="kv">', 1)[1].split("</dl>", 1)[0]
        assert not FORBIDDEN.search(re.sub(r"<[^>]+>", " ", facts)), key
    kpi = c.get(f"/flags/{flags['X01']}").text
    assert "<th>预警级别</th>" in kpi and "重点监管" in kpi and "9,000,000,000.00 元" in kpi
    assert "参考数" in kpi and "示例默认值" in kpi.split('id="example-standard"')[1][:200]
    assert "月度财务快报" in kpi and "组织编码：S01" in kpi.split('id="source-refs"')[1]
    benford = c.get(f"/flags/{flags['X02']}").text
    assert benford.count("<th>首位数字</th>") == 1 and "12,000 笔" in benford
    hotel = c.get(f"/flags/{flags['X03']}").text
    assert "1,800.50 元" in hotel and "<th>报销单号</th>" in hotel and "张三" in hotel
    assert 'id="example-standard"' not in hotel


def test_context_figures_are_not_money_at_issue_anywhere(flags):
    c = client_for("admin")
    listing = c.get("/flags").text
    order = re.findall(r'href="/flags/([0-9a-f]{32})" class="flag-link"', listing)
    # risk level first (高 before 中 before 低), then money at issue: the 9 billion context figure is not first
    assert order[0] == flags["W01"] and order.index(flags["X01"]) > order.index(flags["W05"])
    assert order.index(flags["X02"]) > order.index(flags["W03"])  # 中 with no money at issue after 中 with some
    assert "参考数 9,000,000,000.00" in listing and 'class="pill example"' in listing
    by_amount = re.findall(r'href="/flags/([0-9a-f]{32})" class="flag-link"', c.get("/flags?sort=amount_desc").text)
    assert by_amount[:2] == [flags["W01"], flags["W02"]] and by_amount[-2:] != [flags["W01"], flags["W02"]]
    sub = c.get("/subject?subsidiary_code=S01").text
    expected = 5_000_000 + 1_200_000 + 300_000 + 80_000 + 1_800
    assert f'id="subject-amount">{expected:,.2f}' in sub and "另有 2 条疑点的金额为参考数" in sub
    wb = load_workbook(io.BytesIO(c.get("/flags/export.xlsx").content))
    ws = wb["疑点清单"]
    header = [cell.value for cell in ws[3]]
    rows = {r[header.index("对象编号")]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    assert rows["X01"][header.index("涉及金额（元）")] is None
    assert rows["X01"][header.index("参考数（元，不计入涉及金额）")] == 9_000_000_000
    assert rows["X01"][header.index("所用标准")] == "示例默认值" and rows["X01"][header.index("对象类型")] == "单位"
    assert rows["X03"][header.index("涉及金额（元）")] == 1800


def test_two_warning_rules_no_longer_make_up_the_weekly_amount_at_issue(flags):
    with connect() as conn:
        report = compute(conn, week_of(AS_OF))
        rows = conn.execute("select rule_id, amount from audit.flag_run_results").fetchall()
    everything = sum(a for _, a in rows)
    warnings = sum(a for r, a in rows if r in ("RF_KPI_001", "RF_JE_006"))
    assert warnings / everything > Decimal("0.9")  # counted as before, the two warnings would be over 90 %
    assert report.totals["amount_involved"] == everything - warnings  # money at issue only
    top = {f["flag_id"]: f for f in report.top_findings}
    assert top[flags["X01"]]["amount_context"] == 9_000_000_000 and top[flags["X01"]]["amount_at_issue"] is None
    assert top[flags["X01"]]["example_standard"] and not top[flags["W01"]]["example_standard"]
    page = client_for("group_auditor").get("/weekly?week=" + week_of(AS_OF).iso_week).text
    assert f"{everything - warnings:,.2f}" in page and "参考数 9,000,000,000.00" in page and "示例默认值" in page


@pytest.fixture
def evidence_server(monkeypatch):
    import threading
    import time

    import uvicorn

    from jiandu.workbench.app import create_app
    from tests.plugins.jiandu.workbench.test_browser_e2e import _free_port

    flags = _add(monkeypatch)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", flags
    srv.should_exit = True
    thread.join(10)


def test_detail_pages_in_a_browser_show_tables_not_json(evidence_server, session_dir):
    from pathlib import Path

    from tests.plugins.jiandu.workbench.test_browser_e2e import CHROMIUM, _login, _shot

    if not Path(CHROMIUM).exists():
        pytest.skip("needs Debian's chromium (make test installs it)")
    from playwright.sync_api import sync_playwright

    url, flags = evidence_server
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        _login(page, url, "group_auditor")
        for key, name in (("X01", "kpi_warning"), ("X02", "benford"), ("X03", "hotel")):
            page.goto(f"{url}/flags/{flags[key]}")
            shown = page.inner_text("#evidence") + page.inner_text("#source-refs") + page.inner_text("#detections")
            assert not FORBIDDEN.search(shown), (key, FORBIDDEN.search(shown).group(0))
            assert page.locator("#evidence table.nested").count() >= 1  # nested evidence is a table
            _shot(page, session_dir, f"evidence_{name}")
        page.goto(f"{url}/flags/{flags['X02']}")
        assert page.locator("#evidence table.nested tr").count() == 10  # header + digits 1..9
        assert page.locator("#example-standard").is_visible()
        browser.close()
