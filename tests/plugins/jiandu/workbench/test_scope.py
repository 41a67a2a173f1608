"""Row-level security proved in the database itself, not through the pages."""

import psycopg
import pytest

from jiandu.warehouse import connect
from jiandu.workbench.scope import scoped_connection
from jiandu.workbench.users import User
from tests.plugins.jiandu.workbench.workbench_data import flag_id

S01 = User("s01_auditor", "s01", "auditor", "S01", False)


def test_app_role_with_scope_s01_counts_only_s01_rows(flags):
    with scoped_connection(S01) as conn:
        assert conn.execute("select current_user").fetchone()[0] == "jiandu_workbench"
        assert conn.execute("select count(*) from audit.flagged_items").fetchone()[0] == 4
        assert conn.execute("select count(*) from audit.flagged_items where subsidiary_code = 'S02'").fetchone()[0] == 0
        assert conn.execute("select count(*) from audit.flag_run_results").fetchone()[0] == 4
        assert conn.execute("select count(*) from audit.flag_detections").fetchone()[0] == 4
    with scoped_connection(User("g", "g", "auditor", "*", False)) as conn:
        assert conn.execute("select current_user").fetchone()[0] == "jiandu_workbench_group"
        assert conn.execute("select count(*) from audit.flagged_items").fetchone()[0] == 6
    with connect() as conn:  # the subsidiary-level role never sees everything, whatever the scope says
        conn.execute("set local role jiandu_workbench")
        conn.execute("select set_config('jiandu.scope', '*', true)")
        assert conn.execute("select count(*) from audit.flagged_items").fetchone()[0] == 0
    with connect() as conn:  # the pipeline's own connection (the tables' owner) is not restricted
        assert conn.execute("select count(*) from audit.flagged_items").fetchone()[0] == 6


def test_no_scope_means_no_rows_and_no_writes_outside_scope(flags):
    with connect() as conn:
        conn.execute("set local role jiandu_workbench")
        assert conn.execute("select count(*) from audit.flagged_items").fetchone()[0] == 0
    with connect() as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("set local role jiandu_workbench_group")  # group level, but no user named: no history rows
        conn.execute("insert into audit.disposition_history (flag_id, changed_by, field, new_value)"
                     " values (%s, 'anyone', 'note', 'x')", (flag_id("W05"),))
    with scoped_connection(S01) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("insert into audit.dispositions (flag_id, status) values (%s, '核实中')", (flag_id("W05"),))
    with scoped_connection(S01) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("insert into audit.disposition_history (flag_id, changed_by, field, new_value)"
                     " values (%s, 'someone_else', 'note', 'x')", (flag_id("W01"),))  # history names the real user
    with scoped_connection(S01) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("delete from audit.flagged_items")
    with scoped_connection(S01) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("select count(*) from workbench.users")
    with connect() as conn:
        assert conn.execute("select count(*) from audit.dispositions").fetchone()[0] == 0
        assert conn.execute("select count(*) from audit.flagged_items").fetchone()[0] == 6
