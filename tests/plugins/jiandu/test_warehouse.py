from __future__ import annotations

import pytest

from jiandu.warehouse import parse_url


def test_parse_real_server_url():
    info = parse_url("postgresql://audit:s3cret@db.example:6543/jiandu")
    assert (info.host, info.port, info.user, info.password, info.dbname) == ("db.example", 6543, "audit", "s3cret",
                                                                           "jiandu")
    assert info.sqlalchemy_url == "postgresql+psycopg://audit:s3cret@db.example:6543/jiandu"
    assert info.dbt_env()["JIANDU_PG_PORT"] == "6543"


def test_parse_unix_socket_url_from_pgserver():
    info = parse_url("postgresql://postgres:@/postgres?host=/tmp/x/pgdata", embedded=True)
    assert info.host == "/tmp/x/pgdata"
    assert info.sqlalchemy_url == "postgresql+psycopg://postgres@/postgres?host=/tmp/x/pgdata&port=5432"


def test_non_postgres_url_is_refused():
    with pytest.raises(ValueError, match="postgresql://"):
        parse_url("mysql://root@localhost/x")
