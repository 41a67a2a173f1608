"""`jiandu run` stops within seconds on a warehouse it cannot use, with one line naming WAREHOUSE_URL and the
cause, and no task retries (it used to retry for 12 minutes and print hundreds of warnings)."""

from __future__ import annotations

import socket
import time

import pytest

from tests.conftest import REAL_SERVER, run_jiandu


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nobody listens on it once closed


@pytest.mark.parametrize(("url", "cause"), [
    (f"postgresql://postgres@127.0.0.1:{_closed_port()}/jiandu", "refused"),
    (REAL_SERVER.rsplit("/", 1)[0] + "/jiandu_ops_resilience_no_such_db", "does not exist"),
    ("mysql://root@127.0.0.1/jiandu", "postgresql://"),
    ("postgresql://postgres:s3cret@127.0.0.1:notaport/jiandu", "port"),
], ids=["closed-port", "missing-database", "wrong-scheme", "bad-port"])
def test_unusable_warehouse_stops_at_once_with_one_line(url, cause, demo_sources):
    started = time.monotonic()
    result = run_jiandu(["run", "--date", "2026-11-01", "--sources", str(demo_sources)], {"WAREHOUSE_URL": url})
    assert time.monotonic() - started < 20
    assert result.returncode == 2
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("数据仓库不可用 warehouse unavailable (WAREHOUSE_URL=")
    assert cause in lines[0]
    assert "s3cret" not in lines[0]
