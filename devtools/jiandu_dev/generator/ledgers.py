"""The Excel ledgers (台账) the demo subsidiaries drop, with planted late, missing and malformed submissions.

Writes `<out>/ledger_drop/<subsidiary>_<type>_<period>.xlsx` for every period due by the as-of date, laid out
as include/ledgers/<type>.yml says, plus `submissions.csv` (file_name, submitted_at): the deterministic
received-at times the ledger loader reads (file mtimes are set to the same instant, but mtimes do not survive
copies). Files are byte-identical for a seed: workbook properties and zip entry times are fixed.

The receivables ledger lists the ERP's receivable bills open at the quarter end (read from the nc_erp source
just written: today's open balance when nothing moved after the quarter end, else the bill amount).
Planted for RF_AR_003 (应收账款台账未按时报送、缺失或与总账余额不一致, receivables ledger only): two late ledgers
and one missing; a ledger that leaves out a bill, one that understates a bill, one that lists a bill the ERP
does not have. Decoys: a ledger submitted on its due date (late is strictly after the due date); customer names
and bill numbers written another way (spaces, full-width, lower case); a balance off by less than the
tolerance. Also recorded but not part of RF_AR_003: a late travel ledger, and a malformed entertainment
file (text in an amount cell) that the loader must reject whole. RF_DQ_001 (数据统计与报送不严谨) plants
every late, missing and malformed submission of any ledger type; the on-due-date submission is its decoy.
"""

from __future__ import annotations

import csv
import io
import os
import random
import re
import sqlite3
import zipfile
from contextlib import closing
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
from openpyxl.styles import Font

from jiandu.ledgers.layout import LedgerLayout, load_layouts
from jiandu.reports.xlsx_cells import DATE, MONEY, set_cell
from jiandu_dev.generator.names import CITIES, company_name
from jiandu_dev.generator.writer import GroundTruth

TZ = ZoneInfo("Asia/Shanghai")
FIXED_TIME = datetime(2026, 1, 1)
SUBMISSIONS = "audit_meta.ledger_submissions"  # RF_AR_003/RF_DQ_001 ground truth: the submission record flagged
DQ_NOTES = {"late": "逾期报送", "missing": "未报送", "malformed": "金额列含文字被退回",
            "on_due_date": "应报日当日报送，不算逾期"}
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞", "平", "刚",
          "桂英", "建华", "志强", "秀兰"]
_DEPTS = ["综合办公室", "财务部", "工程管理部", "市场营销部", "安全环保部", "人力资源部"]
_PURPOSES = ["项目验收", "参加培训", "客户走访", "投标答疑", "设备监造", "工作会议"]


def _person(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN)


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low * 100, high * 100)) / 100


def _ar_rows(rng: random.Random, sub: str, period_end: date) -> list[list]:
    rows = []
    for i in range(rng.randrange(6, 15)):
        bill_day = period_end - timedelta(days=rng.randrange(20, 1400))
        age = (period_end - bill_day).days
        bucket = "1年以内" if age <= 365 else "1-2年" if age <= 730 else "2-3年" if age <= 1095 else "3年以上"
        rows.append([f"AR-{sub}-{bill_day:%Y%m}-{i + 1:04d}", company_name(rng), bill_day,
                     bill_day + timedelta(days=90), _money(rng, 5_000, 2_000_000), bucket,
                     rng.choice(["电话催收", "已发催收函", "已发律师函", "已提起诉讼", None]), _person(rng)])
    return rows


def _erp_bills(out_dir: Path) -> dict[str, list[dict]]:
    """The ERP's receivable bills with their customer's name, per subsidiary (empty without an nc_erp source)."""
    path = out_dir / "nc_erp.sqlite"
    if not path.exists():
        return {}
    by_sub: dict[str, list[dict]] = {}
    with closing(sqlite3.connect(path)) as conn:
        conn.row_factory = sqlite3.Row
        for row in conn.execute("select b.bill_no, b.org_code, b.bill_date, b.due_date, b.bill_amount, b.open_balance,"
                                " b.last_movement_date, c.customer_name from ar_bill b"
                                " left join customer c on c.customer_code = b.customer_code order by b.bill_no"):
            by_sub.setdefault(row["org_code"], []).append(dict(row))
    return by_sub


def _ar_rows_from_erp(rng: random.Random, bills: list[dict], period_end: date) -> list[list]:
    """The bills open at the quarter end, as the ERP says: today's balance if nothing moved since, else the
    bill amount (the generator's receipts are one movement each)."""
    rows = []
    for bill in bills:
        bill_day = date.fromisoformat(bill["bill_date"])
        if bill_day > period_end:
            continue
        moved = date.fromisoformat(bill["last_movement_date"] or bill["bill_date"])
        balance = Decimal(str(bill["open_balance"] if moved <= period_end else bill["bill_amount"]))
        if balance == 0:
            continue
        age = (period_end - bill_day).days
        bucket = "1年以内" if age <= 365 else "1-2年" if age <= 730 else "2-3年" if age <= 1095 else "3年以上"
        rows.append([bill["bill_no"], bill["customer_name"], bill_day, date.fromisoformat(bill["due_date"]),
                     balance.quantize(Decimal("0.01")), bucket,
                     rng.choice(["电话催收", "已发催收函", "已发律师函", "已提起诉讼", None]), _person(rng)])
    return rows


def _messy(text: str) -> str:
    """The same name or number as someone types it: full-width letters and digits, a space, lower case."""
    wide = text.lower().translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
    return f" {wide[:2]} {wide[2:]}　"


def _plant_ar(rng: random.Random, kind: str, code: str, period: str, rows: list[list], truth: GroundTruth) -> None:
    """RF_AR_003 reconciliation cases and decoys in one ledger's rows (bill_no, customer, ..., balance at 4)."""
    if not rows:
        return
    largest = max(rows, key=lambda r: r[4])
    if kind == "omit":
        rows.remove(largest)
        truth.add("RF_AR_003", code, "nc_erp.ar_bill", largest[0], "0", "planted",
                  f"应收账款台账{period}漏列应收单{largest[0]}（余额{largest[4]}元）")
    elif kind == "understate":
        cut = min(largest[4] / 2, Decimal(rng.randrange(3_000, 50_000))).quantize(Decimal("0.01"))
        largest[4] -= cut
        truth.add("RF_AR_003", code, "nc_erp.ar_bill", largest[0], "0", "planted",
                  f"应收账款台账{period}应收单{largest[0]}少列{cut}元")
    elif kind == "extra":
        day = largest[2]
        rows.append([f"AR-{code}-{day:%Y%m}-9{rng.randrange(1000):04d}", company_name(rng), day,
                     day + timedelta(days=90), _money(rng, 20_000, 300_000), largest[5], "电话催收", _person(rng)])
        truth.add("RF_AR_003", code, "ledger.ar_ledger", f"{code}|{period}|{rows[-1][0]}", "0", "planted",
                  f"应收账款台账{period}列示ERP中没有的应收单{rows[-1][0]}")
    elif kind == "messy":
        first, second = rows[0], rows[-1]
        first[1] = _messy(first[1])
        truth.add("RF_AR_003", code, "nc_erp.ar_bill", first[0], "0", "decoy",
                  f"台账客户名称书写不同（{first[1].strip()}）但余额一致")
        if second is not first:
            truth.add("RF_AR_003", code, "nc_erp.ar_bill", second[0], "0", "decoy",
                      "台账应收单号书写不同（全角、小写、空格）但余额一致")
            second[0] = _messy(second[0])
    elif kind == "rounding":
        largest[4] += Decimal("0.60")
        truth.add("RF_AR_003", code, "nc_erp.ar_bill", largest[0], "0", "decoy", "台账余额尾差0.60元，在1元容差内")


def _travel_rows(rng: random.Random, sub: str, period_end: date) -> list[list]:
    rows = []
    for i in range(rng.randrange(4, 12)):
        start = period_end.replace(day=1) + timedelta(days=rng.randrange(0, period_end.day - 3))
        nights = rng.randrange(1, 4)
        transport, hotel = _money(rng, 200, 2_400), Decimal(nights * rng.choice([350, 400, 450, 500]))
        allowance = Decimal((nights + 1) * 100)
        rows.append([f"BX-{sub}-{period_end:%Y%m}-{i + 1:04d}", _person(rng), rng.choice(_DEPTS), start,
                     start + timedelta(days=nights), rng.choice(CITIES), rng.choice(_PURPOSES), transport, hotel,
                     allowance, transport + hotel + allowance])
    return rows


def _entertainment_rows(rng: random.Random, sub: str, period_end: date) -> list[list]:
    rows = []
    for _ in range(rng.randrange(3, 9)):
        day = period_end - timedelta(days=rng.randrange(0, 88))
        guests = rng.randrange(2, 8)
        rows.append([day, company_name(rng), guests, rng.randrange(1, guests + 1), rng.choice(["公司食堂", "接待中心"]),
                     _money(rng, 300, 3_000), f"OA-ZD-{day:%Y}-{rng.randrange(1, 9999):04d}",
                     f"BX-{sub}-{day:%Y%m}-{rng.randrange(1, 999):04d}"])
    return rows


ROWS = {"ar_ledger": _ar_rows, "travel_ledger": _travel_rows, "entertainment_stats": _entertainment_rows}


def _workbook_bytes(layout: LedgerLayout, sub_code: str, sub_name: str, period: str, rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = layout.sheet
    set_cell(ws, 1, 1, layout.label).font = Font(bold=True, size=14)
    set_cell(ws, 2, 1, f"填报单位：{sub_name}（{sub_code}）")
    set_cell(ws, 2, 4, f"报送期间：{period}")
    for j, col in enumerate(layout.columns, start=1):
        set_cell(ws, layout.header_row, j, col.header).font = Font(bold=True)
    for i, row in enumerate(rows, start=layout.header_row + 1):
        for j, (col, value) in enumerate(zip(layout.columns, row, strict=True), start=1):
            cell = set_cell(ws, i, j, float(value) if isinstance(value, Decimal) else value)
            if col.type == "date" and isinstance(value, date):
                cell.number_format = DATE
            elif col.type == "numeric":
                cell.number_format = MONEY
    wb.properties.creator = "jiandu generator"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite the xlsx zip with fixed entry times so the same content gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time as 'modified'
                content = re.sub(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>",
                                 rb"<dcterms:modified\1>2026-01-01T00:00:00Z</dcterms:modified>", content)
            dst.writestr(fixed, content)
    return out.getvalue()


def _on_time(rng: random.Random, due: date) -> datetime:
    day = due - timedelta(days=rng.randrange(1, 5))
    return datetime.combine(day, time(rng.randrange(8, 18), rng.randrange(60)), TZ)


def write_ledger_drops(out_dir: Path, subsidiaries: list[tuple[str, str, str]], as_of: date, seed: int,
                       truth: GroundTruth) -> dict[str, int]:
    """Every ledger due by `as_of` for every subsidiary, with the planted cases; returns counts per status."""
    drop = out_dir / "ledger_drop"
    drop.mkdir(parents=True, exist_ok=True)
    for old in list(drop.glob("*.xlsx")) + list((drop / "rejected").glob("*.xlsx")):
        old.unlink()
    layouts = load_layouts()
    rng = random.Random(seed * 7919 + 3)
    codes = [s[0] for s in subsidiaries]
    names = {s[0]: s[1] for s in subsidiaries}
    plan: dict[tuple[str, str, str], tuple[str, object]] = {}  # (sub, type, period) -> (kind, submitted_at)
    reconcile: dict[tuple[str, str], str] = {}  # (sub, period) -> RF_AR_003 reconciliation case in that ledger
    erp_bills = _erp_bills(out_dir)
    ar = layouts["ar_ledger"]
    ar_periods = ar.periods_due(as_of)
    if len(codes) >= 4 and len(ar_periods) >= 3:
        late1 = (codes[1], "ar_ledger", ar_periods[-2])
        late2 = (codes[3 % len(codes)], "ar_ledger", ar_periods[-1])
        missing = (codes[2], "ar_ledger", ar_periods[-3])
        decoy = (codes[-1], "ar_ledger", ar_periods[-1])
        plan[late1] = ("late", datetime.combine(ar.due_date(late1[2]) + timedelta(days=4), time(9, 30), TZ))
        plan[late2] = ("late", datetime.combine(ar.due_date(late2[2]) + timedelta(days=15), time(16, 5), TZ))
        plan[missing] = ("missing", None)
        plan[decoy] = ("on_due_date", datetime.combine(ar.due_date(decoy[2]), time(23, 10), TZ))
        if len(codes) >= 5:  # reconciliation with the ERP, away from the submissions planted above
            reconcile = {(codes[0], ar_periods[-1]): "omit", (codes[1], ar_periods[-1]): "understate",
                         (codes[3], ar_periods[-2]): "extra", (codes[2], ar_periods[-1]): "messy",
                         (codes[4], ar_periods[-2]): "rounding"}
        travel = layouts["travel_ledger"]
        t_period = travel.periods_due(as_of)[-2]
        plan[(codes[0], "travel_ledger", t_period)] = (
            "late", datetime.combine(travel.due_date(t_period) + timedelta(days=5), time(11, 0), TZ))
        ent = layouts["entertainment_stats"]
        plan[(codes[2], "entertainment_stats", ent.periods_due(as_of)[-2])] = ("malformed", None)

    counts: dict[str, int] = {}
    manifest_rows = []
    for layout in layouts.values():
        make_rows = ROWS[layout.type]
        for period in layout.periods_due(as_of):
            due = layout.due_date(period)
            for code in codes:
                kind, submitted = plan.get((code, layout.type, period), ("on_time", None))
                if layout.type == "ar_ledger" and erp_bills:
                    rows = _ar_rows_from_erp(rng, erp_bills.get(code, []), layout.period_end(period))
                else:
                    rows = make_rows(rng, code, layout.period_end(period))
                on_time = _on_time(rng, due)
                counts[kind] = counts.get(kind, 0) + 1
                if kind != "on_time":  # RF_DQ_001: the submission that costs the subsidiary's quarterly score
                    truth.add("RF_DQ_001", code, SUBMISSIONS, f"{code}|{layout.type}|{period}", "0",
                              "decoy" if kind == "on_due_date" else "planted",
                              f"{layout.label}{period}：{DQ_NOTES[kind]}（应报日期{due}）")
                if kind == "missing":
                    truth.add("RF_AR_003", code, SUBMISSIONS, f"{code}|ar_ledger|{period}", "0", "planted",
                              f"应收账款台账{period}未报送（应报日期{due}）")
                    continue
                if layout.type == "ar_ledger" and (code, period) in reconcile:
                    _plant_ar(rng, reconcile[(code, period)], code, period, rows, truth)
                if kind == "malformed":
                    rows[min(2, len(rows) - 1)][5] = "约3000元"  # text in the amount column
                submitted_at = submitted or on_time
                if layout.type == "ar_ledger" and kind in ("late", "on_due_date"):
                    days = (submitted_at.date() - due).days
                    truth.add("RF_AR_003", code, SUBMISSIONS, f"{code}|ar_ledger|{period}", "0",
                              "planted" if kind == "late" else "decoy",
                              f"应收账款台账{period}于{submitted_at:%Y-%m-%d %H:%M}报送，应报日期{due}"
                              + (f"，逾期{days}天" if days > 0 else "，当日报送不算逾期"))
                name = layout.file_name(code, period)
                path = drop / name
                path.write_bytes(_workbook_bytes(layout, code, names[code], period, rows))
                stamp = submitted_at.timestamp()
                os.utime(path, (stamp, stamp))
                manifest_rows.append((name, submitted_at.isoformat()))
    with (drop / "submissions.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["file_name", "submitted_at"])
        writer.writerows(sorted(manifest_rows))
    return counts
