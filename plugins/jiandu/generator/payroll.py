"""HR payroll: monthly pay lines per person with the allowances of the approved catalog, and planted cases.

Background: everyone in post is paid base, post and performance pay plus a stable subset of the allowances
the catalog (dbt seed std_allowance_catalog, a subsidiary's own rows replacing the group's for an item)
allows for the rank held that month, never above the cap, seasonal items only in their months.

Planted per subsidiary, with near-miss decoys:
- RF_PAY_001 an item outside the catalog (春节过节费; 野外作业补贴 where only S02's catalog has it);
  decoy: 野外作业补贴 at S02.
- RF_PAY_002 交通补贴 above the cap for the rank, 夜班津贴 to a middle manager, 高温津贴 in November;
  decoys: 通讯补贴 exactly at the cap, 高温津贴 in October at S02 (whose catalog pays it until October).
- RF_PAY_003 allowances paid for two months after a person left; decoy: the month of leaving itself.
- RF_PAY_004 pay to codes not on the HR roster (吃空饷); decoy: a new hire paid in the month of joining.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from jiandu.generator.context import Context
from jiandu.generator.people import Person, new_person
from jiandu.settings import PROJECT_ROOT

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
    """Per subsidiary: a leaver, a retiree and a new hire (codes E8xx, after the base staff)."""
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
    return out


def _line(emp: str, org: str, month: date, code: str, name: str, category: str, amount) -> dict:
    return dict(emp_code=emp, pay_month=f"{month:%Y-%m}", item_code=code, org_code=org, item_name=name,
                item_category=category, amount=str(Decimal(amount).quantize(CENT)),
                ts=f"{month.year}-{month.month:02d}-25 10:00:00")


def _key(line: dict) -> str:
    return f"{line['emp_code']}|{line['pay_month']}|{line['item_code']}"


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
        for p in people:
            chosen = {i for i in items if rng.random() < 0.6}
            share = {i: Decimal(rng.randrange(50, 101)) / 100 for i in items}
            base = BASE[p.rank_code] * Decimal(rng.randrange(90, 111)) / 100
            for month in months:
                if not _in_post(p, month):
                    continue
                rank = p.rank_on(month)
                for code, name, cat, factor in PAY_ITEMS:
                    line = _line(p.emp_code, org, month, code, name, cat, (BASE[rank] if rank != p.rank_code else base)
                                 * factor)
                    lines[_key(line)] = line
                for row in catalog:
                    if row["item_code"] in chosen and _eligible(row, rank_names[rank], month.month):
                        cap = Decimal(row["monthly_cap"])
                        line = _line(p.emp_code, org, month, row["item_code"], row["item_name"], "津补贴",
                                     (cap * share[row["item_code"]]).quantize(Decimal("1")))
                        lines[_key(line)] = line

        def plant(line: dict, rule: str, kind: str, amount: str, note: str, lines=lines, org=org) -> None:
            lines[_key(line)] = line
            truth.add(rule, org, "hr.payroll_line", _key(line), amount, kind, note)

        staff = [p for p in people if p.status == "在职" and p.rank_code == "R04" and not p.promoted_on]
        r02 = next(p for p in people if p.rank_code == "R02")
        recent = months[-3]
        # RF_PAY_001: not in the catalog
        feb = next(m for m in reversed(months) if m.month == 2)
        plant(_line(staff[0].emp_code, org, feb, "Z01", "春节过节费", "福利", 2000), "RF_PAY_001", "planted", "2000.00",
              "春节过节费（已取消项目）")
        field_line = _line(staff[1].emp_code, org, recent, "A07", "野外作业补贴", "津补贴", 600)
        if org == "S02":
            plant(field_line, "RF_PAY_001", "decoy", "0.00", "S02核准目录内的野外作业补贴")
        else:
            plant(field_line, "RF_PAY_001", "planted", "600.00", "本单位核准目录无野外作业补贴")
        # RF_PAY_002: over the cap, ineligible rank, out of season
        cap = next(Decimal(r["monthly_cap"]) for r in catalog
                   if r["item_code"] == "A01" and "一般员工" in r["eligible_ranks"])
        plant(_line(staff[2].emp_code, org, recent, "A01", "交通补贴", "津补贴", cap + 100), "RF_PAY_002", "planted",
              "100.00", f"交通补贴{cap + 100}元，一般员工标准{cap}元")
        night = next(Decimal(r["monthly_cap"]) for r in catalog if r["item_code"] == "A05")
        plant(_line(r02.emp_code, org, recent, "A05", "夜班津贴", "津补贴", night), "RF_PAY_002", "planted",
              str(night.quantize(CENT)), "夜班津贴仅限一般员工，发给中层正职")
        comm = next(Decimal(r["monthly_cap"]) for r in catalog if r["item_code"] == "A02"
                    and ("一般员工" in r["eligible_ranks"] or r["eligible_ranks"] == "全部"))
        plant(_line(staff[3].emp_code, org, recent, "A02", "通讯补贴", "津补贴", comm), "RF_PAY_002", "decoy", "0.00",
              "通讯补贴恰为标准")
        october = next(m for m in reversed(months) if m.month == 10)
        if org == "S02":
            plant(_line(staff[4].emp_code, org, october, "A04", "高温津贴", "津补贴", 300), "RF_PAY_002", "decoy",
                  "0.00", "S02高温津贴发放月份含10月")
        else:
            plant(_line(staff[4].emp_code, org, october, "A04", "高温津贴", "津补贴", 300), "RF_PAY_002", "planted",
                  "300.00", "10月发放高温津贴（发放月份6-9月）")
        # RF_PAY_003: paid after leaving; the month of leaving itself is a decoy
        leaver = next(p for p in people if p.emp_code == f"{org}E8001")
        left_month = date(leaver.leave_date.year, leaver.leave_date.month, 1)
        after = [m for m in months if m > left_month][:2]
        for m in after:
            plant(_line(leaver.emp_code, org, m, "A02", "通讯补贴", "津补贴", 150), "RF_PAY_003", "planted", "150.00",
                  f"离职（{leaver.leave_date}）后仍发放通讯补贴")
        plant(_line(leaver.emp_code, org, left_month, "A03", "误餐补贴", "津补贴", 200), "RF_PAY_003", "decoy",
              "0.00", "离职当月发放")
        # RF_PAY_004: pay to codes not on the roster; a new hire paid in the month of joining is a decoy
        ghost = f"{org}E9{s_idx + 1:03d}"
        for m in months[-4:-1]:
            for code, name, amount in (("W01", "基本工资", 6200), ("W02", "岗位工资", 3720)):
                plant(_line(ghost, org, m, code, name, "工资", amount), "RF_PAY_004", "planted", f"{amount}.00",
                      "人员档案无此人")
        hire = next(p for p in people if p.emp_code == f"{org}E8003")
        hire_month = date(hire.hire_date.year, hire.hire_date.month, 1)
        plant(_line(hire.emp_code, org, hire_month, "W01", "基本工资", "工资", 6000), "RF_PAY_004", "decoy", "0.00",
              "当月新入职人员")
        yield "hr", "payroll_line", list(lines.values())
