"""Extract-load benchmark on a server source: NC-style GL voucher lines in MariaDB into typed `raw`.

    make bench BENCH=extract_load_mariadb
    uv run --frozen python benchmarks/extract_load_mariadb.py --rows 1000000

Two paths from the same MariaDB table (JIANDU_BENCH_MARIADB, default root@127.0.0.1:3306) into PostgreSQL
(JIANDU_BENCH_PG, default the local server), each measured whole, to a typed table with its unique key:

- jiandu: the nightly path, `copy_loader.extract_to_landing` through the source's SQLAlchemy URL
  (mysql+pymysql), then `promote` into raw.<system>__<table> (typed, unique key, analysed);
- native: the servers' own tools and nothing of ours, `mysql --batch --quick` piped into `psql -c "copy ... from
  stdin"` into a typed table, then its unique index and `analyze` (what raw has).

Each path runs in its own process group, timed from start to end; peak memory is the max RSS of every process of
that path (for native: the mysql client and psql). Both results are compared exact: row count, an md5 over every
value as text, and the column types. The MariaDB table is filled from benchmarks/gl_fixture.py (fixed seed) once
per database and reused (`--keep` leaves it for the next run).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psycopg

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "plugins"))

import bench_args  # noqa: E402
import gl_fixture  # noqa: E402
import peak_memory  # noqa: E402

PG_ADMIN = os.environ.get("JIANDU_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
MARIADB = os.environ.get("JIANDU_BENCH_MARIADB", "root@127.0.0.1:3306")
TARGETS = {"native_share": 0.60, "peak_mb": 200}
COLS = [line.split("name: ")[1].split(",")[0] for line in gl_fixture.CONTRACT.splitlines() if "{name:" in line]
MARIADB_DDL = (
    "create table gl_voucher_line (voucher_id varchar(20) not null, line_no int not null, org_code varchar(10) not null,"
    " account_code varchar(20) not null, account_path varchar(100), summary varchar(200), debit decimal(18,2) not null,"
    " credit decimal(18,2) not null, currency char(3), customer_code varchar(10), supplier_code varchar(10),"
    " dept_code varchar(10), person_code varchar(10), project_code varchar(10), preparer varchar(20),"
    " prepared_date date not null, posted_date date, ts datetime not null, primary key (voucher_id, line_no))"
    " character set utf8mb4")
RAW = "raw.bench_erp__gl_voucher_line"
NATIVE = "public.bench_native_gl"


def _mariadb_args() -> dict:
    auth, _, hostport = MARIADB.rpartition("@")
    user, _, password = auth.partition(":")
    host, _, port = hostport.partition(":")
    return {"host": host or "127.0.0.1", "port": int(port or 3306), "user": user or "root", "password": password}


def _mariadb(db: str | None = None):
    import pymysql

    return pymysql.connect(**_mariadb_args(), database=db, charset="utf8mb4", autocommit=True, local_infile=True)


def _pg_url(db: str) -> str:
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + db



def fill_mariadb(db: str, rows: int, seed: int, work: Path) -> None:
    """The source table, from the fixed-seed SQLite fixture (not timed); kept when it already holds `rows`."""
    import sqlite3

    conn = _mariadb()
    with conn.cursor() as cur:
        cur.execute(f"create database if not exists `{db}` character set utf8mb4")
        cur.execute(f"use `{db}`")
        cur.execute("select count(*) from information_schema.tables where table_schema = %s"
                    " and table_name = 'gl_voucher_line'", (db,))
        if cur.fetchone()[0]:
            cur.execute("select count(*) from gl_voucher_line")
            if cur.fetchone()[0] == rows:
                return
            cur.execute("drop table gl_voucher_line")
        cur.execute(MARIADB_DDL)
        sqlite = work / f"gl_{rows}_{seed}.sqlite"
        if not sqlite.exists():
            gl_fixture.write_sqlite(sqlite, rows, seed)
        src = sqlite3.connect(sqlite)
        insert = f"insert into gl_voucher_line ({', '.join(COLS)}) values ({', '.join(['%s'] * len(COLS))})"
        result = src.execute(f"select {', '.join(COLS)} from gl_voucher_line")
        while batch := result.fetchmany(20_000):
            cur.executemany(insert, batch)
        src.close()
    conn.close()


# --- the two paths (each in its own process) -------------------------------------------------------------------

def run_jiandu(pg_db: str, maria_db: str, work: Path, typed_rows: bool = False, value_by_value: bool = False
               ) -> dict:
    os.environ["WAREHOUSE_URL"] = _pg_url(pg_db)
    import sqlalchemy as sa

    from jiandu.bootstrap import bootstrap_warehouse
    from jiandu.loaders import copy_loader, mysql_reader

    if typed_rows:  # the loader before jiandu.loaders.mysql_reader: SQLAlchemy rows of Python objects
        mysql_reader.is_pymysql = lambda engine: False
    elif value_by_value:  # mysql_reader's fallback (a binary column): every value a str, one Python call each
        mysql_reader._kinds = lambda cursor, probe, params: None
    from jiandu.sources.contract import parse_table
    from jiandu.warehouse import connect

    bootstrap_warehouse()
    table = parse_table(gl_fixture.write_contract(work / "contract"))
    with connect() as conn:
        conn.execute("delete from audit_meta.watermarks where source_system = %s", (table.system,))
        conn.execute(f"drop table if exists {RAW}")
    m = _mariadb_args()
    auth = m["user"] + (f":{m['password']}" if m["password"] else "")
    engine = sa.create_engine(f"mysql+pymysql://{auth}@{m['host']}:{m['port']}/{maria_db}?charset=utf8mb4")
    t0 = time.perf_counter()
    result = copy_loader.extract_to_landing(engine, table, "bench")
    t1 = time.perf_counter()
    copy_loader.promote(table, result.batch_id)
    t2 = time.perf_counter()
    return {"rows": result.loaded_rows, "seconds": t2 - t0, "extract_seconds": t1 - t0, "promote_seconds": t2 - t1,
            "peak_mb": peak_memory.peak_mb(), "facts": table_facts(_pg_url(pg_db), RAW)}


def native_pg_ddl() -> str:
    from jiandu.sources.contract import parse_table

    contract = parse_table(gl_fixture.write_contract(Path(os.environ.get("TMPDIR", "/tmp")) / "jiandu-bench-contract"))
    return f"create table {NATIVE} ({', '.join(f'{c.name} {c.pg_type}' for c in contract.columns)})"


def run_native(pg_db: str, maria_db: str, work: Path) -> dict:
    """mysql --batch --quick | psql COPY into the typed table, then its unique index and analyze: no Python in the
    data path. mysql's batch output escapes tab, newline and backslash as PostgreSQL's text COPY reads them; NULL is
    the word NULL (the fixture holds no such string)."""
    m = _mariadb_args()
    url = _pg_url(pg_db)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"drop table if exists {NATIVE}")
        conn.execute(native_pg_ddl())
    mysql = ["mysql", "--batch", "--quick", "--skip-column-names", "--default-character-set=utf8mb4",
             f"--host={m['host']}", f"--port={m['port']}", f"--user={m['user']}", maria_db,
             "-e", f"select {', '.join(COLS)} from gl_voucher_line"]
    env = dict(os.environ, MYSQL_PWD=m["password"]) if m["password"] else dict(os.environ)
    copy = f"copy {NATIVE} ({', '.join(COLS)}) from stdin with (null 'NULL')"
    finish = (f"create unique index bench_native_gl__pk on {NATIVE} (voucher_id, line_no); analyze {NATIVE}")
    t0 = time.perf_counter()
    shell = (f"set -o pipefail; {shlex.join(mysql)} | psql -X -q -v ON_ERROR_STOP=1 {shlex.quote(url)}"
             f" -c {shlex.quote(copy)} && psql -X -q -v ON_ERROR_STOP=1 {shlex.quote(url)} -c {shlex.quote(finish)}")
    proc = subprocess.run(["bash", "-c", shell], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if proc.returncode:
        return {"error": proc.stderr.strip()[-500:] or f"exit {proc.returncode}"}
    with psycopg.connect(url) as conn:
        rows = conn.execute(f"select count(*) from {NATIVE}").fetchone()[0]
    # the clients only (this Python process only waits): the largest of bash, mysql and psql
    peak = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    return {"rows": rows, "seconds": seconds, "peak_mb": peak, "how": "mysql --batch --quick | psql COPY",
            "facts": table_facts(url, NATIVE)}


def run_jiandu_typed_rows(pg_db: str, maria_db: str, work: Path) -> dict:
    return run_jiandu(pg_db, maria_db, work, typed_rows=True)


def run_jiandu_value_by_value(pg_db: str, maria_db: str, work: Path) -> dict:
    return run_jiandu(pg_db, maria_db, work, value_by_value=True)


def run_jiandu_pymysql(pg_db: str, maria_db: str, work: Path) -> dict:
    """No mysql client installed: lines rendered as CSV by the server, read by pymysql."""
    os.environ["JIANDU_MYSQL_CLIENT"] = "none"
    return run_jiandu(pg_db, maria_db, work)


def run_jiandu_text_landing(pg_db: str, maria_db: str, work: Path) -> dict:
    """Every column landed as text and cast on promotion (what files and SQLite exports do)."""
    from jiandu.loaders import copy_loader

    copy_loader.TYPED_LANDING_TYPES = ()
    return run_jiandu(pg_db, maria_db, work)


METHODS = {"jiandu": run_jiandu, "native": run_native, "jiandu_typed_rows": run_jiandu_typed_rows,
           "jiandu_value_by_value": run_jiandu_value_by_value, "jiandu_pymysql": run_jiandu_pymysql,
           "jiandu_text_landing": run_jiandu_text_landing}


def _spawn(method: str, pg_db: str, maria_db: str, work: Path) -> dict:
    cmd = [sys.executable, __file__, "--child", method, "--pg-db", pg_db, "--maria-db", maria_db, "--work", str(work)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("BENCH-RESULT ")), None)
    if line is None:
        tail = (proc.stderr or proc.stdout).strip().splitlines()
        return {"error": tail[-1] if tail else f"exit {proc.returncode}"}
    return json.loads(line.removeprefix("BENCH-RESULT "))


def table_facts(pg_url: str, table: str) -> dict:
    """Rows, an md5 over every value as text, and column types of one loaded table."""
    cols = ", ".join(f"coalesce(({c})::text, '<NULL>')" for c in COLS)
    schema, name = table.split(".")
    with psycopg.connect(pg_url) as conn:
        count, digest = conn.execute(
            f"select count(*), md5(string_agg(h, '' order by h)) from (select md5(concat_ws('|', {cols})) as h"
            f" from {table}) t").fetchone()
        types = dict(conn.execute("select column_name, data_type from information_schema.columns"
                                  " where table_schema = %s and table_name = %s", (schema, name)).fetchall())
    return {"rows": count, "md5": digest, "types": [types[c] for c in COLS]}


def compare(pg_url: str) -> dict:
    """The facts of raw (the last jiandu path run) and of the native table."""
    return {"jiandu": table_facts(pg_url, RAW), "native": table_facts(pg_url, NATIVE)}


def run(rows: int, seed: int, repeat: int, keep: bool, work: Path, methods: tuple[str, ...] = ("jiandu", "native")
        ) -> dict:
    """Fill MariaDB (once), run both paths `repeat` times interleaved on a fresh PostgreSQL database, compare."""
    if not shutil.which("mysql") or not shutil.which("psql"):
        raise SystemExit("the native path needs the mysql and psql clients (Debian: mariadb-client, postgresql-client)")
    maria_db = f"jiandu_bench_gl_{rows}_{seed}" + ("" if keep else f"_{os.getpid()}")
    pg_db = f"jiandu_bench_mariadb_{os.getpid()}"
    fill_mariadb(maria_db, rows, seed, work)
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'create database "{pg_db}"')
    runs: dict[str, list[dict]] = {method: [] for method in methods}
    try:
        for _ in range(repeat):
            for method in runs:
                runs[method].append(_spawn(method, pg_db, maria_db, work))
                shown = {k: v for k, v in runs[method][-1].items() if k != "facts"}
                print(f"  {method}: {shown}", flush=True)
        checked = compare(_pg_url(pg_db))
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{pg_db}" with (force)')
        if not keep:
            with _mariadb().cursor() as cur:
                cur.execute(f"drop database if exists `{maria_db}`")
    results = {}
    if "native" in runs:  # the machine is shared and noisy: each round's paths ran one after the other
        for entries in runs.values():
            for entry, native in zip(entries, runs["native"], strict=True):
                if "seconds" in entry and "seconds" in native:
                    entry["native_share"] = round(native["seconds"] / entry["seconds"], 2)
    for method, entries in runs.items():
        errors = [e for e in entries if "error" in e]
        if errors:
            results[method] = errors[0]
            continue
        ordered = sorted(entries, key=lambda e: e["seconds"])
        reference = runs["native"][0].get("facts") if "native" in runs else None
        exact = reference is not None and all(e.get("facts") == reference for e in entries)
        results[method] = dict(ordered[len(ordered) // 2], all_seconds=[round(e["seconds"], 2) for e in entries],
                               exact=exact,
                               shares_by_round=[e.get("native_share") for e in entries],
                               all_extract=[round(e["extract_seconds"], 1) for e in entries if "extract_seconds" in e],
                               all_promote=[round(e["promote_seconds"], 1) for e in entries if "promote_seconds" in e])
    return {"rows": rows, "results": results, "checked": checked}


def report(out: dict) -> str:
    res, checked = out["results"], out["checked"]
    native = res.get("native", {}).get("seconds")
    lines = ["", f"Extract-load to typed raw, {out['rows']:,} GL voucher lines, MariaDB -> PostgreSQL (each path in its"
             " own process; medians; peak = max RSS of the path's processes; share of native = native seconds / path"
             " seconds, of the medians and of each round's adjacent runs)", "",
             "| path | rows | seconds (median) | all runs | rows/s | share of native (median; by round) | peak MB |"
             " exact |", "|---|---:|---:|---|---:|---|---:|---|"]
    same = checked["jiandu"] == checked["native"]
    for name, r in res.items():  # exact: every run of the path left the table the native path left
        if "error" in r:
            lines.append(f"| {name} | error: {r['error']} |")
            continue
        share = f"{native / r['seconds']:.2f}; {r['shares_by_round']}" if native else "-"
        detail = (f" (extract {r['all_extract']} s + promote {r['all_promote']} s)" if r.get("all_extract") else "")
        lines.append(f"| {name}{detail} | {r['rows']:,} | {r['seconds']:.2f} | {r['all_seconds']} |"
                     f" {r['rows'] / r['seconds']:,.0f} | {share} | {r['peak_mb']} | {'yes' if r['exact'] else 'NO'} |")
    j = res.get("jiandu", {})
    if native and "seconds" in j:
        lines += ["", f"target: jiandu >= {TARGETS['native_share']} x native -> {native / j['seconds']:.2f};"
                  f" peak < {TARGETS['peak_mb']} MB -> {j['peak_mb']} MB (jiandu), {res['native']['peak_mb']} MB"
                  " (native, the larger of mysql and psql)"]
    if not same:
        lines.append(f"MISMATCH: {json.dumps(checked, ensure_ascii=False)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each path, interleaved (medians)")
    parser.add_argument("--keep", action="store_true", help="keep the filled MariaDB database for the next run")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--methods", default="jiandu,native",
                        help=f"comma-separated, of {', '.join(METHODS)} (jiandu_typed_rows: the loader before"
                             " jiandu.loaders.mysql_reader, rows parsed into Python objects; jiandu_value_by_value:"
                             " its fallback for tables with a binary column; jiandu_pymysql: no mysql client, CSV"
                             " rendered by the server; jiandu_text_landing: every column landed as text)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--pg-db", help=argparse.SUPPRESS)
    parser.add_argument("--maria-db", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = bench_args.parse(parser, argv)
    if args.child:
        out = METHODS[args.child](args.pg_db, args.maria_db, Path(args.work))
        print("BENCH-RESULT " + json.dumps(out, default=str), flush=True)
        return 0
    work = ROOT / ".data" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: nproc={os.cpu_count()}, load average {os.getloadavg()[0]:.2f}; PostgreSQL {PG_ADMIN},"
          f" MariaDB {MARIADB}", flush=True)
    out = run(args.rows, args.seed, args.repeat, args.keep, work, tuple(args.methods.split(",")))
    print(report(out), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if out["checked"]["jiandu"] == out["checked"]["native"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
