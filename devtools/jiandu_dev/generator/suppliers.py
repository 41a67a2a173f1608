"""Supplier master (with shareholders), supplier payments and employees' contact details, with planted
related-party suppliers and near-miss decoys.

Background: every supplier the OA purchases name gets a master row (legal representative and shareholders
who are not staff, a company phone, an address in an industrial park, a corporate bank account) and every
approved purchase is paid in one or two payments after approval. Every employee has a mobile phone, a home
address and a salary account; staff and suppliers never share one by chance (different number ranges and
address forms, outsiders' ID numbers from an area code no employee has).
Planted per subsidiary, each on a background supplier already paid (RF_REL_001, amount: every payment the
subsidiary made to it):
- its bank account is the salary account of the purchase's requester, typed with spaces, dashes or full-width digits;
- its phone is the approver's mobile, typed +86 / with dashes / in brackets;
- its legal representative is a relative the requester declared, the ID number typed as the old 15-digit
  number or with a lower-case x;
- the approver is a natural-person shareholder (ID number typed with spaces);
- its address is the requester's home address typed with full-width digits and spaces;
- its phone is the phone of a relative the approver declared (hr.relative_declaration.relative_phone), typed
  with +86, dashes or spaces;
- its address is the address of a relative the requester declared, typed with full-width digits.
Decoys: a legal representative with the requester's name but another ID number (同名不同人), an address in
the requester's building but another flat, a supplier whose account is an employee's salary account but
that was never bought from nor paid, and one whose phone is a declared relative's but that was never bought
from nor paid.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

from jiandu_dev.generator.context import Context
from jiandu_dev.generator.names import CITIES, credit_code
from jiandu_dev.generator.people import id_number, person_name

RULE = "RF_REL_001"
OUTSIDER_AREA = "230102"  # no employee or declared relative is born here (people._AREA_CODES)
BANKS = ["中国工商银行", "中国建设银行", "中国银行", "中国农业银行", "招商银行"]
_ROADS = ["人民路", "建设路", "解放路", "中山路", "和平路", "长江路", "黄河路", "文化路"]
_ESTATES = ["幸福小区", "阳光花园", "锦绣家园", "翠湖苑", "金色家园", "书香名邸"]
_PARKS = ["高新技术产业园", "经济开发区", "工业园区", "科技园"]


def _outsider_id(rng: random.Random, birth: date | None = None) -> str:
    birth = birth or date(rng.randrange(1960, 1995), rng.randrange(1, 13), rng.randrange(1, 29))
    ident = id_number(rng, birth, rng.choice(["男", "女"]))
    body = OUTSIDER_AREA + ident[6:17]
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def _contact(rng: random.Random, person) -> dict:
    n = int(person.emp_code[-4:]) if person.emp_code[-4:].isdigit() else rng.randrange(10_000)
    return dict(emp_code=person.emp_code, mobile_phone=f"138{rng.randrange(10**8):08d}",
                home_address=f"{rng.choice(CITIES)}市{rng.choice(_ROADS)}{rng.randrange(1, 300)}号"
                             f"{rng.choice(_ESTATES)}{n % 30 + 1}栋{rng.randrange(1, 30)}0{rng.randrange(1, 5)}室",
                salary_account=f"6217{rng.randrange(10**15):015d}", ts=f"{person.hire_date} 09:00:00")


def _grouped(digits: str, sep: str) -> str:
    return sep.join(digits[i:i + 4] for i in range(0, len(digits), 4))


def _full_width(text: str) -> str:
    return text.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})


def _id15(ident: str) -> str:
    """The first-generation 15-digit form of an 18-digit ID number (century and check digit dropped)."""
    return ident[:6] + ident[8:17]


def _on_books(person, day: str) -> bool:
    """Whether `person` was employed on `day` (the rule links a supplier only to people on the books then)."""
    off = person.leave_date or person.retire_date
    return person.hire_date <= date.fromisoformat(day) and (off is None or off >= date.fromisoformat(day))


def tables(ctx: Context) -> Iterator[tuple[str, str, object]]:
    rng = ctx.rng("suppliers")
    truth = ctx.truth
    people = {p.emp_code: p for p in ctx.people}
    contacts = {p.emp_code: _contact(rng, p) for p in ctx.people}
    approvals = [a for a in ctx.published.get("oa.procurement_approval", []) if a["status"] == "已批准"]
    traced = {r["source_keys"] for r in truth.rows}  # purchases other rules plant or decoy: left as they are

    suppliers: dict[str, dict] = {}
    shareholders: list[dict] = []
    for a in approvals:
        if a["supplier_code"] in suppliers:
            continue
        city = rng.choice(CITIES)
        rep_name, rep_id = person_name(rng), _outsider_id(rng)
        suppliers[a["supplier_code"]] = dict(
            supplier_code=a["supplier_code"], supplier_name=a["supplier_name"], credit_code=credit_code(rng),
            legal_rep_name=rep_name, legal_rep_id_number=rep_id,
            contact_phone=f"0{rng.randrange(10, 99)}-8{rng.randrange(10**7):07d}",
            address=f"{city}市{rng.choice(_PARKS)}{rng.choice(_ROADS)}{rng.randrange(1, 500)}号",
            bank_name=rng.choice(BANKS), bank_account=f"31{rng.randrange(10**17):017d}", ts=f"{a['approved_on']} 08:00:00")
        shareholders.append(dict(supplier_code=a["supplier_code"], seq_no=1, shareholder_name=rep_name,
                                 shareholder_id_number=rep_id, share_ratio="60.00", ts=f"{a['approved_on']} 08:00:00"))
        shareholders.append(dict(supplier_code=a["supplier_code"], seq_no=2, shareholder_name=person_name(rng),
                                 shareholder_id_number=_outsider_id(rng), share_ratio="40.00",
                                 ts=f"{a['approved_on']} 08:00:00"))

    payments: list[dict] = []
    paid: dict[tuple[str, str], Decimal] = {}
    for a in approvals:
        approved = date.fromisoformat(a["approved_on"])
        total = Decimal(a["amount"])
        first = (total * Decimal(rng.choice(["1", "0.3", "0.5"]))).quantize(Decimal("0.01"))
        for k, amount in enumerate((first, total - first)):
            day = approved + timedelta(days=rng.randrange(10, 40) + 60 * k)
            if amount <= 0 or day >= ctx.as_of:
                continue
            payments.append(dict(payment_no=f"FK-{a['org_code']}-{len(payments) + 1:06d}", org_code=a["org_code"],
                                 supplier_code=a["supplier_code"], approval_id=a["approval_id"],
                                 pay_date=day.isoformat(), amount=str(amount),
                                 voucher_no=f"记-{day:%Y-%m}-{rng.randrange(1, 900):04d}", ts=f"{day} 10:00:00"))
            key = (a["org_code"], a["supplier_code"])
            paid[key] = paid.get(key, Decimal(0)) + amount

    relatives: list[dict] = []
    for s_idx, (org, _, _) in enumerate(ctx.subsidiaries):
        by_supplier: dict[str, list[dict]] = {}
        for a in approvals:
            if a["org_code"] == org:
                by_supplier.setdefault(a["supplier_code"], []).append(a)
        candidates = sorted(code for code, rows in by_supplier.items()
                            if (org, code) in paid and not any(r["approval_id"] in traced for r in rows)
                            and all(r["applicant_emp_code"] in people and r["approver_emp_code"] in people
                                    and _on_books(people[r["applicant_emp_code"]], r["approved_on"])
                                    and _on_books(people[r["approver_emp_code"]], r["approved_on"])
                                    for r in rows))
        picked = rng.sample(candidates, 10)

        def plant(code: str, note: str, org: str = org) -> None:
            truth.add(RULE, org, "nc_erp.supplier", code, str(paid[(org, code)]), "planted", note)

        def requester(code: str, by_supplier: dict = by_supplier) -> str:
            return by_supplier[code][0]["applicant_emp_code"]

        def approver(code: str, by_supplier: dict = by_supplier) -> str:
            return by_supplier[code][0]["approver_emp_code"]

        # bank account = the requester's salary account
        code = picked[0]
        who = contacts[requester(code)]
        account = who["salary_account"]
        suppliers[code]["bank_account"] = [_grouped(account, " "), _grouped(account, "-"), _full_width(account)][s_idx % 3]
        plant(code, f"供应商收款账号为采购申请人{requester(code)}的工资卡账号")
        # phone = the approver's mobile
        code = picked[1]
        mobile = contacts[approver(code)]["mobile_phone"]
        suppliers[code]["contact_phone"] = [f"+86 {mobile[:3]} {mobile[3:7]} {mobile[7:]}",
                                            f"{mobile[:3]}-{mobile[3:7]}-{mobile[7:]}", f"(86){mobile}"][s_idx % 3]
        plant(code, f"供应商联系电话为采购审批人{approver(code)}的手机号")
        # legal representative = a relative the requester declared
        code = picked[2]
        emp = people[requester(code)]
        birth = date(rng.randrange(1950, 1970), rng.randrange(1, 13), rng.randrange(1, 29))
        rel_name, rel_id = person_name(rng), _outsider_id(rng, birth)
        relatives.append(dict(decl_id=f"QS-{org}-G{s_idx + 1:03d}", emp_code=emp.emp_code, relative_name=rel_name,
                              relation=rng.choice(["兄弟", "姐妹", "配偶的兄弟姐妹"]), relative_emp_code=None,
                              relative_id_number=rel_id, relative_birth_date=birth.isoformat(),
                              declared_on=(ctx.start + timedelta(days=10)).isoformat(),
                              ts=f"{ctx.start + timedelta(days=10)} 09:00:00"))
        typed_id = _id15(rel_id) if s_idx % 2 == 0 else rel_id.lower()
        suppliers[code].update(legal_rep_name=rel_name, legal_rep_id_number=typed_id)
        plant(code, f"供应商法定代表人为采购申请人{emp.emp_code}申报的亲属（身份证号{typed_id}）")
        # the approver holds shares
        code = picked[3]
        emp = people[approver(code)]
        shareholders.append(dict(supplier_code=code, seq_no=3, shareholder_name=emp.emp_name,
                                 shareholder_id_number=f"{emp.id_number[:6]} {emp.id_number[6:14]} {emp.id_number[14:]}",
                                 share_ratio="30.00", ts=suppliers[code]["ts"]))
        plant(code, f"采购审批人{emp.emp_code}为供应商自然人股东")
        # address = the requester's home address
        code = picked[4]
        home = contacts[requester(code)]["home_address"]
        suppliers[code]["address"] = " ".join(_full_width(c) if c.isdigit() else c for c in home) \
            if s_idx % 2 else home.replace("号", "号 ")
        plant(code, f"供应商地址与采购申请人{requester(code)}家庭住址相同")

        # phone = the phone of a relative the approver declared; address = a relative of the requester's address
        def relative(emp_code: str, n: int, org: str = org, s_idx: int = s_idx) -> dict:
            birth = date(rng.randrange(1950, 1975), rng.randrange(1, 13), rng.randrange(1, 29))
            row = dict(decl_id=f"QS-{org}-G{s_idx + 1:03d}-{n}", emp_code=emp_code, relative_name=person_name(rng),
                       relation=rng.choice(["兄弟", "姐妹", "子女", "配偶的兄弟姐妹"]), relative_emp_code=None,
                       relative_id_number=_outsider_id(rng, birth), relative_birth_date=birth.isoformat(),
                       relative_phone=f"139{rng.randrange(10**8):08d}",
                       relative_address=f"{rng.choice(CITIES)}市{rng.choice(_ROADS)}{rng.randrange(1, 300)}弄"
                                        f"{rng.randrange(1, 60)}号{rng.randrange(1, 20)}0{rng.randrange(1, 5)}室",
                       declared_on=(ctx.start + timedelta(days=10)).isoformat(),
                       ts=f"{ctx.start + timedelta(days=10)} 09:00:00")
            relatives.append(row)
            return row

        code = picked[8]
        rel = relative(approver(code), 2)
        phone = rel["relative_phone"]
        suppliers[code]["contact_phone"] = [f"+86-{phone[:3]}-{phone[3:7]}-{phone[7:]}",
                                            f"{phone[:3]} {phone[3:7]} {phone[7:]}", f"0086{phone}"][s_idx % 3]
        plant(code, f"供应商联系电话为采购审批人{approver(code)}申报的亲属{rel['relative_name']}的电话")
        code = picked[9]
        rel = relative(requester(code), 3)
        suppliers[code]["address"] = "".join(_full_width(c) if c.isdigit() else c for c in rel["relative_address"])
        plant(code, f"供应商地址为采购申请人{requester(code)}申报的亲属{rel['relative_name']}的住址")

        # decoys
        code = picked[5]
        emp = people[requester(code)]
        suppliers[code]["legal_rep_name"] = emp.emp_name  # legal_rep_id_number stays an outsider's
        truth.add(RULE, org, "nc_erp.supplier", code, "0.00", "decoy", "法定代表人与采购申请人同名但身份证号不同")
        code = picked[6]
        home = contacts[requester(code)]["home_address"]
        flat = home[:-2] + str((int(home[-2]) + 1) % 10) + "室"
        suppliers[code]["address"] = flat
        truth.add(RULE, org, "nc_erp.supplier", code, "0.00", "decoy", f"同一楼栋不同房号（{flat}）")
        code = f"VR{s_idx:02d}0001"
        emp = people[requester(picked[7])]
        suppliers[code] = dict(suppliers[picked[7]], supplier_code=code, supplier_name=f"{emp.emp_name[0]}氏商贸有限公司",
                               credit_code=credit_code(rng), bank_account=contacts[emp.emp_code]["salary_account"])
        truth.add(RULE, org, "nc_erp.supplier", code, "0.00", "decoy", "收款账号为员工工资卡，但无采购和付款")
        code = f"VR{s_idx:02d}0002"
        rel = relative(requester(picked[7]), 4)
        suppliers[code] = dict(suppliers[picked[7]], supplier_code=code,
                               supplier_name=f"{rel['relative_name'][0]}记贸易有限公司",
                               credit_code=credit_code(rng), contact_phone=rel["relative_phone"],
                               bank_account=f"31{rng.randrange(10**17):017d}")
        truth.add(RULE, org, "nc_erp.supplier", code, "0.00", "decoy", "联系电话为员工申报亲属的电话，但无采购和付款")

    yield "nc_erp", "supplier", list(suppliers.values())
    yield "nc_erp", "supplier_shareholder", shareholders
    yield "nc_erp", "supplier_payment", payments
    yield "hr", "employee_contact", list(contacts.values())
    yield "hr", "relative_declaration", relatives
