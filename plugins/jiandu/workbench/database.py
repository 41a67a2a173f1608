"""The workbench's own database connections: a role that is not a superuser, and a limited role per job.

The web pages never connect as the warehouse owner. They connect as `jiandu_workbench_app` (created by
include/warehouse/repeatable/roles.sql: LOGIN, NOSUPERUSER, NOINHERIT), which by itself may read nothing:
every transaction first takes one of the roles it is a member of,

- `jiandu_workbench_login` for login, throttling and sessions (workbench.users read-only, sessions and
  login attempts), and
- `jiandu_workbench_group` / `jiandu_workbench` for the pages (audit tables under row-level security; see
  jiandu.workbench.scope),

so a query of the pages cannot read password hashes or sessions, and the login cannot read flags.
Host, port and database are the warehouse's (jiandu.warehouse); the password, where the server asks for
one, is JIANDU_WORKBENCH_DB_PASSWORD (the warehouse bootstrap sets it on the role when given).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql

from jiandu.settings import get_settings
from jiandu.warehouse import warehouse

LOGIN_ROLE = "jiandu_workbench_login"


def app_connect() -> psycopg.Connection:
    """A new connection as the workbench's application role (a transaction is opened on first use)."""
    info, settings = warehouse(), get_settings()
    return psycopg.connect(host=info.host, port=info.port, dbname=info.dbname, user=settings.workbench_db_role,
                           password=settings.workbench_db_password, application_name="jiandu-workbench")


@contextmanager
def as_role(role: str) -> Iterator[psycopg.Connection]:
    """A transaction as `role` (one the application role is a member of); committed if the block ends normally."""
    with app_connect() as conn:
        conn.execute(sql.SQL("set local role {}").format(sql.Identifier(role)))
        yield conn


def set_app_role_password() -> None:
    """Give the application role JIANDU_WORKBENCH_DB_PASSWORD (run by the warehouse owner); no-op without one."""
    from jiandu.warehouse import connect

    settings = get_settings()
    if settings.workbench_db_password:
        with connect() as conn:
            conn.execute(sql.SQL("alter role {} password {}").format(
                sql.Identifier(settings.workbench_db_role), sql.Literal(settings.workbench_db_password)))
