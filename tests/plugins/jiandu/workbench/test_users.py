import pytest

from jiandu.warehouse import connect
from jiandu.workbench.users import add_user, authenticate, create_session, get_session, parse_scope
from tests.plugins.jiandu.workbench.workbench_data import PASSWORD


def test_scope_parsing():
    assert parse_scope("*") == "*" and parse_scope(" S02, S01，S01 ") == "S01,S02"
    for bad in ("", "S01;drop table x", "S01,'"):
        with pytest.raises(ValueError):
            parse_scope(bad)


def test_users_and_sessions_expire(flags):
    assert add_user("temp_user", PASSWORD, "viewer", "S01") is True
    assert add_user("temp_user", PASSWORD, "auditor", "S01") is False  # updated, not duplicated
    with connect() as conn:
        stored = conn.execute("select role, password_hash from workbench.users where username = 'temp_user'").fetchone()
    assert stored[0] == "auditor" and PASSWORD not in stored[1] and stored[1].startswith("scrypt$")
    assert authenticate("temp_user", "wrong-password") is None and authenticate("nobody", PASSWORD) is None
    user = authenticate("temp_user", PASSWORD)
    assert user.role == "auditor" and user.subsidiaries == ["S01"] and not user.pii
    assert authenticate("admin", PASSWORD).pii  # admin sees personal data by default
    token, csrf = create_session(user)
    assert get_session(token).csrf_token == csrf and get_session("forged") is None
    with connect() as conn:
        assert conn.execute("select count(*) from workbench.sessions where token_hash = %s", (token,)).fetchone()[0] == 0
        conn.execute("update workbench.sessions set last_seen_at = now() - interval '31 minutes'")
    assert get_session(token) is None  # idle expiry
    token, _ = create_session(user)
    with connect() as conn:
        conn.execute("update workbench.sessions set expires_at = now() - interval '1 second'")
    assert get_session(token) is None  # absolute expiry
