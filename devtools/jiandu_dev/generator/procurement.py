"""OA procurement approvals, with planted tender evasion and near-miss decoys.

Background purchases follow std_procurement: small ones by inquiry with enough quotes (a month's small
purchases of a category share one budget project), mid-sized ones by competitive negotiation, large ones by
public tender, each of those under a project of its own; suppliers rotate so nothing adds up to a tender
threshold within a window by chance. Planted per subsidiary:
- RF_PROC_001 a purchase at or above the group's public-tender threshold (exactly at it in one subsidiary)
  bought by single source, negotiation or inquiry; decoys: exactly the threshold by public tender, one yuan
  below it by negotiation.
- RF_PROC_002 purchases of one category under one budget project, each below the threshold, together at or
  above it within the rolling window, in a different shape per subsidiary: three suppliers a month apart;
  two suppliers either side of the year end with the project written two ways (full-width, spaces, dashes);
  four purchases by mixed methods over ten months; two that sum to exactly the threshold; one supplier
  without a budget project. Decoys: the same project summing to one yuan below the threshold, the same
  project 400 days apart, one supplier's purchases under different projects, another category under the
  same project.
- RF_PROC_003 an inquiry purchase with fewer quotes than required, or no quote count recorded at all;
  decoys: exactly the required number, a purchase below the inquiry range with none.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from jiandu.settings import PROJECT_ROOT
from jiandu_dev.generator.context import Context
from jiandu_dev.generator.names import company_name

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
    managers = {p.emp_code: p.manager_emp_code for p in ctx.people}

    def approval(org: str, day: date, category: str, supplier: tuple[str, str], amount: Decimal, method: str,
                 quotes: int | None, applicant: str, item: str | None = None, project: str | None = "") -> dict:
        key = (org, day.strftime("%Y%m"))
        counters[key] = counters.get(key, 0) + 1
        approval_id = f"CG-{org}-{day:%Y%m}-{counters[key]:04d}"
        if project == "":  # a project of its own
            project = f"{day.year}-{category}-{approval_id[-9:]}"
        row = dict(approval_id=approval_id, org_code=org, applicant_emp_code=applicant,
                   approver_emp_code=managers.get(applicant) or f"{org}E0002",  # the superior, else the GM
                   item_name=item or rng.choice(ITEMS[category]), category=category,
                   budget_project=project, supplier_code=supplier[0], supplier_name=supplier[1],
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
                             rng.choice(staff).emp_code, project=f"{day.year}年{day.month}月日常{category}采购")
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
        method = ["单一来源", "竞争性谈判", "询价"][s_idx % 3]
        if s_idx == 1:  # exactly at the threshold counts (达到即须招标)
            amount = threshold
        row = approval(org, day, "工程", special[0], amount, method, None, who, "办公楼改扩建工程")
        truth.add("RF_PROC_001", org, "oa.procurement_approval", row["approval_id"], row["amount"], "planted",
                  f"{amount}元工程以{method}方式采购，未公开招标（限额{threshold}元）")
        row = approval(org, day, "工程", special[1], threshold, "公开招标", None, who)
        truth.add("RF_PROC_001", org, "oa.procurement_approval", row["approval_id"], "0.00", "decoy", "恰为限额且公开招标")
        row = approval(org, day, "工程", special[2], threshold - 1, "竞争性谈判", 3, who)
        truth.add("RF_PROC_001", org, "oa.procurement_approval", row["approval_id"], "0.00", "decoy", "低于限额1元")
        # RF_PROC_002: split purchases of one category under one budget project, a different shape per subsidiary
        split_purchases(ctx, rng, approval, org, s_idx, Decimal(std["货物"]["internal_public_tender_threshold"]),
                        special[3], who)
        # RF_PROC_003
        inquiry_min = int(std["服务"]["inquiry_min_suppliers"])
        quotes = None if s_idx % 3 == 2 else rng.randrange(0, inquiry_min)  # no record at all in some
        row = approval(org, day, "服务", special[6], Decimal(rng.randrange(10_000, 45_000)), "询价", quotes, who)
        truth.add("RF_PROC_003", org, "oa.procurement_approval", row["approval_id"], row["amount"], "planted",
                  f"询价记录{quotes if quotes is not None else '空'}，少于{inquiry_min}家")
        row = approval(org, day, "服务", special[7], Decimal(rng.randrange(10_000, 45_000)), "询价", inquiry_min, who)
        truth.add("RF_PROC_003", org, "oa.procurement_approval", row["approval_id"], "0.00", "decoy",
                  f"询价记录恰为{inquiry_min}家")
        row = approval(org, day, "货物", special[8], Decimal(4_000), "询价", 0, who, "劳保用品")
        truth.add("RF_PROC_003", org, "oa.procurement_approval", row["approval_id"], "0.00", "decoy",
                  "金额低于询价起点")
    ctx.published["oa.procurement_approval"] = rows
    yield "oa", "procurement_approval", rows


def split_purchases(ctx: Context, rng, approval, org: str, s_idx: int, threshold: Decimal,
                    supplier: tuple[str, str], who: str) -> None:
    """RF_PROC_002 cases and decoys of one subsidiary (threshold: the group's public-tender threshold)."""
    truth = ctx.truth
    suppliers = [(f"{supplier[0]}{k}", company_name(rng)) for k in range(6)]
    methods = ["竞争性谈判", "询价", "单一来源", "竞争性谈判"]
    base = ctx.as_of - timedelta(days=330 - 3 * s_idx)
    shape = s_idx % 5
    project = f"{ctx.as_of.year}-{org}-GZ{s_idx:02d} 检测中心改造"
    if shape == 0:  # three suppliers a month apart
        parts = [(base + timedelta(days=30 * k), threshold / 3 + rng.randrange(5_000, 50_000)) for k in range(3)]
        forms = [project] * 3
    elif shape == 1:  # either side of the year end, the project written two ways
        dec = date(ctx.as_of.year - 1, 12, 20 + rng.randrange(8))
        if dec + timedelta(days=25) >= ctx.as_of:
            dec = dec.replace(year=dec.year - 1)
        half = threshold / 2 + rng.randrange(1_000, 30_000)
        parts = [(dec, half), (dec + timedelta(days=12 + rng.randrange(10)), half)]
        full_width = project.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
        forms = [project, full_width.replace("－", " ")]
    elif shape == 2:  # four purchases by mixed methods over ten months
        parts = [(base + timedelta(days=90 * k), threshold / 4 + rng.randrange(1_000, 20_000)) for k in range(4)]
        forms = [project, project.lower(), project, project.replace(" ", "")]
    elif shape == 3:  # two that sum to exactly the threshold
        first = (threshold * Decimal("0.6")).quantize(Decimal("1"))
        parts = [(base + timedelta(days=40), first), (base + timedelta(days=200), threshold - first)]
        forms = [project] * 2
    else:  # one supplier, no budget project recorded
        parts = [(base + timedelta(days=60 * k), threshold / 2 + rng.randrange(1_000, 30_000)) for k in range(2)]
        forms = [None, None]
    for k, ((day, amount), form) in enumerate(zip(parts, forms, strict=True)):
        seller = suppliers[0] if shape == 4 else suppliers[k % len(suppliers)]
        row = approval(org, day, "货物", seller, Decimal(amount).quantize(Decimal("0.01")), methods[k % 4],
                       3, who, "检测仪器", project=form)
        truth.add("RF_PROC_002", org, "oa.procurement_approval", row["approval_id"], row["amount"], "planted",
                  f"同一预算项目{len(parts)}次非招标采购合计达到限额{threshold}元")
    # decoys
    near = f"{ctx.as_of.year}-{org}-JC{s_idx:02d} 办公设备更新"
    first = (threshold / 2).quantize(Decimal("1")) - rng.randrange(0, 80_000)
    for day, amount in ((base + timedelta(days=10), first), (base + timedelta(days=50), threshold - first - 1)):
        row = approval(org, day, "货物", suppliers[4], amount, "竞争性谈判", 3, who, "办公设备", project=near)
        truth.add("RF_PROC_002", org, "oa.procurement_approval", row["approval_id"], "0.00", "decoy",
                  f"同一预算项目两次合计{threshold - 1}元，低于限额1元")
    far = f"{org}-YW{s_idx:02d} 软件运维"
    for k in range(2):
        day = ctx.as_of - timedelta(days=20 + 400 * k)
        if day < ctx.start - timedelta(days=400):
            break
        share = Decimal(rng.randrange(55, 95)) / 100
        row = approval(org, day, "服务", suppliers[5], threshold * share, "竞争性谈判", 3, who, "软件运维", project=far)
        truth.add("RF_PROC_002", org, "oa.procurement_approval", row["approval_id"], "0.00", "decoy",
                  "同一预算项目采购相隔400天，不在同一窗口期")
    for k in range(2):  # one supplier, one category, two different projects
        row = approval(org, base + timedelta(days=100 + 20 * k), "工程", suppliers[1], threshold * Decimal("0.6"),
                       "竞争性谈判", 3, who, "厂区道路改造", project=f"{org}-DL{s_idx:02d}-{k + 1} 道路改造")
        truth.add("RF_PROC_002", org, "oa.procurement_approval", row["approval_id"], "0.00", "decoy",
                  "同一供应商但分属不同预算项目")
    mixed = f"{org}-HH{s_idx:02d} 综合楼维修"
    for k, category in enumerate(("工程", "服务")):  # one project, two categories
        row = approval(org, base + timedelta(days=150 + 10 * k), category, suppliers[2], threshold * Decimal("0.6"),
                       "竞争性谈判", 3, who, "综合楼维修", project=mixed)
        truth.add("RF_PROC_002", org, "oa.procurement_approval", row["approval_id"], "0.00", "decoy",
                  "同一预算项目但品类不同")
