"""What the workbench can do in the warehouse, and the login policy under concurrency and behind proxies."""

import argparse
import re
import threading

import psycopg
import pytest
from starlette.requests import Request

from jiandu.warehouse import connect
from jiandu.workbench.database import LOGIN_ROLE, app_connect, as_role
from jiandu.workbench.scope import scoped_connection
from jiandu.workbench.users import MAX_FAILURES_PER_CLIENT, MAX_FAILURES_PER_USER, User, add_user
from jiandu.workbench.web import LOGIN_CSRF_COOKIE, SESSION_COOKIE
from tests.plugins.jiandu.workbench.workbench_data import PASSWORD, client_for

GROUP_USER = User("group_auditor", "group_auditor", "auditor", "*", False)


def test_the_workbench_connects_as_a_role_that_is_not_a_superuser_and_holds_nothing_itself(flags):
    with app_connect() as conn:
        user, superuser, inherit = conn.execute(
            "select current_user, rolsuper, rolinherit from pg_roles where rolname = current_user").fetchone()
        assert (user, superuser, inherit) == ("jiandu_workbench_app", False, False)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select count(*) from audit.flagged_items")  # without a role of a job: nothing


def test_login_role_reads_no_flags_and_page_roles_read_no_passwords_or_sessions(flags):
    with as_role(LOGIN_ROLE) as conn:
        assert conn.execute("select count(*) from workbench.users").fetchone()[0] >= 5
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select count(*) from audit.flagged_items")
    for table in ("workbench.users", "workbench.sessions", "workbench.login_attempts"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege), scoped_connection(GROUP_USER) as conn:
            conn.execute(f"select count(*) from {table}")
    with scoped_connection(GROUP_USER) as conn:  # stepping out of the page role leaves nothing either
        conn.execute("reset role")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select count(*) from audit.flagged_items")


def _login(client, username: str, password: str, headers: dict | None = None):
    client.get("/login")
    token = client.cookies.get(LOGIN_CSRF_COOKIE)
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token},
                       headers=headers or {})


def _fresh_user(name: str) -> None:
    """`name` as a new viewer, and no login attempts on record (they outlive the other tables' reset)."""
    with connect() as conn:
        conn.execute("delete from workbench.login_attempts")
    add_user(name, PASSWORD, "viewer", "*")


def test_ten_concurrent_wrong_passwords_check_only_five(flags):
    _fresh_user("raced")
    clients = [client_for(None) for _ in range(10)]
    results: list[int] = []
    barrier = threading.Barrier(10)

    def attempt(c):
        c.get("/login")
        token = c.cookies.get(LOGIN_CSRF_COOKIE)
        barrier.wait()
        r = c.post("/login", data={"username": "raced", "password": "wrong-guess-123", "csrf_token": token})
        results.append(r.status_code)

    threads = [threading.Thread(target=attempt, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [401] * MAX_FAILURES_PER_USER + [429] * (10 - MAX_FAILURES_PER_USER)
    assert _login(client_for(None), "raced", PASSWORD).status_code == 429  # even the right password, for now


def test_many_failures_from_one_address_do_not_lock_out_colleagues_behind_it(flags):
    _fresh_user("colleague")
    c = client_for(None)
    assert _login(c, "colleague", PASSWORD).status_code == 303  # has logged in from this address before
    for i in range(MAX_FAILURES_PER_CLIENT):  # someone behind the same address sprays user names
        assert _login(client_for(None), f"nobody{i}", "wrong-guess-123").status_code == 401
    assert _login(client_for(None), "sprayed", "wrong-guess-123").status_code == 429  # an unknown name: blocked
    assert _login(client_for(None), "colleague", PASSWORD).status_code == 303  # a known one still gets in


def _request(peer: str, forwarded: str | None = None) -> Request:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded else []
    return Request({"type": "http", "method": "POST", "path": "/login", "headers": headers, "client": (peer, 1234),
                    "query_string": b"", "root_path": ""})


def test_the_client_address_believes_x_forwarded_for_only_from_configured_proxies(monkeypatch):
    from jiandu.workbench.web import client_address

    monkeypatch.delenv("JIANDU_TRUSTED_PROXIES", raising=False)
    assert client_address(_request("203.0.113.9", "1.2.3.4")) == "203.0.113.9"  # no proxy configured
    monkeypatch.setenv("JIANDU_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.1")
    assert client_address(_request("203.0.113.9", "1.2.3.4")) == "203.0.113.9"  # not from a proxy: ignored
    assert client_address(_request("10.1.2.3", "1.2.3.4")) == "1.2.3.4"
    assert client_address(_request("10.1.2.3", "6.6.6.6, 1.2.3.4, 192.168.1.1")) == "1.2.3.4"  # spoofed left part
    assert client_address(_request("10.1.2.3", "not-an-address")) == "10.1.2.3"
    assert client_address(_request("10.1.2.3")) == "10.1.2.3"


def test_disabling_a_user_ends_their_sessions_and_enabling_does_not_revive_them(flags, capsys):
    from jiandu.workbench.commands import cmd_users_set_active

    _fresh_user("viewer")
    c = client_for("viewer")
    assert c.get("/flags").status_code == 200
    assert cmd_users_set_active(argparse.Namespace(username="viewer", active=False)) == 0
    assert "已停用" in capsys.readouterr().out
    assert c.get("/flags").status_code == 303
    assert _login(client_for(None), "viewer", PASSWORD).status_code == 401
    assert cmd_users_set_active(argparse.Namespace(username="viewer", active=True)) == 0
    assert c.get("/flags").status_code == 303  # the old session stays ended
    with connect() as conn:  # also when the account is switched back on by hand in SQL
        conn.execute("update workbench.users set active = false where username = 'viewer'")
        conn.execute("update workbench.users set active = true where username = 'viewer'")
    assert cmd_users_set_active(argparse.Namespace(username="nobody-at-all", active=False)) == 2
    fresh = client_for(None)
    assert _login(fresh, "viewer", PASSWORD).status_code == 303 and fresh.cookies.get(SESSION_COOKIE)


def test_no_inline_script_or_style_is_allowed_or_used(flags):
    c = client_for("admin")
    for path in ("/flags", "/login", "/weekly"):
        r = c.get(path)
        policy = r.headers["content-security-policy"]
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert re.search(r"script-src 'self'[;]", policy) and re.search(r"style-src 'self'[;]", policy)
        assert not re.search(r"<script(?![^>]*\bsrc=)", r.text), path  # every script is a file
        assert not re.search(r"\son[a-z]+\s*=", r.text), path  # no event-handler attributes
        assert "<style" not in r.text and " style=" not in r.text, path  # nor inline styles
    js = c.get("/static/workbench.js")
    assert js.status_code == 200 and "check-all" in js.text
    css = c.get("/static/workbench.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert c.get("/static/..%2f..%2fpyproject.toml").status_code == 404


class _no_warehouse:
    """The summary is rendered here without a warehouse (run alone, no earlier test has bootstrapped one)."""

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def test_summary_never_prints_the_warehouse_password(monkeypatch):
    from jiandu import summary
    from jiandu.warehouse import parse_url

    monkeypatch.setattr(summary, "warehouse", lambda: parse_url("postgresql://jiandu:S3cret%21pw@db:5432/jiandu"))
    monkeypatch.setattr(summary, "flag_counts", lambda: [])
    monkeypatch.setattr(summary, "rule_counts", lambda: [])
    monkeypatch.setattr(summary, "connect", _no_warehouse)
    monkeypatch.setattr(summary, "standard_gaps", lambda conn: [])
    text = summary.render({"as_of": "2026-11-01", "run_id": "r1"})
    assert "S3cret" not in text and "postgresql://jiandu:****@db:5432/jiandu" in text


def test_the_bootstrap_gives_the_workbench_role_its_password(flags, monkeypatch):
    from jiandu.bootstrap import bootstrap_warehouse

    monkeypatch.setenv("JIANDU_WORKBENCH_DB_PASSWORD", "change-me-workbench")
    bootstrap_warehouse()
    try:
        with connect() as conn:
            stored = conn.execute("select rolpassword from pg_authid where rolname = 'jiandu_workbench_app'"
                                  ).fetchone()[0]
        assert stored and stored.startswith("SCRAM-SHA-256$") and "change-me" not in stored
    finally:
        with connect() as conn:
            conn.execute("alter role jiandu_workbench_app password null")
