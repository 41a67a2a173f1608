"""Apply the warehouse SQL of include/warehouse (BOOTSTRAP_FILES: schemas, the workbench's users and row-level
security, rectification, the group's own standards) in order; idempotent."""

from __future__ import annotations

from jiandu.settings import get_settings
from jiandu.warehouse import connect

BOOTSTRAP_FILES = ("bootstrap.sql", "workbench.sql", "rectification.sql", "group_standards.sql")


def bootstrap_warehouse() -> None:
    folder = get_settings().project_root / "include" / "warehouse"
    with connect() as conn:
        conn.execute("select pg_advisory_xact_lock(4242)")  # concurrent runs bootstrap one at a time
        for name in BOOTSTRAP_FILES:
            conn.execute((folder / name).read_text(encoding="utf-8"))
    from jiandu.workbench.database import set_app_role_password

    set_app_role_password()  # the workbench's own role, when JIANDU_WORKBENCH_DB_PASSWORD is set
