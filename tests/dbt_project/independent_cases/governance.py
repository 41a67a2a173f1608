"""Governance cases (三重一大、分层授权、关联供应商、收入入账), written from the rule catalog's `detects` and `basis`
text and the standards seeds (std_szyd_amounts, std_szyd_quorum, std_income_deposit), not from the generator:
RF_SZYD_001, RF_SZYD_002, RF_AUTH_001, RF_REL_001, RF_INC_001.

In the forms ERP, OA, HR and asset-register exports take: decision item numbers in lower case, with spaces or
full-width forms, or left as an empty string; amounts exactly at a threshold and a cent below it; a meeting on
the payment day; attendees listed twice under two forms of their code, people sitting in (列席) and former
members signed as present; approver codes with separators and leading zeros; phones with +86, dashes and
spaces, bank accounts in groups of four, addresses with full-width digits; receipts booked under a reference
typed another way, split in two, on the last day of the window or in another subsidiary; a board or office item
naming its party committee prestudy (前置研究议题编号) in full-width or lower case, a prestudy rejected, held after
the decision or not a party committee item at all; one OA approval paid in three payments below the standard.
Every meeting, item, payment, approval, authority, supplier and income event planted here is new (numbers with IC
in them), so the generated background cannot add to or take from a case's amount.
"""

from __future__ import annotations

from tests.dbt_project.independent_cases import Planter

FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ"})


def plant(p: Planter) -> None:
    _decisions(p)
    _quorum(p)
    _authority(p)
    _related_parties(p)
    _income(p)
    _income_more(p)
    _third_author(p)


# ---------------------------------------------------------------------------------------------------- meetings

def _members(p: Planter, org: str, body: str) -> list[tuple[str, str]]:
    """The serving members of a body, as (code, name), in code order (from the background's OA roster)."""
    rows = p.query("oa", "select emp_code, emp_name from decision_body_member where org_code = ? and body = ?"
                   " and end_date is null order by emp_code", (org, body))
    return [(r["emp_code"], r["emp_name"]) for r in rows]


def _meeting(p: Planter, meeting_no: str, org: str, body: str, day: str,
             attendees: list[tuple[str, str, str]], items: list[tuple]) -> None:
    """A meeting with its sign-in sheet (code, name, attendance) and items (item_no, title, category, amount,
    resolution[, the party committee item that studied it first (前置研究议题编号)])."""
    p.insert("oa", "decision_meeting", [dict(meeting_no=meeting_no, org_code=org, meeting_type=body,
                                             meeting_date=day, chair_emp_code=attendees[0][0],
                                             ts=f"{day} 18:00:00")])
    p.insert("oa", "meeting_attendee", [dict(meeting_no=meeting_no, emp_code=code, emp_name=name,
                                             attendance=attendance, ts=f"{day} 18:00:00")
                                        for code, name, attendance in attendees])
    p.insert("oa", "decision_item", [dict(item_no=item[0], meeting_no=meeting_no, org_code=org, item_title=item[1],
                                          matter_category=item[2], amount=item[3], resolution=item[4],
                                          prestudy_item_no=item[5] if len(item) > 5 else None,
                                          ts=f"{day} 18:00:00")
                                     for item in items])


def _all_present(p: Planter, org: str, body: str) -> list[tuple[str, str, str]]:
    return [(code, name, "出席") for code, name in _members(p, org, body)]


# ---------------------------------------------------------------------------------------------------------------
# RF_SZYD_001 “三重一大”事项未经集体决策
# ---------------------------------------------------------------------------------------------------------------

def _decisions(p: Planter) -> None:
    rid, table, org = "RF_SZYD_001", "nc_erp.fund_payment", "S04"
    n = [0]

    def pay(category: str, payee: str, amount: str, day: str, decision: str | None, purpose: str = "") -> str:
        n[0] += 1
        payment_no = f"ZF-S04-IC-{n[0]:03d}"
        p.insert("nc_erp", "fund_payment", [dict(
            payment_no=payment_no, org_code=org, matter_category=category, payee_name=payee, purpose=purpose or None,
            amount=amount, pay_date=day, decision_item_no=decision, oa_approval_id=None, ts=f"{day} 10:00:00")])
        return payment_no

    # minutes: a 总经理办公会 and a 董事会 with every member present, a 党委会 that defers and rejects; the
    # disposals and the investment (党委会前置研究 required by std_szyd_amounts) rest on a party committee study
    _meeting(p, "HY-S04-IC-DW-09", org, "党委会", "2025-10-15", _all_present(p, org, "党委会"), [
        ("YT-S04-IC-DW-09-01", "关于转让闲置运输车辆的前置研究", "资产处置", "750000.00", "通过"),
        ("YT-S04-IC-DW-09-02", "关于转让旧选矿设备的前置研究", "资产处置", "750000.00", "通过"),
        ("YT-S04-IC-DW-09-03", "关于对西部新材料科技有限公司增资的前置研究", "对外投资", "2000000.00", "通过"),
    ])
    _meeting(p, "HY-S04-IC-ZB-01", org, "总经理办公会", "2025-10-20", _all_present(p, org, "总经理办公会"), [
        ("YT-S04-IC-ZB-01-01", "关于支付矿区道路工程进度款的议案", "资金支付", "1000000.00", "通过"),
        ("YT-S04-IC-ZB-01-02", "关于转让闲置运输车辆的议案", "资产处置", "750000.00", "通过", "YT-S04-IC-DW-09-01"),
        ("YT-S04-IC-ZB-01-03", "关于转让旧选矿设备的议案", "资产处置", "750000.00", "通过", "yt s04 ic dw 09 02"),
    ])
    _meeting(p, "HY-S04-IC-DS-01", org, "董事会", "2025-11-12", _all_present(p, org, "董事会"), [
        ("YT-S04-IC-DS-01-01", "关于对西部新材料科技有限公司增资的议案", "对外投资", "2000000.00", "通过",
         "YT-S04-IC-DW-09-03"),
        ("YT-S04-IC-DS-01-02", "关于支付尾矿库治理工程款的议案", "资金支付", "1500000.00", "通过"),
    ])
    _meeting(p, "HY-S04-IC-DW-01", org, "党委会", "2025-12-05", _all_present(p, org, "党委会"), [
        ("YT-S04-IC-DW-01-01", "关于为西部矿业物流有限公司提供担保的议案", "对外担保", "3000000.00", "不通过"),
        ("YT-S04-IC-DW-01-02", "关于向乡村振兴基金会捐赠的议案", "捐赠赞助", "200000.00", "缓议"),
    ])
    # an S05 meeting: its item number must not serve an S04 payment
    _meeting(p, "HY-S05-IC-ZB-01", "S05", "总经理办公会", "2025-10-22", _all_present(p, "S05", "总经理办公会"), [
        ("YT-S05-IC-ZB-01-01", "关于对中原文旅发展有限公司投资的议案", "对外投资", "900000.00", "通过"),
    ])

    key = pay("捐赠赞助", "西部希望小学教育基金会", "100000.00", "2025-09-18", "")
    p.truth(rid, org, table, key, "100000.00", "planted",
            "捐赠恰为标准10万元，决策事项编号为空字符串（导出时空值写成空串） / a donation exactly at the 100,000 "
            "standard, the decision number exported as an empty string")
    key = pay("资金支付", "西部路桥工程有限公司", "1000000.00", "2025-10-19", "YT-S04-IC-ZB-01-01")
    p.truth(rid, org, table, key, "1000000.00", "planted",
            "恰为资金支付标准100万元，会议于支付次日才召开（先支付后决策） / exactly at the payment standard, paid "
            "the day before the meeting")
    key = pay("对外担保", "西部矿业物流有限公司", "3000000.00", "2025-12-10", "yt-s04-ic-dw-01-01")
    p.truth(rid, org, table, key, "3000000.00", "planted",
            "对外担保的决策议题未通过（不通过）仍签署，编号小写 / a guarantee signed although the item was rejected")
    key = pay("捐赠赞助", "乡村振兴基金会", "200000.00", "2025-12-20", "YT-S04-IC-DW-01-02")
    p.truth(rid, org, table, key, "200000.00", "planted", "议题缓议仍支付 / the item was deferred, paid anyway")
    key = pay("对外投资", "中原文旅发展有限公司", "900000.00", "2025-11-01", "YT-S05-IC-ZB-01-01")
    p.truth(rid, org, table, key, "900000.00", "planted",
            "所填决策事项是另一单位的会议议题，本单位会议纪要中没有 / the decision item belongs to another "
            "subsidiary's minutes")
    key = pay("资产处置", "兰州恒通运输有限公司", "780000.00", "2025-10-28",
              "ＹＴ－Ｓ０４－ＩＣ－ＺＢ－０１－０２")
    p.truth(rid, org, table, key, "780000.00", "planted",
            "支付超过决策金额75万元（编号全角） / paid 780,000 on a decision for 750,000, the number in full-width")
    key = pay("资金支付", "西部安全设备有限公司", "1200000.00", "2025-11-30", "YT-S04-IC-XX-09-09")
    p.truth(rid, org, table, key, "1200000.00", "planted", "决策事项编号在会议纪要中不存在 / no such item")

    # decoys
    key = pay("资金支付", "西部电力检修有限公司", "999999.99", "2025-09-25", None)
    p.truth(rid, org, table, key, "0", "decoy", "低于资金支付标准1分，无需集体决策 / a cent below the standard")
    key = pay("捐赠赞助", "西部红十字会", "99999.99", "2025-09-26", "")
    p.truth(rid, org, table, key, "0", "decoy", "捐赠低于10万元标准1分 / a donation a cent below the standard")
    key = pay("对外投资", "西部新材料科技有限公司", "2000000.00", "2025-11-12", " yt s04 ic ds 01 01 ")
    p.truth(rid, org, table, key, "0", "decoy",
            "会议当日支付（决策在先），编号小写带空格 / paid on the meeting day, the number in lower case with spaces")
    key = pay("资产处置", "兰州顺达物资回收有限公司", "750000.00", "2025-10-30", "YT-S04-IC-ZB-01-03")
    p.truth(rid, org, table, key, "0", "decoy", "恰等于决策金额 / exactly the decided amount")
    key = pay("资金支付", "西部环保治理有限公司", "1500000.00", "2025-12-01", "YT S04 IC DS 01 02")
    p.truth(rid, org, table, key, "0", "decoy", "经董事会决策后足额支付，编号以空格分隔 / decided, then paid")

    # the deciding body (std_szyd_amounts.deciding_bodies): 对外投资 and 对外担保 by the 董事会 (党委会前置研究 is no
    # decision), payments, disposals and donations by the 总经理办公会 or the 董事会
    _meeting(p, "HY-S04-IC-DW-04", org, "党委会", "2025-12-15", _all_present(p, org, "党委会"), [
        ("YT-S04-IC-DW-04-01", "关于对西部锂电材料有限公司投资的前置研究", "对外投资", "1000000.00", "通过"),
    ])
    _meeting(p, "HY-S04-IC-ZB-03", org, "总经理办公会", "2025-12-16", _all_present(p, org, "总经理办公会"), [
        ("YT-S04-IC-ZB-03-01", "关于为西部运输有限公司提供担保的议案", "对外担保", "2000000.00", "通过"),
        ("YT-S04-IC-ZB-03-02", "关于向西部助学基金会捐赠的议案", "捐赠赞助", "150000.00", "通过"),
    ])
    key = pay("对外投资", "西部锂电材料有限公司", "1000000.00", "2025-12-22", "YT-S04-IC-DW-04-01")
    p.truth(rid, org, table, key, "1000000.00", "planted",
            "对外投资只经党委会前置研究，未经董事会决策 / an investment resting on the party committee's "
            "preliminary study only")
    key = pay("捐赠赞助", "西部助学基金会", "150000.00", "2025-12-18", "yt-s04-ic-zb-03-02")
    p.truth(rid, org, table, key, "0", "decoy", "捐赠由总经理办公会决策（有权机构） / a donation decided by the "
            "general manager's office meeting, which may decide it")

    # guarantees in the guarantee register (nc_erp.guarantee_contract): amount is the guaranteed amount
    gtable = "nc_erp.guarantee_contract"

    def guarantee(no: str, party: str, amount: str, day: str, decision: str | None) -> str:
        p.insert("nc_erp", "guarantee_contract", [dict(
            contract_no=no, org_code=org, guaranteed_party=party, guarantee_type="连带责任保证", amount=amount,
            sign_date=day, end_date=None, decision_item_no=decision, ts=f"{day} 10:00:00")])
        return no

    _meeting(p, "HY-S04-IC-DW-10", org, "党委会", "2026-01-13", _all_present(p, org, "党委会"), [
        ("YT-S04-IC-DW-10-01", "关于为西部矿业物流有限公司银行贷款提供担保的前置研究", "对外担保", "5000000.00", "通过"),
        ("YT-S04-IC-DW-10-02", "关于为西部选矿有限公司提供担保的前置研究", "对外担保", "4000000.00", "通过"),
    ])
    _meeting(p, "HY-S04-IC-DS-04", org, "董事会", "2026-01-20", _all_present(p, org, "董事会"), [
        ("YT-S04-IC-DS-04-01", "关于为西部矿业物流有限公司银行贷款提供担保的议案", "对外担保", "5000000.00", "通过",
         "YT-S04-IC-DW-10-01"),
        ("YT-S04-IC-DS-04-02", "关于为西部选矿有限公司提供担保的议案", "对外担保", "4000000.00", "通过",
         "YT-S04-IC-DW-10-02"),
    ])
    key = guarantee("DB-S04-IC-01", "西部运输有限公司", "2000000.00", "2025-12-17", "YT-S04-IC-ZB-03-01")
    p.truth(rid, org, gtable, key, "2000000.00", "planted",
            "担保合同依据总经理办公会议题签署，对外担保须董事会决策 / a guarantee decided by the office meeting")
    key = guarantee("DB-S04-IC-02", "西部矿业物流有限公司", "5000000.00", "2026-01-19", "YT-S04-IC-DS-04-01")
    p.truth(rid, org, gtable, key, "5000000.00", "planted",
            "担保合同签署次日董事会才决策（先签署后决策） / signed the day before the board decided")
    key = guarantee("DB-S04-IC-03", "西部建材有限公司", "0.01", "2026-01-25", " ")
    p.truth(rid, org, gtable, key, "0.01", "planted",
            "0.01元担保即须集体决策，决策编号只有空格 / a one-cent guarantee, the decision number a blank")
    key = guarantee("DB-S04-IC-04", "西部选矿有限公司", "4000000.00", "2026-01-20", "ＹＴ－Ｓ０４－ＩＣ－ＤＳ－０４－０２")
    p.truth(rid, org, gtable, key, "0", "decoy",
            "董事会当日决策后签署，金额等于决策金额，编号全角 / signed on the board's day, full-width number")

    # disposals in the asset register (asset.disposal), valued at the higher of appraisal and price: a write-off
    # (报废) has no price and counts by its appraisal
    dtable = "asset.disposal"

    def write_off(no: str, appraised: str, day: str, decision: str | None) -> str:
        p.insert("asset", "disposal", [dict(
            disposal_no=no, org_code=org, register_id=no.replace("CZ", "CQ"), method="报废",
            appraised_value=appraised, deal_price="0.00", buyer=None, disposal_date=day, decision_item_no=decision,
            ts=f"{day} 09:00:00")])
        return no

    _meeting(p, "HY-S04-IC-DW-07", org, "党委会", "2025-08-20", _all_present(p, org, "党委会"), [
        ("YT-S04-IC-DW-07-01", "关于报废旧破碎机组的议案", "资产处置", "700000.00", "通过"),
    ])
    key = write_off("CZ-S04-IC-01", "520000.00", "2025-09-05", None)
    p.truth(rid, org, dtable, key, "520000.00", "planted",
            "报废资产评估价值52万元（达到50万元标准），未填决策编号 / a write-off appraised above the standard, "
            "no decision")
    key = write_off("CZ-S04-IC-02", "700000.00", "2025-08-28", "YT-S04-IC-DW-07-01")
    p.truth(rid, org, dtable, key, "700000.00", "planted",
            "资产处置只经党委会，未经总经理办公会或董事会决策 / a disposal decided by the party committee only")
    key = write_off("CZ-S04-IC-03", "500000.00", "2025-10-25", "yt-s04-ic-zb-01-03")
    p.truth(rid, org, dtable, key, "0", "decoy",
            "评估价值恰为标准，经总经理办公会决策（编号小写） / exactly at the standard, decided")
    key = write_off("CZ-S04-IC-04", "499999.99", "2025-10-26", None)
    p.truth(rid, org, dtable, key, "0", "decoy", "评估价值低于标准1分 / a cent below the standard")

    _prestudy(p, pay, guarantee, write_off)
    _split(p, pay)
    _over_decision_total(p, pay)


def _prestudy(p: Planter, pay, guarantee, write_off) -> None:
    """党委会前置研究: std_szyd_amounts says 对外投资, 对外担保 and 资产处置 need the party committee's prior study,
    so the board's or office's item must name (前置研究议题编号) a passed party committee item held no later."""
    rid, org = "RF_SZYD_001", "S04"
    _meeting(p, "HY-S04-IC-DW-11", org, "党委会", "2026-02-02", _all_present(p, org, "党委会"), [
        ("YT-S04-IC-DW-11-01", "关于转让废旧厂房的前置研究", "资产处置", "900000.00", "不通过"),
        ("YT-S04-IC-DW-11-02", "关于对西部氢能科技有限公司投资的前置研究", "对外投资", "1500000.00", "通过"),
        ("YT-S04-IC-DW-11-03", "关于报废旧球磨机的前置研究", "资产处置", "650000.00", "通过"),
    ])
    _meeting(p, "HY-S04-IC-ZB-11", org, "总经理办公会", "2026-02-03", _all_present(p, org, "总经理办公会"), [
        ("YT-S04-IC-ZB-11-01", "关于转让废旧厂房的议案", "资产处置", "900000.00", "通过", "YT-S04-IC-DW-11-01"),
        ("YT-S04-IC-ZB-11-02", "关于对西部钒钛材料有限公司投资的预审", "对外投资", "1200000.00", "通过"),
        ("YT-S04-IC-ZB-11-03", "关于报废旧球磨机的议案", "资产处置", "650000.00", "通过", " yt-s04-ic-dw 11 03 "),
    ])
    _meeting(p, "HY-S04-IC-DS-11", org, "董事会", "2026-02-05", _all_present(p, org, "董事会"), [
        ("YT-S04-IC-DS-11-01", "关于对西部锂盐有限公司投资的议案", "对外投资", "1800000.00", "通过"),
        ("YT-S04-IC-DS-11-02", "关于为西部冶炼有限公司提供担保的议案", "对外担保", "2500000.00", "通过",
         "YT-S04-IC-DW-12-01"),
        ("YT-S04-IC-DS-11-03", "关于对西部钒钛材料有限公司投资的议案", "对外投资", "1200000.00", "通过",
         "YT-S04-IC-ZB-11-02"),
        ("YT-S04-IC-DS-11-04", "关于对西部氢能科技有限公司投资的议案", "对外投资", "1500000.00", "通过",
         "ＹＴ－Ｓ０４－ＩＣ－ＤＷ－１１－０２"),
    ])
    # the party committee studies the guarantee two days after the board decided it
    _meeting(p, "HY-S04-IC-DW-12", org, "党委会", "2026-02-07", _all_present(p, org, "党委会"), [
        ("YT-S04-IC-DW-12-01", "关于为西部冶炼有限公司提供担保的前置研究", "对外担保", "2500000.00", "通过"),
    ])
    key = pay("对外投资", "西部锂盐有限公司", "1800000.00", "2026-02-10", "YT-S04-IC-DS-11-01")
    p.truth(rid, org, "nc_erp.fund_payment", key, "1800000.00", "planted",
            "董事会投资议题未注明党委会前置研究 / the board's investment item names no party committee prestudy")
    key = pay("资产处置", "兰州华鑫置业有限公司", "900000.00", "2026-02-12", "yt-s04-ic-zb-11-01")
    p.truth(rid, org, "nc_erp.fund_payment", key, "900000.00", "planted",
            "党委会前置研究不通过，总经理办公会仍决策处置 / the party committee rejected the disposal in its prestudy")
    key = guarantee("DB-S04-IC-11", "西部冶炼有限公司", "2500000.00", "2026-02-10", "YT-S04-IC-DS-11-02")
    p.truth(rid, org, "nc_erp.guarantee_contract", key, "2500000.00", "planted",
            "党委会在董事会决策两天后才前置研究（签署在两者之后） / the party committee studied the guarantee two "
            "days after the board decided it")
    key = pay("对外投资", "西部钒钛材料有限公司", "1200000.00", "2026-02-11", "YT-S04-IC-DS-11-03")
    p.truth(rid, org, "nc_erp.fund_payment", key, "1200000.00", "planted",
            "所注前置研究议题是总经理办公会议题，不是党委会 / the named prestudy is an office meeting item")
    # decoys
    key = pay("对外投资", "西部氢能科技有限公司", "1500000.00", "2026-02-09", " yt s04 ic ds 11 04")
    p.truth(rid, org, "nc_erp.fund_payment", key, "0", "decoy",
            "党委会前置研究通过在先，董事会决策后支付，前置研究编号全角 / studied first, the number in full-width")
    key = write_off("CZ-S04-IC-11", "650000.00", "2026-02-06", "YT-S04-IC-ZB-11-03")
    p.truth(rid, org, "asset.disposal", key, "0", "decoy",
            "报废经党委会前一日前置研究、总经理办公会决策，前置研究编号小写带空格 / studied the day before, the "
            "number typed loosely")


def _split(p: Planter, pay_one) -> None:
    """化整为零: one OA payment approval paid in several payments, each below the standard, together at or above it;
    judged by the total when the payments share a matter key (the OA approval number)."""
    rid, org, table = "RF_SZYD_001", "S04", "nc_erp.fund_payment"

    def pay(payee: str, amount: str, day: str, approval: str | None) -> str:
        key = pay_one("资金支付", payee, amount, day, None)
        p.db("nc_erp").execute("update fund_payment set oa_approval_id = ? where payment_no = ?", (approval, key))
        return key

    for amount, day, approval in (("400000.00", "2026-01-05", "FK-S04-IC-SPLIT-01"),
                                  ("400000.00", "2026-01-12", "fk s04 ic split 01"),
                                  ("350000.00", "2026-01-19", "ＦＫ－Ｓ０４－ＩＣ－ＳＰＬＩＴ－０１")):
        key = pay("西部矿山机械有限公司", amount, day, approval)
        p.truth(rid, org, table, key, amount, "planted",
                "同一OA付款审批单分三笔支付（各低于100万元，合计115万元），无集体决策，审批单号写法不同 / one "
                "approval paid in three payments below the standard, together above it")
    for day in ("2026-01-06", "2026-01-13"):
        key = pay("西部劳保用品有限公司", "499999.99", day, "FK-S04-IC-SPLIT-02")
        p.truth(rid, org, table, key, "0", "decoy",
                "同一审批单两笔合计999999.98元，低于标准 / two payments of one approval, together below the standard")
    key = pay("西部劳保用品有限公司", "600000.00", "2026-01-20", "FK-S04-IC-SPLIT-03")
    p.truth(rid, org, table, key, "0", "decoy", "另一审批单的单笔60万元 / another approval, below the standard")


def _over_decision_total(p: Planter, pay) -> None:
    """Payments in several parts on one decision item: their total is held against the decided amount (同一决策
    事项下分笔支付的按合计判断), each part within it alone. Every payment of a matter that exceeds its decision is
    flagged with its own amount (the matter's money at issue is all paid on it)."""
    rid, org, table = "RF_SZYD_001", "S04", "nc_erp.fund_payment"
    _meeting(p, "HY-S04-IC-ZB-21", org, "总经理办公会", "2026-01-26", _all_present(p, org, "总经理办公会"), [
        ("YT-S04-IC-ZB-21-01", "关于支付尾矿库二期工程款的议案", "资金支付", "1000000.00", "通过"),
        ("YT-S04-IC-ZB-21-02", "关于支付选矿厂技改工程款的议案", "资金支付", "1000000.00", "通过"),
        ("YT-S04-IC-ZB-21-03", "关于支付井下通风改造工程款的议案", "资金支付", "1000000.00", "通过"),
    ])
    for amount, day, number in (("600000.00", "2026-01-28", "YT-S04-IC-ZB-21-01"),
                                ("600000.00", "2026-02-11", "yt s04 ic zb 21 01")):
        key = pay("资金支付", "西部尾矿治理工程有限公司", amount, day, number)
        p.truth(rid, org, table, key, amount, "planted",
                "同一决策事项（核定100万元）分两笔各60万元支付，合计120万元超过决策金额（编号写法不同） / two "
                "payments on one decision of 1,000,000, each within it, together 1,200,000")
    for amount, day in (("500000.00", "2026-01-29"), ("300000.00", "2026-02-05"), ("200000.00", "2026-02-12")):
        key = pay("资金支付", "西部选矿设备有限公司", amount, day, "YT-S04-IC-ZB-21-02")
        p.truth(rid, org, table, key, "0", "decoy",
                "同一决策事项分三笔支付，合计恰为决策金额100万元 / three payments adding up to exactly the decision")
    key = pay("资金支付", "西部通风工程有限公司", "600000.00", "2026-01-30", "YT-S04-IC-ZB-21-03")
    p.truth(rid, org, table, key, "0", "decoy",
            "同期另一决策事项下的单笔60万元，不与上面同为60万元的支付合并 / a payment on another decision, not added "
            "to the ones above")


# ---------------------------------------------------------------------------------------------------------------
# RF_SZYD_002 决策会议到会人数不足
# ---------------------------------------------------------------------------------------------------------------

def _quorum(p: Planter) -> None:
    rid, table, org = "RF_SZYD_002", "oa.decision_item", "S04"
    board = _members(p, org, "董事会")
    party = _members(p, org, "党委会")
    office = _members(p, org, "总经理办公会")
    former = p.query("oa", "select emp_code, emp_name from decision_body_member where org_code = ? and body = ?"
                     " and end_date is not null", (org, "党委会"))[0]
    # staff on no decision body (S04E0022 upwards: the planted approvers S04E0015-21 stay out of the minutes)
    outsiders = [(r["emp_code"], r["emp_name"]) for r in p.query(
        "hr", "select emp_code, emp_name from employee where org_code = ? and emp_code >= ? order by emp_code",
        (org, "S04E0022"))]
    rostered = {r["emp_code"] for r in p.query("oa", "select emp_code from decision_body_member where org_code = ?",
                                                (org,))}
    outsiders = [o for o in outsiders if o[0] not in rostered][:3]

    def loose(code: str) -> str:
        return " " + code.lower()[:3] + "-" + code[3:].lower() + " "

    # 董事会: three of seven directors present, one of them signed in twice under two forms of the code, two people
    # sitting in
    attendees = [(c, nm, "出席") for c, nm in board[:3]] + [(loose(board[0][0]), board[0][1], "出席")]
    attendees += [(c, nm, "请假") for c, nm in board[3:]] + [(c, nm, "列席") for c, nm in outsiders[:2]]
    _meeting(p, "HY-S04-IC-DS-02", org, "董事会", "2025-08-14", attendees, [
        ("YT-S04-IC-DS-02-01", "关于对西部稀土开发有限公司投资的议案", "对外投资", "2600000.00", "通过"),
        ("YT-S04-IC-DS-02-02", "关于处置闲置办公楼的议案", "资产处置", "1400000.00", "通过"),
        ("YT-S04-IC-DS-02-03", "关于为参股公司提供担保的议案", "对外担保", "800000.00", "缓议"),
    ])
    p.truth(rid, org, table, "YT-S04-IC-DS-02-01", "2600000.00", "planted",
            "董事会7名董事3人出席（其中一人签到两次，编码写法不同），两人列席不计入 / three of seven present, "
            "one signed in twice")
    p.truth(rid, org, table, "YT-S04-IC-DS-02-02", "1400000.00", "planted", "同一会议通过的第二个议题 / same meeting")
    p.truth(rid, org, table, "YT-S04-IC-DS-02-03", "0", "decoy", "缓议议题不计入 / a deferred item is not counted")

    # 党委会: three serving members and a former member (term ended) signed as present, the rest on leave
    attendees = [(c, nm, "出席") for c, nm in party[:3]] + [(former["emp_code"], former["emp_name"], "出席")]
    attendees += [(c, nm, "请假") for c, nm in party[3:]]
    _meeting(p, "HY-S04-IC-DW-02", org, "党委会", "2025-09-09", attendees, [
        ("YT-S04-IC-DW-02-01", "关于支付选矿厂改造工程款的议案", "资金支付", "1800000.00", "通过"),
    ])
    p.truth(rid, org, table, "YT-S04-IC-DW-02-01", "1800000.00", "planted",
            "党委会7名委员3人出席，另一出席人任期已满不计入 / three of seven serving members; a former member "
            "does not count")

    # 总经理办公会: exactly three of seven present and one member sitting in (列席) instead of attending as member
    attendees = [(c, nm, "出席") for c, nm in office[:3]] + [(office[3][0], office[3][1], "列席")]
    attendees += [(c, nm, "请假") for c, nm in office[4:]]
    _meeting(p, "HY-S04-IC-ZB-02", org, "总经理办公会", "2025-09-23", attendees, [
        ("YT-S04-IC-ZB-02-01", "关于支付井下通风系统改造款的议案", "资金支付", "1300000.00", "通过"),
    ])
    p.truth(rid, org, table, "YT-S04-IC-ZB-02-01", "1300000.00", "planted",
            "总经理办公会7人中3人出席，另一人以列席身份签到（列席不计入） / three present, a fourth signed as 列席")

    # decoys: four of seven, one signed in as " s04-e0009 " (lower case, dash, spaces)
    attendees = [(c, nm, "出席") for c, nm in board[:3]] + [(loose(board[3][0]), board[3][1], "出席")]
    attendees += [(c, nm, "请假") for c, nm in board[4:]] + [(outsiders[2][0], outsiders[2][1], "列席")]
    _meeting(p, "HY-S04-IC-DS-03", org, "董事会", "2025-10-09", attendees, [
        ("YT-S04-IC-DS-03-01", "关于对西部光伏发电有限公司增资的议案", "对外投资", "3000000.00", "通过"),
    ])
    p.truth(rid, org, table, "YT-S04-IC-DS-03-01", "0", "decoy",
            "7名董事4人出席（过半数），其中一人编码小写带横线和空格 / four of seven, one code typed loosely")
    attendees = [(c, nm, "出席") for c, nm in party[:2]] + [(c, nm, "请假") for c, nm in party[2:]]
    _meeting(p, "HY-S04-IC-DW-03", org, "党委会", "2025-10-15", attendees, [
        ("YT-S04-IC-DW-03-01", "关于对外捐赠的议案", "捐赠赞助", "300000.00", "缓议"),
        ("YT-S04-IC-DW-03-02", "关于处置报废设备的议案", "资产处置", "600000.00", "不通过"),
    ])
    p.truth(rid, org, table, "YT-S04-IC-DW-03-01", "0", "decoy",
            "到会不足但议题均未通过（缓议、不通过），未作出决策 / too few present, but nothing was passed")

    # 干部任免 needs two thirds of the 党委会 (std_szyd_quorum, matter kind 干部任免), other items a majority
    attendees = [(c, nm, "出席") for c, nm in party[:4]] + [(party[1][0].lower(), party[1][1], "出席")]
    attendees += [(c, nm, "请假") for c, nm in party[4:]] + [(outsiders[0][0], outsiders[0][1], "列席")]
    _meeting(p, "HY-S04-IC-DW-05", org, "党委会", "2025-11-05", attendees, [
        ("YT-S04-IC-DW-05-01", "关于选矿厂厂长任免的议案", "干部任免", None, "通过"),
        ("YT-S04-IC-DW-05-02", "关于支付矿区安全改造款的议案", "资金支付", "1100000.00", "通过"),
    ])
    p.truth(rid, org, table, "YT-S04-IC-DW-05-01", "0", "planted",
            "党委会7名委员4人出席（一人签到两次）讨论决定干部任免，未达三分之二 / four of seven decide an "
            "appointment; two thirds needed")
    p.truth(rid, org, table, "YT-S04-IC-DW-05-02", "0", "decoy",
            "同一会议的资金支付议题过半数即可 / the payment item of that meeting needs a majority only")
    attendees = [(c, nm, "出席") for c, nm in party[:4]] + [(loose(party[4][0]), party[4][1], "出席")]
    attendees += [(c, nm, "请假") for c, nm in party[5:]]
    _meeting(p, "HY-S04-IC-DW-06", org, "党委会", "2025-11-25", attendees, [
        ("YT-S04-IC-DW-06-01", "关于安全环保部部长任免的议案", "干部任免", None, "通过"),
    ])
    p.truth(rid, org, table, "YT-S04-IC-DW-06-01", "0", "decoy",
            "7名委员5人出席决定干部任免（达到三分之二），一人编码写法不同 / five of seven, at two thirds")


# ---------------------------------------------------------------------------------------------------------------
# RF_AUTH_001 超越授权审批
# ---------------------------------------------------------------------------------------------------------------

def _authority(p: Planter) -> None:
    rid, table, org = "RF_AUTH_001", "oa.payment_approval", "S04"
    n = [0]

    def grant(authority_id: str, emp: str, category: str, limit: str, start: str, end: str | None) -> None:
        p.insert("oa", "approval_authority", [dict(
            authority_id=authority_id, org_code=org, emp_code=emp, matter_category=category, limit_amount=limit,
            start_date=start, end_date=end, ts=f"{start} 09:00:00")])

    def approve(category: str, amount: str, approver: str, at: str, status: str = "已批准") -> str:
        n[0] += 1
        approval_id = f"FK-S04-IC-{n[0]:03d}"
        p.insert("oa", "payment_approval", [dict(
            approval_id=approval_id, org_code=org, matter_category=category, payee_name=f"西部协作单位{n[0]}",
            amount=amount, approver_emp_code=approver, approved_at=at, status=status, ts=at)])
        return approval_id

    # planted people: S04E0015 (资产处置 up to 300,000 until 2025-10-31), S04E0016 (资金支付 1,000,000 until
    # 2025-06-30, then 300,000), S04E0020 (资金支付 up to 80,000), S04E0021 (no authority at all)
    grant("SQ-S04-IC-001", "S04E0015", "资产处置", "300000.00", "2025-01-01", "2025-10-31")
    grant("SQ-S04-IC-002", "S04E0016", "资金支付", "1000000.00", "2025-01-01", "2025-06-30")
    grant("SQ-S04-IC-003", "S04E0016", "资金支付", "300000.00", "2025-07-01", None)
    grant("SQ-S04-IC-004", "S04E0020", "资金支付", "80000.00", "2025-01-01", None)

    key = approve("资金支付", "80000.01", "s04-e0020", "2025-09-10 10:00:00")
    p.truth(rid, org, table, key, "80000.01", "planted",
            "超出8万元权限1分，终审人编码小写带横线 / one cent above the limit, the approver's code typed loosely")
    key = approve("资产处置", "150000.00", "S04E0015", "2025-11-01 09:30:00")
    p.truth(rid, org, table, key, "150000.00", "planted",
            "授权书10月31日到期，11月1日仍审批 / approved the day after the authority ended")
    key = approve("资金支付", "800000.00", "S04E0016", "2025-07-15 15:00:00")
    p.truth(rid, org, table, key, "800000.00", "planted",
            "新授权书权限降为30万元，按已到期的旧授权（100万元）审批 / approved under the expired larger limit")
    key = approve("对外担保", "50000.00", "S04E0020", "2025-09-12 10:00:00")
    p.truth(rid, org, table, key, "50000.00", "planted",
            "终审人只有资金支付授权，无对外担保授权 / authority for payments only, approved a guarantee")
    key = approve("捐赠赞助", "20000.00", "S04E0021", "2025-09-15 10:00:00")
    p.truth(rid, org, table, key, "20000.00", "planted", "终审人无任何授权 / the approver holds no authority")

    # decoys
    key = approve("资产处置", "300000.00", "S04E0015", "2025-10-31 23:30:00")
    p.truth(rid, org, table, key, "0", "decoy",
            "授权到期当日深夜审批、恰为权限金额 / on the authority's last day, exactly at the limit")
    key = approve("资金支付", "80000.00", " S04E020 ", "2025-09-11 10:00:00")
    p.truth(rid, org, table, key, "0", "decoy", "恰为权限金额，编码少前导零带空格 / exactly at the limit")
    key = approve("资金支付", "950000.00", "S04E0016", "2025-06-30 17:00:00")
    p.truth(rid, org, table, key, "0", "decoy", "旧授权最后一天在100万元权限内 / within the old limit on its last day")
    key = approve("资金支付", "2500000.00", "S04E0020", "2025-09-16 10:00:00", status="驳回")
    p.truth(rid, org, table, key, "0", "decoy", "驳回的审批单 / rejected")
    key = approve("资金支付", "600000.00", "S04E0021", "2025-09-17 10:00:00", status="审批中")
    p.truth(rid, org, table, key, "0", "decoy", "审批中（尚未批准） / still in approval")

    # an authority granted only after the approval, and one for another matter type (S04E0017, S04E0018: former
    # members of the decision bodies, holding no other authority)
    grant("SQ-S04-IC-005", "S04E0017", "资金支付", "500000.00", "2025-10-01", None)
    grant("SQ-S04-IC-006", "S04E0018", "捐赠赞助", "200000.00", "2025-01-01", None)
    key = approve("资金支付", "200000.00", "S04E0017", "2025-09-30 16:00:00")
    p.truth(rid, org, table, key, "200000.00", "planted",
            "授权书10月1日才生效，9月30日已审批 / approved the day before the authority began")
    key = approve("资产处置", "100000.00", "s04e0018", "2025-10-10 10:00:00")
    p.truth(rid, org, table, key, "100000.00", "planted",
            "终审人只有捐赠赞助授权，审批了资产处置 / authority for donations only, approved a disposal")
    key = approve("资金支付", "200000.00", "S04-E0017", "2025-10-01 08:30:00")
    p.truth(rid, org, table, key, "0", "decoy", "授权生效当日审批，在权限内 / on the authority's first day")
    key = approve("捐赠赞助", "200000.00", "S04E0018", "2025-10-11 10:00:00")
    p.truth(rid, org, table, key, "0", "decoy", "同一人审批其有授权的捐赠，恰为权限金额 / the matter type it holds")


# ---------------------------------------------------------------------------------------------------------------
# RF_REL_001 供应商与员工或其亲属关联
# ---------------------------------------------------------------------------------------------------------------

def _related_parties(p: Planter) -> None:
    rid, table, org = "RF_REL_001", "nc_erp.supplier", "S05"
    people = {r["emp_code"]: r for r in p.query(
        "hr", "select e.emp_code, e.emp_name, e.id_number, c.mobile_phone, c.home_address, c.salary_account"
              " from employee e join employee_contact c on c.emp_code = e.emp_code where e.org_code = ?", (org,))}
    n = [0]

    def supplier(code: str, name: str, legal_rep: str = "贺立新", legal_rep_id: str = "230102197001011233",
                 phone: str = "0371-66889900", address: str = "郑州市高新技术产业园科学大道99号",
                 account: str = "3100 2233 4455 6677 889") -> None:
        p.insert("nc_erp", "supplier", [dict(
            supplier_code=code, supplier_name=name, credit_code=None, legal_rep_name=legal_rep,
            legal_rep_id_number=legal_rep_id, contact_phone=phone, address=address, bank_name="中国银行",
            bank_account=account, ts="2025-01-05 09:00:00")])

    def buy(code: str, name: str, applicant: str, approver: str, amount: str, day: str) -> str:
        n[0] += 1
        approval_id = f"CG-S05-IC-{n[0]:03d}"
        p.insert("oa", "procurement_approval", [dict(
            approval_id=approval_id, org_code=org, applicant_emp_code=applicant, approver_emp_code=approver,
            item_name="办公耗材", category="货物", budget_project=f"2025-货物-IC-{n[0]:03d}", supplier_code=code,
            supplier_name=name, amount=amount, method="询价", inquiry_records=3, approved_on=day, status="已批准",
            ts=f"{day} 15:00:00")])
        return approval_id

    def pay(code: str, approval_id: str, amount: str, day: str) -> None:
        n[0] += 1
        p.insert("nc_erp", "supplier_payment", [dict(
            payment_no=f"FK-S05-IC-{n[0]:03d}", org_code=org, supplier_code=code, approval_id=approval_id,
            pay_date=day, amount=amount, voucher_no=f"记-IC-{n[0]:04d}", ts=f"{day} 10:00:00")])

    def declare(decl_id: str, emp: str, name: str, relation: str, id_number: str | None, phone: str | None = None,
                address: str | None = None) -> None:
        p.insert("hr", "relative_declaration", [dict(
            decl_id=decl_id, emp_code=emp, relative_name=name, relation=relation, relative_emp_code=None,
            relative_id_number=id_number, relative_birth_date=None, relative_phone=phone, relative_address=address,
            declared_on="2025-01-10", ts="2025-01-10 09:00:00")])

    a, b, c, d = (people[k] for k in ("S05E0010", "S05E0011", "S05E0012", "S05E0013"))

    acct = a["salary_account"]
    supplier("IC-V9001", "郑州瑞丰商贸有限公司", account=" ".join(acct[i:i + 4] for i in range(0, len(acct), 4)))
    ap = buy("IC-V9001", "郑州瑞丰商贸有限公司", "s05e0010", "S05E0002", "48000.00", "2025-06-10")
    pay("IC-V9001", ap, "20000.00", "2025-06-20")
    pay("IC-V9001", ap, "28000.00", "2025-07-20")
    p.truth(rid, org, table, "IC-V9001", "48000.00", "planted",
            "收款账号为采购申请人工资卡号（四位一组空格分隔），申请人编码小写，分两笔付款 / the supplier's account is "
            "the requester's salary account typed in groups of four")

    mobile = b["mobile_phone"]
    supplier("IC-V9002", "郑州恒达办公用品有限公司", phone=f"+86 {mobile[:3]}-{mobile[3:7]}-{mobile[7:]}")
    buy("IC-V9002", "郑州恒达办公用品有限公司", "S05E0025", "S05-E0011", "36500.00", "2025-09-03")
    p.truth(rid, org, table, "IC-V9002", "36500.00", "planted",
            "联系电话为审批人手机号（+86、横线、空格），尚未付款按采购金额 / the phone is the approver's mobile "
            "with +86 and dashes; not yet paid")

    addr = c["home_address"].translate(FULL_WIDTH)
    supplier("IC-V9003", "郑州佳和装饰工程有限公司", address=addr[:3] + " " + addr[3:])
    ap = buy("IC-V9003", "郑州佳和装饰工程有限公司", "S05E0026", "S05E0002", "62000.00", "2025-05-12")
    pay("IC-V9003", ap, "62000.00", "2025-05-30")
    p.truth(rid, org, table, "IC-V9003", "62000.00", "planted",
            "注册地址为员工家庭住址（全角数字、空格），该员工未参与采购 / the address is an employee's home address "
            "in full-width digits")

    rel_id = "41010519800512201" + "10X98765432"[sum(int(ch) * w for ch, w in zip(
        "41010519800512201", (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11]
    declare("IC-QS-S05-001", "S05E0013", "许志刚", "弟弟", rel_id)
    supplier("IC-V9004", "郑州鑫源机电设备有限公司", legal_rep="许志刚", legal_rep_id=rel_id[:6] + rel_id[8:17])
    ap = buy("IC-V9004", "郑州鑫源机电设备有限公司", "S05E0026", "s05e13", "75000.00", "2025-08-01")
    pay("IC-V9004", ap, "75000.00", "2025-08-25")
    p.truth(rid, org, table, "IC-V9004", "75000.00", "planted",
            "法定代表人为审批人申报的弟弟（供应商登记15位身份证号），审批人编码缺前导零 / the legal representative "
            "is the approver's declared brother, registered with the 15-digit number")

    supplier("IC-V9005", "郑州广源物资有限公司")
    p.insert("nc_erp", "supplier_shareholder", [
        dict(supplier_code="IC-V9005", seq_no=1, shareholder_name="贺立新", shareholder_id_number="230102197001011233",
             share_ratio="60", ts="2025-01-05 09:00:00"),
        dict(supplier_code="IC-V9005", seq_no=2, shareholder_name=d["emp_name"],
             shareholder_id_number=" ".join([d["id_number"][:6], d["id_number"][6:14], d["id_number"][14:]]).lower(),
             share_ratio="40", ts="2025-01-05 09:00:00")])
    ap = buy("IC-V9005", "郑州广源物资有限公司", "S05E0025", "S05E0002", "54000.00", "2025-10-09")
    pay("IC-V9005", ap, "54000.00", "2025-10-30")
    p.truth(rid, org, table, "IC-V9005", "54000.00", "planted",
            "员工本人为自然人股东（身份证号分段空格） / an employee is a natural-person shareholder")

    # the phone and address a relative was declared with (hr.relative_declaration)
    declare("IC-QS-S05-002", "S05E0025", "宋振华", "哥哥", None, phone="139-3712-6688")
    supplier("IC-V9006", "郑州振华五金有限公司", phone="+86 139 3712 6688")
    ap = buy("IC-V9006", "郑州振华五金有限公司", "S05E0026", " s05e0025", "33000.00", "2025-09-15")
    pay("IC-V9006", ap, "33000.00", "2025-10-08")
    p.truth(rid, org, table, "IC-V9006", "33000.00", "planted",
            "联系电话为审批人申报的哥哥的电话（申报带横线，供应商+86带空格），亲属只申报了电话 / the phone of the "
            "approver's declared brother")
    declare("IC-QS-S05-003", "S05E0026", "魏国强", "父亲", None, address="郑州市金水区花园路12号院3号楼2单元501室")
    supplier("IC-V9007", "郑州国强建材有限公司", address="郑州市金水区花园路１２号院 ３号楼２单元５０１室")
    ap = buy("IC-V9007", "郑州国强建材有限公司", "S05E0026", "S05E0002", "27000.00", "2025-11-03")
    pay("IC-V9007", ap, "12000.00", "2025-11-20")
    p.truth(rid, org, table, "IC-V9007", "12000.00", "planted",
            "注册地址为申请人申报的父亲住址（全角数字、空格），已付1.2万元 / the address of the requester's "
            "declared father; 12,000 paid so far")

    # a declared spouse as a natural-person shareholder, the name with full-width parentheses (as business
    # registers print a pinyin or a note), the ID number typed with a lower-case check letter and spaces
    spouse_id = "41010219850706402" + "10X98765432"[sum(int(ch) * w for ch, w in zip(
        "41010219850706402", (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11]
    declare("IC-QS-S05-004", "S05E0012", "邝淑贞", "配偶", spouse_id)
    supplier("IC-V9008", "郑州淑贞餐饮管理有限公司")
    p.insert("nc_erp", "supplier_shareholder", [
        dict(supplier_code="IC-V9008", seq_no=1, shareholder_name="邝淑贞（ＫＵＡＮＧ　ＳＨＵＺＨＥＮ）",
             shareholder_id_number=" ".join([spouse_id[:6], spouse_id[6:14], spouse_id[14:]]).lower(),
             share_ratio="100", ts="2025-01-05 09:00:00")])
    ap = buy("IC-V9008", "郑州淑贞餐饮管理有限公司", "S05E0012", "S05E0002", "28800.00", "2025-08-18")
    pay("IC-V9008", ap, "18800.00", "2025-09-01")
    pay("IC-V9008", ap, "10000.00", "2025-10-01")
    p.truth(rid, org, table, "IC-V9008", "28800.00", "planted",
            "自然人股东为采购申请人申报的配偶，股东名带全角括号注记，身份证号分段、末位小写 / the requester's "
            "declared spouse as shareholder, the name with full-width parentheses")
    supplier("IC-V9018", "郑州同名投资咨询有限公司")
    p.insert("nc_erp", "supplier_shareholder", [
        dict(supplier_code="IC-V9018", seq_no=1, shareholder_name=f"{c['emp_name']}（香港）",
             shareholder_id_number="H1234567(8)", share_ratio="100", ts="2025-01-05 09:00:00")])
    ap = buy("IC-V9018", "郑州同名投资咨询有限公司", "S05E0012", "S05E0002", "26000.00", "2025-08-20")
    pay("IC-V9018", ap, "26000.00", "2025-09-05")
    p.truth(rid, org, table, "IC-V9018", "0", "decoy",
            "自然人股东与申请人同名（带全角括号注记），证件号不同 / a namesake shareholder, another person")

    # decoys
    supplier("IC-V9016", "郑州花园路商贸有限公司", address="郑州市金水区花园路12号院3号楼2单元502室")
    ap = buy("IC-V9016", "郑州花园路商贸有限公司", "S05E0025", "S05E0002", "15000.00", "2025-11-05")
    pay("IC-V9016", ap, "15000.00", "2025-11-25")
    p.truth(rid, org, table, "IC-V9016", "0", "decoy",
            "与申报亲属住址同楼同单元不同房号 / the declared father's building, another flat")
    supplier("IC-V9011", "郑州同名商贸有限公司", legal_rep=a["emp_name"], legal_rep_id="230102198811112223")
    ap = buy("IC-V9011", "郑州同名商贸有限公司", "S05E0010", "S05E0002", "41000.00", "2025-06-15")
    pay("IC-V9011", ap, "41000.00", "2025-06-30")
    p.truth(rid, org, table, "IC-V9011", "0", "decoy",
            "法定代表人与申请人同名但身份证号不同 / same name as the requester, another person")
    home = c["home_address"]
    other_flat = home[:-4] + ("9" if home[-4] != "9" else "8") + home[-3:]
    supplier("IC-V9012", "郑州邻里家政服务有限公司", address=other_flat)
    ap = buy("IC-V9012", "郑州邻里家政服务有限公司", "S05E0026", "S05E0002", "23000.00", "2025-07-07")
    pay("IC-V9012", ap, "23000.00", "2025-07-21")
    p.truth(rid, org, table, "IC-V9012", "0", "decoy", "与员工住址同楼不同室 / the employee's building, another flat")
    supplier("IC-V9013", "郑州未合作供应商有限公司", phone=b["mobile_phone"])
    p.truth(rid, org, table, "IC-V9013", "0", "decoy",
            "联系电话为员工手机号，但本单位从未向其采购或付款 / matches an employee, never bought from nor paid")
    supplier("IC-V9014", "郑州座机商贸有限公司", phone="0371-" + b["mobile_phone"][-8:])
    ap = buy("IC-V9014", "郑州座机商贸有限公司", "S05E0025", "S05E0002", "19000.00", "2025-07-08")
    pay("IC-V9014", ap, "19000.00", "2025-07-22")
    p.truth(rid, org, table, "IC-V9014", "0", "decoy",
            "座机号码后8位与员工手机号后8位相同（号码不同） / a landline sharing the mobile's last 8 digits")


# ---------------------------------------------------------------------------------------------------------------
# RF_INC_001 收入未及时足额入账
# ---------------------------------------------------------------------------------------------------------------

def _income(p: Planter) -> None:
    rid, org = "RF_INC_001", "S05"
    n = [0]

    def dispose(no: str, register_id: str, method: str, appraised: str, price: str, buyer: str | None,
                day: str) -> None:
        p.insert("asset", "disposal", [dict(disposal_no=no, org_code=org, register_id=register_id, method=method,
                                            appraised_value=appraised, deal_price=price, buyer=buyer,
                                            disposal_date=day, ts=f"{day} 09:00:00")])

    def event(no: str, investee: str, kind: str, amount: str, day: str) -> None:
        p.insert("asset", "equity_investment_event", [dict(
            event_no=no, org_code=org, investee=investee, event_type=kind, amount_due=amount,
            counterparty=investee, decision_no=f"{investee[:2]}股东会决议〔2025〕9号", event_date=day,
            ts=f"{day} 09:00:00")])

    def receive(ref: str, kind: str, amount: str, day: str, receiver: str = org) -> None:
        n[0] += 1
        p.insert("nc_erp", "income_receipt", [dict(
            receipt_no=f"SR-IC-{n[0]:04d}", org_code=receiver, income_kind=kind, ref_no=ref, payer="受让方",
            receipt_date=day, amount=amount, voucher_no=f"记-IC-SR-{n[0]:04d}", ts=f"{day} 11:00:00")])

    # disposal 2025-12-01, window 30 days: last day 2025-12-31
    dispose("CZ-S05-IC-01", "CQ-S05-IC-01", "公开挂牌", "820000.00", "860000.00", "郑州宏业物资有限公司", "2025-12-01")
    receive("cz s05 ic 01", "资产处置收入", "800000.00", "2025-12-31")
    receive("CZ-S05-IC-01", "资产处置收入", "60000.00", "2026-01-05")
    p.truth(rid, org, "asset.disposal", "CZ-S05-IC-01", "60000.00", "planted",
            "成交价86万元，期限最后一天入账80万元（单号小写空格），余款6万元逾期入账 / 60,000 booked after the window")
    event("TZ-S05-IC-01", "中原新能源有限公司", "股权转让", "5000000.00", "2026-01-10")
    p.truth(rid, org, "asset.equity_investment_event", "TZ-S05-IC-01", "5000000.00", "planted",
            "股权转让价款500万元，30天期限已过无入账 / nothing booked for an equity sale")
    event("TZ-S05-IC-02", "中原物产有限公司", "分红", "1200000.00", "2025-08-01")
    receive("TZ-S05-IC-02", "分红收入", "1200000.00", "2025-09-01", receiver="S04")
    p.truth(rid, org, "asset.equity_investment_event", "TZ-S05-IC-02", "1200000.00", "planted",
            "分红款入在另一单位账上，本单位未入账 / the dividend booked by another subsidiary")

    # decoys
    dispose("CZ-S05-IC-02", "CQ-S05-IC-02", "协议转让", "500000.00", "520000.00", "郑州金达贸易有限公司", "2025-11-10")
    receive("ＣＺ－Ｓ０５－ＩＣ－０２", "资产处置收入", "520000.00", "2025-12-10")
    p.truth(rid, org, "asset.disposal", "CZ-S05-IC-02", "0", "decoy",
            "期限最后一天全额入账，单号全角 / booked in full on the window's last day, the reference in full-width")
    dispose("CZ-S05-IC-03", "CQ-S05-IC-03", "报废", "0.00", "0.00", None, "2025-10-10")
    p.truth(rid, org, "asset.disposal", "CZ-S05-IC-03", "0", "decoy", "报废无成交价 / a write-off, no price")
    event("TZ-S05-IC-03", "中原数字科技有限公司", "股权转让", "3000000.00", "2026-02-20")
    p.truth(rid, org, "asset.equity_investment_event", "TZ-S05-IC-03", "0", "decoy",
            "股权转让尚在30天期限内 / the window has not passed")
    event("TZ-S05-IC-04", "中原港务有限公司", "分红", "900000.00", "2025-06-30")
    receive("TZ S05 IC 04", "分红收入", "400000.00", "2025-09-30")
    receive("tz-s05-ic-04", "分红收入", "500000.00", "2025-12-27")
    p.truth(rid, org, "asset.equity_investment_event", "TZ-S05-IC-04", "0", "decoy",
            "分红分两笔在180天期限内（最后一天）入齐 / the dividend booked in two parts, the second on the last day")
    event("TZ-S05-IC-05", "中原铝业有限公司", "分红", "1000000.00", "2025-07-15")
    receive("TZ-S05-IC-05", "分红收入", "600000.00", "2025-08-20")
    receive("tz s05 ic 05", "分红收入", "400000.00", "2025-08-21", receiver="S04")
    p.truth(rid, org, "asset.equity_investment_event", "TZ-S05-IC-05", "400000.00", "planted",
            "分红分两笔到账，第二笔40万元入在另一单位账上 / the second part of a dividend booked by another "
            "subsidiary")


def _income_more(p: Planter) -> None:
    """RF_INC_001, the second author's cases (S03): the event type as investment records write it, a deposit
    booked before the deal, the window's end across the year end, receipt dates with their time of day."""
    rid, org = "RF_INC_001", "S03"
    n = [0]

    def dispose(no: str, method: str, price: str, day: str) -> None:
        p.insert("asset", "disposal", [dict(disposal_no=no, org_code=org, register_id=no.replace("CZ", "CQ"),
                                            method=method, appraised_value=price, deal_price=price,
                                            buyer="洛阳远通物资有限公司", disposal_date=day, ts=f"{day} 09:00:00")])

    def event(no: str, investee: str, kind: str, amount: str, day: str) -> None:
        p.insert("asset", "equity_investment_event", [dict(
            event_no=no, org_code=org, investee=investee, event_type=kind, amount_due=amount,
            counterparty=investee, decision_no=f"{investee[:2]}股东会决议〔2025〕12号", event_date=day,
            ts=f"{day} 09:00:00")])

    def receive(ref: str, kind: str, amount: str, day: str) -> None:
        n[0] += 1
        p.insert("nc_erp", "income_receipt", [dict(
            receipt_no=f"SR-IC2-{n[0]:04d}", org_code=org, income_kind=kind, ref_no=ref, payer="受让方",
            receipt_date=day, amount=amount, voucher_no=f"记-IC2-SR-{n[0]:04d}", ts=f"{day[:10]} 11:00:00")])

    event("TZ-S03-IC-11", "洛阳新材料有限公司", "现金分红", "700000.00", "2025-06-01")
    p.truth(rid, org, "asset.equity_investment_event", "TZ-S03-IC-11", "700000.00", "planted",
            "事项类型写作“现金分红”，180天期限已过无入账 / a cash dividend written 现金分红, nothing booked")
    event("TZ-S03-IC-12", "洛阳港口有限公司", "分红 ", "500000.00", "2025-07-01")
    receive("TZ-S03-IC-12", "分红收入", "300000.00", "2025-08-15 10:20:00")
    p.truth(rid, org, "asset.equity_investment_event", "TZ-S03-IC-12", "200000.00", "planted",
            "类型末尾有空格，分红50万只入账30万 / 300,000 of 500,000 booked")
    dispose("CZ-S03-IC-11", "公开挂牌", "300000.00", "2025-12-15")
    receive("CZ-S03-IC-11", "资产处置收入", "300000.00", "2026-01-15")
    p.truth(rid, org, "asset.disposal", "CZ-S03-IC-11", "300000.00", "planted",
            "12月15日处置，期限至次年1月14日，1月15日才入账（逾期1天，跨年） / booked a day after the window")
    # decoys
    dispose("CZ-S03-IC-12", "协议转让", "400000.00", "2025-12-16")
    receive("CZ-S03-IC-12", "资产处置收入", "400000.00", "2026-01-15 17:30:00")
    p.truth(rid, org, "asset.disposal", "CZ-S03-IC-12", "0", "decoy",
            "期限最后一天（跨年）全额入账，收款日期带时刻 / booked on the window's last day, with its time")
    dispose("CZ-S03-IC-13", "公开挂牌", "600000.00", "2025-11-20")
    receive("CZ-S03-IC-13", "资产处置收入", "100000.00", "2025-11-05")
    receive("CZ S03 IC 13", "资产处置收入", "500000.00", "2025-12-01")
    p.truth(rid, org, "asset.disposal", "CZ-S03-IC-13", "0", "decoy",
            "成交前已收的保证金10万元转作价款，余款期限内入账 / a deposit booked before the deal, the rest in time")
    event("TZ-S03-IC-13", "洛阳数据有限公司", "股权转让", "800000.00", "2025-11-01")
    receive("TZ-S03-IC-13", "股权转让收入", "480000.00", "2025-11-20")
    receive("TZ-S03-IC-13", "股权转让收入", "320000.00", "2025-12-01")
    p.truth(rid, org, "asset.equity_investment_event", "TZ-S03-IC-13", "0", "decoy",
            "股权转让款分两笔，第二笔恰在第30天入账 / the second part on the 30th day")


# ---------------------------------------------------------------------------------------------------------------
# The third author's cases: meeting types as minutes title them (董事会会议, 总经理办公会议, 党委会议), a category
# exported with CHAR padding or a trailing 类, a red-ink receipt, a deposit window ending on the as-of date
# ---------------------------------------------------------------------------------------------------------------

def _third_author(p: Planter) -> None:
    _third_meetings(p)
    _third_authority(p)
    _third_income(p)
    _third_placeholders(p)


def _third_meetings(p: Planter) -> None:
    """third author: RF_SZYD_001 and RF_SZYD_002 on meetings whose type OA records as the minutes title them
    (董事会会议, 总经理办公会议, 党委会议: the same bodies as 董事会, 总经理办公会, 党委会), and a payment whose
    category the ERP exports padded with a space."""
    org = "S04"
    n = [0]

    def pay(category: str, payee: str, amount: str, day: str, decision: str | None) -> str:
        n[0] += 1
        payment_no = f"ZF-S04-IC3-{n[0]:03d}"
        p.insert("nc_erp", "fund_payment", [dict(
            payment_no=payment_no, org_code=org, matter_category=category, payee_name=payee, purpose=None,
            amount=amount, pay_date=day, decision_item_no=decision, oa_approval_id=None, ts=f"{day} 10:00:00")])
        return payment_no

    party = [(c, nm, "出席") for c, nm in _members(p, org, "党委会")]
    board = _members(p, org, "董事会")
    office = [(c, nm, "出席") for c, nm in _members(p, org, "总经理办公会")]
    _meeting(p, "HY-S04-IC3-DW-01", org, "党委会议", "2026-02-16", party, [
        ("YT-S04-IC3-DW-01-01", "关于对西部储能科技有限公司投资的前置研究", "对外投资", "1600000.00", "通过"),
        ("YT-S04-IC3-DW-01-02", "关于转让闲置仓库的前置研究", "资产处置", "600000.00", "通过"),
    ])
    _meeting(p, "HY-S04-IC3-DS-01", org, "董事会会议", "2026-02-18", [(c, nm, "出席") for c, nm in board], [
        ("YT-S04-IC3-DS-01-01", "关于对西部储能科技有限公司投资的议案", "对外投资", "1600000.00", "通过",
         "YT-S04-IC3-DW-01-01"),
    ])
    _meeting(p, "HY-S04-IC3-ZB-01", org, "总经理办公会议", "2026-02-18", office, [
        ("YT-S04-IC3-ZB-01-01", "关于转让闲置仓库的议案", "资产处置", "600000.00", "通过", "YT-S04-IC3-DW-01-02"),
    ])
    rid, table = "RF_SZYD_001", "nc_erp.fund_payment"
    key = pay("对外投资", "西部储能科技有限公司", "1600000.00", "2026-02-20", "YT-S04-IC3-DS-01-01")
    p.truth(rid, org, table, key, "0", "decoy",
            "党委会前置研究、董事会决策后投资，会议类型写作“党委会议”“董事会会议” / studied and decided, the "
            "meeting types written as the minutes title them")
    key = pay("资产处置", "兰州仓储物流有限公司", "600000.00", "2026-02-25", "YT-S04-IC3-ZB-01-01")
    p.truth(rid, org, table, key, "0", "decoy",
            "资产处置经党委会前置研究、总经理办公会决策，会议类型写作“总经理办公会议” / decided by the office "
            "meeting, written 总经理办公会议")
    key = pay("资金支付 ", "西部建设工程有限公司", "1200000.00", "2026-02-26", None)
    p.truth(rid, org, table, key, "1200000.00", "planted",
            "资金支付120万元无集体决策，事项类别导出时末尾补空格（定长字段） / a payment above the standard without "
            "a decision, the category padded with a space")

    rid, table = "RF_SZYD_002", "oa.decision_item"
    attendees = [(c, nm, "出席") for c, nm in board[:3]] + [(c, nm, "请假") for c, nm in board[3:]]
    _meeting(p, "HY-S04-IC3-DS-02", org, "董事会会议", "2026-02-24", attendees, [
        ("YT-S04-IC3-DS-02-01", "关于对西部氢冶金有限公司投资的议案", "对外投资", "2000000.00", "通过"),
    ])
    p.truth(rid, org, table, "YT-S04-IC3-DS-02-01", "2000000.00", "planted",
            "会议类型写作“董事会会议”，7名董事3人出席仍通过投资议题 / three of seven directors, the meeting "
            "type written 董事会会议")
    p.truth(rid, org, table, "YT-S04-IC3-ZB-01-01", "0", "decoy",
            "总经理办公会议全体成员出席 / every member present, written 总经理办公会议")


def _third_authority(p: Planter) -> None:
    """third author: RF_AUTH_001 with the matter category written one way in the authority (资金支付类) and
    another in the approval (资金支付, 捐赠赞助 padded with a space): one category, judged against its limit."""
    rid, table, org = "RF_AUTH_001", "oa.payment_approval", "S04"
    p.insert("oa", "approval_authority", [
        dict(authority_id=authority_id, org_code=org, emp_code="S04E9901", matter_category=category,
             limit_amount=limit, start_date="2025-01-01", end_date=None, ts="2025-01-01 09:00:00")
        for authority_id, category, limit in (("SQ-S04-IC3-001", "资金支付类", "80000.00"),
                                              ("SQ-S04-IC3-002", "捐赠赞助", "50000.00"))])

    def approve(approval_id: str, category: str, amount: str, at: str) -> str:
        p.insert("oa", "payment_approval", [dict(
            approval_id=approval_id, org_code=org, matter_category=category, payee_name="西部协作单位IC3",
            amount=amount, approver_emp_code="S04E9901", approved_at=at, status="已批准", ts=at)])
        return approval_id

    key = approve("FK-S04-IC3-001", "资金支付", "50000.00", "2025-11-03 10:00:00")
    p.truth(rid, org, table, key, "0", "decoy",
            "授权书写作“资金支付类”（权限8万元），审批5万元资金支付在权限内 / within the limit of an authority "
            "written 资金支付类")
    key = approve("FK-S04-IC3-002", "资金支付", "90000.00", "2025-11-04 10:00:00")
    p.truth(rid, org, table, key, "90000.00", "planted", "同一授权，审批9万元超出8万元权限 / above that limit")
    key = approve("FK-S04-IC3-003", "捐赠赞助 ", "30000.00", "2025-11-05 10:00:00")
    p.truth(rid, org, table, key, "0", "decoy",
            "审批单事项类别末尾有空格，在捐赠赞助5万元权限内 / the category padded with a space, within the limit")


def _third_income(p: Planter) -> None:
    """third author: RF_INC_001 with a receipt reversed in red ink inside the window and booked again after it,
    and a deposit window that ends on the as-of date itself."""
    rid, org = "RF_INC_001", "S02"
    p.insert("asset", "equity_investment_event", [dict(
        event_no="TZ-S02-IC3-01", org_code=org, investee="中海港口运营有限公司", event_type="分红",
        amount_due="1000000.00", counterparty="中海港口运营有限公司", decision_no="股东会决议〔2025〕3号",
        event_date="2025-05-10", ts="2025-05-10 09:00:00")])
    p.insert("nc_erp", "income_receipt", [
        dict(receipt_no=no, org_code=org, income_kind="分红收入", ref_no="TZ-S02-IC3-01", payer="中海港口运营有限公司",
             receipt_date=day, amount=amount, voucher_no=f"记-IC3-{no[-2:]}", ts=f"{day} 11:00:00")
        for no, day, amount in (("SR-IC3-01", "2025-06-01", "1000000.00"), ("SR-IC3-02", "2025-06-05", "-1000000.00"),
                                ("SR-IC3-03", "2025-12-01", "1000000.00"))])
    p.truth(rid, org, "asset.equity_investment_event", "TZ-S02-IC3-01", "1000000.00", "planted",
            "分红100万元期限内入账后红字冲销，期限过后才重新入账 / booked, reversed in red ink within the window, "
            "booked again after it")
    p.insert("asset", "disposal", [dict(
        disposal_no="CZ-S02-IC3-01", org_code=org, register_id="CQ-S02-IC3-01", method="协议转让",
        appraised_value="300000.00", deal_price="300000.00", buyer="中海物资回收有限公司", disposal_date="2026-02-13",
        decision_item_no=None, ts="2026-02-13 09:00:00")])
    p.truth(rid, org, "asset.disposal", "CZ-S02-IC3-01", "0", "decoy",
            "2月13日处置，30天期限恰至评价日，尚未入账但未逾期 / the window ends on the as-of date")


def _third_placeholders(p: Planter) -> None:
    """third author: RF_REL_001 on the placeholders HR and ERP master data hold where a value is unknown: an
    address written 无 (or （无）) and a phone of zeros are no address or phone, so a supplier and an employee who
    both have one are not related by it."""
    rid, table, org = "RF_REL_001", "nc_erp.supplier", "S05"
    p.insert("hr", "employee", [dict(
        emp_code="S05E9903", emp_name="上官守拙", id_number="410105198107070413", gender="男", birth_date="1981-07-07",
        org_code=org, dept_name="综合办公室", position_title="职员", rank_code="R04", manager_emp_code="S05E0003",
        status="在职", hire_date="2012-07-01", leave_date=None, retire_date=None, ts="2012-07-01 09:00:00")])
    p.insert("hr", "employee_contact", [dict(emp_code="S05E9903", mobile_phone="00000000000", home_address="无",
                                             salary_account="6217 9903 5501 2233 001", ts="2025-01-02 09:00:00")])
    for n, (code, name, phone, address) in enumerate((
            ("IC-V9301", "郑州地址未详商贸有限公司", "0371-66019301", "（无）"),
            ("IC-V9302", "郑州电话未详物资有限公司", "000-0000-0000", "郑州市管城区紫荆山路9302号")), 1):
        p.insert("nc_erp", "supplier", [dict(
            supplier_code=code, supplier_name=name, credit_code=None, legal_rep_name="贺立新",
            legal_rep_id_number="230102197001011233", contact_phone=phone, address=address, bank_name="中国银行",
            bank_account=f"3100 2233 9300 {n:04d}", ts="2025-01-05 09:00:00")])
        p.insert("oa", "procurement_approval", [dict(
            approval_id=f"CG-S05-IC3-{n:03d}", org_code=org, applicant_emp_code="S05E9903",
            approver_emp_code="S05E0002", item_name="办公耗材", category="货物", budget_project=f"2025-货物-IC3-{n:03d}",
            supplier_code=code, supplier_name=name, amount="20000.00", method="询价", inquiry_records=3,
            approved_on="2025-10-10", status="已批准", ts="2025-10-10 15:00:00")])
        p.insert("nc_erp", "supplier_payment", [dict(
            payment_no=f"FK-S05-IC3-{n:03d}", org_code=org, supplier_code=code, approval_id=f"CG-S05-IC3-{n:03d}",
            pay_date="2025-10-30", amount="20000.00", voucher_no=f"记-IC3-FK-{n:03d}", ts="2025-10-30 10:00:00")])
    p.truth(rid, org, table, "IC-V9301", "0", "decoy",
            "供应商地址填“（无）”，员工家庭住址填“无”：均为未填，不是同一地址 / both addresses unknown (无)")
    p.truth(rid, org, table, "IC-V9302", "0", "decoy",
            "供应商电话填“000-0000-0000”，员工手机号填11个0：均为未填，不是同一号码 / both phones zeros")
