"""Asset register, fixed-asset cards, rentals, disposals, fund accounts and wealth products.

Background: every registered asset has its fixed-asset card (linked by register id), rentals at the
appraised rent with every receipt booked, disposals at or above appraisal, wealth products bought from
own-funds accounts. Planted per subsidiary, with near-miss decoys:
- RF_ASSET_001 a registered asset (a different type in each subsidiary) with no card (账外资产), and in some
  subsidiaries one whose only card is marked disposed; decoys: a card whose register id was typed another
  way (spaces, lower case, full-width, dots: a different form per subsidiary), a card without a register id
  for an asset of the same type and name, a disposed asset without a card.
- RF_ASSET_002 rent the register shows as received but the ERP booked only part of (a different share per
  subsidiary); decoys: fully booked, and fully booked in split receipts under the contract number typed
  another way.
- RF_ASSET_003 contracted rent below the appraised rent; decoy: exactly the appraised rent.
- RF_ASSET_004 a transfer below the appraised value (a different shortfall per subsidiary); decoys: at the
  appraised value, a write-off (报废).
- RF_FUND_001 a wealth product paid from a fiscal special-fund account (the account number typed with spaces
  or dashes on the purchase in some subsidiaries); decoys: from an own-funds account, from a raised-funds
  专户.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

from jiandu_dev.generator.context import Context
from jiandu_dev.generator.names import company_name

TYPES = [("房屋", "办公楼", 8_000_000, 30_000_000), ("土地", "工业用地", 5_000_000, 20_000_000),
         ("车辆", "公务车辆", 150_000, 400_000), ("设备", "生产设备", 300_000, 3_000_000)]
BANKS = ["中国工商银行", "中国建设银行", "中国银行", "中国农业银行", "交通银行"]


def _typed(code: str, variant: int) -> str:
    """A code as someone else typed it: lower case with spaces, full-width, dots for dashes, padded."""
    forms = [lambda c: " " + c.lower() + " ", lambda c: c.translate({x: x + 0xFEE0 for x in range(0x21, 0x7F)}),
             lambda c: c.replace("-", "."), lambda c: c.replace("-", " ").lower(), lambda c: c.replace("-", "")]
    return forms[variant % len(forms)](code)


def tables(ctx: Context) -> Iterator[tuple[str, str, object]]:
    rng = ctx.rng("assets")
    truth = ctx.truth
    registered, cards, contracts, receipts, disposals, accounts, purchases = [], [], [], [], [], [], []
    for s_idx, (org, _, _) in enumerate(ctx.subsidiaries):
        n = 0

        def register(kind: tuple, status: str = "在册", org: str = org) -> dict:
            nonlocal n
            n += 1
            value = Decimal(rng.randrange(kind[2], kind[3]) // 1000 * 1000)
            day = ctx.start - timedelta(days=rng.randrange(200, 3000))
            row = dict(register_id=f"CQ-{org}-{n:04d}", org_code=org, asset_type=kind[0],
                       asset_name=f"{kind[1]}{n:02d}", location=f"{rng.choice(['东区', '西区', '南区', '北区'])}{n}号",
                       registered_value=str(value), registered_on=day.isoformat(), status=status,
                       ts=f"{day} 09:00:00")
            registered.append(row)
            return row

        def card(asset: dict, register_id: str | None = None, org: str = org) -> None:
            cards.append(dict(card_no=f"FA-{org}-{len(cards) + 1:06d}", org_code=org, asset_name=asset["asset_name"],
                              category=asset["asset_type"], register_id=register_id or asset["register_id"],
                              original_value=asset["registered_value"], acquired_on=asset["registered_on"],
                              status="在用", ts=asset["ts"]))

        for _ in range(4 * ctx.scale.activity + 4):
            card(register(rng.choice(TYPES)))
        # RF_ASSET_001
        off = register(TYPES[s_idx % len(TYPES)])
        truth.add("RF_ASSET_001", org, "asset.registered_asset", off["register_id"], off["registered_value"], "planted",
                  "产权登记有记录，账面无资产卡片")
        if s_idx % 2:
            closed = register(TYPES[(s_idx + 1) % len(TYPES)])
            card(closed)
            cards[-1]["status"] = "已处置"
            truth.add("RF_ASSET_001", org, "asset.registered_asset", closed["register_id"], closed["registered_value"],
                      "planted", "产权登记在册，账面卡片已作处置")
        loose = register(TYPES[2])
        card(loose, _typed(loose["register_id"], s_idx))
        truth.add("RF_ASSET_001", org, "asset.registered_asset", loose["register_id"], "0.00", "decoy",
                  f"卡片登记编号书写不规范（{cards[-1]['register_id']!r}）但可对应")
        if s_idx % 2 == 0:
            named = register(TYPES[1])
            card(named)
            cards[-1].update(register_id=None, asset_name=named["asset_name"][:2] + " " + named["asset_name"][2:])
            truth.add("RF_ASSET_001", org, "asset.registered_asset", named["register_id"], "0.00", "decoy",
                      "卡片未填登记编号，但同一单位、类型、名称的卡片在账")
        gone = register(TYPES[3], status="已处置")
        truth.add("RF_ASSET_001", org, "asset.registered_asset", gone["register_id"], "0.00", "decoy", "已处置资产")

        # rentals
        def rental(asset: dict, appraised: Decimal, contracted: Decimal, received: Decimal, booked: Decimal,
                   org: str = org, typed: int | None = None, parts: int = 4) -> dict:
            no = f"ZL-{org}-{len(contracts) + 1:04d}"
            start = ctx.as_of - timedelta(days=400)
            contracts.append(dict(contract_no=no, org_code=org, register_id=asset["register_id"],
                                  tenant=company_name(rng), start_date=start.isoformat(),
                                  end_date=(start + timedelta(days=3 * 365)).isoformat(),
                                  appraised_annual_rent=str(appraised), contracted_annual_rent=str(contracted),
                                  rent_received=str(received), ts=f"{ctx.as_of - timedelta(days=10)} 09:00:00"))
            quarter = (booked / parts).quantize(Decimal("0.01"))
            remaining = booked
            for q in range(parts):
                amount = quarter if q < parts - 1 else remaining
                remaining -= amount
                if amount <= 0:
                    continue
                day = start + timedelta(days=91 * q + 5)
                receipts.append(dict(receipt_no=f"SK-{no}-{q + 1}", org_code=org,
                                     contract_no=no if typed is None else _typed(no, typed + q),
                                     receipt_date=day.isoformat(), amount=str(amount),
                                     voucher_no=f"记-{day:%Y-%m}-{rng.randrange(1, 400):04d}", ts=f"{day} 10:00:00"))
            return contracts[-1]

        for _ in range(2):
            rent = Decimal(rng.randrange(100, 900) * 1000)
            rental(register(TYPES[0]), rent, rent, rent, rent)
            card(registered[-1])
        rent = Decimal(rng.randrange(200, 900) * 1000)
        share = [Decimal("0.5"), Decimal("0.75"), Decimal("0"), Decimal("0.9"), Decimal("0.25")][s_idx % 5]
        booked = (rent * share).quantize(Decimal("0.01"))
        row = rental(register(TYPES[0]), rent, rent, rent, booked, typed=s_idx if s_idx % 2 else None)
        card(registered[-1])
        truth.add("RF_ASSET_002", org, "asset.rental_contract", row["contract_no"], str(rent - booked), "planted",
                  f"台账已收租金{rent}元，财务入账{booked}元")
        row = rental(register(TYPES[0]), rent, rent, rent, rent)
        card(registered[-1])
        truth.add("RF_ASSET_002", org, "asset.rental_contract", row["contract_no"], "0.00", "decoy", "租金全部入账")
        row = rental(register(TYPES[0]), rent, rent, rent, rent, typed=s_idx, parts=3 + s_idx % 3)
        card(registered[-1])
        truth.add("RF_ASSET_002", org, "asset.rental_contract", row["contract_no"], "0.00", "decoy",
                  "租金分笔入账、合同号书写不同，合计全部入账")
        low = rent - rng.randrange(20, 100) * 1000
        row = rental(register(TYPES[0]), rent, low, low, low)
        card(registered[-1])
        truth.add("RF_ASSET_003", org, "asset.rental_contract", row["contract_no"], str((rent - low) * 3), "planted",
                  f"合同年租金{low}元低于评估{rent}元（租期3年）")
        row = rental(register(TYPES[0]), rent, rent, rent, rent)
        card(registered[-1])
        truth.add("RF_ASSET_003", org, "asset.rental_contract", row["contract_no"], "0.00", "decoy", "合同租金恰为评估租金")

        # disposals
        def dispose(method: str, appraised: Decimal, price: Decimal, org: str = org) -> dict:
            asset = register(TYPES[3], status="已处置")
            day = ctx.as_of - timedelta(days=rng.randrange(30, 300))
            no = f"CZ-{org}-{len(disposals) + 1:04d}"
            # the 总经理办公会 item it rests on: governance.py writes that meeting (三重一大, RF_SZYD_001)
            disposals.append(dict(disposal_no=no, org_code=org,
                                  register_id=asset["register_id"], method=method, appraised_value=str(appraised),
                                  deal_price=str(price), buyer=company_name(rng) if price else None,
                                  disposal_date=day.isoformat(), decision_item_no=f"YT-{no[3:]}",
                                  ts=f"{day} 09:00:00"))
            return disposals[-1]

        value = Decimal(rng.randrange(300, 2000) * 1000)
        dispose("公开挂牌", value, value + 15_000)
        short = Decimal(rng.randrange(1, 300) * 500)
        row = dispose(["协议转让", "公开挂牌"][s_idx % 2], value, value - short)
        truth.add("RF_ASSET_004", org, "asset.disposal", row["disposal_no"], str(short.quantize(Decimal("0.01"))),
                  "planted", f"成交价低于评估价{short}元")
        row = dispose("公开挂牌", value, value)
        truth.add("RF_ASSET_004", org, "asset.disposal", row["disposal_no"], "0.00", "decoy", "成交价恰为评估价")
        row = dispose("报废", value, Decimal("0.00"))
        truth.add("RF_ASSET_004", org, "asset.disposal", row["disposal_no"], "0.00", "decoy", "报废处置无成交价")

        # funds
        own = f"62220{s_idx:02d}0000{rng.randrange(10**8):08d}"
        special = f"62220{s_idx:02d}9000{rng.randrange(10**8):08d}"
        raised = f"62220{s_idx:02d}8000{rng.randrange(10**8):08d}"
        special_source = "财政专项资金"  # the contract's fund sources: 自有资金 / 财政专项资金 / 募集资金
        for no, kind, source in ((own, "基本户", "自有资金"), (special, "专户", special_source),
                                 (raised, "专户", "募集资金")):
            accounts.append(dict(account_no=no, org_code=org, bank_name=rng.choice(BANKS), account_type=kind,
                                 fund_source=source, opened_on="2020-03-01", ts="2020-03-01 09:00:00"))
        typed_special = [special, " ".join(special[i:i + 4] for i in range(0, len(special), 4)),
                         "-".join(special[i:i + 6] for i in range(0, len(special), 6))][s_idx % 3]
        for k, (account, kind) in enumerate(((own, "decoy"), (own, None), (typed_special, "planted"),
                                             (raised, "decoy"))):
            day = ctx.as_of - timedelta(days=60 + 30 * k)
            amount = Decimal(rng.randrange(10, 80) * 100_000)
            no = f"LC-{org}-{day:%Y%m}-{k + 1:03d}"
            purchases.append(dict(purchase_no=no, org_code=org, account_no=account,
                                  product_name=rng.choice(["稳利90天理财", "结构性存款", "天天利现金管理"]),
                                  issuer=rng.choice(BANKS), amount=str(amount), purchase_date=day.isoformat(),
                                  maturity_date=(day + timedelta(days=90)).isoformat(), ts=f"{day} 10:00:00"))
            if kind:
                truth.add("RF_FUND_001", org, "nc_erp.wealth_product_purchase", no,
                          str(amount) if kind == "planted" else "0.00", kind,
                          f"{special_source}专户购买理财" if kind == "planted"
                          else "自有资金购买理财" if account == own else "募集资金专户购买理财")

    yield "asset", "registered_asset", registered
    yield "nc_erp", "fixed_asset_card", cards
    yield "asset", "rental_contract", contracts
    yield "nc_erp", "rent_receipt", receipts
    ctx.published["asset.disposal"] = disposals
    yield "asset", "disposal", disposals
    yield "nc_erp", "fund_account", accounts
    yield "nc_erp", "wealth_product_purchase", purchases
