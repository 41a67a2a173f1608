"""HR personnel records: establishment (三定), relatives, concurrent posts, passports, trips abroad.

Planted per subsidiary, in the forms HR and OA systems write them, with near-miss decoys:
- RF_HR_001 a spouse in a direct reporting line, the relation written 配偶 / 妻子 / 丈夫 / 爱人 / 夫妻 and the
  relative found by a differently written employee code, by a 15-digit or lower-case-x ID number, or by name
  (with a space) and birth date; the general manager's child working in the finance department (a post that
  requires avoidance); decoys: relatives in another subsidiary, in the same subsidiary with no reporting line,
  the general manager's nephew in a department without avoidance, a 同学 (not a relative) who reports directly.
- RF_HR_002 a leader with more concurrent posts than std_concurrent_posts allows (in some subsidiaries under the
  code written another way), another with an unapproved post; decoys: exactly the limit, a post over the limit
  that already ended, exactly the limit with one post recorded twice in another written form.
- RF_HR_003 a title outside the establishment (总经理助理), a second deputy where one is approved; decoys: every
  other title held exactly as many times as approved, a title the establishment writes with full-width spaces.
- RF_HR_004 a passport returned after its type's deadline (因公 7 days, 因私 10 days), one never returned, a 因公
  passport returned on day 8 (some subsidiaries); decoys: returned on the last day, a 因私 one returned on day 9,
  one not yet returned whose deadline has not passed.
- RF_HR_005 back later than approved; out before the approved day; more days than approved inside the approved
  window; not back although the approved day has passed (some subsidiaries); decoys: back exactly on the approved
  day, back a day early, a trip still under way within its approved dates.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache

from jiandu.settings import PROJECT_ROOT
from jiandu_dev.generator.context import Context
from jiandu_dev.generator.people import Person, id_number, new_person, person_name

SEEDS = PROJECT_ROOT / "dbt_project" / "seeds" / "standards"
COUNTRIES = ["德国", "日本", "新加坡", "法国", "澳大利亚", "阿联酋", "巴西", "英国"]
DEPARTMENTS_WRITTEN = ["工程管理部", "安全环保部", "人力资源部", "市场营销部"]
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
        # one title as the establishment file writes it (full-width spaces, a trailing blank): the same title
        written_dept = DEPARTMENTS_WRITTEN[s_idx % len(DEPARTMENTS_WRITTEN)]
        for (dept, title), n in sorted(held.items()):
            approved = n + (2 if title == "职员" else 0)
            if dept == written_dept and title == "职员":
                dept, title = dept[:2] + "　" + dept[2:] + " ", "职　员"
            establishment.append(dict(org_code=org, dept_name=dept, position_title=title, approved_count=approved,
                                      approved_on="2023-01-01", ts="2023-01-01 09:00:00"))
        clerk = next(p for p in staff if p.dept_name == written_dept and p.position_title == "职员")
        truth.add("RF_HR_003", org, "hr.employee", clerk.emp_code, "0.00", "decoy",
                  f"核定方案写作“{written_dept[:2]}　{written_dept[2:]} / 职　员”，与人员档案是同一部门职务")
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

        def declare(emp: Person, relative: Person | None, relation: str, how: str = "code", org: str = org) -> str:
            """how: code (the relative's employee code, written the HR way), lower (the code in lower case),
            id15 / idx (only the ID number, 15-digit or lower-case x), name (only name with a space, and birth)."""
            nonlocal n
            n += 1
            decl = f"QS-{org}-{n:04d}"
            if relative is None:  # outside the group: a person of their own, with ID number and birth date
                birth = date(rng.randrange(1950, 2005), rng.randrange(1, 13), rng.randrange(1, 29))
                name, ident, code = person_name(rng), id_number(rng, birth, rng.choice(["男", "女"])), None
            else:
                birth, name, ident, code = relative.birth_date, relative.emp_name, relative.id_number, relative.emp_code
                if how != "code":
                    code = code.lower() if how == "lower" else None
                if how == "id15":
                    ident = ident[:6] + ident[8:17]
                elif how == "idx":  # lower-case x, or the digits grouped with spaces
                    ident = ident.lower() if ident.endswith("X") else " ".join([ident[:6], ident[6:14], ident[14:]])
                elif how == "name":
                    ident, name = None, name[0] + " " + name[1:]
            relatives.append(dict(decl_id=decl, emp_code=emp.emp_code, relative_name=name, relation=relation,
                                  relative_emp_code=code, relative_id_number=ident,
                                  relative_birth_date=birth.isoformat() if birth else None,
                                  declared_on="2025-03-01", ts="2025-03-01 09:00:00"))
            return decl

        for p in staff[:: max(1, len(staff) // 6)]:  # background: relatives outside the group
            declare(p, None, rng.choice(["配偶", "父母", "子女", "兄弟姐妹", "父亲", "母亲", "妻子"]))
        boss = next(p for p in staff if p.rank_code == "R02")
        report = next(p for p in staff if p.manager_emp_code == boss.emp_code and p.rank_code == "R04")
        label = ["配偶", "妻子", "丈夫", "爱人", "夫妻"][s_idx % 5]
        how = ["lower", "id15", "name", "idx", "code"][s_idx % 5]
        decl = declare(report, boss, label, how) if s_idx % 2 else declare(boss, report, label, how)
        truth.add("RF_HR_001", org, "hr.relative_declaration", decl, "0.00", "planted",
                  f"{boss.emp_name}（{boss.position_title}）与其直接下属{report.emp_name}为{label}（亲属按{how}匹配）")
        r04 = [p for p in staff if p.rank_code == "R04" and p.manager_emp_code != boss.emp_code]
        a, b = r04[0], next(p for p in r04 if p.dept_name != r04[0].dept_name)
        decl = declare(a, b, "兄弟姐妹")
        truth.add("RF_HR_001", org, "hr.relative_declaration", decl, "0.00", "decoy", "同单位不同部门，无上下级关系")
        other = ctx.staff_of(orgs[(s_idx + 1) % len(orgs)])[20]
        decl = declare(staff[21], other, "子女")
        truth.add("RF_HR_001", org, "hr.relative_declaration", decl, "0.00", "decoy", "亲属在其他单位任职")
        gm = next(p for p in staff if p.position_title == "总经理")
        taken = {report.emp_code, a.emp_code, b.emp_code, staff[21].emp_code}
        child = next(p for p in r04[1:] if p.dept_name == "财务部" and p.emp_code not in taken)
        label = ["儿子", "女儿", "子女"][s_idx % 3]
        decl = declare(gm, child, label, ["id15", "name", "code"][s_idx % 3])
        truth.add("RF_HR_001", org, "hr.relative_declaration", decl, "0.00", "planted",
                  f"总经理{gm.emp_name}的{label}{child.emp_name}在本单位财务部任职（需回避岗位）")
        nephew = next(p for p in r04[1:] if p.dept_name == "工程管理部" and p.emp_code not in taken)
        decl = declare(gm, nephew, "侄子", "lower")
        truth.add("RF_HR_001", org, "hr.relative_declaration", decl, "0.00", "decoy",
                  "总经理的亲属在工程管理部（非回避岗位），无直接上下级")
        head2 = next(p for p in staff if p.rank_code == "R02" and p.dept_name == "市场营销部")
        mate = next(p for p in staff if p.manager_emp_code == head2.emp_code and p.rank_code == "R04")
        decl = declare(head2, mate, "同学")
        truth.add("RF_HR_001", org, "hr.relative_declaration", decl, "0.00", "decoy", "同学不属亲属回避范围")

        # --- concurrent posts ------------------------------------------------------------------------------------
        leaders = [p for p in staff if p.rank_code in ("R01", "R02")]
        m = 0

        held_posts: dict[str, set] = {}

        def post(p: Person, approved: bool = True, ended: bool = False, code: str | None = None,
                 org: str = org, held_posts: dict = held_posts) -> str:
            """A post the person does not hold yet (one organisation and title counts once)."""
            nonlocal m
            m += 1
            start = ctx.as_of - timedelta(days=rng.randrange(200, 900))
            held = held_posts.setdefault(p.emp_code, set())
            while (where := (rng.choice(["某", "华", "中"]) + rng.choice(BOARDS),
                             rng.choice(["董事", "监事", "副会长", "理事"]))) in held:
                pass
            held.add(where)
            posts.append(dict(post_id=f"JZ-{org}-{m:04d}", emp_code=code or p.emp_code, post_org=where[0],
                              post_title=where[1], start_date=start.isoformat(),
                              end_date=(ctx.as_of - timedelta(days=30)).isoformat() if ended else None,
                              approved=1 if approved else 0, ts=f"{start} 09:00:00"))
            return f"JZ-{org}-{m:04d}"

        for p in leaders[4:]:
            post(p)
        written = leaders[0].emp_code.lower() if s_idx % 2 else None  # the code as another system writes it
        for pid in [post(leaders[0], code=written) for _ in range(limit + 1)]:
            truth.add("RF_HR_002", org, "hr.concurrent_post", pid, "0.00", "planted", f"兼职{limit + 1}个，上限{limit}个")
        truth.add("RF_HR_002", org, "hr.concurrent_post", post(leaders[1], approved=False), "0.00", "planted",
                  "兼职未经批准")
        for pid in [post(leaders[2]) for _ in range(limit)]:
            truth.add("RF_HR_002", org, "hr.concurrent_post", pid, "0.00", "decoy", f"兼职恰为{limit}个")
        twice = dict(posts[-1], post_id=f"JZ-{org}-{m + 1:04d}", post_org=posts[-1]["post_org"].replace("有限", "有限　")
                     + " ", post_title="　" + posts[-1]["post_title"])
        m += 1
        posts.append(twice)
        truth.add("RF_HR_002", org, "hr.concurrent_post", twice["post_id"], "0.00", "decoy",
                  f"兼职恰为{limit}个，其中一个另以不同写法重复登记")
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
        # per type: a 因公 passport back on day 8 (late), a 因私 one on day 9 (on time: 10 days), one not back yet
        official = passports[-4]
        official.update(document_type="因公", document_no="PE" + official["document_no"].lstrip("PE"))
        back = date_of(official["trip_end_date"]) + timedelta(days=days["因公"] + (1 if s_idx % 2 == 0 else 0))
        official.update(returned_on=back.isoformat(), ts=f"{back} 09:00:00")
        if s_idx % 2 == 0:
            truth.add("RF_HR_004", org, "oa.passport_custody", official["record_id"], "0.00", "planted",
                      f"因公证照回国后第{days['因公'] + 1}天交回，规定{days['因公']}天")
        else:
            truth.add("RF_HR_004", org, "oa.passport_custody", official["record_id"], "0.00", "decoy",
                      f"因公证照回国后第{days['因公']}天交回")
        private = passports[-5]
        private.update(document_type="因私", document_no="E" + private["document_no"].lstrip("PE"))
        back = date_of(private["trip_end_date"]) + timedelta(days=days["因私"] - 1)
        private.update(returned_on=back.isoformat(), ts=f"{back} 09:00:00")
        truth.add("RF_HR_004", org, "oa.passport_custody", private["record_id"], "0.00", "decoy",
                  f"因私证照回国后第{days['因私'] - 1}天交回（因私期限{days['因私']}天）")
        still_out = passports[-6]
        end = ctx.as_of - timedelta(days=2 + s_idx % 3)
        still_out.update(trip_end_date=end.isoformat(), borrowed_on=(end - timedelta(days=8)).isoformat(),
                         returned_on=None, ts=f"{end} 09:00:00")
        truth.add("RF_HR_004", org, "oa.passport_custody", still_out["record_id"], "0.00", "decoy",
                  "尚未交回但未到交回期限")
        early_out = trips[-4]
        early_out["actual_exit"] = (date_of(early_out["approved_start"]) - timedelta(days=1 + s_idx % 2)).isoformat()
        early_out["actual_entry"] = (date_of(early_out["approved_end"]) - timedelta(days=2)).isoformat()
        truth.add("RF_HR_005", org, "oa.trip_abroad", early_out["trip_id"], "0.00", "planted", "早于批准日期出境")
        longer = trips[-5]
        longer["approved_end"] = (date_of(longer["approved_end"]) + timedelta(days=3)).isoformat()
        longer["actual_entry"] = (date_of(longer["actual_exit"]) + timedelta(days=longer["approved_days"])).isoformat()
        truth.add("RF_HR_005", org, "oa.trip_abroad", longer["trip_id"], "0.00", "planted",
                  f"出入境均在批准期内，但实际{longer['approved_days'] + 1}天超过批准{longer['approved_days']}天")
        away = trips[-6]
        if s_idx % 2 == 0:  # out and not back, the approved day passed
            start = ctx.as_of - timedelta(days=20 + s_idx)
            away.update(approved_start=start.isoformat(), approved_end=(start + timedelta(days=6)).isoformat(),
                        approved_days=7, actual_exit=start.isoformat(), actual_entry=None)
            truth.add("RF_HR_005", org, "oa.trip_abroad", away["trip_id"], "0.00", "planted",
                      "已过批准入境日期仍未入境")
        else:  # still away, within the approved dates
            start = ctx.as_of - timedelta(days=2)
            away.update(approved_start=start.isoformat(), approved_end=(start + timedelta(days=6)).isoformat(),
                        approved_days=7, actual_exit=start.isoformat(), actual_entry=None)
            truth.add("RF_HR_005", org, "oa.trip_abroad", away["trip_id"], "0.00", "decoy",
                      "出访尚在批准期内，未入境")
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
