"""HR: the staff of every subsidiary (employee, rank_history), shared by every module that needs people.

Per subsidiary: a chairman and a general manager (R01), per department a head (R02) and a deputy (R03),
and general staff (R04). Codes are `<org>E<nnnn>` in that order; modules that plant people of their own
(leavers, relatives, ghost payees) append them after the base staff, so base codes never move.
A few staff were promoted R04 -> R03 during the period: a travel tier must be judged on the travel date.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from jiandu_dev.generator.context import Context

SYSTEM = "hr"
DEPARTMENTS = ["综合办公室", "财务部", "工程管理部", "市场营销部", "安全环保部", "人力资源部"]
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
_GIVEN = "伟芳娜敏静磊洋勇艳杰涛明超霞平刚华建国志强秀兰玉兰海燕晓东丽红军文斌鹏飞俊峰宇辉亮"
_AREA_CODES = ["110101", "310104", "440305", "320102", "330106", "510107", "420106", "610113", "370102"]


@dataclass(frozen=True)
class Person:
    emp_code: str
    emp_name: str
    id_number: str
    gender: str
    birth_date: date
    org_code: str
    dept_name: str
    position_title: str
    rank_code: str
    manager_emp_code: str | None
    status: str = "在职"
    hire_date: date = date(2010, 7, 1)
    leave_date: date | None = None
    retire_date: date | None = None
    promoted_on: date | None = None  # R04 -> R03 during the period (rank_history has two rows)

    def row(self) -> dict:
        return dict(emp_code=self.emp_code, emp_name=self.emp_name, id_number=self.id_number, gender=self.gender,
                    birth_date=self.birth_date.isoformat(), org_code=self.org_code, dept_name=self.dept_name,
                    position_title=self.position_title, rank_code=self.rank_code,
                    manager_emp_code=self.manager_emp_code, status=self.status, hire_date=self.hire_date.isoformat(),
                    leave_date=self.leave_date.isoformat() if self.leave_date else None,
                    retire_date=self.retire_date.isoformat() if self.retire_date else None,
                    ts=f"{(self.leave_date or self.retire_date or self.promoted_on or self.hire_date).isoformat()} 09:00:00")

    def rank_on(self, day: date) -> str:
        if self.promoted_on and day < self.promoted_on:
            return "R04"
        return self.rank_code


def person_name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice([1, 2])))


def id_number(rng: random.Random, birth: date, gender: str) -> str:
    """A plausible 18-digit 身份证号 (area, birth date, sequence with gender parity, check digit)."""
    seq = rng.randrange(10, 99) * 10 + (rng.randrange(0, 10, 2) + (1 if gender == "男" else 0))
    body = rng.choice(_AREA_CODES) + birth.strftime("%Y%m%d") + f"{seq:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def new_person(rng: random.Random, emp_code: str, org: str, dept: str, title: str, rank: str,
               manager: str | None, **extra) -> Person:
    gender = rng.choice(["男", "女"])
    birth = date(rng.randrange(1968, 1998), rng.randrange(1, 13), rng.randrange(1, 29))
    hire = date(max(birth.year + 22, 2000) + rng.randrange(0, 6), rng.randrange(1, 13), 1)
    return Person(emp_code=emp_code, emp_name=extra.pop("emp_name", None) or person_name(rng),
                  id_number=id_number(rng, birth, gender), gender=gender, birth_date=birth, org_code=org,
                  dept_name=dept, position_title=title, rank_code=rank, manager_emp_code=manager,
                  hire_date=extra.pop("hire_date", hire), **extra)


def base_staff(ctx: Context) -> list[Person]:
    """Every subsidiary's ordinary staff, all in post."""
    rng = ctx.rng("people")
    people: list[Person] = []
    for org, _, _ in ctx.subsidiaries:
        n = 0

        def code(org: str = org) -> str:
            nonlocal n
            n += 1
            return f"{org}E{n:04d}"

        chair = new_person(rng, code(), org, "公司领导", "董事长", "R01", None)
        gm = new_person(rng, code(), org, "公司领导", "总经理", "R01", chair.emp_code)
        people += [chair, gm]
        heads = {}
        for dept in DEPARTMENTS:
            head = new_person(rng, code(), org, dept, f"{dept}部长" if dept.endswith("部") else f"{dept}主任",
                              "R02", gm.emp_code)
            deputy = new_person(rng, code(), org, dept, f"{dept}副部长" if dept.endswith("部") else f"{dept}副主任",
                                "R03", head.emp_code)
            heads[dept] = head
            people += [head, deputy]
        for i in range(max(ctx.scale.employees_per_subsidiary - len(DEPARTMENTS) * 2 - 2, 0)):
            dept = DEPARTMENTS[i % len(DEPARTMENTS)]
            p = new_person(rng, code(), org, dept, "业务主管" if i % 5 == 0 else "职员", "R04", heads[dept].emp_code)
            if i % 17 == 3:  # promoted to deputy level during the period (never before being hired)
                promoted = ctx.start + timedelta(days=rng.randrange(60, max(61, 30 * ctx.scale.months - 60)))
                if promoted > p.hire_date:
                    p = replace(p, rank_code="R03", position_title="副主任科员（副部长级）", promoted_on=promoted)
            people.append(p)
    return people


def rank_history(people: list[Person]) -> Iterator[dict]:
    for p in people:
        ts = f"{(p.promoted_on or p.hire_date).isoformat()} 09:00:00"
        if p.promoted_on:
            yield dict(emp_code=p.emp_code, rank_code="R04", effective_from=p.hire_date.isoformat(),
                       effective_to=(p.promoted_on - timedelta(days=1)).isoformat(), ts=ts)
            yield dict(emp_code=p.emp_code, rank_code=p.rank_code, effective_from=p.promoted_on.isoformat(),
                       effective_to=None, ts=ts)
        else:
            yield dict(emp_code=p.emp_code, rank_code=p.rank_code, effective_from=p.hire_date.isoformat(),
                       effective_to=(p.leave_date or p.retire_date).isoformat() if (p.leave_date or p.retire_date)
                       else None, ts=ts)


def tables(ctx: Context) -> Iterator[tuple[str, str, object]]:
    """(system, table, rows). ctx.people is final by the time this runs (every module has added its people)."""
    yield SYSTEM, "employee", (p.row() for p in ctx.people)
    yield SYSTEM, "rank_history", rank_history(ctx.people)
