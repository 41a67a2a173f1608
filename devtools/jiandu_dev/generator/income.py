"""Equity investment events and the ERP's income receipts, with planted income not deposited and decoys.

Background: every asset disposal with a deal price and every equity sale or dividend is collected in the ERP
within its deposit window (std_income_deposit), booked under the disposal or event number. Planted per
subsidiary (RF_INC_001, amount: what was due less what was booked within the window):
- a disposal (the register's ordinary transfer) with no receipt at all, in even subsidiaries;
- the disposal sold below appraisal collected only in part (70 %);
- a dividend declared long ago never received; in odd subsidiaries a dividend received in part;
- an equity sale collected one day after its window.
Decoys: a disposal collected in two receipts under its number typed another way (odd subsidiaries), a
disposal collected on the window's last day, a write-off (no price), an equity sale collected on the last
day, a dividend declared ten days before the as-of date (still within its window), an equity sale booked under
its number typed another way. A disposal whose window has not yet passed on the as-of date is a decoy too.
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

RULE = "RF_INC_001"
SEEDS = PROJECT_ROOT / "dbt_project" / "seeds" / "standards"
KINDS = {"股权转让": "股权转让收入", "分红": "分红收入"}


@cache
def windows() -> dict[str, int]:
    """income kind -> deposit window in days, the group default in force (std_income_deposit)."""
    with (SEEDS / "std_income_deposit.csv").open(encoding="utf-8") as fh:
        return {r["income_kind"]: int(r["deposit_window_days"]) for r in csv.DictReader(fh)
                if not r["subsidiary_code"] and not r["effective_to"]}


def _typed(no: str, variant: int) -> str:
    forms = [lambda c: c.lower(), lambda c: c.translate({x: x + 0xFEE0 for x in range(0x21, 0x7F)}),
             lambda c: c.replace("-", " "), lambda c: c.replace("-", "")]
    return forms[variant % len(forms)](no)


def tables(ctx: Context) -> Iterator[tuple[str, str, object]]:
    rng = ctx.rng("income")
    truth = ctx.truth
    window = windows()
    receipts: list[dict] = []
    events: list[dict] = []

    def receive(org: str, kind: str, ref: str, payer: str | None, day: date, amount: Decimal) -> None:
        receipts.append(dict(receipt_no=f"SR-{org}-{len(receipts) + 1:05d}", org_code=org, income_kind=kind,
                             ref_no=ref, payer=payer, receipt_date=day.isoformat(), amount=str(amount),
                             voucher_no=f"记-{day:%Y-%m}-{rng.randrange(1, 900):04d}", ts=f"{day} 11:00:00"))

    disposals = ctx.published.get("asset.disposal", [])
    for s_idx, (org, _, _) in enumerate(ctx.subsidiaries):
        days = window["资产处置收入"]
        for k, d in enumerate(x for x in disposals if x["org_code"] == org):
            price, day = Decimal(d["deal_price"]), date.fromisoformat(d["disposal_date"])
            due = day + timedelta(days=days)
            note = None
            if price <= 0:
                truth.add(RULE, org, "asset.disposal", d["disposal_no"], "0.00", "decoy", "报废处置无成交价")
                continue
            if k == 0 and s_idx % 2 == 0:  # nothing received
                note = f"处置成交价{price}元，财务无收款入账"
            elif k == 0:  # two receipts under the number typed another way
                half = (price / 2).quantize(Decimal("0.01"))
                receive(org, "资产处置收入", d["disposal_no"], d["buyer"], day + timedelta(days=3), half)
                receive(org, "资产处置收入", _typed(d["disposal_no"], s_idx), d["buyer"],
                        min(due, ctx.as_of - timedelta(days=1)), price - half)
                truth.add(RULE, org, "asset.disposal", d["disposal_no"], "0.00", "decoy",
                          "分两笔入账、单号书写不同，合计全部入账")
                continue
            elif k == 1:  # 70 % received
                part = (price * Decimal("0.7")).quantize(Decimal("0.01"))
                receive(org, "资产处置收入", d["disposal_no"], d["buyer"], day + timedelta(days=5), part)
                price, note = price - part, f"处置成交价{d['deal_price']}元，入账{part}元"
            else:  # the last day of the window (or the day after the disposal while the window runs)
                receive(org, "资产处置收入", d["disposal_no"], d["buyer"],
                        due if due < ctx.as_of else day + timedelta(days=1), price)
                truth.add(RULE, org, "asset.disposal", d["disposal_no"], "0.00", "decoy", "入账期限最后一天全额入账")
                continue
            if due < ctx.as_of:
                truth.add(RULE, org, "asset.disposal", d["disposal_no"], str(price), "planted", note)
            else:
                truth.add(RULE, org, "asset.disposal", d["disposal_no"], "0.00", "decoy", "尚在入账期限内")

        n = 0

        def event(event_type: str, day: date, amount: Decimal, org: str = org) -> dict:
            nonlocal n
            n += 1
            investee = company_name(rng)
            row = dict(event_no=f"TZ-{org}-{n:04d}", org_code=org, investee=investee, event_type=event_type,
                       amount_due=str(amount), counterparty=investee if event_type == "分红" else company_name(rng),
                       decision_no=f"{investee[2:4]}股东会决议〔{day.year}〕{rng.randrange(1, 9)}号",
                       event_date=day.isoformat(), ts=f"{day} 09:00:00")
            events.append(row)
            return row

        def money(low: int, high: int) -> Decimal:
            return Decimal(rng.randrange(low, high) * 1000)

        for k in range(2 + ctx.scale.activity):  # background: collected within the window
            kind = ["分红", "股权转让"][k % 2]
            day = ctx.as_of - timedelta(days=rng.randrange(window[KINDS[kind]] + 30, 30 * ctx.scale.months))
            row = event(kind, day, money(100, 5000))
            receive(org, KINDS[kind], row["event_no"], row["counterparty"],
                    day + timedelta(days=rng.randrange(1, window[KINDS[kind]])), Decimal(row["amount_due"]))
        # planted
        row = event("分红", ctx.as_of - timedelta(days=window["分红收入"] + 60 + 7 * s_idx), money(200, 3000))
        amount = Decimal(row["amount_due"])
        if s_idx % 2:
            part = (amount * Decimal("0.6")).quantize(Decimal("0.01"))
            receive(org, "分红收入", row["event_no"], row["counterparty"], date.fromisoformat(row["event_date"])
                    + timedelta(days=30), part)
            amount -= part
        truth.add(RULE, org, "asset.equity_investment_event", row["event_no"], str(amount), "planted",
                  f"应收红利{row['amount_due']}元，期限内入账{Decimal(row['amount_due']) - amount}元")
        w = window["股权转让收入"]
        day = ctx.as_of - timedelta(days=w + 40 + 3 * s_idx)
        row = event("股权转让", day, money(1000, 20000))
        receive(org, "股权转让收入", row["event_no"], row["counterparty"], day + timedelta(days=w + 1),
                Decimal(row["amount_due"]))
        truth.add(RULE, org, "asset.equity_investment_event", row["event_no"], row["amount_due"], "planted",
                  f"股权转让价款在期限（{w}天）后一天才入账")
        # decoys
        row = event("股权转让", day, money(1000, 20000))
        receive(org, "股权转让收入", row["event_no"], row["counterparty"], day + timedelta(days=w),
                Decimal(row["amount_due"]))
        truth.add(RULE, org, "asset.equity_investment_event", row["event_no"], "0.00", "decoy",
                  f"股权转让价款在期限（{w}天）最后一天入账")
        row = event("分红", ctx.as_of - timedelta(days=10), money(200, 3000))
        truth.add(RULE, org, "asset.equity_investment_event", row["event_no"], "0.00", "decoy",
                  "分红决议10天，尚在入账期限内")
        row = event("股权转让", day - timedelta(days=20), money(1000, 20000))
        receive(org, "股权转让收入", _typed(row["event_no"], s_idx), row["counterparty"], day, Decimal(row["amount_due"]))
        truth.add(RULE, org, "asset.equity_investment_event", row["event_no"], "0.00", "decoy",
                  "入账单号书写不同（规范化后一致），全额入账")

    yield "asset", "equity_investment_event", events
    yield "nc_erp", "income_receipt", receipts
