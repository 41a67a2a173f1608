"""Auditor workbench server time with 1,000,000 flags: the filtered list (< 300 ms), a flag's detail (< 100 ms) and
the weekly page read from the stored week (< 1 s).

    uv run python benchmarks/workbench.py [--flags 1000000] [--repeat 15] [--database jiandu_wb_bench]

Builds the flags in a fresh database on WAREHOUSE_URL's server (default the local server at 127.0.0.1:5432)
with generate_series (50 subsidiaries, 40 rules, 10% with a disposition and two history rows, one detection
per flag), bootstraps it (indexes, row-level security), then times whole requests through the app in-process
(FastAPI TestClient: routing, session check, scoped transaction, SQL, masking, template) and prints the median
and the slowest of --repeat requests per page, after one warm-up request each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import bench_args
import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT))

GENERATE = """
insert into audit.flagged_items (flag_id, rule_id, rule_name, category, severity, owner_department,
    subsidiary_code, subsidiary_name, subject_type, subject_id, subject_name, flag_key, period, amount, evidence,
    source_refs, detection_state, first_detected_on, last_detected_on, last_run_id)
select md5(i::text), 'RF_' || lpad((i % 40)::text, 3, '0'), '规则' || (i % 40),
       (array['财务', '资产', '资金', '人事', '采购', '费用'])[1 + i % 6], (array['高', '中', '低'])[1 + (i / 7) % 3],
       '审计部', 'S' || lpad((1 + i % 50)::text, 2, '0'), '子公司' || (1 + i % 50), 'person', 'E' || (i % 200000),
       case when i % 10 = 0
            then '员工' || (i % 200000) || '（身份证 1101051980' || lpad((i % 100000000)::text, 8, '0') || '）'
            else '供应商' || (i % 200000) || '有限公司' end,
       'K' || i, '2026-' || lpad((1 + i % 12)::text, 2, '0'), round((abs(hashtext(i::text)) % 100000000) / 100.0, 2),
       jsonb_build_object('最长账龄天数', i % 2000, '付款账户', '62220200000' || lpad((i % 100000000)::text, 8, '0')),
       jsonb_build_array(jsonb_build_object('table', 'nc_erp.ar_ledger', 'key', jsonb_build_object('id', i))),
       (array['active', 'active', 'active', 'resolved', 'stale'])[1 + i % 5],
       date '2026-01-01' + (i % 300), date '2026-01-01' + (i % 300) + (i % 30), 'bench'
from generate_series(1, %(n)s) i;
insert into audit.dispositions (flag_id, status, assignee, version, updated_by)
select md5(i::text), (array['核实中', '确认问题', '整改中', '误报排除', '已整改销号'])[1 + (i / 10) % 5],
       '核查人' || (i % 50), 2, 'bench' from generate_series(10, %(n)s, 10) i;
insert into audit.disposition_history (flag_id, changed_at, changed_by, field, old_value, new_value, source)
select md5(i::text), now() - interval '1 day', 'bench', f, null, 'x', 'bench'
from generate_series(10, %(n)s, 10) i, unnest(array['status', 'assignee']) f;
insert into audit.flag_run_results (run_id, as_of_date, flag_id, rule_id, state, subsidiary_code, amount)
select 'bench', date '2026-11-01', flag_id, rule_id, detection_state, subsidiary_code, amount from audit.flagged_items;
insert into audit.flag_detections (as_of_date, flag_id, run_id, rule_id, amount)
select date '2026-11-01', flag_id, 'bench', rule_id, amount from audit.flagged_items where detection_state = 'active';
"""

LIST_CASES = [  # label, user, query string
    ("清单 默认（集团，风险等级+涉及金额）", "group", ""),
    ("清单 涉及金额排序", "group", "sort=amount_desc"),
    ("清单 单位 S07", "group", "subsidiary_code=S07"),
    ("清单 状态 已整改销号", "group", "status=已整改销号"),
    ("清单 状态 待核实 + 单位 S07", "group", "status=待核实&subsidiary_code=S07"),
    ("清单 类别+等级+金额区间", "group", "category=资产&severity=高&amount_min=100000&amount_max=500000"),
    ("清单 规则+期间", "group", "rule_id=RF_007&period=2026-08"),
    ("清单 对象关键词（常见）", "group", "q=员工"),
    ("清单 对象关键词（罕见）", "group", "q=供应商199999有限"),
    ("清单 对象关键词（两字，无匹配）", "group", "q=李四"),
    ("清单 对象关键词（四字，极常见）", "group", "q=有限公司"),
    ("清单 对象关键词（数字，罕见）", "group", "q=19999"),
    ("清单 对象关键词（一字）", "group", "q=员"),
    ("清单 最近发现排序", "group", "sort=last_detected_desc"),
    ("清单 第100页", "group", "page=100&size=50"),
    ("清单 本单位用户 S07（RLS）", "s07", ""),
    ("清单 本单位用户 S07 + 状态 整改中", "s07", "status=整改中"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--flags", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--database", default="jiandu_wb_bench")
    parser.add_argument("--reuse", action="store_true", help="keep the database built by an earlier run")
    args = bench_args.parse(parser)

    server = os.environ.get("WAREHOUSE_URL", "postgresql://postgres@127.0.0.1:5432/postgres").rsplit("/", 1)[0]
    with psycopg.connect(server + "/postgres", autocommit=True) as conn:
        exists = conn.execute("select 1 from pg_database where datname = %s", (args.database,)).fetchone()
        if not (args.reuse and exists):
            conn.execute(f'drop database if exists "{args.database}" with (force)')
            conn.execute(f'create database "{args.database}"')
        build = not (args.reuse and exists)
    os.environ["WAREHOUSE_URL"] = f"{server}/{args.database}"

    from fastapi.testclient import TestClient

    from jiandu.bootstrap import bootstrap_warehouse
    from jiandu.warehouse import connect
    from jiandu.workbench.app import create_app
    from jiandu.workbench.users import add_user, authenticate, create_session
    from jiandu.workbench.web import SESSION_COOKIE

    t0 = time.perf_counter()
    bootstrap_warehouse()
    if build:
        with connect() as conn:
            for statement in GENERATE.split(";\n"):
                if statement.strip():
                    conn.execute(statement.replace("%(n)s", str(int(args.flags))))  # a number, not user input
        with connect(autocommit=True) as conn:
            conn.execute("vacuum analyze")
    print(f"{'built' if build else 'reused'} {args.flags:,} flags in {time.perf_counter() - t0:.1f} s", flush=True)

    clients = {}
    for name, scope in (("group", "*"), ("s07", "S07")):
        add_user(f"bench_{name}", "bench-password-1", "auditor", scope)
        client = TestClient(create_app())
        client.cookies.set(SESSION_COOKIE, create_session(authenticate(f"bench_{name}", "bench-password-1"))[0])
        clients[name] = client

    def timed(client, path: str) -> tuple[float, float]:
        assert client.get(path).status_code == 200, path  # warm-up (and the filter-choice cache)
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, (path, response.text[:500])
        return statistics.median(times), max(times)

    print(f"{'page':<36} {'median ms':>10} {'max ms':>8}")
    worst_list = 0.0
    for label, user, query in LIST_CASES:
        median, slowest = timed(clients[user], "/flags" + (f"?{query}" if query else ""))
        worst_list = max(worst_list, median)
        print(f"{label:<36} {median:10.1f} {slowest:8.1f}", flush=True)
    with connect() as conn:
        ids = [r[0] for r in conn.execute(
            "select flag_id from audit.flagged_items where subsidiary_code = 'S07' order by random() limit %s",
            (args.repeat,))]
        ids_with_history = [r[0] for r in conn.execute(
            "select d.flag_id from audit.dispositions d join audit.flagged_items f using (flag_id)"
            " where f.subsidiary_code = 'S07' limit 5")]
    detail = []
    for client in (clients["group"], clients["s07"]):
        for fid in ids + ids_with_history:
            assert client.get(f"/flags/{fid}").status_code == 200
            t = time.perf_counter()
            assert client.get(f"/flags/{fid}").status_code == 200
            detail.append((time.perf_counter() - t) * 1000)
    label = f"疑点详情（{len(detail)} 次）"
    print(f"{label:<36} {statistics.median(detail):10.1f} {max(detail):8.1f}")
    t = time.perf_counter()
    response = clients["s07"].get("/flags/export.xlsx?status=整改中")
    print(f"{'导出 Excel（S07 整改中）':<36} {(time.perf_counter() - t) * 1000:10.1f}  ({len(response.content):,} bytes)")
    from jiandu.reports.weekly import compute, parse_week, store

    week = parse_week("2026-W44")
    t = time.perf_counter()
    with connect() as conn:  # what the nightly build does once
        store(conn, compute(conn, week))
    print(f"{'周报汇总生成（夜间一次）':<36} {(time.perf_counter() - t) * 1000:10.1f}")
    worst_weekly = 0.0
    for user in ("group", "s07"):
        median, slowest = timed(clients[user], f"/weekly?week={week.iso_week}")
        worst_weekly = max(worst_weekly, median)
        print(f"{'周报页面（读已存汇总，' + user + '）':<36} {median:10.1f} {slowest:8.1f}", flush=True)
    ok = worst_list < 300 and statistics.median(detail) < 100 and worst_weekly < 1000
    print(f"targets: list < 300 ms (worst median {worst_list:.1f}), detail < 100 ms, weekly < 1 s"
          f" (worst median {worst_weekly:.1f}): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
