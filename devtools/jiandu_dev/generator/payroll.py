"""HR payroll: monthly pay lines per person with the allowances of the approved catalog, and planted cases.

Background: everyone in post is paid base, post and performance pay plus a stable subset of the allowances
the catalog (dbt seed std_allowance_catalog, a subsidiary's own rows replacing the group's for an item)
allows for the rank held that month, never above the cap, seasonal items only in their months. In every
subsidiary one ordinary employee is paid under a code written the payroll system's way (lower case, no
leading zeros, a dash), as real payroll exports do.

Planted per subsidiary, each with its own people, amounts, months and wording, with near-miss decoys:
- RF_PAY_001 a banned item in one of its written forms (春节过节费, 节日慰问金（补发）, 中秋 节日费, 购房补贴 ...)
  in various categories; 野外作业补贴 where only S02's catalog has it; decoys: 野外作业补贴 at S02, 通信补贴
  (the catalog's 通讯补贴 under another name and code) at the cap.
- RF_PAY_002 交通补贴 above the cap for the rank; 交通补贴 split over a regular and a （补发） line, each under
  the cap, together above it; 夜班津贴 to a middle manager; 高温津贴 in October; decoys: 通讯补贴 exactly at the
  cap (in two lines in some subsidiaries), 高温津贴 in October at S02 (whose catalog pays it until October).
- RF_PAY_003 allowances paid for months after a person left; any pay after retiring (some subsidiaries);
  decoys: the month of leaving itself, 经济补偿金 after leaving, 统筹外退休费 after retiring.
- RF_PAY_004 pay to codes not on the HR roster (吃空饷); a leaver still paid salary (also RF_PAY_003, line by
  line); pay for a month before the hire (some subsidiaries); decoys: a new hire paid in the month of joining,
  an employee paid under the payroll system's form of the code.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from jiandu.settings import PROJECT_ROOT
from jiandu_dev.generator.context import Context
from jiandu_dev.generator.people import Person, new_person

SEEDS = PROJECT_ROOT / "dbt_project" / "seeds" / "standards"
BASE = {"R01": 18000, "R02": 12000, "R03": 10000, "R04": 6000, "R05": 11000}
CENT = Decimal("0.01")
PAY_ITEMS = [("W01", "基本工资", "工资", Decimal(1)), ("W02", "岗位工资", "工资", Decimal("0.6")),
             ("W03", "绩效工资", "奖金", Decimal("0.4"))]


@cache
def _standards() -> dict:
    with (SEEDS / "map_hr_rank_travel_tier.csv").open(encoding="utf-8") as fh:
        rank_names = {r["rank_code"]: r["rank_name"] for r in csv.DictReader(fh) if not r["subsidiary_code"]}
    with (SEEDS / "std_allowance_catalog.csv").open(encoding="utf-8") as fh:
        catalog = [r for r in csv.DictReader(fh) if not r["effective_to"]]
    return {"rank_names": rank_names, "catalog": catalog}


def catalog_for(org: str) -> list[dict]:
    """The catalog rows in force for a subsidiary: its own rows replace the group's rows of the same item."""
    rows = _standards()["catalog"]
    own_items = {r["item_code"] for r in rows if r["subsidiary_code"] == org}
    return [r for r in rows if r["subsidiary_code"] == org
            or (not r["subsidiary_code"] and r["item_code"] not in own_items)]


def _eligible(row: dict, rank_name: str, month: int) -> bool:
    ranks = row["eligible_ranks"].split("|")
    months = {int(m) for m in row["payable_months"].split(",")} if row["payable_months"] else set(range(1, 13))
    return ("全部" in ranks or rank_name in ranks) and month in months


def _months(ctx: Context) -> list[date]:
    first = date(ctx.start.year, ctx.start.month, 1)
    out = []
    while first < date(ctx.as_of.year, ctx.as_of.month, 1):
        out.append(first)
        first = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return out


def _in_post(p: Person, month: date) -> bool:
    end = p.leave_date or p.retire_date
    month_end = date(month.year + month.month // 12, month.month % 12 + 1, 1) - timedelta(days=1)
    return p.hire_date <= month_end and (end is None or end >= month)


def add_people(ctx: Context) -> list[Person]:
    """Per subsidiary: a leaver, a retiree, a new hire and a leaver still paid salary (codes E8xx, after the base
    staff)."""
    rng = ctx.rng("payroll-people")
    out = []
    for s_idx, (org, _, _) in enumerate(ctx.subsidiaries):
        staff = ctx.staff_of(org)
        head = next(p for p in staff if p.rank_code == "R02")
        left = ctx.as_of - timedelta(days=130 + 3 * s_idx)
        retired = ctx.as_of - timedelta(days=200 + 3 * s_idx)
        out.append(new_person(rng, f"{org}E8001", org, head.dept_name, "职员", "R04", head.emp_code,
                              status="离职", leave_date=left))
        out.append(new_person(rng, f"{org}E8002", org, head.dept_name, "职员", "R04", head.emp_code,
                              status="退休", retire_date=retired, hire_date=date(1996, 7, 1)))
        joined = date(ctx.as_of.year, ctx.as_of.month, 1) - timedelta(days=20)
        out.append(new_person(rng, f"{org}E8003", org, head.dept_name, "职员", "R04", head.emp_code,
                              hire_date=joined))
        quit_on = ctx.as_of - timedelta(days=100 + 7 * s_idx)
        out.append(new_person(rng, f"{org}E8004", org, head.dept_name, "职员", "R04", head.emp_code,
                              status="离职", leave_date=quit_on))
    return out


def payroll_code(emp_code: str, style: int) -> str:
    """An employee code as a payroll system may write it: lower case, leading zeros dropped, or a dash."""
    org, number = emp_code.split("E")
    if style == 0:
        return emp_code
    if style == 1:
        return f"{org.lower()}e{int(number)}"
    if style == 2:
        return f"{org}-E{number}"
    return f"{org}E{int(number)}"


def _line(emp: str, org: str, month: date, code: str, name: str, category: str, amount) -> dict:
    return dict(emp_code=emp, pay_month=f"{month:%Y-%m}", item_code=code, org_code=org, item_name=name,
                item_category=category, amount=str(Decimal(amount).quantize(CENT)),
                ts=f"{month.year}-{month.month:02d}-25 10:00:00")


def _key(line: dict) -> str:
    return f"{line['emp_code']}|{line['pay_month']}|{line['item_code']}"


BANNED_FORMS = [("春节过节费", "福利"), ("节日慰问金（补发）", "奖金"), ("中秋 节日费", "福利"), ("购房补贴", "津补贴"),
                ("端午过节补助", "福利"), ("超市购物卡", "福利"), ("住房补助", "津补贴")]
BACK_PAY_FORMS = ["交通补贴（补发）", "补发交通补贴", "交通补贴 补发", "交通补贴(3月补发)"]


def tables(ctx: Context) -> Iterator[tuple[str, str, object]]:
    rng = ctx.rng("payroll")
    rank_names = _standards()["rank_names"]
    months = _months(ctx)
    truth = ctx.truth
    for s_idx, (org, _, _) in enumerate(ctx.subsidiaries):
        catalog = catalog_for(org)
        items = sorted({r["item_code"] for r in catalog})
        lines: dict[str, dict] = {}
        people = [p for p in ctx.people if p.org_code == org]
        staff = [p for p in people if p.status == "在职" and p.rank_code == "R04" and not p.promoted_on]
        # the payroll system's own form of a few codes (the same person is always written the same way)
        styles = {staff[0].emp_code: s_idx % 2, staff[2].emp_code: 3 if s_idx % 3 == 0 else 0,
                  staff[6].emp_code: 1 + s_idx % 3, staff[7].emp_code: (s_idx + 1) % 4}
        code_of = {p.emp_code: payroll_code(p.emp_code, styles.get(p.emp_code, 0)) for p in people}
        for p in people:
            chosen = {i for i in items if rng.random() < 0.6}
            share = {i: Decimal(rng.randrange(50, 101)) / 100 for i in items}
            base = BASE[p.rank_code] * Decimal(rng.randrange(90, 111)) / 100
            for month in months:
                if not _in_post(p, month):
                    continue
                rank = p.rank_on(month)
                for code, name, cat, factor in PAY_ITEMS:
                    line = _line(code_of[p.emp_code], org, month, code, name, cat,
                                 (BASE[rank] if rank != p.rank_code else base) * factor)
                    lines[_key(line)] = line
                for row in catalog:
                    if row["item_code"] in chosen and _eligible(row, rank_names[rank], month.month):
                        cap = Decimal(row["monthly_cap"])
                        line = _line(code_of[p.emp_code], org, month, row["item_code"], row["item_name"], "津补贴",
                                     (cap * share[row["item_code"]]).quantize(Decimal("1")))
                        lines[_key(line)] = line

        def plant(line: dict, rule: str, kind: str, amount: str, note: str, lines=lines, org=org) -> None:
            lines[_key(line)] = line
            truth.add(rule, org, "hr.payroll_line", _key(line), amount, kind, note)

        def also(line: dict, rule: str, kind: str, amount: str, note: str, org=org) -> None:
            """The same line in another rule's ground truth."""
            truth.add(rule, org, "hr.payroll_line", _key(line), amount, kind, note)

        def pay(p: Person, month: date, code: str, name: str, category: str, amount, code_of=code_of,
                org=org) -> dict:
            return _line(code_of[p.emp_code], org, month, code, name, category, amount)

        def clear(p: Person, month: date, item_code: str, code_of=code_of, lines=lines) -> None:
            """Drop the background line of an item (a planted line of another code must not add to it)."""
            lines.pop(f"{code_of[p.emp_code]}|{month:%Y-%m}|{item_code}", None)

        r02 = next(p for p in people if p.rank_code == "R02")
        recent = months[-3]
        cap_of = {(r["item_code"], rank): Decimal(r["monthly_cap"]) for r in catalog
                  for rank in ("一般员工",) if rank in r["eligible_ranks"] or r["eligible_ranks"] == "全部"}
        # RF_PAY_001: a banned item in one of its written forms; an item outside the catalog
        name, category = BANNED_FORMS[s_idx % len(BANNED_FORMS)]
        month = next(m for m in reversed(months) if m.month == 2) if "春节" in name else months[-2 - s_idx % 6]
        amount = rng.randrange(8, 31) * 100
        plant(pay(staff[0], month, f"Z{s_idx % 7 + 1:02d}", name, category, amount), "RF_PAY_001", "planted",
              f"{amount}.00", f"{name}（已取消或自设项目，{category}类）")
        field_line = pay(staff[1], recent, "A07", "野外作业补贴", "津补贴", 600)
        if org == "S02":
            plant(field_line, "RF_PAY_001", "decoy", "0.00", "S02核准目录内的野外作业补贴")
        else:
            plant(field_line, "RF_PAY_001", "planted", "600.00", "本单位核准目录无野外作业补贴")
        comm = cap_of[("A02", "一般员工")]
        month = months[-4]
        clear(staff[5], month, "A02")
        alias_line = pay(staff[5], month, "A02X", "通信补贴", "津补贴", comm)
        plant(alias_line, "RF_PAY_001", "decoy", "0.00", "通信补贴即目录内通讯补贴（别名、编码不同），恰为标准")
        also(alias_line, "RF_PAY_002", "decoy", "0.00", "通信补贴即通讯补贴，恰为标准")
        # RF_PAY_002: over the cap (one line; a regular and a back-pay line), ineligible rank, out of season
        cap = cap_of[("A01", "一般员工")]
        excess = rng.randrange(1, 30) * 10
        plant(pay(staff[2], recent, "A01", "交通补贴", "津补贴", cap + excess), "RF_PAY_002", "planted",
              f"{excess}.00", f"交通补贴{cap + excess}元，一般员工标准{cap}元")
        month = months[-5]
        excess = rng.randrange(2, 20) * 10
        regular = pay(staff[7], month, "A01", "交通补贴", "津补贴", cap - 100)
        back_pay = pay(staff[7], month, "A01B", BACK_PAY_FORMS[s_idx % len(BACK_PAY_FORMS)], "津补贴", 100 + excess)
        plant(regular, "RF_PAY_002", "planted", f"{excess}.00", f"交通补贴两行合计{cap + excess}元，标准{cap}元")
        plant(back_pay, "RF_PAY_002", "planted", "0.00", "同月补发行与正常行合并计算")
        also(back_pay, "RF_PAY_001", "decoy", "0.00", "交通补贴的补发行，属目录内项目")
        night = next(Decimal(r["monthly_cap"]) for r in catalog if r["item_code"] == "A05")
        plant(pay(r02, recent, "A05", "夜班津贴", "津补贴", night), "RF_PAY_002", "planted",
              str(night.quantize(CENT)), "夜班津贴仅限一般员工，发给中层正职")
        if s_idx % 2:
            plant(pay(staff[3], recent, "A02", "通讯补贴", "津补贴", comm), "RF_PAY_002", "decoy", "0.00",
                  "通讯补贴恰为标准")
        else:
            part = (comm / 3).quantize(Decimal("1"))
            plant(pay(staff[3], recent, "A02", "通讯补贴", "津补贴", comm - part), "RF_PAY_002", "decoy", "0.00",
                  "通讯补贴两行合计恰为标准")
            plant(pay(staff[3], recent, "A02B", "通讯补贴（补发）", "津补贴", part), "RF_PAY_002", "decoy", "0.00",
                  "通讯补贴两行合计恰为标准")
        october = next(m for m in reversed(months) if m.month == 10)
        if org == "S02":
            plant(pay(staff[4], october, "A04", "高温津贴", "津补贴", 300), "RF_PAY_002", "decoy",
                  "0.00", "S02高温津贴发放月份含10月")
        else:
            plant(pay(staff[4], october, "A04", "高温津贴", "津补贴", 300), "RF_PAY_002", "planted",
                  "300.00", "10月发放高温津贴（发放月份6-9月）")
        # RF_PAY_003: paid after leaving or retiring; the month of leaving, severance and retirement pay are decoys
        leaver = next(p for p in people if p.emp_code == f"{org}E8001")
        left_month = date(leaver.leave_date.year, leaver.leave_date.month, 1)
        after = [m for m in months if m > left_month][:2]
        amount = 100 + 10 * s_idx % 60
        for m in after:
            plant(pay(leaver, m, "A02", "通讯补贴", "津补贴", amount), "RF_PAY_003", "planted", f"{amount}.00",
                  f"离职（{leaver.leave_date}）后仍发放通讯补贴")
        plant(pay(leaver, left_month, "A03", "误餐补贴", "津补贴", 200), "RF_PAY_003", "decoy", "0.00", "离职当月发放")
        severance = pay(leaver, after[0], "X01", "解除劳动合同经济补偿金", "工资", 20000 + 1000 * s_idx)
        plant(severance, "RF_PAY_003", "decoy", "0.00", "离职后依法支付经济补偿金")
        also(severance, "RF_PAY_004", "decoy", "0.00", "离职后只支付经济补偿金，不是领取工资")
        retiree = next(p for p in people if p.emp_code == f"{org}E8002")
        retired_month = date(retiree.retire_date.year, retiree.retire_date.month, 1)
        next_month = next(m for m in months if m > retired_month)
        if s_idx % 2 == 0:
            plant(pay(retiree, next_month, "A01", "交通补贴", "津补贴", 300), "RF_PAY_003", "planted", "300.00",
                  f"退休（{retiree.retire_date}）后仍发放交通补贴")
        pension = pay(retiree, next_month, "R01", "统筹外退休费", "工资", 800)
        plant(pension, "RF_PAY_003", "decoy", "0.00", "退休后按规定发放的统筹外退休费")
        also(pension, "RF_PAY_004", "decoy", "0.00", "退休后只发放统筹外退休费，不是领取工资")
        # RF_PAY_004: a code on no record; salary after leaving (also RF_PAY_003); pay before the hire
        ghost = f"{org}E9{s_idx + 1:03d}"
        for m in months[-2 - 2 - s_idx % 3:-1]:
            for code, name, amount in (("W01", "基本工资", 6000 + 100 * s_idx), ("W02", "岗位工资", 3600 + 40 * s_idx)):
                plant(_line(ghost, org, m, code, name, "工资", amount), "RF_PAY_004", "planted", f"{amount}.00",
                      "人员档案无此人")
        quitter = next(p for p in people if p.emp_code == f"{org}E8004")
        quit_month = date(quitter.leave_date.year, quitter.leave_date.month, 1)
        for i, m in enumerate([m for m in months if m > quit_month][:2 + s_idx % 2]):
            paid = [("W01", "基本工资", "工资", 5800 + 50 * s_idx), ("W02", "岗位工资", "工资", 3480 + 30 * s_idx)]
            if i == 0 and s_idx % 2 == 0:
                paid.append(("A03", "误餐补贴", "津补贴", 300))
            for code, name, category, amount in paid:
                line = pay(quitter, m, code, name, category, amount)
                plant(line, "RF_PAY_004", "planted", f"{amount}.00", f"离职（{quitter.leave_date}）后仍领取工资")
                also(line, "RF_PAY_003", "planted", f"{amount}.00", f"离职（{quitter.leave_date}）后仍发放{name}")
        hire = next(p for p in people if p.emp_code == f"{org}E8003")
        hire_month = date(hire.hire_date.year, hire.hire_date.month, 1)
        plant(pay(hire, hire_month, "W01", "基本工资", "工资", 6000), "RF_PAY_004", "decoy", "0.00",
              "当月新入职人员")
        if s_idx % 2:
            before = date(hire_month.year - (hire_month.month == 1), (hire_month.month - 2) % 12 + 1, 1)
            plant(pay(hire, before, "W01", "基本工资", "工资", 5500), "RF_PAY_004", "planted", "5500.00",
                  f"入职（{hire.hire_date}）前一个月即发放工资")
        plant(lines[f"{code_of[staff[6].emp_code]}|{recent:%Y-%m}|W01"], "RF_PAY_004", "decoy", "0.00",
              f"工资系统编码写作{code_of[staff[6].emp_code]}（人员档案{staff[6].emp_code}）的在职人员")
        yield "hr", "payroll_line", list(lines.values())
