"""HR personnel records: establishment (三定), relatives, concurrent posts, passports, trips abroad.

Planted per subsidiary, with near-miss decoys:
- RF_HR_001 a declared relative who reports directly to the declarer (or the reverse); decoys: relatives in
  another subsidiary, relatives in the same subsidiary with no reporting line.
- RF_HR_002 a leader with more concurrent posts than std_concurrent_posts allows, another with an unapproved
  post; decoys: exactly the limit, a post over the limit that already ended.
- RF_HR_003 a title outside the establishment (总经理助理), a second deputy where one is approved; decoy:
  every other title, held exactly as many times as approved.
- RF_HR_004 a passport returned after the deadline, one never returned; decoy: returned on the last day.
- RF_HR_005 a trip abroad that came back later than approved; decoy: back exactly on the approved day.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache

from jiandu.generator.context import Context
from jiandu.generator.people import Person, new_person, person_name
from jiandu.settings import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "dbt_project" / "seeds" / "standards"
COUNTRIES = ["德国", "日本", "新加坡", "法国", "澳大利亚", "阿联酋", "巴西", "英国"]
BOARDS = ["产业投资基金管理有限公司", "行业协会", "合资公司", "科技创新平台有限公司", "物业管理有限公司"]


@cache
def _return_days() -> dict[str, int]:
    with (SEEDS / "std_passport_return.csv").open(encoding="utf-8") as fh:
        return {r["document_type"]: int(r["days_to_return"]) for r in csv.DictReader(fh) if not r["subsidiary_code"]}


@cache
def _max_posts() -> int:
    with (SEEDS / "std_concurrent_posts.csv").open(encoding="utf-8") as fh:
        return next(int(r["max_posts"]) for r in csv.DictReader(fh) if not r["subsidiary_code"])


def add_people(ctx: Context) -> list[Person]:
    """Per subsidiary: an assistant to the GM (a title outside the establishment) and a second deputy."""
    rng = ctx.rng("personnel-people")
    out = []
    for org, _, _ in ctx.subsidiaries:
        staff = ctx.staff_of(org)
        gm = next(p for p in staff if p.position_title == "总经理")
        deputy = next(p for p in staff if p.rank_code == "R03" and not p.promoted_on)
        out.append(new_person(rng, f"{org}E7001", org, "公司领导", "总经理助理", "R03", gm.emp_code))
        out.append(new_person(rng, f"{org}E7002", org, deputy.dept_name, deputy.position_title, "R03",
                              deputy.manager_emp_code))
    return out


def tables(ctx: Context) -> Iterator[tuple[str, str, object]]:
    rng = ctx.rng("personnel")
    truth = ctx.truth
    establishment, relatives, posts, passports, trips = [], [], [], [], []
    days = _return_days()
    limit = _max_posts()
    orgs = [org for org, _, _ in ctx.subsidiaries]
    for s_idx, org in enumerate(orgs):
        staff = ctx.staff_of(org)
        planted_titles = {f"{org}E7001", f"{org}E7002"}
        # --- establishment: what the base staff hold, exactly (the planted extras are not approved) ---------------
        held = Counter((p.dept_name, p.position_title) for p in staff if p.emp_code not in planted_titles)
        for (dept, title), n in sorted(held.items()):
            establishment.append(dict(org_code=org, dept_name=dept, position_title=title,
                                      approved_count=n + (2 if title == "职员" else 0), approved_on="2023-01-01",
                                      ts="2023-01-01 09:00:00"))
        assistant = next(p for p in staff if p.emp_code == f"{org}E7001")
        truth.add("RF_HR_003", org, "hr.employee", assistant.emp_code, "0.00", "planted", "总经理助理不在核定职务内")
        extra = next(p for p in staff if p.emp_code == f"{org}E7002")
        holders = [p for p in staff if (p.dept_name, p.position_title) == (extra.dept_name, extra.position_title)]
        for p in holders:
            truth.add("RF_HR_003", org, "hr.employee", p.emp_code, "0.00", "planted",
                      f"{extra.position_title}核定1名，实有{len(holders)}名")
        head = next(p for p in staff if p.rank_code == "R02" and p.dept_name != extra.dept_name)
        truth.add("RF_HR_003", org, "hr.employee", head.emp_code, "0.00", "decoy", "职数恰为核定数")

        # --- relatives -------------------------------------------------------------------------------------------
        n = 0

        def declare(emp: Person, relative: Person | None, relation: str, org: str = org) -> str:
            nonlocal n
            n += 1
            decl = f"QS-{org}-{n:04d}"
            relatives.append(dict(decl_id=decl, emp_code=emp.emp_code,
                                  relative_name=relative.emp_name if relative else person_name(rng),
                                  relation=relation, relative_emp_code=relative.emp_code if relative else None,
                                  declared_on="2025-03-01", ts="2025-03-01 09:00:00"))
            return decl

        for p in staff[:: max(1, len(staff) // 6)]:  # background: relatives outside the group
            declare(p, None, rng.choice(["配偶", "父母", "子女", "兄弟姐妹"]))
        boss = next(p for p in staff if p.rank_code == "R02")
        report = next(p for p in staff if p.manager_emp_code == boss.emp_code and p.rank_code == "R04")
        decl = declare(report, boss, "配偶") if s_idx % 2 else declare(boss, report, "配偶")
        truth.add("RF_HR_001", org, "hr.relative_declaration", decl, "0.00", "planted",
                  f"{boss.emp_name}（{boss.position_title}）与其直接下属{report.emp_name}为配偶")
        r04 = [p for p in staff if p.rank_code == "R04" and p.manager_emp_code != boss.emp_code]
        a, b = r04[0], next(p for p in r04 if p.dept_name != r04[0].dept_name)
        decl = declare(a, b, "兄弟姐妹")
        truth.add("RF_HR_001", org, "hr.relative_declaration", decl, "0.00", "decoy", "同单位不同部门，无上下级关系")
        other = ctx.staff_of(orgs[(s_idx + 1) % len(orgs)])[20]
        decl = declare(staff[21], other, "子女")
        truth.add("RF_HR_001", org, "hr.relative_declaration", decl, "0.00", "decoy", "亲属在其他单位任职")

        # --- concurrent posts ------------------------------------------------------------------------------------
        leaders = [p for p in staff if p.rank_code in ("R01", "R02")]
        m = 0

        def post(p: Person, approved: bool = True, ended: bool = False, org: str = org) -> str:
            nonlocal m
            m += 1
            start = ctx.as_of - timedelta(days=rng.randrange(200, 900))
            posts.append(dict(post_id=f"JZ-{org}-{m:04d}", emp_code=p.emp_code,
                              post_org=rng.choice(["某", "华", "中"]) + rng.choice(BOARDS),
                              post_title=rng.choice(["董事", "监事", "副会长", "理事"]), start_date=start.isoformat(),
                              end_date=(ctx.as_of - timedelta(days=30)).isoformat() if ended else None,
                              approved=1 if approved else 0, ts=f"{start} 09:00:00"))
            return f"JZ-{org}-{m:04d}"

        for p in leaders[4:]:
            post(p)
        for pid in [post(leaders[0]) for _ in range(limit + 1)]:
            truth.add("RF_HR_002", org, "hr.concurrent_post", pid, "0.00", "planted", f"兼职{limit + 1}个，上限{limit}个")
        truth.add("RF_HR_002", org, "hr.concurrent_post", post(leaders[1], approved=False), "0.00", "planted",
                  "兼职未经批准")
        for pid in [post(leaders[2]) for _ in range(limit)]:
            truth.add("RF_HR_002", org, "hr.concurrent_post", pid, "0.00", "decoy", f"兼职恰为{limit}个")
        for pid in [post(leaders[3]) for _ in range(limit)] + [post(leaders[3], ended=True)]:
            truth.add("RF_HR_002", org, "hr.concurrent_post", pid, "0.00", "decoy", "超出上限的一个兼职已终止")

        # --- passports and trips abroad --------------------------------------------------------------------------
        k = 0
        for p in leaders + staff[20:26]:
            for _ in range(2):
                k += 1
                kind = "因公" if p.rank_code in ("R01", "R02") else "因私"
                start = ctx.as_of - timedelta(days=rng.randrange(40, 30 * ctx.scale.months))
                length = rng.randrange(4, 12)
                end = start + timedelta(days=length - 1)
                record = f"ZZ-{org}-{k:04d}"
                returned = end + timedelta(days=rng.randrange(0, days[kind] + 1))
                passports.append(dict(record_id=record, emp_code=p.emp_code, org_code=org, document_type=kind,
                                      document_no=("PE" if kind == "因公" else "E") + f"{rng.randrange(10**7):07d}",
                                      borrowed_on=(start - timedelta(days=3)).isoformat(), trip_end_date=end.isoformat(),
                                      returned_on=returned.isoformat(), ts=f"{returned} 09:00:00"))
                trip = f"CG-{org}-{k:04d}"
                trips.append(dict(trip_id=trip, emp_code=p.emp_code, org_code=org, destination=rng.choice(COUNTRIES),
                                  purpose=rng.choice(["技术考察", "商务洽谈", "参加国际会议", "项目投标"]),
                                  approved_days=length, approved_start=start.isoformat(), approved_end=end.isoformat(),
                                  actual_exit=start.isoformat(), actual_entry=end.isoformat(), ts=f"{end} 09:00:00"))
        planted_late = passports[-1]
        late_by = days[planted_late["document_type"]] + 3
        planted_late["returned_on"] = (ctx.as_of - timedelta(days=20)).isoformat()
        planted_late["trip_end_date"] = (ctx.as_of - timedelta(days=20 + late_by)).isoformat()
        planted_late["borrowed_on"] = (ctx.as_of - timedelta(days=30 + late_by)).isoformat()
        truth.add("RF_HR_004", org, "oa.passport_custody", planted_late["record_id"], "0.00", "planted",
                  f"回国后{late_by}天交回，规定{days[planted_late['document_type']]}天")
        missing = passports[-2]
        missing["trip_end_date"] = (ctx.as_of - timedelta(days=40)).isoformat()
        missing["borrowed_on"] = (ctx.as_of - timedelta(days=50)).isoformat()
        missing["returned_on"] = None
        truth.add("RF_HR_004", org, "oa.passport_custody", missing["record_id"], "0.00", "planted", "回国40天仍未交回")
        on_time = passports[-3]
        on_time["returned_on"] = (date_of(on_time["trip_end_date"]) + timedelta(days=days[on_time["document_type"]])
                                  ).isoformat()
        truth.add("RF_HR_004", org, "oa.passport_custody", on_time["record_id"], "0.00", "decoy", "规定期限最后一天交回")
        overstay = trips[-1]
        overstay["actual_entry"] = (date_of(overstay["approved_end"]) + timedelta(days=3)).isoformat()
        truth.add("RF_HR_005", org, "oa.trip_abroad", overstay["trip_id"], "0.00", "planted", "实际入境晚于批准日期3天")
        exact = trips[-2]
        truth.add("RF_HR_005", org, "oa.trip_abroad", exact["trip_id"], "0.00", "decoy", "恰在批准入境日期入境")
        early = trips[-3]
        early["actual_entry"] = (date_of(early["approved_end"]) - timedelta(days=1)).isoformat()
        truth.add("RF_HR_005", org, "oa.trip_abroad", early["trip_id"], "0.00", "decoy", "提前一天回国")

    yield "hr", "establishment", establishment
    yield "hr", "relative_declaration", relatives
    yield "hr", "concurrent_post", posts
    yield "oa", "passport_custody", passports
    yield "oa", "trip_abroad", trips


def date_of(text: str) -> date:
    return date.fromisoformat(text)
