"""The database connection of one request: the app role and the user's scope, so row-level security applies.

The connection is the workbench's own (jiandu.workbench.database: not a superuser, nothing granted to it
directly). Inside the transaction: `set local role` to jiandu_workbench_group (group-level users) or jiandu_workbench
(subsidiary-level users; policies in include/warehouse/migrations/0002_workbench.sql), `jiandu.scope` and `jiandu.user`.
Everything is local to the transaction and ends with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from psycopg import Connection

from jiandu.workbench.database import app_connect
from jiandu.workbench.users import User

APP_ROLE = "jiandu_workbench"  # subsidiary level: rows of the codes in jiandu.scope
GROUP_ROLE = "jiandu_workbench_group"  # group level: every subsidiary


@contextmanager
def scoped_connection(user: User) -> Iterator[Connection]:
    """A transaction restricted to `user`'s subsidiaries; committed if the block ends normally."""
    with app_connect() as conn:
        conn.execute(f"set local role {GROUP_ROLE if user.group_level else APP_ROLE}")
        conn.execute("set local jit = off")  # short queries: compiling them costs more than it saves
        conn.execute("select set_config('jiandu.scope', %s, true), set_config('jiandu.user', %s, true)",
                     (user.scope, user.username))
        yield conn
