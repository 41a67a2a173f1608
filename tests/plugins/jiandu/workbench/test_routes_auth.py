"""Login, logout, sessions and CSRF through the pages."""

import re

import pytest

from jiandu.warehouse import connect
from jiandu.workbench.web import SESSION_COOKIE
from tests.plugins.jiandu.workbench.workbench_data import PASSWORD, client_for

PAGES = ["/", "/flags", "/flags/export.xlsx", "/flags/0123", "/weekly", "/weekly.xlsx", "/scorecard", "/standards",
         "/standards/std_travel_hotel_caps", "/subject?subsidiary_code=S01"]
POSTS = ["/flags/0123/disposition", "/flags/bulk", "/flags/import", "/logout"]


def _login_form(client):
    page = client.get("/login?next=/weekly")
    assert page.status_code == 200 and "登录" in page.text
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_without_a_session_redirects_to_login(flags, path):
    r = client_for(None).get(path)
    assert r.status_code == 303 and "/login?next=" in r.headers["location"]


@pytest.mark.parametrize("path", POSTS)
def test_every_post_without_a_session_is_401(flags, path):
    assert client_for(None).post(path, data={"csrf_token": "x"}).status_code == 401


def test_login_sets_a_strict_httponly_session_and_logout_ends_it(flags):
    c = client_for(None)
    token = _login_form(c)
    r = c.post("/login", data={"username": "s01_auditor", "password": PASSWORD, "csrf_token": token,
                               "next": "/weekly"})
    assert r.status_code == 303 and r.headers["location"] == "/weekly"
    cookie = r.headers["set-cookie"]
    assert SESSION_COOKIE in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    page = c.get("/flags")
    assert page.status_code == 200 and "s01_auditor" in page.text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    assert c.post("/logout", data={"csrf_token": "wrong"}).status_code == 403
    assert c.post("/logout", data={"csrf_token": csrf}).status_code == 303
    assert c.get("/flags").status_code == 303


def test_login_refuses_wrong_password_missing_csrf_and_open_redirects(flags):
    c = client_for(None)
    token = _login_form(c)
    r = c.post("/login", data={"username": "s01_auditor", "password": "nope-nope-nope", "csrf_token": token})
    assert r.status_code == 401 and "用户名或密码错误" in r.text
    r = c.post("/login", data={"username": "s01_auditor", "password": PASSWORD, "csrf_token": "forged"})
    assert r.status_code == 403 and "CSRF" in r.text
    r = c.post("/login", data={"username": "s01_auditor", "password": PASSWORD, "csrf_token": token,
                               "next": "//evil.example/x"})
    assert r.status_code == 303 and r.headers["location"] == "/flags"


def test_expired_session_goes_back_to_login(flags):
    c = client_for("s01_auditor")
    assert c.get("/flags").status_code == 200
    with connect() as conn:
        conn.execute("update workbench.sessions set expires_at = now() - interval '1 minute'")
    r = c.get("/flags")
    assert r.status_code == 303 and "/login" in r.headers["location"]
    assert c.cookies.get(SESSION_COOKIE)  # the browser still sends it; the server no longer accepts it


def test_repeated_failed_logins_lock_the_user_name_even_with_the_right_password(flags):
    from jiandu.workbench.users import MAX_FAILURES_PER_USER, add_user

    with connect() as conn:
        conn.execute("delete from workbench.users where username = 'guessed'")
        conn.execute("delete from workbench.login_attempts where username = 'guessed'")
    add_user("guessed", PASSWORD, "viewer", "*")
    c = client_for(None)
    token = _login_form(c)
    for _ in range(MAX_FAILURES_PER_USER):
        r = c.post("/login", data={"username": "guessed", "password": "wrong-guess-123", "csrf_token": token})
        assert r.status_code == 401
    r = c.post("/login", data={"username": "guessed", "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 429 and "登录失败次数过多" in r.text and SESSION_COOKIE not in r.headers.get("set-cookie", "")
    # another user from the same client is not locked out by these five
    r = c.post("/login", data={"username": "viewer", "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 303
    with connect() as conn:  # once the window has passed, the right password works again
        conn.execute("update workbench.login_attempts set attempted_at = attempted_at - interval '16 minutes'"
                     " where username = 'guessed'")
    c = client_for(None)
    r = c.post("/login", data={"username": "guessed", "password": PASSWORD, "csrf_token": _login_form(c)})
    assert r.status_code == 303
    with connect() as conn:
        attempts = conn.execute("select count(*) filter (where not success), count(*) filter (where success)"
                                " from workbench.login_attempts where username = 'guessed'").fetchone()
    assert attempts == (MAX_FAILURES_PER_USER + 1, 1)
