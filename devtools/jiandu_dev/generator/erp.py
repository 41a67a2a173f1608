"""NC-style ERP data: organisations, customers and receivable bills, with planted anomalies."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from jiandu_dev.generator.context import Scale
from jiandu_dev.generator.names import SUBSIDIARY_NAMES, company_name, credit_code
from jiandu_dev.generator.writer import GroundTruth

GROUP_CODE = "G00"
RULE_AR_OVER_3Y = "RF_AR_001"
RULE_AR_IDLE = "RF_AR_002"
IDLE_DAYS = 365  # std_receivable_idle: no movement for more than 365 days
THREE_YEARS_DAYS = 1095  # std_receivable_aging: 3年以上 means age > 1095 days


def subsidiaries(scale: Scale) -> list[tuple[str, str, str]]:
    subs = list(SUBSIDIARY_NAMES)
    rng = random.Random(7)
    for i in range(len(subs) + 1, scale.subsidiaries + 1):
        subs.append((f"S{i:02d}", company_name(rng), "综合"))
    return subs[: scale.subsidiaries]


def orgs(scale: Scale) -> Iterator[dict]:
    yield dict(org_code=GROUP_CODE, org_name="中国示范控股集团有限公司", parent_code=None, org_level=1,
               industry="综合", enabled=1)
    for code, name, industry in subsidiaries(scale):
        yield dict(org_code=code, org_name=name, parent_code=GROUP_CODE, org_level=2, industry=industry, enabled=1)


def customers(rng: random.Random, scale: Scale) -> list[dict]:
    total = scale.subsidiaries * scale.customers_per_subsidiary
    return [
        dict(customer_code=f"C{i:05d}", customer_name=company_name(rng), credit_code=credit_code(rng),
             region=rng.choice(["华东", "华南", "华北", "西南", "西北", "东北", "华中"]))
        for i in range(1, total + 1)
    ]


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return (Decimal(rng.randrange(low * 100, high * 100)) / 100).quantize(Decimal("0.01"))


def _ts(day: date, rng: random.Random) -> str:
    return datetime.combine(day, time(rng.randrange(8, 19), rng.randrange(60))).isoformat(sep=" ")


def _bill(no: str, org: str, customer: str, bill_day: date, amount: Decimal, received: Decimal,
          last_move: date | None, summary: str, rng: random.Random) -> dict:
    return dict(bill_no=no, org_code=org, customer_code=customer, bill_date=bill_day.isoformat(),
                due_date=(bill_day + timedelta(days=90)).isoformat(), currency="CNY",
                bill_amount=str(amount), received_amount=str(received), open_balance=str(amount - received),
                last_movement_date=(last_move or bill_day).isoformat(), summary=summary,
                ts=_ts(last_move or bill_day, rng))


def ar_bills(rng: random.Random, scale: Scale, as_of: date, truth: GroundTruth) -> Iterator[dict]:
    """Normal bills over the period, plus planted >3-year balances and near-miss decoys per subsidiary."""
    summaries = ["工程进度款", "货款", "服务费", "租赁费", "运输费", "设备款", "材料款"]
    start = as_of - timedelta(days=30 * scale.months)
    for s_idx, (org, _, _) in enumerate(subsidiaries(scale)):
        pool = [f"C{s_idx * scale.customers_per_subsidiary + i:05d}"
                for i in range(1, scale.customers_per_subsidiary + 1)]
        # The first customers of each pool are reserved for planted cases and decoys.
        planted_customers, decoy_customers, normal = pool[:2], pool[2:5], pool[5:]
        numbers = iter(range(1, 10**6))

        def next_no(day: date, org: str = org, numbers=numbers) -> str:
            return f"AR-{org}-{day:%Y%m}-{next(numbers):05d}"

        # Normal business within the period: mostly received, recent ones still open.
        for m in range(scale.months):
            for _ in range(scale.bills_per_month):
                day = start + timedelta(days=30 * m + rng.randrange(30))
                amount = _money(rng, 5_000, 800_000)
                age = (as_of - day).days
                received = amount if age > 180 or rng.random() < 0.5 else (amount * Decimal(rng.choice(
                    ["0", "0.3", "0.5"]))).quantize(Decimal("0.01"))
                yield _bill(next_no(day), org, rng.choice(normal), day, amount, received,
                            day + timedelta(days=rng.randrange(20, 120)) if received else None,
                            rng.choice(summaries), rng)
        # Opening balances carried forward: 1-2.5 years old, still partly open (aging context, not a flag).
        for _ in range(3):
            day = as_of - timedelta(days=rng.randrange(400, 900))
            amount = _money(rng, 50_000, 600_000)
            no = next_no(day)
            yield _bill(no, org, rng.choice(normal), day, amount, Decimal("0.00"), None, "期初余额结转", rng)
            truth.add(RULE_AR_IDLE, org, "nc_erp.ar_bill", no, str(amount), "planted",
                      f"期初结转余额{(as_of - day).days}天无变动")
        # RF_AR_002 decoys: open but idle for 364 days only; two years old but paid in part 100 days ago.
        day = as_of - timedelta(days=IDLE_DAYS - 1)
        amount = _money(rng, 50_000, 300_000)
        no = next_no(day)
        yield _bill(no, org, rng.choice(normal), day, amount, Decimal("0.00"), None, "材料款", rng)
        truth.add(RULE_AR_IDLE, org, "nc_erp.ar_bill", no, "0.00", "decoy", "无变动364天，未满一年")
        day = as_of - timedelta(days=730)
        amount = _money(rng, 50_000, 300_000)
        no = next_no(day)
        yield _bill(no, org, rng.choice(normal), day, amount, (amount / 2).quantize(Decimal("0.01")),
                    as_of - timedelta(days=100), "货款", rng)
        truth.add(RULE_AR_IDLE, org, "nc_erp.ar_bill", no, "0.00", "decoy", "账龄2年但100天前有回款")
        # Planted: open balances older than 3 years, one or two per subsidiary, each on its own customer.
        for k in range(1 + s_idx % 2):
            day = as_of - timedelta(days=THREE_YEARS_DAYS + rng.randrange(30, 700))
            amount = _money(rng, 80_000, 2_000_000)
            received = (amount * Decimal(rng.choice(["0", "0.2", "0.4"]))).quantize(Decimal("0.01"))
            no = next_no(day)
            yield _bill(no, org, planted_customers[k], day, amount, received,
                        day + timedelta(days=rng.randrange(30, 200)), "工程尾款", rng)
            truth.add(RULE_AR_OVER_3Y, org, "nc_erp.ar_bill", no, str(amount - received), "planted",
                      f"账龄{(as_of - day).days}天，未核销{amount - received}元")
            truth.add(RULE_AR_IDLE, org, "nc_erp.ar_bill", no, str(amount - received), "planted", "三年以上无变动")
        # Decoy 1: 2 years 11 months old, still open (must not be flagged).
        day = as_of - timedelta(days=365 * 2 + 334)
        amount = _money(rng, 80_000, 900_000)
        no = next_no(day)
        yield _bill(no, org, decoy_customers[0], day, amount, Decimal("0.00"), None, "设备款", rng)
        truth.add(RULE_AR_OVER_3Y, org, "nc_erp.ar_bill", no, str(amount), "decoy", "账龄2年11个月，未满3年")
        truth.add(RULE_AR_IDLE, org, "nc_erp.ar_bill", no, str(amount), "planted", "2年11个月无变动")
        # Decoy 2: older than 3 years but fully collected (no open balance).
        day = as_of - timedelta(days=THREE_YEARS_DAYS + rng.randrange(60, 500))
        amount = _money(rng, 80_000, 900_000)
        no = next_no(day)
        yield _bill(no, org, decoy_customers[1], day, amount, amount, day + timedelta(days=300), "货款", rng)
        truth.add(RULE_AR_OVER_3Y, org, "nc_erp.ar_bill", no, "0.00", "decoy", "账龄超3年但已全部收回")
        # Decoy 3: exactly three years old to the day (age 1095 days, not more than 3 years).
        day = as_of - timedelta(days=THREE_YEARS_DAYS)
        amount = _money(rng, 80_000, 900_000)
        no = next_no(day)
        yield _bill(no, org, decoy_customers[2], day, amount, Decimal("0.00"), None, "服务费", rng)
        truth.add(RULE_AR_OVER_3Y, org, "nc_erp.ar_bill", no, str(amount), "decoy", "账龄恰为1095天，未超过3年")
        truth.add(RULE_AR_IDLE, org, "nc_erp.ar_bill", no, str(amount), "planted", "1095天无变动")


def tables(ctx) -> Iterator[tuple[str, str, object]]:
    """(system, table, rows) of the receivables part of the ERP."""
    rng = random.Random(ctx.seed)
    yield "nc_erp", "org", orgs(ctx.scale)
    yield "nc_erp", "customer", customers(rng, ctx.scale)
    yield "nc_erp", "ar_bill", ar_bills(rng, ctx.scale, ctx.as_of, ctx.truth)
