"""End to end in a real headless Chromium (Debian's package; Playwright's own browser is never downloaded).

The workbench runs under uvicorn on 127.0.0.1 on a free port; screenshots of the main pages are saved in the
test session folder (and copied to JIANDU_SCREENSHOTS_DIR when it is set, e.g. docs/workbench).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import uvicorn
from openpyxl import load_workbook

from jiandu.warehouse import connect
from tests.plugins.jiandu.workbench.workbench_data import ID_NUMBER, PASSWORD, seed

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (make test installs it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(monkeypatch):
    from jiandu.workbench.app import create_app

    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    flags = seed(monkeypatch, as_of=today)  # today: the default week of the weekly page shows today's changes
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


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield b
        b.close()


def _shot(page, session_dir: Path, name: str) -> Path:
    folder = session_dir / "screenshots"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    if os.environ.get("JIANDU_SCREENSHOTS_DIR"):
        Path(os.environ["JIANDU_SCREENSHOTS_DIR"]).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(os.environ["JIANDU_SCREENSHOTS_DIR"]) / path.name)
    return path


def _login(page, url: str, username: str) -> None:
    page.goto(url + "/flags")
    assert "/login" in page.url  # no session: sent to the login page
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/flags")


def _status(flag_id: str) -> str | None:
    with connect() as conn:
        row = conn.execute("select status from audit.dispositions where flag_id = %s", (flag_id,)).fetchone()
    return row[0] if row else None


def test_auditor_filters_opens_disposes_bulk_closes_and_exports(server, browser, session_dir, tmp_path):
    url, flags = server
    page = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN",
                               accept_downloads=True).new_page()
    _login(page, url, "s01_auditor")
    assert page.locator("a.flag-link").count() == 4  # S01 only
    assert ID_NUMBER not in page.content() and "110105********0012" in page.content()
    _shot(page, session_dir, "01_flag_list")

    page.select_option("#f-cat", "财务")
    page.click("#apply-filters")
    page.wait_for_url("**category=**")
    assert page.locator("a.flag-link").count() == 2

    page.locator(f'a[href="/flags/{flags["W03"]}"]').click()
    page.wait_for_url(f"**/flags/{flags['W03']}")
    page.select_option("#d-status", "核实中")
    page.fill("#d-assignee", "王审计")
    page.click("#save")
    page.wait_for_selector("#notice")
    assert page.inner_text("#status") == "核实中"
    assert "s01_auditor" in page.inner_text("#history") and "王审计" in page.inner_text("#history")
    _shot(page, session_dir, "02_flag_detail")

    # bulk: both 财务 flags of S01 through 确认问题 and 整改中 to 已整改销号 (整改销号)
    page.goto(url + "/flags?category=财务")
    steps = [{"#b-status": "核实中", "#b-assignee": "王审计"}, {"#b-status": "确认问题"},
             {"#b-status": "整改中", "#b-unit": "财务部", "#b-due": "2026-12-31"},
             {"#b-status": "已整改销号", "#b-evidence": "整改报告〔2026〕12号"}]
    for step in steps:
        page.goto(url + "/flags?category=财务&suppressed=all")
        page.check("#check-all")
        for selector, value in step.items():
            if selector == "#b-status":
                page.select_option(selector, value)
            else:
                page.fill(selector, value)
        page.click("#bulk-apply")
        page.wait_for_selector("#bulk-done")
    assert _status(flags["W03"]) == _status(flags["W04"]) == "已整改销号"
    _shot(page, session_dir, "03_bulk_done")

    page.goto(url + "/flags?status=已整改销号")
    assert page.locator("a.flag-link").count() == 2
    with page.expect_download() as info:
        page.click("#export")
    path = tmp_path / "export.xlsx"
    info.value.save_as(path)
    sheet = load_workbook(path)["疑点清单"]
    status = [c.value for c in sheet[3]].index("处置状态")
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert sorted(r[0] for r in rows) == sorted([flags["W03"], flags["W04"]])
    assert {r[status] for r in rows} == {"已整改销号"}

    page.goto(url + "/weekly")
    assert page.inner_text("#closed-total") == "2"  # the bulk close-out is in this week's summary
    _shot(page, session_dir, "04_weekly")
    page.goto(url + "/scorecard")
    _shot(page, session_dir, "05_scorecard")
    page.goto(url + f"/flags/{flags['W01']}")
    page.click("#subject-link")
    page.wait_for_url("**/subject?from_flag=**")
    assert page.inner_text("#subject-total") == "1"
    _shot(page, session_dir, "06_subject")

    # another subsidiary's flag, asked for by URL: not there
    response = page.goto(url + f"/flags/{flags['W05']}")
    assert response.status == 404 and "不在您的数据范围内" in page.content()


def test_viewer_sees_but_cannot_change(server, browser, session_dir):
    url, flags = server
    page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    _login(page, url, "viewer")
    assert page.locator("a.flag-link").count() == 6 and page.locator("#bulk-apply").count() == 0
    page.goto(url + f"/flags/{flags['W05']}")
    assert page.locator("#disposition").count() == 0 and "只读账号不能修改处置" in page.content()
    _shot(page, session_dir, "07_viewer_detail")
    assert _status(flags["W05"]) is None


def test_a_suppression_asked_for_by_one_auditor_is_approved_by_a_group_auditor(server, browser, session_dir):
    from datetime import timedelta

    url, flags = server
    fid = flags["W04"]
    until = (datetime.now(ZoneInfo("Asia/Shanghai")).date() + timedelta(days=90)).isoformat()
    refused: list[str] = []  # anything the Content-Security-Policy blocked
    for username in ("s01_auditor", "group_auditor"):
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
        page = context.new_page()
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        _login(page, url, username)
        page.goto(url + f"/flags/{fid}")
        if username == "s01_auditor":
            page.check("#suppression input[name=suppressed]")
            page.fill("#d-suppression_reason", "集团内部往来，已核实非问题")
            page.fill("#d-suppressed_until", until)
            page.click("#save")
            page.wait_for_selector("#notice")
            assert "屏蔽申请待批准" in page.inner_text("#suppression-state")
            assert page.locator("#approve-suppression").count() == 0  # not by the one who asked
        else:
            page.click("#approve-suppression")
            page.wait_for_selector("#notice")
            assert "已屏蔽" in page.inner_text("#suppression-state")
            _shot(page, session_dir, "07_suppression_approved")
            page.goto(url + "/weekly")
            listed = page.inner_text("#suppressed-list")
            assert "集团内部往来" in listed and "s01_auditor" in listed and "group_auditor" in listed
        context.close()
    assert refused == []
