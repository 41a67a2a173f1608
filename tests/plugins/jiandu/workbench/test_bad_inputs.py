"""Hostile values in every parameter of every route: a 4xx with a Chinese message (or accepted as text), never a 500."""

import re
from urllib.parse import quote

import pytest

from jiandu.warehouse import connect
from jiandu.workbench.listing import FILTER_LABELS
from tests.plugins.jiandu.workbench.workbench_data import client_for

BAD = ["\x00", "a\x00b", "1e1000000", "-1e1000000", "0001-W01", "9999-W52", "NaN", "Infinity", "9" * 60,
       "-9" * 30, "1" * 5000, "../..", "..", "\u202e", "０１２", "2026-02-30", "' or 1=1 --", "\r\n", "%00"]
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _call(c, method: str, url: str, **kwargs):
    try:
        return c.request(method, url, **kwargs)
    except Exception as exc:  # noqa: BLE001 - the app raised: that is the failure being looked for
        return exc


def _check(failures: list, what: str, r) -> None:
    if isinstance(r, Exception):
        failures.append(f"{what}: raised {type(r).__name__}: {str(r)[:120]}")
    elif r.status_code >= 500:
        failures.append(f"{what}: {r.status_code}")
    elif r.status_code >= 400 and not CHINESE.search(r.text):
        failures.append(f"{what}: {r.status_code} without a Chinese message: {r.text[:120]}")


def _dispositions() -> tuple:
    with connect() as conn:
        return (conn.execute("select count(*) from audit.dispositions").fetchone()[0],
                conn.execute("select count(*) from audit.disposition_history").fetchone()[0])


def test_every_route_parameter_refuses_hostile_values_without_a_500(flags):
    from jiandu.flags.workflow import FIELDS

    c = client_for("admin")
    fid = flags["W01"]
    failures: list[str] = []
    for value in BAD:
        for name in [*FILTER_LABELS, "sort", "page", "size", "notice"]:
            for path in ("/flags", "/flags/export.xlsx"):
                _check(failures, f"GET {path}?{name}={value!r}", _call(c, "GET", path, params={name: value}))
        _check(failures, f"GET /flags/{value!r}", _call(c, "GET", f"/flags/{quote(value, safe='')}"))
        for name in ("from_flag", "subject_type", "subject_id", "subsidiary_code"):
            params = {name: value} | ({"subject_type": "person"} if name == "subject_id" else {})
            _check(failures, f"GET /subject?{name}={value!r}", _call(c, "GET", "/subject", params=params))
        for path in ("/weekly", "/weekly.xlsx"):
            _check(failures, f"GET {path}?week={value!r}", _call(c, "GET", path, params={"week": value}))
        _check(failures, f"GET /login?next={value!r}", _call(c, "GET", "/login", params={"next": value}))
        _check(failures, f"GET /static/{value!r}", _call(c, "GET", f"/static/{quote(value, safe='')}"))
        _check(failures, f"GET /flags/import-template.csv?x={value!r}",
               _call(c, "GET", "/flags/import-template.csv", params={"x": value}))
        for name in [*FIELDS, "version"]:
            data = {"csrf_token": c.csrf, "version": "0", name: value}
            _check(failures, f"POST disposition {name}={value!r}",
                   _call(c, "POST", f"/flags/{fid}/disposition", data=data))
        _check(failures, f"POST bulk flag_id={value!r}",
               _call(c, "POST", "/flags/bulk", data={"csrf_token": c.csrf, "flag_id": [value], "status": "核实中",
                                                     "assignee": "x"}))
        for name in ("assignee", "rectification_due", "note", "evidence_refs"):
            _check(failures, f"POST bulk {name}={value!r}",
                   _call(c, "POST", "/flags/bulk", data={"csrf_token": c.csrf, "flag_id": [fid], name: value,
                                                         "back": "q=" + value}))
        _check(failures, f"POST import filename={value!r}",
               _call(c, "POST", "/flags/import", data={"csrf_token": c.csrf},
                     files={"file": (value, f"疑点编号,核查人\n{fid},{value}\n".encode())}))
    assert failures == []  # (some of the values are fine in a free-text field and were recorded)


@pytest.mark.parametrize("method, url, data, expected", [
    ("GET", "/flags?q=%00", None, "空字符"),
    ("GET", "/flags/%00", None, "空字符"),
    ("GET", "/flags?amount_min=1e1000000", None, "金额下限"),
    ("GET", "/weekly?week=0001-W01", None, "周次"),
    ("POST", "/flags/{W01}/disposition", {"version": "0", "amount_recovered": "1e20"}, "清退挽回金额"),
    ("POST", "/flags/{W01}/disposition", {"version": "0", "amount_recovered": "-5"}, "不能为负"),
])
def test_the_issue_cases_are_400_with_a_chinese_message(flags, method, url, data, expected):
    c = client_for("admin")
    r = c.request(method, url.replace("{W01}", flags["W01"]), data={"csrf_token": c.csrf, **(data or {})})
    assert r.status_code == 400 and expected in r.text, r.text[:300]
    assert _dispositions() == (0, 0)


def test_an_upload_named_dot_dot_is_refused(flags):
    c = client_for("admin")
    for name in ("..", ".", "a" * 300 + ".csv", "../../etc/.."):
        r = c.post("/flags/import", data={"csrf_token": c.csrf},
                   files={"file": (name, f"疑点编号,核查人\n{flags['W01']},张三\n".encode())})
        assert r.status_code == 400 and "文件名" in r.text, (name, r.status_code, r.text[:200])
    r = c.post("/flags/import", data={"csrf_token": c.csrf},  # no name: not a file at all
               files={"file": ("", f"疑点编号,核查人\n{flags['W01']},张三\n".encode())})
    assert r.status_code == 400
    assert _dispositions() == (0, 0)


def test_a_login_with_a_nul_is_refused_not_crashed(flags):
    from jiandu.workbench.web import LOGIN_CSRF_COOKIE

    c = client_for(None)
    page = c.get("/login")
    token = page.cookies.get(LOGIN_CSRF_COOKIE) or c.cookies.get(LOGIN_CSRF_COOKIE)
    for username in ("admin\x00", "\x00"):
        r = c.post("/login", data={"username": username, "password": "x", "csrf_token": token})
        assert 400 <= r.status_code < 500 and CHINESE.search(r.text)
