"""Resolve a source system's Airflow connection into a SQLAlchemy URL.

Every source system is an Airflow connection (AIRFLOW_CONN_NC_ERP, a metastore
entry or a secrets backend). Put the exact SQLAlchemy URL in the connection's
extra as {"sqlalchemy_url": "..."} or let the conn_type choose the driver.
"""

from __future__ import annotations

import json

from sqlalchemy.engine import URL, make_url

from jiandu.settings import SOURCE_CONN_IDS

DRIVERS = {
    "sqlite": "sqlite",
    "postgres": "postgresql+psycopg",
    "postgresql": "postgresql+psycopg",
    "mysql": "mysql+pymysql",
    "mariadb": "mysql+pymysql",
    "mssql": "mssql+pymssql",
    "oracle": "oracle+oracledb",
}


class SourceConnectionError(RuntimeError):
    pass


def url_from_connection(conn_id: str, conn_type: str | None, host: str | None, port: int | None,
                        login: str | None, password: str | None, schema: str | None,
                        extra: dict | None) -> URL:
    extra = extra or {}
    if extra.get("sqlalchemy_url"):
        return make_url(extra["sqlalchemy_url"])
    if not conn_type or conn_type not in DRIVERS:
        raise SourceConnectionError(
            f"connection '{conn_id}': conn_type {conn_type!r} has no SQLAlchemy driver; "
            f"use one of {sorted(DRIVERS)} or set extra {{\"sqlalchemy_url\": ...}}"
        )
    if conn_type == "sqlite":
        if not host:
            raise SourceConnectionError(f"connection '{conn_id}': sqlite needs the database file path as host")
        return make_url(f"sqlite:///{host}")
    return URL.create(DRIVERS[conn_type], username=login or None, password=password or None,
                      host=host or None, port=port or None, database=schema or None)


def source_url(system: str) -> URL:
    """The SQLAlchemy URL of a source system, read from its Airflow connection."""
    from airflow.sdk import BaseHook  # lazy: keeps `import jiandu` light

    conn_id = SOURCE_CONN_IDS.get(system, system)
    try:
        conn = BaseHook.get_connection(conn_id)
    except Exception as exc:  # Airflow raises its own not-found type
        raise SourceConnectionError(
            f"source system '{system}': Airflow connection '{conn_id}' not found "
            f"(set AIRFLOW_CONN_{conn_id.upper()} or add it in Airflow)"
        ) from exc
    return url_from_connection(conn_id, conn.conn_type, conn.host, conn.port, conn.login, conn.password,
                               conn.schema, conn.extra_dejson)


def connection_env(system: str, url: str) -> dict[str, str]:
    """AIRFLOW_CONN_* variable that points a system at a SQLAlchemy URL (used by demo and tests)."""
    conn_id = SOURCE_CONN_IDS.get(system, system)
    value = json.dumps({"conn_type": "generic", "extra": {"sqlalchemy_url": url}})
    return {f"AIRFLOW_CONN_{conn_id.upper()}": value}


__all__ = ["source_url", "connection_env", "url_from_connection", "SourceConnectionError"]
