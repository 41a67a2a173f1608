"""General ledger (NC 总账): chart of accounts, vouchers and their lines, period close, monthly financials.

Background bookkeeping is balanced on every voucher (debits equal credits), follows the seasons (a quiet
Spring Festival month, busy June and December) and peaks at month end; manual vouchers are prepared on
working days of the holiday calendar seed (std_public_holidays, with its 调休 make-up days), system vouchers
(interfaces from receivables, payables, expenses, payroll, fixed assets) on any day. Line amounts are
log-uniform over whole decades, so their first digits follow Benford's law. Background stays clear of every
rule: never a round amount (there are always cents), never within the approval band below a limit, checker
never the preparer, every posting before the period's close.

Rows are streamed: one subsidiary-month of vouchers and lines at a time, so memory stays bounded at tier L.
Planted per subsidiary (thresholds read from the seeds the rules use):
Each subsidiary plants with its own preparer, holiday, weekend day and account family (by its index).
- RF_JE_001 manual vouchers prepared on a public holiday and on a plain weekend (Saturday or Sunday); decoys: a
  manual voucher on a 调休 make-up working day (a Saturday or Sunday), a system voucher on a holiday.
- RF_JE_002 round manual amounts in sensitive accounts (库存现金, 业务招待费, and 其他应收款 by code 1221 or by
  name only, the older chart's 1133); decoys: a round amount in a non-sensitive account, a round cash amount
  below the size threshold, a round amount in 财务费用\\现金折扣 (a name containing 现金).
- RF_JE_003 manual vouchers just below an approval limit (within the band), and a voucher above the limit
  whose one bank payment line is in the band; decoys: exactly the limit, just below the band, a voucher whose
  in-band credit line is revenue rather than a payment.
- RF_JE_004 a voucher checked by its own preparer: by code, by name only (codes empty or null, the checker's
  name typed with a full-width space), or with a code on one side only; decoys: prepared and posted by one
  person, checked by another; checked by a namesake with another code.
- RF_JE_005 a voucher posted into a period after its close; decoys: posted the same day minutes before close,
  posted at the close time itself.
- RF_KPI_001 (by subsidiary in turn) debt ratio exactly at the warning line, over the key-supervision line,
  three loss months in a row; decoys: debt ratio one basis point below the line, a month breaking even.
RF_JE_006 (Benford) is planted once for the group: one subsidiary-year with fabricated amounts (half the
vouchers with uniform first digits); decoy: the last subsidiary's first, partial year, fabricated as well but
with fewer lines than the seeded minimum sample.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache

from jiandu.settings import PROJECT_ROOT
from jiandu_dev.generator.context import Context

SYSTEM = "nc_erp"
SEEDS = PROJECT_ROOT / "dbt_project" / "seeds" / "standards"
CENT = Decimal("0.01")
# (code, name, full path, class, balance direction, parent)
ACCOUNTS = [
    ("1001", "库存现金", "库存现金", "资产", "借", None),
    ("1002", "银行存款", "银行存款", "资产", "借", None),
    ("100201", "工商银行", "银行存款\\工商银行", "资产", "借", "1002"),
    ("100202", "建设银行", "银行存款\\建设银行", "资产", "借", "1002"),
    ("1122", "应收账款", "应收账款", "资产", "借", None),
    ("1123", "预付账款", "预付账款", "资产", "借", None),
    ("1221", "其他应收款", "其他应收款", "资产", "借", None),
    ("1403", "原材料", "原材料", "资产", "借", None),
    ("1405", "库存商品", "库存商品", "资产", "借", None),
    ("1601", "固定资产", "固定资产", "资产", "借", None),
    ("1602", "累计折旧", "累计折旧", "资产", "贷", None),
    ("2202", "应付账款", "应付账款", "负债", "贷", None),
    ("2211", "应付职工薪酬", "应付职工薪酬", "负债", "贷", None),
    ("221101", "工资", "应付职工薪酬\\工资", "负债", "贷", "2211"),
    ("2221", "应交税费", "应交税费", "负债", "贷", None),
    ("222101", "应交增值税", "应交税费\\应交增值税", "负债", "贷", "2221"),
    ("222102", "未交增值税", "应交税费\\未交增值税", "负债", "贷", "2221"),
    ("4001", "实收资本", "实收资本", "权益", "贷", None),
    ("6001", "主营业务收入", "主营业务收入", "损益", "贷", None),
    ("6401", "主营业务成本", "主营业务成本", "损益", "借", None),
    ("6601", "销售费用", "销售费用", "损益", "借", None),
    ("660101", "广告宣传费", "销售费用\\广告宣传费", "损益", "借", "6601"),
    ("660102", "业务招待费", "销售费用\\业务招待费", "损益", "借", "6601"),
    ("6602", "管理费用", "管理费用", "损益", "借", None),
    ("660201", "差旅费", "管理费用\\差旅费", "损益", "借", "6602"),
    ("660202", "业务招待费", "管理费用\\业务招待费", "损益", "借", "6602"),
    ("660203", "办公费", "管理费用\\办公费", "损益", "借", "6602"),
    ("660204", "职工薪酬", "管理费用\\职工薪酬", "损益", "借", "6602"),
    ("660205", "折旧费", "管理费用\\折旧费", "损益", "借", "6602"),
    ("660206", "咨询费", "管理费用\\咨询费", "损益", "借", "6602"),
    ("6603", "财务费用", "财务费用", "损益", "借", None),
    ("660301", "现金折扣", "财务费用\\现金折扣", "损益", "借", "6603"),
    ("1133", "其他应收款（原制度科目）", "其他应收款（原制度科目）", "资产", "借", None),  # a chart not yet migrated
    ("6711", "营业外支出", "营业外支出", "损益", "借", None),
]
BANK = "100201"
# Background templates: (summary, debit account, credit account, source, module, voucher type, decades, weight)
# A `decades` range (lo, hi) draws amounts log-uniformly from 10**lo to 10**hi. Three-line sales and purchases
# add 13% VAT. Sensitive accounts appear with amounts that always carry cents.
TEMPLATES = [
    ("收到{c}货款", BANK, "1122", "系统", "应收", "收", (3, 6), 14),
    ("销售商品确认收入", "1122", "6001", "系统", "应收", "转", (3, 6), 12),
    ("支付{s}货款", "2202", BANK, "系统", "应付", "付", (3, 6), 12),
    ("采购原材料入库", "1403", "2202", "系统", "应付", "转", (3, 6), 10),
    ("{p}报销差旅费", "660201", BANK, "系统", "费用报销", "付", (2, 4), 10),
    ("报销办公用品费", "660203", BANK, "手工", None, "付", (2, 4), 6),
    ("支付咨询服务费", "660206", BANK, "手工", None, "付", (3, 5), 3),
    ("结转已售商品成本", "6401", "1405", "手工", None, "转", (3, 6), 5),
    ("提取备用金", "1001", BANK, "手工", None, "付", (2, 4), 3),
    ("{p}借支备用金", "1221", "1001", "手工", None, "付", (2, 4), 3),
    ("支付业务招待费", "660202", BANK, "手工", None, "付", (2, 4), 3),
    ("支付银行手续费", "6603", BANK, "手工", None, "付", (1, 3), 4),
    ("预付工程款", "1123", BANK, "手工", None, "付", (4, 6), 2),
    ("缴纳上月增值税", "222102", BANK, "手工", None, "付", (3, 6), 1),
]
MONTH_END = [  # booked on the last working days of every month
    ("计提本月工资", "660204", "221101", "系统", "薪资", "转", (4, 6)),
    ("发放本月工资", "221101", BANK, "系统", "薪资", "付", (4, 6)),
    ("计提本月固定资产折旧", "660205", "1602", "系统", "固定资产", "转", (3, 5)),
]
SEASON = {1: 0.85, 2: 0.7, 3: 1.0, 4: 1.0, 5: 0.95, 6: 1.15, 7: 0.95, 8: 0.95, 9: 1.05, 10: 0.9, 11: 1.0,
          12: 1.35}
CUSTOMERS = ["华信建设", "长江物流", "东方电气", "瑞丰贸易", "恒远科技", "宏达机械"]
SUPPLIERS = ["中材供应", "金鼎钢材", "汇通设备", "联创电子", "鑫源化工"]
CLOSE_WORKDAY = 5  # a period is closed on the 5th working day of the next month


@cache
def _calendar() -> dict[date, tuple[str, str]]:
    """std_public_holidays: date -> (holiday name, 节假日 | 调休上班)."""
    with (SEEDS / "std_public_holidays.csv").open(encoding="utf-8") as fh:
        return {date.fromisoformat(r["calendar_date"]): (r["holiday_name"], r["day_type"]) for r in csv.DictReader(fh)}


def _in_force(rows: list[dict], day: date) -> list[dict]:
    return [r for r in rows if not r["subsidiary_code"] and r["effective_from"] <= day.isoformat()
            and (not r["effective_to"] or day.isoformat() <= r["effective_to"])]


# Seed columns the generator computes with: checked when read, so a bad value names its file, row and column.
NUMERIC_COLUMNS = {
    "std_je_approval_limits": ("limit_amount", "band_ratio"),
    "std_je_benford": ("min_sample", "min_amount"),
    "std_je_sensitive_accounts": ("round_unit", "min_amount"),
    "std_kpi_thresholds": ("threshold_value",),
}


class SeedError(ValueError):
    """A standard seed the generator reads holds a value it cannot use; the message names file, row, column."""


@cache
def _seed(name: str) -> list[dict]:
    path = SEEDS / f"{name}.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for line, row in enumerate(rows, start=2):  # line 1 is the header
        for column in NUMERIC_COLUMNS.get(name, ()) + ("effective_from",):
            value = row.get(column)
            try:
                if column == "effective_from":
                    date.fromisoformat(value or "")
                elif not Decimal(value or "x").is_finite():
                    raise ArithmeticError
            except (ValueError, ArithmeticError):
                expected = "a date YYYY-MM-DD" if column == "effective_from" else "a number"
                raise SeedError(f"{path}: row {line}, column {column}: expected {expected}, got {value!r}") from None
    return rows


def is_working_day(day: date) -> bool:
    entry = _calendar().get(day)
    if entry:
        return entry[1] == "调休上班"
    return day.weekday() < 5


def _months(start: date, as_of: date) -> list[tuple[int, int]]:
    """Calendar months from start's month up to the month before as_of's."""
    out = []
    y, m = start.year, start.month
    while (y, m) < (as_of.year, as_of.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _month_days(y: int, m: int) -> list[date]:
    first = date(y, m, 1)
    nxt = date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)
    return [first + timedelta(days=i) for i in range((nxt - first).days)]


@cache
def _nth_working_day_after(day: date, n: int) -> date:
    d = day
    while n:
        d += timedelta(days=1)
        if is_working_day(d):
            n -= 1
    return d


def _close_at(y: int, m: int, org_index: int) -> datetime:
    last = _month_days(y, m)[-1]
    day = _nth_working_day_after(last, CLOSE_WORKDAY)
    return datetime.combine(day, time(17, 0)) + timedelta(minutes=(7 * org_index + m) % 50)


def _fmt(ts: datetime) -> str:
    return ts.isoformat(sep=" ", timespec="seconds")  # much faster than strftime, same text


def _m(x: Decimal) -> str:
    return str(x.quantize(CENT))


@dataclass
class _Books:
    """One subsidiary's ledger while it is written: counters, the Benford sample and the chunk being built."""

    org: str
    org_index: int
    finance: list  # finance staff (Person): [0] head checks and posts, the rest prepare
    closes: dict[tuple[int, int], datetime]
    as_of: date
    min_amount: Decimal
    seq: dict = field(default_factory=dict)
    numbers: dict = field(default_factory=dict)
    sample: dict = field(default_factory=dict)  # fiscal year -> [lines, amount] over closed periods
    vouchers: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)

    def voucher(self, day: date, at: time, vtype: str, source: str, module: str | None, summary: str,
                entries: list[tuple[str, Decimal, Decimal, dict]], preparer, checker, poster=None,
                posted_at: datetime | None = None, checked_at: datetime | None = None) -> dict:
        """Write one voucher and its lines; entries are (account, debit, credit, aux) and must balance."""
        assert sum(e[1] for e in entries) == sum(e[2] for e in entries), (summary, entries)
        key = (day.year, day.month)
        self.seq[key] = self.seq.get(key, 0) + 1
        self.numbers[(key, vtype)] = self.numbers.get((key, vtype), 0) + 1
        vid = f"GL{self.org}{day.year}{day.month:02d}{self.seq[key]:06d}"
        prepared_at = datetime.combine(day, at)
        if checked_at is None:
            checked_at = datetime.combine(_nth_working_day_after(day, 1), time(9 + (self.seq[key] % 8), 10))
        if posted_at is None:
            posted_at = checked_at + timedelta(hours=2, minutes=self.seq[key] % 50)
        cutoff = datetime.combine(self.as_of, time(0))
        if checked_at >= cutoff:  # not yet checked nor posted when the data was extracted
            checker, checked_at, posted_at = None, None, None
        elif posted_at >= cutoff:
            posted_at = None
        poster = poster or checker
        if posted_at is None:
            poster = None
        last = max(t for t in (prepared_at, checked_at, posted_at) if t is not None)
        row = dict(voucher_id=vid, org_code=self.org, voucher_type=vtype, voucher_no=self.numbers[(key, vtype)],
                   fiscal_year=day.year, period=day.month, prepared_date=day.isoformat(),
                   prepared_at=_fmt(prepared_at), preparer_code=preparer.emp_code, preparer_name=preparer.emp_name,
                   checker_code=checker.emp_code if checker else None,
                   checker_name=checker.emp_name if checker else None,
                   checked_at=_fmt(checked_at) if checked_at else None,
                   poster_code=poster.emp_code if poster else None, poster_name=poster.emp_name if poster else None,
                   posted_at=_fmt(posted_at) if posted_at else None, source_type=source, source_module=module,
                   summary=summary, attachment_count=1 + self.seq[key] % 4, ts=_fmt(last))
        self.vouchers.append(row)
        closed = key in self.closes
        for n, (account, debit, credit, aux) in enumerate(entries, start=1):
            self.lines.append(dict(detail_id=f"{vid}-{n:03d}", voucher_id=vid, line_no=n, account_code=account,
                                   summary=summary, debit=_m(debit), credit=_m(credit), currency="CNY",
                                   customer_code=aux.get("customer"), supplier_code=aux.get("supplier"),
                                   dept_name=aux.get("dept"), person_code=aux.get("person"),
                                   project_code=aux.get("project"), ts=_fmt(prepared_at)))
            amount = debit + credit
            if closed and amount >= self.min_amount:
                acc = self.sample.setdefault(day.year, [0, Decimal(0)])
                acc[0] += 1
                acc[1] += amount
        return row

    def flush(self) -> Iterator[tuple[str, str, list[dict]]]:
        if self.vouchers:
            yield SYSTEM, "gl_voucher", self.vouchers
            yield SYSTEM, "gl_voucher_line", self.lines
        self.vouchers, self.lines = [], []


class _Amounts:
    """Background amounts: log-uniform (Benford), or fabricated (uniform first digit), always with cents and
    never in an approval band."""

    def __init__(self, rng, bands: list[tuple[Decimal, Decimal]]):
        self.rng = rng
        self.bands = bands

    def draw(self, decades: tuple[int, int], fabricated: bool = False) -> Decimal:
        rng = self.rng
        if fabricated:
            value = rng.uniform(1, 10) * 10 ** rng.randrange(decades[0], decades[1])
        else:
            value = 10 ** rng.uniform(*decades)
        amount = Decimal(int(value * 100)) / 100
        if amount < Decimal("1.00"):
            amount = Decimal("1.37")
        if amount % 1 == 0:
            amount += Decimal("0.37")
        return amount

    def clear_of_bands(self, total: Decimal) -> bool:
        return not any(low <= total <= high for low, high in self.bands)


def _vat(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.13")).quantize(CENT)


def _entries(tpl, amount: Decimal, aux: dict) -> list[tuple[str, Decimal, Decimal, dict]]:
    _, debit_acc, credit_acc = tpl[:3]
    zero = Decimal(0)
    if debit_acc == "1122" and credit_acc == "6001":  # sale with output VAT
        vat = _vat(amount)
        return [("1122", amount + vat, zero, aux), ("6001", zero, amount, {}), ("222101", zero, vat, {})]
    if debit_acc == "1403":  # purchase with input VAT
        vat = _vat(amount)
        return [("1403", amount, zero, {}), ("222101", vat, zero, {}), ("2202", zero, amount + vat, aux)]
    return [(debit_acc, amount, zero, aux), (credit_acc, zero, amount, {})]


def accounts() -> Iterator[dict]:
    for code, name, path, cls, direction, parent in ACCOUNTS:
        yield dict(account_code=code, account_name=name, account_path=path, account_class=cls,
                   balance_direction=direction, account_level=1 if parent is None else 2, parent_code=parent,
                   enabled=1, ts="2020-01-01 09:00:00")


def tables(ctx: Context) -> Iterator[tuple[str, str, object]]:
    yield SYSTEM, "accsubj", list(accounts())
    rng = ctx.rng("gl")
    truth = ctx.truth
    months = _months(ctx.start, ctx.as_of)
    bands = [(Decimal(r["limit_amount"]) * (1 - Decimal(r["band_ratio"])) - 1, Decimal(r["limit_amount"]))
             for r in _in_force(_seed("std_je_approval_limits"), ctx.as_of)]
    benford = _in_force(_seed("std_je_benford"), ctx.as_of)[0]
    min_sample, min_amount = int(benford["min_sample"]), Decimal(benford["min_amount"])
    amounts = _Amounts(rng, bands)
    weights = [t[7] for t in TEMPLATES]
    per_month = ctx.scale.gl_vouchers_per_month
    subs = ctx.subsidiaries
    fabricated_year = (1 % len(subs), months[-1][0])  # (subsidiary index, fiscal year): planted RF_JE_006
    small_year = (len(subs) - 1, months[0][0])  # decoy: the last subsidiary's first, partial year
    small_year_months = sum(1 for y, _ in months if y == small_year[1])

    for s_idx, (org, _, _) in enumerate(subs):
        finance = [p for p in ctx.staff_of(org) if p.dept_name == "财务部"]
        head, preparers = finance[0], finance[1:]
        closes = {(y, m): _close_at(y, m, s_idx) for y, m in months}
        closes = {k: v for k, v in closes.items() if v.date() < ctx.as_of}
        books = _Books(org=org, org_index=s_idx, finance=finance, closes=closes, as_of=ctx.as_of,
                       min_amount=min_amount)
        staff = ctx.staff_of(org)
        for y, m in months:
            fabricated = (s_idx, y) in (fabricated_year, small_year)
            n = round(per_month * SEASON[m])
            if (s_idx, y) == small_year:  # keep the sample well under the minimum
                n = min(n, int(min_sample * 0.6 / max(1, small_year_months) / 2.3))
            days = _month_days(y, m)
            work = [d for d in days if is_working_day(d)]
            peak = work[-3:]
            for _ in range(n):
                tpl = rng.choices(TEMPLATES, weights)[0]
                manual = tpl[3] == "手工"
                if manual or rng.random() < 0.9:
                    day = rng.choice(peak) if rng.random() < 0.25 else rng.choice(work)
                else:  # interface batches also run on weekends and holidays
                    day = rng.choice(days)
                while True:
                    amount = amounts.draw(tpl[6], fabricated and rng.random() < 0.6)
                    entries = _entries(tpl, amount, {})
                    if amounts.clear_of_bands(sum(e[1] for e in entries)):
                        break
                person = rng.choice(staff)
                aux = {"customer": f"C{(s_idx * 30 + rng.randrange(30)) % 99999 + 1:05d}"} if "1122" in tpl[1:3] \
                    else {"supplier": f"V{s_idx:02d}{rng.randrange(40):04d}"} if "2202" in tpl[1:3] \
                    else {"person": person.emp_code, "dept": person.dept_name} if tpl[1] in ("1221", "660201") \
                    else {"dept": person.dept_name}
                entries = _entries(tpl, amount, aux)
                summary = tpl[0].format(c=rng.choice(CUSTOMERS), s=rng.choice(SUPPLIERS), p=person.emp_name)
                books.voucher(day, time(rng.randrange(8, 18), rng.randrange(60)), tpl[5], tpl[3], tpl[4], summary,
                              entries, rng.choice(preparers), head)
            for k, tpl in enumerate(MONTH_END):
                amount = amounts.draw(tpl[6], fabricated)
                books.voucher(work[-1], time(15, 10 * k), tpl[5], tpl[3], tpl[4], tpl[0],
                              _entries(tpl, amount, {"dept": "财务部"}), preparers[0], head)
            yield from books.flush()
        _plant(ctx, books, rng, months)
        yield from books.flush()
        yield SYSTEM, "gl_period_close", [
            dict(org_code=org, fiscal_year=y, period=m, closed_at=_fmt(at), closed_by=head.emp_code, ts=_fmt(at))
            for (y, m), at in sorted(closes.items())]
        yield SYSTEM, "monthly_financials", list(_financials(ctx, rng, org, s_idx, months))

        # RF_JE_006: the fabricated subsidiary-year (planted) and the small fabricated sample (decoy)
        for (f_idx, year), kind in ((fabricated_year, "planted"), (small_year, "decoy")):
            if f_idx != s_idx or year not in books.sample:
                continue
            lines, total = books.sample[year]
            first = min(p for y, p in closes if y == year)
            if kind == "planted" and lines >= min_sample:
                truth.add("RF_JE_006", org, "nc_erp.gl_period_close", f"{org}|{year}|{first}", _m(total), "planted",
                          f"{year}年度{lines}条分录金额为编造数据，首位数字分布偏离本福特定律")
            elif kind == "decoy" and lines < min_sample:
                truth.add("RF_JE_006", org, "nc_erp.gl_period_close", f"{org}|{year}|{first}", "0.00", "decoy",
                          f"{year}年度仅{lines}条分录（少于{min_sample}条），样本不足不作检验")


@dataclass(frozen=True)
class _Signer:
    """Who signs a voucher as the ledger records them: a code (possibly empty or missing) and a name."""

    emp_code: str | None
    emp_name: str


def _plant(ctx: Context, books: _Books, rng, months: list[tuple[int, int]]) -> None:
    """The planted vouchers and decoys of one subsidiary (see the module docstring)."""
    truth, org, s_idx = ctx.truth, books.org, books.org_index
    head, preparers = books.finance[0], books.finance[1:]
    prep = preparers[s_idx % len(preparers)]  # a different preparer in each subsidiary
    other = preparers[(s_idx + 1) % len(preparers)]
    zero = Decimal(0)
    cal = _calendar()
    first_day, last_day = date(*months[0], 1), ctx.as_of - timedelta(days=10)
    in_range = sorted(d for d in cal if first_day <= d <= last_day)
    weekday_holidays = [d for d in in_range if cal[d][1] == "节假日" and d.weekday() < 5]
    holiday = weekday_holidays[-1 - (s_idx * 3) % len(weekday_holidays)]  # another holiday in each subsidiary
    makeups = [d for d in in_range if cal[d][1] == "调休上班" and d.weekday() >= 5]
    makeup = makeups[-1 - s_idx % len(makeups)]
    weekend_day = 5 + s_idx % 2  # Saturday or Sunday
    weekend = max(d for d in (last_day - timedelta(days=i) for i in range(60))
                  if d.weekday() == weekend_day and d not in cal)

    def manual(day: date, summary: str, entries, **kw) -> dict:
        return books.voucher(day, time(10, 30), "付", "手工", None, summary, entries, kw.pop("preparer", prep),
                             kw.pop("checker", head), **kw)

    def pay(account: str, amount: Decimal) -> list:
        return [(account, amount, zero, {"dept": "综合办公室"}), ("100201", zero, amount, {})]

    def add(rule: str, row: dict, amount: str, kind: str, note: str) -> None:
        truth.add(rule, org, "nc_erp.gl_voucher", row["voucher_id"], amount, kind, note)

    def odd(low: int, high: int) -> Decimal:
        return Decimal(rng.randrange(low * 100, high * 100)) / 100 + Decimal("0.13")

    # RF_JE_001
    a = odd(1_200, 9_000)
    row = manual(holiday, "支付办公楼维修费", pay("660203", a),
                 checked_at=datetime.combine(_nth_working_day_after(holiday, 1), time(9, 30)))
    add("RF_JE_001", row, _m(a), "planted", f"{holiday}（{cal[holiday][0]}）录入手工凭证")
    a = odd(1_200, 9_000)
    row = manual(weekend, "支付会议场地费", pay("660203", a),
                 checked_at=datetime.combine(_nth_working_day_after(weekend, 1), time(9, 40)))
    add("RF_JE_001", row, _m(a), "planted", f"{weekend}（星期{'六日'[weekend_day - 5]}）录入手工凭证")
    row = manual(makeup, "支付资料印刷费", pay("660203", odd(1_200, 9_000)))
    add("RF_JE_001", row, "0.00", "decoy", f"{makeup}为{cal[makeup][0]}调休上班日")
    a = odd(20_000, 80_000)
    row = books.voucher(holiday, time(2, 0), "收", "系统", "应收", "收到客户货款（银企直连）",
                        [("100201", a, zero, {}), ("1122", zero, a, {"customer": "C00001"})], prep, head)
    add("RF_JE_001", row, "0.00", "decoy", f"{holiday}（{cal[holiday][0]}）系统自动生成凭证")

    # RF_JE_002: round amounts; working days well inside the period
    work = [d for d in _month_days(*months[-3]) if is_working_day(d)]

    def wd(i: int) -> date:  # the i-th working day of the month (a short February wraps around)
        return work[i % len(work)]

    sens = {r["account_code_prefix"]: r for r in _in_force(_seed("std_je_sensitive_accounts"), ctx.as_of)}
    cash_min, unit = Decimal(sens["1001"]["min_amount"]), Decimal(sens["1001"]["round_unit"])
    a = cash_min * (2 + s_idx)
    row = manual(wd(3), "提取备用金", [("1001", a, zero, {}), ("100201", zero, a, {})])
    add("RF_JE_002", row, _m(a), "planted", f"库存现金整数金额{a}元")
    ent = ("660202", "660102")[s_idx % 2]
    a = Decimal(sens[ent]["min_amount"]) + (3 + s_idx) * Decimal(sens[ent]["round_unit"])
    row = manual(wd(4), "支付业务招待费", pay(ent, a))
    add("RF_JE_002", row, _m(a), "planted", f"业务招待费整数金额{a}元")
    row = manual(wd(5), "支付办公家具款", pay("660203", Decimal(30_000)))
    add("RF_JE_002", row, "0.00", "decoy", "整数金额但办公费非敏感科目")
    small = cash_min - 7 * unit
    row = manual(wd(6), "提取备用金", [("1001", small, zero, {}), ("100201", zero, small, {})])
    add("RF_JE_002", row, "0.00", "decoy", f"库存现金整数金额{small}元，低于{cash_min}元")
    receivable = ("1221", "1133")[s_idx % 2]  # odd subsidiaries still book on the older chart's code
    a = Decimal(sens["1221"]["min_amount"]) + (2 + s_idx) * Decimal(sens["1221"]["round_unit"])
    row = manual(wd(13), "借支备用金", [(receivable, a, zero, {"person": other.emp_code}), ("100201", zero, a, {})],
                 preparer=other, checker=head)
    add("RF_JE_002", row, _m(a), "planted", f"其他应收款（科目{receivable}）整数金额{a}元")
    row = manual(wd(14), "确认现金折扣", [("660301", Decimal(30_000), zero, {}), ("1122", zero, Decimal(30_000),
                                                                                      {"customer": "C00001"})])
    add("RF_JE_002", row, "0.00", "decoy", "财务费用\\现金折扣不是库存现金")

    # RF_JE_003: just below an approval limit (in the band), exactly at it, below the band
    limits = sorted(_in_force(_seed("std_je_approval_limits"), ctx.as_of), key=lambda r: Decimal(r["limit_amount"]))
    low = limits[0]
    limit, band = Decimal(low["limit_amount"]), Decimal(low["band_ratio"])
    a = (limit * (1 - band / 2)).quantize(CENT) + Decimal("37.51") + s_idx * Decimal("101.10")
    row = manual(wd(7), "支付咨询服务费", pay("660206", a))
    add("RF_JE_003", row, _m(a), "planted", f"金额{a}元略低于{low['limit_name']}{limit}元")
    limit2 = Decimal(limits[1]["limit_amount"])
    a2 = limit2 - Decimal("120.35") - s_idx * Decimal("211.07")
    row = manual(wd(8), "预付工程款", pay("1123", a2))
    add("RF_JE_003", row, _m(a2), "planted", f"金额{a2}元略低于{limits[1]['limit_name']}{limit2}元")
    row = manual(wd(9), "支付咨询服务费", pay("660206", limit))
    add("RF_JE_003", row, "0.00", "decoy", f"金额恰为审批权限{limit}元")
    below = (limit * (1 - band) - Decimal("240.18")).quantize(CENT)
    row = manual(wd(10), "支付咨询服务费", pay("660206", below))
    add("RF_JE_003", row, "0.00", "decoy", f"金额{below}元低于审批权限{limit}元的{band:.0%}区间")
    # one voucher above the limit paying two suppliers from two banks, one payment in the band
    in_band = limit - Decimal("310.44") - s_idx * Decimal("57.20")
    rest = odd(60_000, 90_000)
    row = manual(wd(15), "支付材料款（两家供应商）", [
        ("2202", in_band + rest, zero, {"supplier": f"V{s_idx:02d}0001"}),
        ("100201", zero, in_band, {}), ("100202", zero, rest, {})])
    add("RF_JE_003", row, _m(in_band), "planted", f"其中一笔银行付款{in_band}元略低于{low['limit_name']}{limit}元")
    rest = odd(60_000, 90_000)
    row = manual(wd(16), "确认服务收入", [
        ("1122", in_band + rest, zero, {"customer": "C00001"}), ("6001", zero, in_band, {}), ("1123", zero, rest, {})])
    add("RF_JE_003", row, "0.00", "decoy", f"贷方{in_band}元为收入而非付款，凭证金额{in_band + rest}元不在区间")

    # RF_JE_004: preparer checks own voucher, by code, by name only, or with one code; decoys: preparer posts
    # while another person checks; a namesake with another code checks
    a = odd(3_000, 40_000)
    row = manual(wd(11), "支付广告宣传费", pay("660101", a), checker=prep, poster=head)
    add("RF_JE_004", row, _m(a), "planted", f"制单人与审核人均为{prep.emp_name}（{prep.emp_code}）")
    row = manual(wd(12), "支付广告宣传费", pay("660101", odd(3_000, 40_000)), checker=other, poster=prep)
    add("RF_JE_004", row, "0.00", "decoy", "制单人同时为记账人，审核人为他人")
    spaced = _Signer(None, prep.emp_name[0] + "\u3000" + prep.emp_name[1:])
    if s_idx % 2 == 0:  # only names recorded: the preparer's code empty (or null), the checker's null
        signer, note = _Signer(("", None)[s_idx % 4 // 2], prep.emp_name), "只记录姓名"
    else:  # the preparer's code recorded, the checker only by name
        signer, note = prep, "制单人有编码、审核人只记录姓名"
    a = odd(3_000, 40_000)
    row = manual(wd(17), "支付宣传资料制作费", pay("660101", a), preparer=signer, checker=spaced, poster=head)
    add("RF_JE_004", row, _m(a), "planted", f"{note}：制单人与审核人均为{prep.emp_name}")
    namesake = _Signer(f"{org}X{s_idx:03d}", prep.emp_name)
    row = manual(wd(18), "支付宣传资料制作费", pay("660101", odd(3_000, 40_000)), checker=namesake, poster=head)
    add("RF_JE_004", row, "0.00", "decoy", f"审核人与制单人同名{prep.emp_name}，但编码不同（{namesake.emp_code}）")

    # RF_JE_005: a closed period gets a posting after its close; decoys: posted minutes before close, and at it
    y, m = months[-4]
    close = books.closes[(y, m)]
    day = [d for d in _month_days(y, m) if is_working_day(d)][-2]
    a = odd(5_000, 45_000)
    late = datetime.combine(_nth_working_day_after(close.date(), 1 + s_idx % 4), time(10, 20))
    row = manual(day, "补记上月咨询服务费", pay("660206", a), checked_at=late - timedelta(hours=1), posted_at=late)
    add("RF_JE_005", row, _m(a), "planted", f"{y}年{m}期已于{close}结账，{late}仍过账")
    row = manual(day, "支付咨询服务费", pay("660206", odd(5_000, 45_000)),
                 checked_at=close - timedelta(minutes=40), posted_at=close - timedelta(minutes=20))
    add("RF_JE_005", row, "0.00", "decoy", f"结账当日结账前20分钟过账（结账{close}）")
    row = manual(day, "支付咨询服务费", pay("660206", odd(5_000, 45_000)),
                 checked_at=close - timedelta(minutes=30), posted_at=close)
    add("RF_JE_005", row, "0.00", "decoy", f"恰在结账时间{close}过账")


def _financials(ctx: Context, rng, org: str, s_idx: int, months: list[tuple[int, int]]) -> Iterator[dict]:
    """Monthly key figures; background debt ratio 45%-60% and profits; planted warnings by subsidiary."""
    lines = {r["alert_level"] if r["metric_code"] == "DEBT_RATIO" else r["metric_code"]: Decimal(r["threshold_value"])
             for r in _in_force(_seed("std_kpi_thresholds"), ctx.as_of) if r["industry"] == "默认"}
    assets = Decimal(rng.randrange(800, 3_000)) * 1_000_000
    case = s_idx % 5
    target = len(months) - 3  # the planted month (three months of losses end here)
    for i, (y, m) in enumerate(months):
        # whole ten-thousands, so a ratio of four decimals gives liabilities in exact cents
        assets = (assets * Decimal(1 + rng.uniform(-0.01, 0.02)) / 10_000).quantize(Decimal(1)) * 10_000
        ratio = Decimal(rng.randrange(4_500, 6_000)) / 10_000
        liabilities = (assets * ratio).quantize(CENT)
        revenue = (assets * Decimal(rng.uniform(0.04, 0.09))).quantize(CENT)
        profit = (revenue * Decimal(rng.uniform(0.02, 0.08))).quantize(CENT)
        planted = None
        key = f"{org}|{y}-{m:02d}"
        if i == target and case == 0:
            liabilities = (assets * lines["预警"]).quantize(CENT)
            planted = ("planted", _m(liabilities), f"资产负债率恰为预警线{lines['预警']:.2%}（达到即预警）")
        elif i == target and case == 1:
            liabilities = (assets * (lines["重点监管"] + Decimal("0.02"))).quantize(CENT)
            planted = ("planted", _m(liabilities), f"资产负债率超过重点监管线{lines['重点监管']:.2%}")
        elif target - 2 <= i <= target and case == 2:
            profit = -(revenue * Decimal(rng.uniform(0.02, 0.06))).quantize(CENT)
            planted = ("planted", _m(-profit), f"当月亏损{-profit}元（连续亏损）")
        elif i == target and case == 3:
            liabilities = (assets * (lines["预警"] - Decimal("0.0001"))).quantize(CENT)
            planted = ("decoy", "0.00", "资产负债率低于预警线1个基点")
        elif i == target and case == 4:
            profit = Decimal("0.00")
            planted = ("decoy", "0.00", "当月净利润恰为0（盈亏平衡，未亏损）")
        if planted:
            ctx.truth.add("RF_KPI_001", org, "nc_erp.monthly_financials", key, planted[1], planted[0], planted[2])
        reported = _nth_working_day_after(_month_days(y, m)[-1], 8)
        if reported >= ctx.as_of:
            continue  # not yet reported when the data was extracted
        yield dict(org_code=org, report_month=f"{y}-{m:02d}", total_assets=_m(assets),
                   total_liabilities=_m(liabilities), revenue=_m(revenue), net_profit=_m(profit),
                   ts=f"{reported} 09:00:00")


def benford_mad(amounts: list[Decimal]) -> float:
    """Mean absolute deviation of first digits from Benford's law (used by tests)."""
    counts = [0] * 10
    for a in amounts:
        counts[int(str(a).lstrip("0.")[0])] += 1
    n = sum(counts)
    return sum(abs(counts[d] / n - math.log10(1 + 1 / d)) for d in range(1, 10)) / 9
