"""Workbench users (workbench.users) and server-side sessions (workbench.sessions).

Roles: admin (everything, sees personal data by default), auditor (reads and records dispositions in
scope), viewer (reads only). Scope: '*' (集团, every subsidiary) or a list of subsidiary codes.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from psycopg import Connection
from psycopg.rows import dict_row

from jiandu.warehouse import use_or_connect
from jiandu.workbench.passwords import DUMMY_HASH, hash_password, verify_password

ROLES = {"admin": "管理员", "auditor": "审计人员", "viewer": "只读查看"}
WRITE_ROLES = {"admin", "auditor"}
SESSION_ABSOLUTE = timedelta(hours=8)  # a session ends 8 hours after login, whatever happens
SESSION_IDLE = timedelta(minutes=30)  # ... or after 30 minutes without a request
# Login throttling (the policy; README "审计工作台"):
# - per user name: after MAX_FAILURES_PER_USER failed logins within LOGIN_WINDOW (since its last success), that
#   user name may not log in from anywhere until the window has passed (guessing one account's password);
# - per client address: after MAX_FAILURES_PER_CLIENT failures from one address within LOGIN_WINDOW, that address
#   may only log in to user names that logged in successfully from it within KNOWN_CLIENT_DAYS (trying many
#   user names). Colleagues behind one proxy or NAT, who share its address, keep working.
# The address is the peer's, or X-Forwarded-For's when the peer is a configured proxy (jiandu.workbench.web).
# The check and the record of an attempt are one step under a per-user-name and per-address lock, so
# concurrent attempts cannot all pass the check before any is recorded.
MAX_FAILURES_PER_USER = 5
MAX_FAILURES_PER_CLIENT = 20
LOGIN_WINDOW = timedelta(minutes=15)
KNOWN_CLIENT_DAYS = 30
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


@dataclass(frozen=True)
class User:
    username: str
    display_name: str
    role: str
    scope: str  # '*' or 'S01,S02'
    pii: bool

    @property
    def can_write(self) -> bool:
        return self.role in WRITE_ROLES

    @property
    def group_level(self) -> bool:
        return self.scope == "*"

    @property
    def subsidiaries(self) -> list[str]:
        return [] if self.group_level else self.scope.split(",")

    @property
    def can_approve_suppression(self) -> bool:
        """May approve another person's request to suppress a flag (an admin, or an auditor at group level)."""
        from jiandu.flags.workflow import may_approve_suppression

        return self.can_write and may_approve_suppression(self.role, self.group_level)

    @property
    def role_label(self) -> str:
        return ROLES[self.role]


@dataclass(frozen=True)
class Session:
    user: User
    csrf_token: str


def parse_scope(text: str) -> str:
    """'*' or 'S01, S02' -> '*' / 'S01,S02'; ValueError naming the bad code."""
    text = (text or "").strip()
    if text == "*":
        return "*"
    codes = [c.strip() for c in text.replace("，", ",").split(",") if c.strip()]
    if not codes:
        raise ValueError("数据范围不能为空：集团用 '*'，单位用 'S01,S02' scope must be '*' or subsidiary codes")
    for code in codes:
        if not _CODE.match(code):
            raise ValueError(f"单位编码不合法 invalid subsidiary code {code!r}")
    return ",".join(sorted(set(codes)))


def add_user(username: str, password: str, role: str, scope: str, *, pii: bool | None = None,
             display_name: str | None = None, conn: Connection | None = None) -> bool:
    """Create the user, or update it if it exists (password, role, scope, pii); True if created."""
    username = username.strip()
    if not _CODE.match(username.replace(".", "_").replace("@", "_")):
        raise ValueError(f"用户名只能含字母、数字、._-@ invalid user name {username!r}")
    if role not in ROLES:
        raise ValueError(f"未知角色 unknown role {role!r}; 可选 one of {', '.join(ROLES)}")
    scope = parse_scope(scope)
    pii = (role == "admin") if pii is None else pii
    sql = ("insert into workbench.users (username, display_name, role, scope, pii, password_hash)"
           " values (%(u)s, %(d)s, %(r)s, %(s)s, %(p)s, %(h)s)"
           " on conflict (username) do update set display_name = excluded.display_name, role = excluded.role,"
           " scope = excluded.scope, pii = excluded.pii, password_hash = excluded.password_hash, active = true,"
           " updated_at = now() returning (xmax = 0) as created")
    params = {"u": username, "d": display_name or username, "r": role, "s": scope, "p": pii,
              "h": hash_password(password)}
    with use_or_connect(conn) as c:
        created = c.execute(sql, params).fetchone()[0]
        c.execute("delete from workbench.sessions where username = %s", (username,))  # changed rights: log out
    return bool(created)


def set_active(username: str, active: bool, conn: Connection | None = None) -> bool:
    """Disable (or enable again) a user; their sessions end either way (a trigger of workbench.users), so
    enabling an account never revives a session opened before. False if there is no such user."""
    with use_or_connect(conn) as c:
        found = c.execute("update workbench.users set active = %s, updated_at = now() where username = %s"
                          " returning username", (active, username.strip())).fetchone()
        c.execute("delete from workbench.sessions where username = %s", (username.strip(),))
    return found is not None


def list_users(conn: Connection | None = None) -> list[dict]:
    with use_or_connect(conn) as c:
        return c.cursor(row_factory=dict_row).execute(
            "select username, display_name, role, scope, pii, active, created_at from workbench.users"
            " order by username").fetchall()


def authenticate(username: str, password: str, conn: Connection | None = None) -> User | None:
    with _login_db(conn) as c:
        row = c.cursor(row_factory=dict_row).execute(
            "select username, display_name, role, scope, pii, password_hash from workbench.users"
            " where username = %s and active", (username.strip(),)).fetchone()
    if not verify_password(password, row["password_hash"] if row else DUMMY_HASH) or row is None:
        return None
    return User(row["username"], row["display_name"] or row["username"], row["role"], row["scope"], row["pii"])


def begin_login(username: str, client: str, conn: Connection | None = None) -> int | None:
    """Check the throttle and record the attempt (as failed until `finish_login` says otherwise), atomically.

    Returns the attempt's id, or None if this user name or this client is blocked (the blocked attempt is
    recorded too). Transaction-scoped advisory locks on the user name and on the address serialise the check
    and the record of concurrent attempts; the password is verified afterwards, outside the locks.
    """
    username, client = username.strip()[:200], client[:200]
    with _login_db(conn) as c:
        c.execute("select pg_advisory_xact_lock(hashtextextended('jiandu.login.user:' || %s, 0))", (username,))
        c.execute("select pg_advisory_xact_lock(hashtextextended('jiandu.login.client:' || %s, 0))", (client,))
        per_user, per_client, known = c.execute(
            "select"
            " (select count(*) from workbench.login_attempts a where a.username = %(u)s and not a.success"
            "   and a.attempted_at > now() - %(w)s and a.attempted_at > coalesce((select max(attempted_at)"
            "   from workbench.login_attempts s where s.username = %(u)s and s.success), '-infinity')),"
            " (select count(*) from workbench.login_attempts a where a.client = %(c)s and not a.success"
            "   and a.attempted_at > now() - %(w)s),"
            " exists (select 1 from workbench.login_attempts k where k.username = %(u)s and k.client = %(c)s"
            "   and k.success and k.attempted_at > now() - %(known)s)",
            {"u": username, "c": client, "w": LOGIN_WINDOW, "known": timedelta(days=KNOWN_CLIENT_DAYS)}).fetchone()
        blocked = per_user >= MAX_FAILURES_PER_USER or (per_client >= MAX_FAILURES_PER_CLIENT and not known)
        c.execute("delete from workbench.login_attempts where attempted_at < now() - interval '30 days'")
        attempt = c.execute("insert into workbench.login_attempts (username, client, success) values (%s, %s, false)"
                            " returning attempt_id", (username, client)).fetchone()[0]
    return None if blocked else attempt


def finish_login(attempt_id: int, success: bool, conn: Connection | None = None) -> None:
    """Mark an attempt begun by `begin_login` as successful (a failure is already recorded)."""
    if success:
        with _login_db(conn) as c:
            c.execute("update workbench.login_attempts set success = true where attempt_id = %s", (attempt_id,))


@contextmanager
def _login_db(conn: Connection | None) -> Iterator[Connection]:
    """The caller's connection, or a transaction as the limited login role (jiandu.workbench.database)."""
    if conn is not None:
        yield conn
        return
    from jiandu.workbench.database import LOGIN_ROLE, as_role

    with as_role(LOGIN_ROLE) as c:
        yield c


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", errors="replace")).hexdigest()


def create_session(user: User, conn: Connection | None = None) -> tuple[str, str]:
    """A new session; returns (cookie token, CSRF token)."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with _login_db(conn) as c:
        c.execute("delete from workbench.sessions where expires_at < now() or last_seen_at < now() - %s",
                  (SESSION_IDLE,))
        c.execute("insert into workbench.sessions (token_hash, username, csrf_token, expires_at)"
                  " values (%s, %s, %s, now() + %s)", (_token_hash(token), user.username, csrf, SESSION_ABSOLUTE))
    return token, csrf


def get_session(token: str | None, conn: Connection | None = None) -> Session | None:
    """The live session of a cookie token (and refresh its idle timer), or None if unknown or expired."""
    if not token or len(token) > 200:
        return None
    with _login_db(conn) as c:
        row = c.cursor(row_factory=dict_row).execute(
            "update workbench.sessions s set last_seen_at = now() from workbench.users u"
            " where s.token_hash = %s and u.username = s.username and u.active"
            " and s.expires_at > now() and s.last_seen_at > now() - %s"
            " returning u.username, u.display_name, u.role, u.scope, u.pii, s.csrf_token",
            (_token_hash(token), SESSION_IDLE)).fetchone()
    if row is None:
        return None
    user = User(row["username"], row["display_name"] or row["username"], row["role"], row["scope"], row["pii"])
    return Session(user, row["csrf_token"])


def end_session(token: str | None, conn: Connection | None = None) -> None:
    if token:
        with _login_db(conn) as c:
            c.execute("delete from workbench.sessions where token_hash = %s", (_token_hash(token),))

