"""The database connection of one request: the app role and the user's scope, so row-level security applies.

Inside the transaction: `set local role jiandu_workbench` (policies in include/warehouse/workbench.sql),
`jiandu.scope` and `jiandu.user`. Everything is local to the transaction and ends with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from psycopg import Connection

from jiandu.warehouse import connect
from jiandu.workbench.users import User

APP_ROLE = "jiandu_workbench"


@contextmanager
def scoped_connection(user: User) -> Iterator[Connection]:
    """A transaction restricted to `user`'s subsidiaries; committed if the block ends normally."""
    with connect() as conn:
        conn.execute(f"set local role {APP_ROLE}")
        conn.execute("select set_config('jiandu.scope', %s, true), set_config('jiandu.user', %s, true)",
                     (user.scope, user.username))
        yield conn
