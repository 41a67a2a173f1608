"""Warehouse connection: a real PostgreSQL when WAREHOUSE_URL is set, else embedded pgserver.

This is the one connection resolver for the warehouse. psycopg, SQLAlchemy,
dbt and Great Expectations all get their connection details from here.
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qs, unquote, urlsplit, urlunsplit

import psycopg

from jiandu.settings import get_settings


@dataclass(frozen=True)
class WarehouseInfo:
    url: str  # libpq URL, as a user would paste it into psql
    host: str  # host name or Unix socket directory
    port: int
    user: str
    password: str
    dbname: str
    embedded: bool

    @property
    def display_url(self) -> str:
        """`url` with the password replaced by ****: what may be printed or logged."""
        return mask_password(self.url)

    @property
    def sqlalchemy_url(self) -> str:
        """SQLAlchemy URL for the psycopg 3 driver."""
        auth = self.user + (f":{self.password}" if self.password else "")
        if self.host.startswith("/"):
            return f"postgresql+psycopg://{auth}@/{self.dbname}?host={self.host}&port={self.port}"
        return f"postgresql+psycopg://{auth}@{self.host}:{self.port}/{self.dbname}"

    def dbt_env(self) -> dict[str, str]:
        """Environment variables read by dbt_project/profiles.yml."""
        return {
            "JIANDU_PG_HOST": self.host,
            "JIANDU_PG_PORT": str(self.port),
            "JIANDU_PG_USER": self.user,
            "JIANDU_PG_PASSWORD": self.password,
            "JIANDU_PG_DBNAME": self.dbname,
        }


def mask_password(url: str) -> str:
    """A connection URL with its password (in the authority or a password= parameter) shown as ****."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.password is not None:
        userinfo, _, hostport = netloc.rpartition("@")
        netloc = userinfo.split(":", 1)[0] + ":****@" + hostport
    query = re.sub(r"(?i)(^|&)(password)=[^&]*", r"\1\2=****", parts.query)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _typed_passwords(url: str) -> set[str]:
    """The password of `url` as written (between 'user:' and the last '@' of what follows '//', even when it holds
    a '/', '?' or '#' that makes URL parsers cut it apart), unquoted, and any password= parameter."""
    found: set[str] = set()
    rest = url.split("//", 1)[1] if "//" in url else ""
    userinfo = rest.rpartition("@")[0]
    if ":" in userinfo:
        found.add(userinfo.split(":", 1)[1])
    found.update(re.findall(r"(?i)(?:^|[?&])password=([^&]*)", url))
    return {p for p in found | {unquote(p) for p in found} if p}


def redact_password(text: str, url: str | None = None) -> str:
    """`text` (an error message) with the password of `url` (default: WAREHOUSE_URL) shown as ****, whole or in
    the pieces a misparsed URL shows (a port, a host or a database name cut out of it): what may be printed."""
    url = get_settings().warehouse_url if url is None else url
    if not url:
        return text
    secrets = _typed_passwords(url)
    secrets |= {piece for p in secrets for piece in re.split(r"[/?#@:&=]", p) if len(piece) >= 3}
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "****")
    return text


def parse_url(url: str, *, embedded: bool = False) -> WarehouseInfo:
    parts = urlsplit(url)
    if parts.scheme.split("+")[0] not in ("postgresql", "postgres"):
        raise ValueError(f"WAREHOUSE_URL must be a postgresql:// URL, got scheme {parts.scheme!r}")
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    host = query.get("host") or parts.hostname or "localhost"
    port = int(query.get("port") or parts.port or 5432)
    return WarehouseInfo(
        url=url,
        host=host,
        port=port,
        user=unquote(parts.username or "postgres"),
        password=unquote(parts.password or ""),
        dbname=(parts.path or "/postgres").lstrip("/") or "postgres",
        embedded=embedded,
    )


class WarehouseUnavailable(RuntimeError):
    """The warehouse cannot be used as configured (bad URL, unknown host, refused, missing database, login)."""


@lru_cache(maxsize=4)
def _embedded(pgdata: str) -> WarehouseInfo:
    try:
        import pgserver  # a development dependency (make demo, make test): production sets WAREHOUSE_URL
    except ImportError as exc:
        raise WarehouseUnavailable(
            "未设置 WAREHOUSE_URL，且未安装内置数据仓库 pgserver（开发依赖，生产镜像不含）：请将 WAREHOUSE_URL 设为"
            " postgresql://… WAREHOUSE_URL is not set and the embedded warehouse (pgserver, a dev dependency) is not"
            " installed") from exc

    logging.getLogger("pgserver").setLevel(logging.WARNING)  # it logs initdb/pg_ctl output at INFO
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = pgserver.get_server(pgdata, cleanup_mode=None)  # keep running for the user
    return parse_url(server.get_uri(), embedded=True)


def warehouse() -> WarehouseInfo:
    """Resolve the warehouse; starts the embedded server if needed."""
    settings = get_settings()
    if settings.warehouse_url:
        return parse_url(settings.warehouse_url)
    settings.embedded_pgdata.parent.mkdir(parents=True, exist_ok=True)
    return _embedded(str(settings.embedded_pgdata))


APPLICATION_NAME = "jiandu"  # pg_stat_activity.application_name of every jiandu connection
CONNECT_TIMEOUT_SECONDS = 10


def connect(autocommit: bool = False, application_name: str = APPLICATION_NAME) -> psycopg.Connection:
    """A connection to the warehouse, named in pg_stat_activity (`jiandu`, or what the caller says it does)."""
    info = warehouse()
    return psycopg.connect(
        host=info.host,
        port=info.port,
        user=info.user,
        password=info.password or None,
        dbname=info.dbname,
        autocommit=autocommit,
        application_name=application_name[:63],
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
    )


def check_warehouse() -> WarehouseInfo:
    """Resolve and connect once, within seconds; raises WarehouseUnavailable with one line naming the setting and
    the cause (a bad URL, an unreachable server or a missing database is not fixed by retrying)."""
    configured = get_settings().warehouse_url
    setting = f"WAREHOUSE_URL={mask_password(configured)}" if configured else "内置 embedded pgserver (WAREHOUSE_URL 未设置)"
    try:
        info = warehouse()
        with connect(autocommit=True) as conn:
            conn.execute("select 1")
    except (ValueError, psycopg.Error) as exc:
        cause = " ".join(str(exc).split()) or type(exc).__name__
        raise WarehouseUnavailable(f"数据仓库不可用 warehouse unavailable ({setting}): {cause}") from exc
    return info


class use_or_connect:
    """`with use_or_connect(conn) as c`: the caller's connection (its transaction), or a new one committed on exit."""

    def __init__(self, conn: psycopg.Connection | None):
        self.given = conn
        self.own: psycopg.Connection | None = None

    def __enter__(self) -> psycopg.Connection:
        if self.given is not None:
            return self.given
        self.own = connect()
        return self.own.__enter__()

    def __exit__(self, *exc) -> None:
        if self.own is not None:
            self.own.__exit__(*exc)
