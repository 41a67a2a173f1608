"""The MariaDB extract-load benchmark at a small size: both paths (jiandu's loader into typed raw, and the servers'
own `mysql --batch --quick | psql COPY`) load every row, and the two typed tables hold the same values and types."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import PROJECT

ROWS = 2000


def test_both_paths_load_the_same_typed_rows(tmp_path):
    import pymysql

    try:
        pymysql.connect(host="127.0.0.1", port=3306, user="root", password="").close()
    except pymysql.err.OperationalError as exc:  # pragma: no cover - the test machine has MariaDB
        pytest.skip(f"MariaDB at 127.0.0.1:3306 not reachable: {exc}")
    if not (shutil.which("mysql") and shutil.which("psql")):
        pytest.skip("the native path needs the mysql and psql clients")
    out = tmp_path / "result.json"
    proc = subprocess.run([sys.executable, "benchmarks/extract_load_mariadb.py", "--rows", str(ROWS), "--repeat", "1",
                           "--json", str(out)], cwd=PROJECT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    jiandu, native = result["results"]["jiandu"], result["results"]["native"]
    assert jiandu["rows"] == native["rows"] == ROWS
    assert jiandu["seconds"] > 0 and native["seconds"] > 0 and jiandu["peak_mb"] > 0
    checked = result["checked"]
    assert checked["jiandu"] == checked["native"]  # rows, md5 over every value, column types
    assert checked["jiandu"]["rows"] == ROWS
    assert {"numeric", "date", "timestamp without time zone", "bigint", "text"} == set(checked["jiandu"]["types"])
    assert jiandu["exact"] and native["exact"]  # each run's table against the native one
    assert "| jiandu" in proc.stdout and "share of native" in proc.stdout
