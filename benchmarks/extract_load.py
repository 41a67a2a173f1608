"""Extract-load benchmark: our loader against pandas, dlt and the server's own COPY FROM a file.

    make bench BENCH=extract_load   # tier M generated into .data/sources-M (once) and passed as --sources
    uv run --frozen --group bench python benchmarks/extract_load.py --rows 1000000 --sources .data/sources-M

Loads NC-style GL voucher lines (1M by default, generated here with a fixed seed: benchmarks/gl_fixture.py) from
SQLite into a fresh database on the PostgreSQL server (JIANDU_BENCH_PG, default the local server), and with
`--sources DIR` also every table of a generated group (e.g. tier M) end to end. Every method runs in its own
process so its peak memory (max RSS) is its own. Every load is checked exact: row count and an md5 over all
rows, compared with the COPY-from-file reference.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
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

from jiandu.loaders.copy_loader import SQLITE_READERS  # noqa: E402

DEFAULT_SETTING = f"jiandu ({SQLITE_READERS} readers)"  # the loader as the nightly run uses it

ADMIN_URL = os.environ.get("JIANDU_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
TARGETS = {"copy_file_share": 0.60, "vs_pandas": 8.0, "vs_dlt": 3.0, "peak_mb": 200}
COLS = [line.split("name: ")[1].split(",")[0] for line in gl_fixture.CONTRACT.splitlines() if "{name:" in line]



def _db_url(db: str) -> str:
    return ADMIN_URL.rsplit("/", 1)[0] + "/" + db


def _dlt_url(db: str) -> str:
    """dlt insists on a password in the URL; a trust-auth server ignores it."""
    url = _db_url(db)
    scheme, rest = url.split("://", 1)
    auth, host = rest.split("@", 1)
    return f"{scheme}://{auth if ':' in auth else auth + ':unused'}@{host}"


def _checksum(conn: psycopg.Connection, table: str) -> tuple[int, str]:
    """Rows and an md5 over every value as text (dates and numbers normalised), order independent."""
    cols = ", ".join(f"coalesce(({c})::text, '<NULL>')" for c in COLS)
    row = conn.execute(
        f"select count(*), md5(string_agg(h, '' order by h)) from (select md5(concat_ws('|', {cols})) as h"
        f" from {table}) t").fetchone()
    return row[0], row[1]


def _normalised(conn: psycopg.Connection, table: str, target: str, work: Path) -> None:
    """A typed copy (contract types, amounts rounded to cents) so every method is compared on the same values."""
    from jiandu.sources.contract import parse_table

    contract = parse_table(gl_fixture.write_contract(work / "contract"))
    casts = []
    for c in contract.columns:
        value = f"cast(cast({c.name} as text) as {c.pg_type})"
        casts.append(f"round({value}, 2) as {c.name}" if c.type == "numeric" else f"{value} as {c.name}")
    conn.execute(f"drop table if exists {target}")
    conn.execute(f"create table {target} as select {', '.join(casts)} from {table}")


# --- methods (each runs in its own process) -------------------------------------------------------------------

def run_jiandu(db: str, sqlite: Path, work: Path, readers: int, apsw: bool = False) -> dict:
    os.environ["WAREHOUSE_URL"] = _db_url(db)
    import sqlalchemy as sa

    from jiandu.bootstrap import bootstrap_warehouse
    from jiandu.loaders import copy_loader, sqlite_native

    if apsw:  # the fallback reader where the compiled one is not built
        sqlite_native.available = lambda: False
    elif not sqlite_native.available():
        raise SystemExit(f"compiled SQLite reader not built ({sqlite_native.library_path()}): run `make bootstrap`")
    from jiandu.sources.contract import parse_table
    from jiandu.warehouse import connect

    bootstrap_warehouse()
    table = parse_table(gl_fixture.write_contract(work / "contract"))
    with connect() as conn:
        conn.execute("delete from audit_meta.watermarks where source_system = %s", (table.system,))
        conn.execute(f"drop table if exists raw.{table.raw_name}")
    engine = sa.create_engine(f"sqlite:///{sqlite}")
    t0 = time.perf_counter()
    result = copy_loader.extract_to_landing(engine, table, "bench", readers=readers)
    t1 = time.perf_counter()
    copy_loader.promote(table, result.batch_id)
    t2 = time.perf_counter()
    with connect() as conn:
        conn.execute(f"drop table if exists bench_check_jiandu_{readers}")
        conn.execute(f"create table bench_check_jiandu_{readers} as select {', '.join(COLS)} from raw.{table.raw_name}")
    return {"rows": result.loaded_rows, "seconds": t1 - t0, "promote_seconds": t2 - t1,
            "check_table": f"bench_check_jiandu_{readers}"}


def run_copy_file(db: str, sqlite: Path, work: Path) -> dict:
    """The physical limit: the server's own COPY FROM a file of the same rows, into the same landing shape."""
    path = Path(tempfile.gettempdir()) / f"jiandu_bench_{db}.tsv"  # a folder the server process can read
    with psycopg.connect(_db_url(db)) as conn:
        if not path.exists():  # the file: exactly what our loader landed (written once, not timed)
            with conn.cursor().copy(f"copy (select {', '.join(COLS)} from landing.bench_erp__gl_voucher_line)"
                                    " to stdout") as copy, path.open("wb") as fh:
                for chunk in copy:
                    fh.write(chunk)
            path.chmod(0o644)
        lineage = ("_batch_id text not null default 'b', _extracted_at timestamptz not null default now(),"
                   " _source_system text not null default 's', _source_table text not null default 't'")
        conn.execute("drop table if exists bench_copy_file")
        conn.execute(f"create unlogged table bench_copy_file ({', '.join(c + ' text' for c in COLS)}, {lineage})")
        conn.commit()
        t0 = time.perf_counter()
        try:
            conn.execute(f"copy bench_copy_file ({', '.join(COLS)}) from %s", (str(path),))
            how = "server-side COPY FROM file"
        except psycopg.Error:  # the server cannot read our file system: stream the file instead
            conn.rollback()
            with conn.cursor().copy(f"copy bench_copy_file ({', '.join(COLS)}) from stdin") as copy, \
                    path.open("rb") as fh:
                while chunk := fh.read(1 << 20):
                    copy.write(chunk)
            how = "COPY FROM STDIN of the file (server cannot read the client's files)"
        conn.commit()
        seconds = time.perf_counter() - t0
        rows = conn.execute("select count(*) from bench_copy_file").fetchone()[0]
    return {"rows": rows, "seconds": seconds, "how": how, "check_table": "bench_copy_file"}


def run_pandas(db: str, sqlite: Path, work: Path) -> dict:
    import pandas as pd
    import sqlalchemy as sa

    src = sa.create_engine(f"sqlite:///{sqlite}")
    dst = sa.create_engine(_db_url(db).replace("postgresql://", "postgresql+psycopg://"))
    t0 = time.perf_counter()
    frame = pd.read_sql(f"select {', '.join(COLS)} from gl_voucher_line", src,
                        parse_dates=["prepared_date", "posted_date", "ts"])
    frame.to_sql("bench_pandas", dst, if_exists="replace", index=False, chunksize=50_000,
                 dtype={"prepared_date": sa.Date(), "posted_date": sa.Date(), "ts": sa.DateTime()})
    seconds = time.perf_counter() - t0
    return {"rows": len(frame), "seconds": seconds, "check_table": "bench_pandas"}


def run_dlt(db: str, sqlite: Path, work: Path) -> dict:
    try:
        import dlt
        from dlt.sources.sql_database import sql_database
    except ImportError as exc:
        return {"error": f"dlt not installed ({exc}); run with `uv run --group bench`"}
    os.environ["DLT_DATA_DIR"] = str(work / "dlt_data")
    os.environ["DLT_PIPELINE_DIR"] = str(work / "dlt_pipelines")
    os.environ["RUNTIME__LOG_LEVEL"] = "WARNING"
    t0 = time.perf_counter()
    source = sql_database(f"sqlite:///{sqlite}", table_names=["gl_voucher_line"], backend="pyarrow")
    pipeline = dlt.pipeline(pipeline_name="jiandu_bench", destination=dlt.destinations.postgres(_dlt_url(db)),
                            dataset_name="bench_dlt", pipelines_dir=str(work / "dlt_pipelines"))
    pipeline.run(source, write_disposition="replace")
    seconds = time.perf_counter() - t0
    with psycopg.connect(_db_url(db)) as conn:
        rows = conn.execute("select count(*) from bench_dlt.gl_voucher_line").fetchone()[0]
    return {"rows": rows, "seconds": seconds, "check_table": "bench_dlt.gl_voucher_line"}


def run_sources(db: str, sources: Path, work: Path, only: str = "") -> dict:
    """Every table of a generated group (manifest.json), or those `only` names (system.table, comma-separated),
    end to end: extract + promote, per table."""
    os.environ["WAREHOUSE_URL"] = _db_url(db)
    import sqlalchemy as sa

    from jiandu.bootstrap import bootstrap_warehouse
    from jiandu.loaders import copy_loader
    from jiandu.sources.contract import tables_of

    bootstrap_warehouse()
    manifest = json.loads((sources / "manifest.json").read_text(encoding="utf-8"))
    tables = {}
    t0 = time.perf_counter()
    for system, filename in manifest["systems"].items():
        engine = sa.create_engine(f"sqlite:///{(sources / filename).resolve()}")
        for table in tables_of(system):
            name = f"{system}.{table.table}"
            if only and name not in only.split(","):
                continue
            s = time.perf_counter()
            result = copy_loader.extract_to_landing(engine, table, "bench")
            extracted = time.perf_counter() - s
            copy_loader.promote(table, result.batch_id)
            tables[name] = {"rows": result.loaded_rows, "seconds": time.perf_counter() - s, "extract": extracted}
    return {"tables": tables, "seconds": time.perf_counter() - t0, "rows": sum(t["rows"] for t in tables.values())}


METHODS = {"jiandu": run_jiandu, "copy_file": run_copy_file, "pandas": run_pandas, "dlt": run_dlt}


def _child(args: argparse.Namespace) -> None:
    if args.method == "sources":
        out = run_sources(args.db, Path(args.sources), Path(args.work), args.tables)
    elif args.method == "jiandu":
        out = run_jiandu(args.db, Path(args.sqlite), Path(args.work), args.readers, bool(args.apsw))
    else:
        out = METHODS[args.method](args.db, Path(args.sqlite), Path(args.work))
    out["peak_mb"] = peak_memory.peak_mb()
    print("BENCH-RESULT " + json.dumps(out, default=str), flush=True)


def _spawn(method: str, db: str, sqlite: Path, work: Path, **extra) -> dict:
    cmd = [sys.executable, __file__, "--child", method, "--db", db, "--sqlite", str(sqlite), "--work", str(work)]
    for key, value in extra.items():
        cmd += [f"--{key}", str(value)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("BENCH-RESULT ")), None)
    if line is None:
        return {"error": (proc.stderr or proc.stdout).strip().splitlines()[-1] if (proc.stderr or proc.stdout)
                else f"exit {proc.returncode}"}
    return json.loads(line.removeprefix("BENCH-RESULT "))


def _median_run(entries: list[dict]) -> dict:
    """The run with the median time, annotated with every run's seconds (an error wins: it must be seen)."""
    errors = [e for e in entries if "error" in e]
    if errors:
        return errors[0]
    ordered = sorted(entries, key=lambda e: e["seconds"])
    median = dict(ordered[len(ordered) // 2])
    median["all_seconds"] = [round(e["seconds"], 2) for e in entries]
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sources", help="a generated group folder (manifest.json) to load end to end")
    parser.add_argument("--tables", default="", help="with --sources: only these system.table (comma-separated)")
    parser.add_argument("--skip", default="", help="comma-separated methods to skip (pandas,dlt)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of our loader and of COPY-from-file (medians)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--sqlite", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--readers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--apsw", type=int, default=0, help=argparse.SUPPRESS)
    args = bench_args.parse(parser)
    if args.child:
        args.method = args.child
        _child(args)
        return

    work = ROOT / ".data" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    sqlite = work / f"gl_{args.rows}_{args.seed}.sqlite"
    if not sqlite.exists():
        print(f"generating {args.rows:,} GL voucher lines (seed {args.seed}) -> {sqlite}", flush=True)
        gl_fixture.write_sqlite(sqlite, args.rows, args.seed)
    db = f"jiandu_bench_{os.getpid()}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'create database "{db}"')
    skip = set(filter(None, args.skip.split(",")))
    results: dict[str, dict] = {}
    try:
        print(f"machine: nproc={os.cpu_count()}, load average {os.getloadavg()[0]:.2f}; server {ADMIN_URL}", flush=True)
        fast = [("jiandu (1 reader)", "jiandu", {"readers": 1}), ("copy_file", "copy_file", {}),
                (DEFAULT_SETTING, "jiandu", {"readers": SQLITE_READERS}),
                (f"jiandu, apsw fallback ({SQLITE_READERS} readers)", "jiandu", {"readers": SQLITE_READERS, "apsw": 1})]
        slow = [("pandas", "pandas", {}), ("dlt", "dlt", {})]
        runs: dict[str, list[dict]] = {}
        # the fast methods interleaved, `--repeat` times: the machine is noisy, so ratios use medians
        for _ in range(args.repeat):
            for name, method, extra in fast:
                print(f"  running {name} ...", flush=True)
                runs.setdefault(name, []).append(_spawn(method, db, sqlite, work, **extra))
                print(f"    {runs[name][-1]}", flush=True)
        for name, method, extra in slow:
            if method in skip:
                continue
            print(f"  running {name} ...", flush=True)
            runs[name] = [_spawn(method, db, sqlite, work, **extra)]
            print(f"    {runs[name][-1]}", flush=True)
        for name, entries in runs.items():
            results[name] = _median_run(entries)
        if args.sources:
            extra = {"tables": args.tables} if args.tables else {}
            results["sources"] = _spawn("sources", db, sqlite, work, sources=Path(args.sources).resolve(), **extra)
        with psycopg.connect(_db_url(db)) as conn:
            for res in results.values():
                if res.get("check_table"):
                    _normalised(conn, res["check_table"], "bench_norm", work)
                    res["checksum"] = _checksum(conn, "bench_norm")
            conn.commit()
        print(report(results, args.rows), flush=True)
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{db}" with (force)')
        (Path(tempfile.gettempdir()) / f"jiandu_bench_{db}.tsv").unlink(missing_ok=True)


def report(results: dict[str, dict], rows: int) -> str:
    ref = results.get("copy_file", {})
    lines = ["", f"Extract-load, {rows:,} GL voucher lines, SQLite -> PostgreSQL (same table, each method in its own"
             " process; peak = max RSS of the process and its children)", "",
             "| method | rows | seconds (median) | rows/s | peak MB | exact (md5 = COPY file) |",
             "|---|---:|---:|---:|---:|---|"]
    for name, res in results.items():
        if name == "sources":
            continue
        if "error" in res:
            lines.append(f"| {name} | - | - | - | - | error: {res['error']} |")
            continue
        exact = "reference" if name == "copy_file" else ("yes" if res.get("checksum") == ref.get("checksum") else
                                                           f"no ({res.get('checksum')})")
        extra = f" (+ promote to typed raw {res['promote_seconds']:.1f} s)" if "promote_seconds" in res else ""
        runs = f" (runs: {', '.join(map(str, res['all_seconds']))})" if len(res.get("all_seconds", [])) > 1 else ""
        lines.append(f"| {name}{extra} | {res['rows']:,} | {res['seconds']:.2f}{runs} | {res['rows'] / res['seconds']:,.0f}"
                     f" | {res['peak_mb']} | {exact} |")
    ours = results.get(DEFAULT_SETTING)
    if ours and "seconds" in ours and "seconds" in ref:
        lines += ["", f"Ratios against the targets (medians; the loader's default: {DEFAULT_SETTING}):"]
        share = ref["seconds"] / ours["seconds"]
        lines.append(f"  COPY-from-file share: {share:.0%} (target >= {TARGETS['copy_file_share']:.0%}) "
                     + ("OK" if share >= TARGETS["copy_file_share"] else "MISSED"))
        pairs = sorted(a / b for a, b in zip(ref.get("all_seconds", []), ours.get("all_seconds", []), strict=False))
        if len(pairs) > 1:  # run i of the reference against run i of ours: the two ran back to back
            lines.append(f"  the same share run by run (reference run i / our run i): median {pairs[len(pairs) // 2]:.0%},"
                         f" {pairs[0]:.0%}-{pairs[-1]:.0%} over {len(pairs)} pairs")
        for other, key in (("pandas", "vs_pandas"), ("dlt", "vs_dlt")):
            if "seconds" in results.get(other, {}):
                x = results[other]["seconds"] / ours["seconds"]
                lines.append(f"  vs {other}: {x:.1f}x faster (target >= {TARGETS[key]:.0f}x) "
                             + ("OK" if x >= TARGETS[key] else "MISSED"))
        lines.append(f"  peak memory: {ours['peak_mb']} MB (target < {TARGETS['peak_mb']} MB) "
                     + ("OK" if ours["peak_mb"] < TARGETS["peak_mb"] else "MISSED"))
    if "sources" in results:
        src = results["sources"]
        lines += ["", "Generated group end to end (extract + promote per table):",
                  "| table | rows | seconds | rows/s | of which extract s |", "|---|---:|---:|---:|---:|"]
        for name, t in src.get("tables", {}).items():
            lines.append(f"| {name} | {t['rows']:,} | {t['seconds']:.2f} | {t['rows'] / max(t['seconds'], 1e-9):,.0f}"
                         f" | {t['extract']:.2f} |")
        if "seconds" in src:
            lines.append(f"| **total** | {src['rows']:,} | {src['seconds']:.2f} | {src['rows'] / src['seconds']:,.0f} |"
                         f" {sum(t['extract'] for t in src['tables'].values()):.2f} | (peak {src['peak_mb']} MB)")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
