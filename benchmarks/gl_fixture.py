"""A fixed-seed NC-style GL voucher-line table in SQLite, plus its source contract, for `make bench`.

Used when the generator's tier M is not at hand: the same shape as NC's gl_detail (vouchers, accounts with
backslash paths, auxiliary dimensions, summaries that sometimes hold tabs and newlines, NULLs).
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

CONTRACT = """\
system: bench_erp
table: gl_voucher_line
label: 凭证分录
source_table: gl_voucher_line
primary_key: [voucher_id, line_no]
load: incremental
incremental_column: ts
columns:
  - {name: voucher_id, type: text, label: 凭证号, required: true}
  - {name: line_no, type: integer, label: 分录号, required: true}
  - {name: org_code, type: text, label: 组织编码, required: true}
  - {name: account_code, type: text, label: 科目编码, required: true}
  - {name: account_path, type: text, label: 科目全称}
  - {name: summary, type: text, label: 摘要}
  - {name: debit, type: numeric, label: 借方金额, required: true}
  - {name: credit, type: numeric, label: 贷方金额, required: true}
  - {name: currency, type: text, label: 币种}
  - {name: customer_code, type: text, label: 客户}
  - {name: supplier_code, type: text, label: 供应商}
  - {name: dept_code, type: text, label: 部门}
  - {name: person_code, type: text, label: 人员}
  - {name: project_code, type: text, label: 项目}
  - {name: preparer, type: text, label: 制单人}
  - {name: prepared_date, type: date, label: 制单日期, required: true}
  - {name: posted_date, type: date, label: 记账日期}
  - {name: ts, type: timestamp, label: 最后修改时间, required: true}
"""

ACCOUNTS = [("1002", "银行存款\\工商银行"), ("1122", "应收账款"), ("2202", "应付账款"), ("6602", "管理费用\\差旅费"),
            ("6601", "销售费用\\业务招待费"), ("1001", "库存现金"), ("6001", "主营业务收入")]
SUMMARIES = ["支付差旅费", "收到货款", "计提工资", "报销招待费\t附发票", "结转成本\n第二行", "路径 C:\\temp\\x", "", None]


def write_contract(sources_dir: Path) -> Path:
    path = sources_dir / "bench_erp" / "gl_voucher_line.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CONTRACT, encoding="utf-8")
    return path


def write_sqlite(path: Path, rows: int, seed: int = 7) -> Path:
    """`rows` voucher lines, deterministic for the seed."""
    if path.exists():
        path.unlink()
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE gl_voucher_line (voucher_id TEXT NOT NULL, line_no INTEGER NOT NULL, org_code TEXT NOT NULL,"
        " account_code TEXT NOT NULL, account_path TEXT, summary TEXT, debit NUMERIC NOT NULL, credit NUMERIC NOT NULL,"
        " currency TEXT, customer_code TEXT, supplier_code TEXT, dept_code TEXT, person_code TEXT, project_code TEXT,"
        " preparer TEXT, prepared_date TEXT NOT NULL, posted_date TEXT, ts TEXT NOT NULL,"
        " PRIMARY KEY (voucher_id, line_no))")
    start = date(2023, 1, 1)
    batch = []
    voucher = 0
    line = 0
    for i in range(rows):
        if line == 0 or rng.random() < 0.3:
            voucher += 1
            line = 0
            day = start + timedelta(days=rng.randrange(1000))
            org = f"S{rng.randrange(1, 51):02d}"
        line += 1
        code, path_ = ACCOUNTS[rng.randrange(len(ACCOUNTS))]
        amount = f"{rng.randrange(1, 10_000_000) / 100:.2f}"
        debit, credit = (amount, "0.00") if line % 2 else ("0.00", amount)
        ts = datetime(day.year, day.month, day.day, 9) + timedelta(seconds=i % 30_000)
        batch.append((f"V{org}-{voucher:08d}", line, org, code, path_, SUMMARIES[i % len(SUMMARIES)], debit, credit,
                      "CNY", f"C{rng.randrange(99999):05d}" if code == "1122" else None,
                      f"V{rng.randrange(9999):04d}" if code == "2202" else None, f"D{rng.randrange(40):02d}",
                      f"P{rng.randrange(20000):05d}", None if rng.random() < 0.7 else f"PRJ{rng.randrange(500):03d}",
                      f"张{rng.randrange(100)}", day.isoformat(),
                      None if rng.random() < 0.02 else (day + timedelta(days=rng.randrange(5))).isoformat(),
                      ts.strftime("%Y-%m-%d %H:%M:%S")))
        if len(batch) >= 50_000:
            conn.executemany(f"INSERT INTO gl_voucher_line VALUES ({', '.join('?' * 18)})", batch)
            batch.clear()
    conn.executemany(f"INSERT INTO gl_voucher_line VALUES ({', '.join('?' * 18)})", batch)
    conn.commit()
    conn.close()
    return path
