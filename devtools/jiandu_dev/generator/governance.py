"""三重一大 and delegated authority: ERP payments, OA decision meetings (items, attendees, body members), approval
authority and payment approvals, with planted cases and near-miss decoys.

Background per subsidiary: three decision bodies of seven serving members each (党委会, 董事会, 总经理办公会, plus a
former member whose term ended before the period), a meeting a month with at most two members on leave and one
person sitting in, whose passed items are paid three to twenty days later for at most the decided amount;
payments below the group's 三重一大 standards (std_szyd_amounts) without a decision; every payment approved by
someone whose delegated authority covers it. Planted per subsidiary:
- RF_SZYD_001 a payment (or, for 对外担保, a guarantee in the register nc_erp.guarantee_contract) at or above the
  standard with no decision number (exactly at the standard in one subsidiary), one paid before the meeting that
  decided it, a guarantee signed before the board decided it, and by subsidiary a deferred item (缓议), a number
  the minutes do not hold, or a payment above the decided amount. Decoys: one cent below the standard, paid on
  the meeting day, the decision number typed in lower case with spaces, a guarantee signed on the meeting day.
  党委会前置研究 (std_szyd_amounts.party_prestudy_required): every board or office item of such a category rests on
  a passed party committee item a few days before (prestudy_item_no); planted: a board investment naming none, a
  guarantee whose prestudy was deferred, an investment studied after the board decided it; decoys: studied on the
  board's day, the prestudy number in lower case with spaces, a donation (not required) without one.
  The deciding body (std_szyd_amounts.deciding_bodies): an investment decided by the 总经理办公会 only is planted,
  a payment decided by the board is a decoy; background meetings decide only what their body may (党委会:
  appointments, no payment).
  Background guarantees go to the register, never to fund_payment. Every disposal of the asset register
  (assets.py) rests on a 总经理办公会 item written here; write-offs (报废 without a price, judged by appraisal)
  planted: no decision, decided after the write-off; decoys: a cent below the standard, decided on the day.
- RF_SZYD_002 a board meeting that passed two items with three of seven directors present (two more sitting in,
  a non-member signed as present, a deferred item not counted); a party committee deciding an appointment (干部任免,
  two thirds needed) with four of seven present. Decoys: four of seven present at another meeting (one of them
  signed in under the payroll form of the code), the deferred item of the planted meeting, the payment item of
  the four-of-seven appointment meeting (a majority suffices), an appointment decided by five of seven.
- RF_AUTH_001 a payment approved one cent (or more) above the approver's limit, an investment approved by
  someone with authority for payments only, a disposal approved after the approver's authority ended. Decoys:
  exactly at the limit, an approver code typed loosely within the limit, a disposal within the old authority's
  term, a rejected approval far above the limit.
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
BODIES = {"党委会": "DW", "董事会": "DS", "总经理办公会": "ZB"}
CATEGORIES = ["资金支付", "对外投资", "对外担保", "资产处置", "捐赠赞助"]
TITLES = {"资金支付": "关于支付{}工程款的议案", "对外投资": "关于对{}增资入股的议案", "对外担保": "关于为{}提供担保的议案",
          "资产处置": "关于向{}转让闲置资产的议案", "捐赠赞助": "关于向{}捐赠的议案",
          "干部任免": "关于{}派出董事、监事人选的议案"}
GUARANTEE_TYPES = ["连带责任保证", "一般保证", "抵押", "质押"]
CENT = Decimal("0.01")
TERM_START = date(2018, 1, 1)


@cache
def _group_rows() -> tuple[dict, ...]:
    with (SEEDS / "std_szyd_amounts.csv").open(encoding="utf-8") as fh:
        return tuple(r for r in csv.DictReader(fh) if not r["subsidiary_code"] and not r["effective_to"])


def _standard() -> dict[str, Decimal]:
    return {r["matter_category"]: Decimal(r["collective_decision_threshold"]) for r in _group_rows()}


def _prestudied() -> set[str]:
    """The categories the party committee must study before the board or office decides them
    (std_szyd_amounts.party_prestudy_required)."""
    return {r["matter_category"] for r in _group_rows()
            if (r.get("party_prestudy_required") or "").strip().lower() == "true"}


def _allowed(body: str) -> list[str]:
    """The categories `body` may decide (std_szyd_amounts.deciding_bodies; empty: any body)."""
    return [r["matter_category"] for r in _group_rows()
            if not r["deciding_bodies"] or body in r["deciding_bodies"].split("、")]


def _payroll_form(emp_code: str) -> str:
    """S01E0012 as another system writes it: s01e12."""
    head, _, num = emp_code.lower().partition("e")
    return f"{head}e{int(num)}"


class _Subsidiary:
    """The rows of one subsidiary, with the numbering of its meetings, payments and approvals."""

    def __init__(self, ctx: Context, rng, org: str, s_idx: int):
        self.ctx, self.rng, self.org, self.s_idx = ctx, rng, org, s_idx
        self.staff = ctx.staff_of(org)
        self.rows: dict[str, list[dict]] = {t: [] for t in (
            "fund_payment", "guarantee_contract", "disposal", "decision_meeting", "decision_item", "meeting_attendee",
            "decision_body_member", "approval_authority", "payment_approval")}
        self.counters: dict[str, int] = {}
        s = self.staff
        self.members = {"党委会": [s[0], s[1], s[2], s[3], s[4], s[5], s[6]],
                        "董事会": [s[0], s[1], s[7], s[8], s[9], s[10], s[11]],
                        "总经理办公会": [s[1], s[2], s[3], s[4], s[5], s[12], s[13]]}
        self.sitting_in = [s[14], s[15]]
        # limits: chairman everything up to 5M; general manager payments 2M, disposals 1M; CFO payments 500k;
        # a department head payments 100k; s[4] disposals 200k until an end date (the RF_AUTH_001 expiry case)
        self.limits = {s[0].emp_code: {c: Decimal(5_000_000) for c in CATEGORIES},
                       s[1].emp_code: {"资金支付": Decimal(2_000_000), "资产处置": Decimal(1_000_000)},
                       s[2].emp_code: {"资金支付": Decimal(500_000)},
                       s[3].emp_code: {"资金支付": Decimal(100_000)}}

    def _next(self, key: str) -> int:
        self.counters[key] = self.counters.get(key, 0) + 1
        return self.counters[key]

    def bodies(self) -> None:
        for body, people in self.members.items():
            for k, p in enumerate(people):
                self.rows["decision_body_member"].append(dict(
                    org_code=self.org, body=body, emp_code=p.emp_code, emp_name=p.emp_name,
                    role=("主任" if k == 0 else "成员") if body == "总经理办公会" else ("书记" if k == 0 else "委员")
                    if body == "党委会" else ("董事长" if k == 0 else "董事"),
                    start_date=TERM_START.isoformat(), end_date=None, ts=f"{TERM_START} 09:00:00"))
            former = self.staff[16 + list(BODIES).index(body)]
            self.rows["decision_body_member"].append(dict(
                org_code=self.org, body=body, emp_code=former.emp_code, emp_name=former.emp_name, role="原成员",
                start_date=TERM_START.isoformat(), end_date=(self.ctx.start - timedelta(days=30)).isoformat(),
                ts=f"{TERM_START} 09:00:00"))

    def authorities(self) -> None:
        start = self.ctx.start - timedelta(days=365)
        for emp, limits in self.limits.items():
            for category, limit in limits.items():
                self._authority(emp, category, limit, start, None)

    def _authority(self, emp: str, category: str, limit: Decimal, start: date, end: date | None) -> dict:
        row = dict(authority_id=f"SQ-{self.org}-{self._next('SQ'):03d}", org_code=self.org, emp_code=emp,
                   matter_category=category, limit_amount=str(limit.quantize(CENT)), start_date=start.isoformat(),
                   end_date=end.isoformat() if end else None, ts=f"{start} 09:00:00")
        self.rows["approval_authority"].append(row)
        return row

    def meeting(self, body: str, day: date, items: list[tuple[str, Decimal | None, str]],
                present: int | None = None, extra: list[tuple[str, str, str]] = (), title: str = "",
                item_nos: list[str] | None = None, prestudy: str = "auto") -> list[dict]:
        """A meeting of `body` passing or deferring `items` (category, amount, resolution); `present` members of
        the seven attend (default: all but up to two on leave); `item_nos` numbers the items when another record
        already cites them. Items of a category the party committee must study first (党委会前置研究) rest on a
        party committee meeting: `prestudy` "auto" (passed one to seven days before), "loose" (the same, its number
        typed in lower case with spaces), "same_day", "after" (two to five days after), "deferred" (缓议 before)
        or "none" (no prestudy named). Returns the item rows."""
        studies: dict[int, str] = {}
        needs = [k for k, (category, _, _) in enumerate(items) if body != "党委会" and category in _prestudied()]
        if needs and prestudy != "none":
            shift = {"same_day": 0, "after": 2 + self.rng.randrange(4)}.get(prestudy, -(1 + self.rng.randrange(7)))
            party = self.meeting("党委会", day + timedelta(days=shift),
                                 [(items[k][0], items[k][1], "缓议" if prestudy == "deferred" else "通过")
                                  for k in needs], title="（前置研究）")
            for k, row in zip(needs, party, strict=True):
                no = row["item_no"]
                studies[k] = " ".join(no.lower().split("-")) if prestudy == "loose" else no
        meeting_no = f"HY-{self.org}-{BODIES[body]}-{day:%Y%m%d}-{self._next(f'HY{day}')}"
        people = self.members[body]
        self.rows["decision_meeting"].append(dict(meeting_no=meeting_no, org_code=self.org, meeting_type=body,
                                                  meeting_date=day.isoformat(), chair_emp_code=people[0].emp_code,
                                                  ts=f"{day} 18:00:00"))
        if present is None:
            present = len(people) - self.rng.randrange(3)
        for k, p in enumerate(people):
            self._attend(meeting_no, day, p.emp_code, p.emp_name, "出席" if k < present else "请假")
        self._attend(meeting_no, day, self.sitting_in[0].emp_code, self.sitting_in[0].emp_name, "列席")
        for emp_code, emp_name, attendance in extra:
            self._attend(meeting_no, day, emp_code, emp_name, attendance)
        rows = []
        for k, (category, amount, resolution) in enumerate(items, start=1):
            item_no = item_nos[k - 1] if item_nos else f"YT-{meeting_no[3:]}-{k:02d}"
            row = dict(item_no=item_no, meeting_no=meeting_no, org_code=self.org,
                       item_title=TITLES[category].format(company_name(self.rng)) + title, matter_category=category,
                       amount=str(amount.quantize(CENT)) if amount is not None else None, resolution=resolution,
                       prestudy_item_no=studies.get(k - 1), ts=f"{day} 18:00:00")
            self.rows["decision_item"].append(row)
            rows.append(row)
        return rows

    def _attend(self, meeting_no: str, day: date, emp_code: str, emp_name: str, attendance: str) -> None:
        self.rows["meeting_attendee"].append(dict(meeting_no=meeting_no, emp_code=emp_code, emp_name=emp_name,
                                                  attendance=attendance, ts=f"{day} 18:00:00"))

    def approver_for(self, category: str, amount: Decimal) -> str:
        fitting = [(limits[category], emp) for emp, limits in self.limits.items()
                   if category in limits and limits[category] >= amount]
        return min(fitting)[1]

    def approval(self, day: date, category: str, amount: Decimal, approver: str, payee: str,
                 status: str = "已批准") -> dict:
        row = dict(approval_id=f"FK-{self.org}-{day:%Y%m}-{self._next(f'FK{day:%Y%m}'):04d}", org_code=self.org,
                   matter_category=category, payee_name=payee, amount=str(amount.quantize(CENT)),
                   approver_emp_code=approver, approved_at=f"{day} 16:00:00", status=status,
                   ts=f"{day} 16:00:00")
        self.rows["payment_approval"].append(row)
        return row

    def guarantee(self, day: date, amount: Decimal, decision: str | None) -> dict:
        """A guarantee signed for another party (the guarantee register, not a payment)."""
        row = dict(contract_no=f"DB-{self.org}-{day:%Y}-{self._next(f'DB{day:%Y}'):03d}", org_code=self.org,
                   guaranteed_party=company_name(self.rng), guarantee_type=self.rng.choice(GUARANTEE_TYPES),
                   amount=str(amount.quantize(CENT)), sign_date=day.isoformat(),
                   end_date=(day + timedelta(days=3 * 365)).isoformat(), decision_item_no=decision,
                   ts=f"{day} 10:00:00")
        self.rows["guarantee_contract"].append(row)
        return row

    def matter(self, day: date, category: str, amount: Decimal, decision: str | None) -> tuple[str, dict]:
        """A 三重一大 matter of `category`: a guarantee signed, or a payment; returns (source table, row)."""
        if category == "对外担保":
            return "nc_erp.guarantee_contract", self.guarantee(day, amount, decision)
        return "nc_erp.fund_payment", self.payment(day, category, amount, decision)

    def payment(self, day: date, category: str, amount: Decimal, decision: str | None) -> dict:
        payee = company_name(self.rng)
        approval = self.approval(day - timedelta(days=1), category, amount, self.approver_for(category, amount),
                                 payee)
        row = dict(payment_no=f"ZF-{self.org}-{day:%Y%m}-{self._next(f'ZF{day:%Y%m}'):04d}", org_code=self.org,
                   matter_category=category, payee_name=payee, purpose=TITLES[category][2:-3].format(payee),
                   amount=str(amount.quantize(CENT)), pay_date=day.isoformat(), decision_item_no=decision,
                   oa_approval_id=approval["approval_id"], ts=f"{day} 10:00:00")
        self.rows["fund_payment"].append(row)
        return row


def tables(ctx: Context) -> Iterator[tuple[str, str, object]]:
    rng = ctx.rng("governance")
    std = _standard()
    truth = ctx.truth
    subs = []
    for s_idx, (org, _, _) in enumerate(ctx.subsidiaries):
        sub = _Subsidiary(ctx, rng, org, s_idx)
        sub.bodies()
        sub.authorities()
        background(sub, std)
        plant_decisions(sub, std, truth)
        plant_quorum(sub, truth)
        plant_authority(sub, truth)
        plant_disposals(sub, std, truth, ctx.published.get("asset.disposal", []))
        subs.append(sub)
    systems = {"fund_payment": "nc_erp", "guarantee_contract": "nc_erp", "disposal": "asset"}
    for table in subs[0].rows if subs else ():
        system = systems.get(table, "oa")
        yield system, table, [row for sub in subs for row in sub.rows[table]]


def background(sub: _Subsidiary, std: dict[str, Decimal]) -> None:
    ctx, rng = sub.ctx, sub.rng
    bodies = list(BODIES)
    for m in range(ctx.scale.months):
        day = ctx.start + timedelta(days=30 * m + rng.randrange(5))
        items = []
        body = bodies[m % 3]
        for _ in range(1 + rng.randrange(2)):
            allowed = [c for c in CATEGORIES if c in _allowed(body)]
            if not allowed:  # a body deciding no 三重一大 money matter (党委会): appointments, no payment
                items.append(("干部任免", None, "通过"))
                continue
            category = rng.choice(allowed)
            low = max(std[category], Decimal(100_000))
            items.append((category, Decimal(rng.randrange(int(low), 4_500_000)), "通过"))
        rows = sub.meeting(body, day, items)
        for row in rows:
            if row["amount"] is None:
                continue
            pay_day = day + timedelta(days=3 + rng.randrange(18))
            if pay_day >= ctx.as_of:
                continue
            sub.matter(pay_day, row["matter_category"], Decimal(row["amount"]), row["item_no"])
        for _ in range(3 * ctx.scale.activity):  # payments below the standards, no decision needed
            category = rng.choice([c for c in CATEGORIES if std[c] >= 100_000])
            pay_day = day + timedelta(days=rng.randrange(28))
            if pay_day >= ctx.as_of:
                continue
            amount = Decimal(rng.randrange(5_000, int(std[category] * Decimal("0.9"))))
            sub.payment(pay_day, category, amount, None)


def plant_decisions(sub: _Subsidiary, std: dict[str, Decimal], truth) -> None:
    """RF_SZYD_001 cases and decoys of one subsidiary."""
    ctx, rng, org, s_idx = sub.ctx, sub.rng, sub.org, sub.s_idx
    base = ctx.as_of - timedelta(days=120 + 7 * s_idx)
    category = CATEGORIES[s_idx % len(CATEGORIES)]
    threshold = std[category]
    amount = threshold if s_idx == 1 else threshold + rng.randrange(10_000, 500_000)
    table, row = sub.matter(base, category, amount, None)
    truth.add("RF_SZYD_001", org, table, row.get("payment_no") or row["contract_no"], row["amount"], "planted",
              f"{category}{row['amount']}元达到三重一大标准{threshold}元，无集体决策记录")
    # paid before the meeting that decided it
    late = Decimal(rng.randrange(1_200_000, 3_000_000))
    pay_day = base + timedelta(days=10)
    (item,) = sub.meeting("董事会", pay_day + timedelta(days=3 + rng.randrange(10)), [("资金支付", late, "通过")])
    row = sub.payment(pay_day, "资金支付", late, item["item_no"])
    truth.add("RF_SZYD_001", org, "nc_erp.fund_payment", row["payment_no"], row["amount"], "planted",
              "先支付后决策：会议晚于支付日")
    # by subsidiary: deferred item, a number the minutes do not hold, paid above the decided amount
    shape = s_idx % 3
    day = base + timedelta(days=20)
    amount = Decimal(rng.randrange(600_000, 2_000_000))
    if shape == 0:
        (item,) = sub.meeting("党委会", day - timedelta(days=5), [("对外投资", amount, "缓议")])
        row, note = sub.payment(day, "对外投资", amount, item["item_no"]), "决策事项缓议仍支付"
    elif shape == 1:
        row, note = sub.payment(day, "对外投资", amount, f"YT-{org}-DS-{day:%Y%m%d}-9-09"), "决策事项编号不存在"
    else:
        (item,) = sub.meeting("董事会", day - timedelta(days=5), [("资产处置", amount, "通过")])
        row = sub.payment(day, "资产处置", amount + rng.randrange(10_000, 90_000), item["item_no"])
        note = "支付金额超过决策金额"
    truth.add("RF_SZYD_001", org, "nc_erp.fund_payment", row["payment_no"], row["amount"], "planted", note)
    # decoys
    row = sub.payment(base + timedelta(days=30), "资金支付", std["资金支付"] - CENT, None)
    truth.add("RF_SZYD_001", org, "nc_erp.fund_payment", row["payment_no"], "0.00", "decoy", "低于三重一大标准1分")
    day = base + timedelta(days=40)
    amount = Decimal(rng.randrange(1_200_000, 3_000_000))
    (item,) = sub.meeting("总经理办公会", day, [("资金支付", amount, "通过")])
    row = sub.payment(day, "资金支付", amount, item["item_no"])
    truth.add("RF_SZYD_001", org, "nc_erp.fund_payment", row["payment_no"], "0.00", "decoy", "会议当日支付（决策在先）")
    (item,) = sub.meeting("董事会", day + timedelta(days=5), [("对外投资", amount, "通过")])
    loose = item["item_no"].lower().replace("-", " ")
    row = sub.payment(day + timedelta(days=12), "对外投资", amount, loose)
    truth.add("RF_SZYD_001", org, "nc_erp.fund_payment", row["payment_no"], "0.00", "decoy",
              "决策事项编号小写、空格写法")
    # the deciding body: an investment decided by the general manager's office meeting only (the standard wants
    # the board); a payment decided by the board (总经理办公会 or above)
    day = base + timedelta(days=45)
    amount = Decimal(rng.randrange(600_000, 2_000_000))
    (item,) = sub.meeting("总经理办公会", day - timedelta(days=4), [("对外投资", amount, "通过")])
    row = sub.payment(day, "对外投资", amount, item["item_no"])
    truth.add("RF_SZYD_001", org, "nc_erp.fund_payment", row["payment_no"], row["amount"], "planted",
              "决策机构不符：对外投资须董事会决策，仅经总经理办公会")
    amount = Decimal(rng.randrange(1_200_000, 3_000_000))
    (item,) = sub.meeting("董事会", day - timedelta(days=3), [("资金支付", amount, "通过")])
    row = sub.payment(day, "资金支付", amount, item["item_no"])
    truth.add("RF_SZYD_001", org, "nc_erp.fund_payment", row["payment_no"], "0.00", "decoy",
              "资金支付由董事会决策（总经理办公会或以上均可）")
    # guarantees (the register): signed before the board decided it; signed on the meeting day for the amount
    day = base + timedelta(days=50)
    amount = Decimal(rng.randrange(20, 80) * 100_000)
    (item,) = sub.meeting("董事会", day + timedelta(days=1 + rng.randrange(7)), [("对外担保", amount, "通过")])
    row = sub.guarantee(day, amount, item["item_no"])
    truth.add("RF_SZYD_001", org, "nc_erp.guarantee_contract", row["contract_no"], row["amount"], "planted",
              "先签署担保合同后决策：董事会晚于签署日")
    (item,) = sub.meeting("董事会", day + timedelta(days=10), [("对外担保", amount, "通过")])
    row = sub.guarantee(day + timedelta(days=10), amount, item["item_no"].lower())
    truth.add("RF_SZYD_001", org, "nc_erp.guarantee_contract", row["contract_no"], "0.00", "decoy",
              "董事会当日决策后签署，担保金额等于决策金额（编号小写）")
    plant_prestudy(sub, truth, base + timedelta(days=60))


def plant_prestudy(sub: _Subsidiary, truth, day: date) -> None:
    """党委会前置研究 (std_szyd_amounts.party_prestudy_required): a board investment naming no prestudy, a board
    guarantee whose prestudy was deferred, an investment studied only after the board decided it. Decoys: the
    prestudy on the board's day, a prestudy number typed in lower case with spaces, a donation (no prestudy
    required) decided by the office meeting alone."""
    rng, org = sub.rng, sub.org
    amount = Decimal(rng.randrange(600_000, 3_000_000))
    (item,) = sub.meeting("董事会", day, [("对外投资", amount, "通过")], prestudy="none")
    row = sub.payment(day + timedelta(days=8), "对外投资", amount, item["item_no"])
    truth.add("RF_SZYD_001", org, "nc_erp.fund_payment", row["payment_no"], row["amount"], "planted",
              "未经党委会前置研究：董事会投资议题未注明前置研究议题")
    (item,) = sub.meeting("董事会", day + timedelta(days=2), [("对外担保", amount, "通过")], prestudy="deferred")
    row = sub.guarantee(day + timedelta(days=9), amount, item["item_no"])
    truth.add("RF_SZYD_001", org, "nc_erp.guarantee_contract", row["contract_no"], row["amount"], "planted",
              "党委会前置研究缓议，董事会仍决策担保")
    (item,) = sub.meeting("董事会", day + timedelta(days=4), [("对外投资", amount, "通过")], prestudy="after")
    row = sub.payment(day + timedelta(days=12), "对外投资", amount, item["item_no"])
    truth.add("RF_SZYD_001", org, "nc_erp.fund_payment", row["payment_no"], row["amount"], "planted",
              "先决策后前置研究：党委会晚于董事会研究")
    # decoys
    (item,) = sub.meeting("董事会", day + timedelta(days=5), [("对外投资", amount, "通过")], prestudy="same_day")
    row = sub.payment(day + timedelta(days=13), "对外投资", amount, item["item_no"])
    truth.add("RF_SZYD_001", org, "nc_erp.fund_payment", row["payment_no"], "0.00", "decoy",
              "党委会与董事会同日前置研究")
    (item,) = sub.meeting("董事会", day + timedelta(days=6), [("对外担保", amount, "通过")], prestudy="loose")
    row = sub.guarantee(day + timedelta(days=14), amount, item["item_no"])
    truth.add("RF_SZYD_001", org, "nc_erp.guarantee_contract", row["contract_no"], "0.00", "decoy",
              "前置研究议题编号小写、空格写法")
    gift = Decimal(rng.randrange(200_000, 900_000))
    (item,) = sub.meeting("总经理办公会", day + timedelta(days=7), [("捐赠赞助", gift, "通过")])
    row = sub.payment(day + timedelta(days=15), "捐赠赞助", gift, item["item_no"])
    truth.add("RF_SZYD_001", org, "nc_erp.fund_payment", row["payment_no"], "0.00", "decoy",
              "捐赠赞助不须党委会前置研究，总经理办公会决策")


def plant_disposals(sub: _Subsidiary, std: dict[str, Decimal], truth, registered: list[dict]) -> None:
    """The 总经理办公会 decisions the asset register's disposals rest on (a few days before each), and RF_SZYD_001
    cases and decoys of write-offs (报废: no price, so no income or below-appraisal case) judged by appraisal."""
    ctx, rng, org = sub.ctx, sub.rng, sub.org
    for d in (d for d in registered if d["org_code"] == org and d.get("decision_item_no")):
        value = max(Decimal(d["appraised_value"]), Decimal(d["deal_price"]))
        sub.meeting("总经理办公会", date.fromisoformat(d["disposal_date"]) - timedelta(days=2 + rng.randrange(9)),
                    [("资产处置", value, "通过")], item_nos=[d["decision_item_no"]])
    threshold = std["资产处置"]
    n = [0]

    def write_off(day: date, appraised: Decimal, decision: str | None) -> dict:
        n[0] += 1
        row = dict(disposal_no=f"CZ-{org}-G{n[0]:03d}", org_code=org, register_id=f"CQ-{org}-G{n[0]:03d}",
                   method="报废", appraised_value=str(appraised.quantize(CENT)), deal_price="0.00", buyer=None,
                   disposal_date=day.isoformat(), decision_item_no=decision, ts=f"{day} 09:00:00")
        sub.rows["disposal"].append(row)
        return row

    day = ctx.as_of - timedelta(days=150 + 5 * sub.s_idx)
    row = write_off(day, threshold + rng.randrange(1_000, 900_000), None)
    truth.add("RF_SZYD_001", org, "asset.disposal", row["disposal_no"], row["appraised_value"], "planted",
              "报废资产评估价值达到资产处置标准，无集体决策记录")
    value = Decimal(rng.randrange(600_000, 2_000_000))
    (item,) = sub.meeting("总经理办公会", day + timedelta(days=12), [("资产处置", value, "通过")])
    row = write_off(day + timedelta(days=10), value, item["item_no"])
    truth.add("RF_SZYD_001", org, "asset.disposal", row["disposal_no"], row["appraised_value"], "planted",
              "先处置后决策：总经理办公会晚于处置日")
    row = write_off(day + timedelta(days=20), threshold - CENT, None)
    truth.add("RF_SZYD_001", org, "asset.disposal", row["disposal_no"], "0.00", "decoy", "评估价值低于资产处置标准1分")
    (item,) = sub.meeting("董事会", day + timedelta(days=30), [("资产处置", value, "通过")])
    row = write_off(day + timedelta(days=30), value, " " + item["item_no"].lower())
    truth.add("RF_SZYD_001", org, "asset.disposal", row["disposal_no"], "0.00", "decoy",
              "董事会当日决策后处置（编号小写带空格）")


def plant_quorum(sub: _Subsidiary, truth) -> None:
    """RF_SZYD_002 cases and decoys of one subsidiary."""
    ctx, rng, org = sub.ctx, sub.rng, sub.org
    day = ctx.as_of - timedelta(days=200 + 3 * sub.s_idx)
    outsider = sub.staff[20]
    items = [("对外投资", Decimal(rng.randrange(600_000, 3_000_000)), "通过"),
             ("资产处置", Decimal(rng.randrange(600_000, 3_000_000)), "通过"),
             ("对外担保", Decimal(rng.randrange(600_000, 3_000_000)), "缓议")]
    rows = sub.meeting("董事会", day, items, present=3,
                       extra=[(sub.sitting_in[1].emp_code, sub.sitting_in[1].emp_name, "列席"),
                              (outsider.emp_code, outsider.emp_name, "出席")])
    for row in rows[:2]:
        truth.add("RF_SZYD_002", org, "oa.decision_item", row["item_no"], row["amount"], "planted",
                  "董事会7名董事3人出席（未过半数），列席与非董事不计入")
    truth.add("RF_SZYD_002", org, "oa.decision_item", rows[2]["item_no"], "0.00", "decoy", "缓议议题不计入")
    # four of seven present, one of them signed in under the payroll form of the code
    rows = sub.meeting("党委会", day + timedelta(days=10), [("资金支付", Decimal(rng.randrange(1_200_000, 3_000_000)),
                                                           "通过")], present=3,
                       extra=[(_payroll_form(sub.members["党委会"][3].emp_code),
                               sub.members["党委会"][3].emp_name, "出席")])
    truth.add("RF_SZYD_002", org, "oa.decision_item", rows[0]["item_no"], "0.00", "decoy",
              "党委会7名委员4人出席（过半数），其中一人签到编码为薪酬系统写法")
    # 干部任免 needs two thirds of the party committee (std_szyd_quorum.matter_kind): four of seven decide an
    # appointment (flagged) and a payment (a majority suffices); five of seven decide an appointment
    rows = sub.meeting("党委会", day + timedelta(days=20), [
        ("干部任免", None, "通过"), ("资金支付", Decimal(rng.randrange(1_200_000, 3_000_000)), "通过")], present=4)
    truth.add("RF_SZYD_002", org, "oa.decision_item", rows[0]["item_no"], "0.00", "planted",
              "党委会7名委员4人出席讨论决定干部任免（须三分之二以上即至少5人）")
    truth.add("RF_SZYD_002", org, "oa.decision_item", rows[1]["item_no"], "0.00", "decoy",
              "同一会议的资金支付议题过半数即可")
    rows = sub.meeting("党委会", day + timedelta(days=30), [("干部任免", None, "通过")], present=5)
    truth.add("RF_SZYD_002", org, "oa.decision_item", rows[0]["item_no"], "0.00", "decoy",
              "党委会7名委员5人出席决定干部任免（达到三分之二）")


def plant_authority(sub: _Subsidiary, truth) -> None:
    """RF_AUTH_001 cases and decoys of one subsidiary."""
    ctx, rng, org, s_idx, s = sub.ctx, sub.rng, sub.org, sub.s_idx, sub.staff
    day = ctx.as_of - timedelta(days=90 + 4 * s_idx)
    cfo, head, keeper = s[2].emp_code, s[3].emp_code, s[4].emp_code
    over = Decimal("500000.01") if s_idx == 1 else Decimal(500_000 + rng.randrange(1_000, 400_000))
    row = sub.approval(day, "资金支付", over, cfo, company_name(rng))
    truth.add("RF_AUTH_001", org, "oa.payment_approval", row["approval_id"], row["amount"], "planted",
              "审批金额超过总会计师资金支付权限50万元")
    row = sub.approval(day, "对外投资", Decimal(rng.randrange(50_000, 90_000)), head, company_name(rng))
    truth.add("RF_AUTH_001", org, "oa.payment_approval", row["approval_id"], row["amount"], "planted",
              "终审人仅有资金支付授权，无对外投资授权")
    ended = day - timedelta(days=30)
    sub._authority(keeper, "资产处置", Decimal(200_000), ctx.start - timedelta(days=365), ended)
    row = sub.approval(day, "资产处置", Decimal(rng.randrange(50_000, 190_000)), keeper, company_name(rng))
    truth.add("RF_AUTH_001", org, "oa.payment_approval", row["approval_id"], row["amount"], "planted",
              "授权已于审批前终止")
    # decoys
    row = sub.approval(day, "资金支付", Decimal(500_000), cfo, company_name(rng))
    truth.add("RF_AUTH_001", org, "oa.payment_approval", row["approval_id"], "0.00", "decoy", "恰为授权权限金额")
    row = sub.approval(day, "资金支付", Decimal(rng.randrange(200_000, 500_000)), _payroll_form(cfo), company_name(rng))
    truth.add("RF_AUTH_001", org, "oa.payment_approval", row["approval_id"], "0.00", "decoy",
              "终审人编码另一种写法，权限内")
    row = sub.approval(ended - timedelta(days=10), "资产处置", Decimal(rng.randrange(50_000, 190_000)), keeper,
                       company_name(rng))
    truth.add("RF_AUTH_001", org, "oa.payment_approval", row["approval_id"], "0.00", "decoy", "原授权期内审批")
    row = sub.approval(day, "资金支付", Decimal(rng.randrange(3_000_000, 9_000_000)), head, company_name(rng),
                       status="驳回")
    truth.add("RF_AUTH_001", org, "oa.payment_approval", row["approval_id"], "0.00", "decoy", "驳回的审批单")
