"""Apply include/warehouse/bootstrap.sql (idempotent)."""

from __future__ import annotations

from jiandu.settings import get_settings
from jiandu.warehouse import connect


def bootstrap_warehouse() -> None:
    sql = (get_settings().project_root / "include" / "warehouse" / "bootstrap.sql").read_text(encoding="utf-8")
    with connect() as conn:
        conn.execute("select pg_advisory_xact_lock(4242)")  # concurrent runs bootstrap one at a time
        conn.execute(sql)
