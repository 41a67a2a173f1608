from __future__ import annotations

import pytest

from jiandu.sources.connections import SourceConnectionError, source_url, url_from_connection


def test_sqlalchemy_url_in_extra_wins():
    url = url_from_connection("oa", "generic", None, None, None, None, None,
                              {"sqlalchemy_url": "mysql+pymysql://root@127.0.0.1:3306/oa"})
    assert url.drivername == "mysql+pymysql" and url.database == "oa"


def test_conn_type_picks_driver():
    url = url_from_connection("hr", "postgres", "db", 5432, "u", "p", "hr", {})
    assert url.render_as_string(hide_password=False) == "postgresql+psycopg://u:p@db:5432/hr"
    assert str(url_from_connection("x", "sqlite", "/data/x.sqlite", None, None, None, None, {})) == \
        "sqlite:////data/x.sqlite"


def test_unknown_conn_type_is_explained():
    with pytest.raises(SourceConnectionError, match="conn_type 'ftp' has no SQLAlchemy driver"):
        url_from_connection("nc_erp", "ftp", "h", None, None, None, None, {})


def test_airflow_connection_from_environment(monkeypatch):
    monkeypatch.setenv("AIRFLOW_CONN_NC_ERP", '{"conn_type": "sqlite", "host": "/tmp/erp.sqlite"}')
    assert str(source_url("nc_erp")) == "sqlite:////tmp/erp.sqlite"


def test_missing_connection_names_the_variable(monkeypatch):
    monkeypatch.delenv("AIRFLOW_CONN_HR", raising=False)
    with pytest.raises(SourceConnectionError, match="AIRFLOW_CONN_HR"):
        source_url("hr")
