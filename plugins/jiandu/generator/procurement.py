"""OA procurement approvals, with planted tender evasion and near-miss decoys.

Background purchases follow std_procurement: small ones by inquiry with enough quotes, mid-sized ones by
competitive negotiation, large ones by public tender; suppliers rotate so no supplier adds up to a tender
threshold within a window by chance. Planted per subsidiary:
- RF_PROC_001 a purchase at or above the group's public-tender threshold bought without tender; decoys:
  exactly the threshold by public tender, one yuan below it by negotiation.
- RF_PROC_002 three purchases from one supplier within 90 days, each below the threshold, together above it;
  decoys: two such purchases that stay below, three spread over two years.
- RF_PROC_003 an inquiry purchase with fewer quotes than required; decoys: exactly the required number,
  a purchase below the inquiry range with none.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from jiandu.generator.context import Context
from jiandu.generator.names import company_name
from jiandu.settings import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "dbt_project" / "seeds" / "standards"
ITEMS = {"工程": ["办公楼维修", "厂区道路改造", "消防系统改造", "机房装修"],
         "货物": ["办公设备", "检测仪器", "劳保用品", "车辆配件"],
         "服务": ["物业服务", "审计咨询", "软件运维", "安保服务"]}


@cache
def _standard() -> dict[str, dict]:
    with (SEEDS / "std_procurement.csv").open(encoding="utf-8") as fh:
        return {r["category"]: r for r in csv.DictReader(fh) if not r["subsidiary_code"] and not r["effective_to"]}


def tables(ctx: Context) -> Iterator[tuple[str, str, object]]:
    rng = ctx.rng("procurement")
    std = _standard()
    truth = ctx.truth
    rows: list[dict] = []
    counters: dict = {}

    def approval(org: str, day: date, category: str, supplier: tuple[str, str], amount: Decimal, method: str,
                 quotes: int | None, applicant: str, item: str | None = None) -> dict:
        key = (org, day.strftime("%Y%m"))
        counters[key] = counters.get(key, 0) + 1
        row = dict(approval_id=f"CG-{org}-{day:%Y%m}-{counters[key]:04d}", org_code=org, applicant_emp_code=applicant,
                   item_name=item or rng.choice(ITEMS[category]), category=category,
                   budget_project=f"{day.year}年度{category}预算", supplier_code=supplier[0], supplier_name=supplier[1],
                   amount=str(amount.quantize(Decimal("0.01"))), method=method, inquiry_records=quotes,
                   approved_on=day.isoformat(), status="已批准", ts=f"{day} 15:00:00")
        rows.append(row)
        return row

    for s_idx, (org, _, _) in enumerate(ctx.subsidiaries):
        staff = ctx.staff_of(org)
        per_month = 3 * ctx.scale.activity
        pool = [(f"V{s_idx:02d}{i:04d}", company_name(rng)) for i in range(12 * per_month + 10)]
        n = 0
        for m in range(ctx.scale.months):
            for _ in range(per_month):
                day = ctx.start + timedelta(days=30 * m + rng.randrange(28))
                if day >= ctx.as_of:
                    continue
                supplier = pool[n % (12 * per_month)]  # each supplier at most once a year
                n += 1
                category = rng.choice(list(ITEMS))
                kind = rng.random()
                if kind < 0.5:
                    amount = Decimal(rng.randrange(6_000, 48_000))
                    approval(org, day, category, supplier, amount, "询价", rng.randrange(3, 6),
                             rng.choice(staff).emp_code)
                elif kind < 0.9:
                    amount = Decimal(rng.randrange(60_000, 100_000))
                    approval(org, day, category, supplier, amount, "竞争性谈判", rng.randrange(3, 5),
                             rng.choice(staff).emp_code)
                else:
                    amount = Decimal(rng.randrange(600_000, 3_000_000))
                    approval(org, day, category, supplier, amount, "公开招标", None, rng.choice(staff).emp_code)

        threshold = Decimal(std["工程"]["internal_public_tender_threshold"])
        day = ctx.as_of - timedelta(days=150 + 5 * s_idx)
        special = pool[-10:]
        who = staff[3].emp_code
        # RF_PROC_001
        amount = threshold + rng.randrange(10_000, 900_000)
        row = approval(org, day, "工程", special[0], amount, "单一来源", None, who, "办公楼改扩建工程")
        truth.add("RF_PROC_001", org, "oa.procurement_approval", row["approval_id"], row["amount"], "planted",
                  f"{amount}元工程未公开招标（限额{threshold}元）")
        row = approval(org, day, "工程", special[1], threshold, "公开招标", None, who)
        truth.add("RF_PROC_001", org, "oa.procurement_approval", row["approval_id"], "0.00", "decoy", "恰为限额且公开招标")
        row = approval(org, day, "工程", special[2], threshold - 1, "竞争性谈判", 3, who)
        truth.add("RF_PROC_001", org, "oa.procurement_approval", row["approval_id"], "0.00", "decoy", "低于限额1元")
        # RF_PROC_002: split purchases, same supplier and category
        part = (threshold / 3 + rng.randrange(5_000, 50_000)).quantize(Decimal("1"))
        for k in range(3):
            row = approval(org, day + timedelta(days=30 * k), "货物", special[3], part, "竞争性谈判", 3, who, "检测仪器")
            truth.add("RF_PROC_002", org, "oa.procurement_approval", row["approval_id"], row["amount"], "planted",
                      f"同一供应商90天内3次采购合计{part * 3}元")
        for k in range(2):
            row = approval(org, day + timedelta(days=20 * k), "货物", special[4], part, "竞争性谈判", 3, who)
            truth.add("RF_PROC_002", org, "oa.procurement_approval", row["approval_id"], "0.00", "decoy",
                      f"两次合计{part * 2}元未达限额")
        for k in range(3):
            spread = ctx.as_of - timedelta(days=30 + 400 * k)
            if spread < ctx.start:
                break
            row = approval(org, spread, "服务", special[5], part, "竞争性谈判", 3, who)
            truth.add("RF_PROC_002", org, "oa.procurement_approval", row["approval_id"], "0.00", "decoy",
                      "同一供应商采购间隔400天，不在同一窗口期")
        # RF_PROC_003
        inquiry_min = int(std["服务"]["inquiry_min_suppliers"])
        row = approval(org, day, "服务", special[6], Decimal(rng.randrange(10_000, 45_000)), "询价",
                       rng.randrange(0, inquiry_min), who)
        truth.add("RF_PROC_003", org, "oa.procurement_approval", row["approval_id"], row["amount"], "planted",
                  f"询价记录{row['inquiry_records']}家，少于{inquiry_min}家")
        row = approval(org, day, "服务", special[7], Decimal(rng.randrange(10_000, 45_000)), "询价", inquiry_min, who)
        truth.add("RF_PROC_003", org, "oa.procurement_approval", row["approval_id"], "0.00", "decoy",
                  f"询价记录恰为{inquiry_min}家")
        row = approval(org, day, "货物", special[8], Decimal(4_000), "询价", 0, who, "劳保用品")
        truth.add("RF_PROC_003", org, "oa.procurement_approval", row["approval_id"], "0.00", "decoy",
                  "金额低于询价起点")
    yield "oa", "procurement_approval", rows
