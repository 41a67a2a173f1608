"""Finance cases (往来、资产、凭证、资金、经营预警、数据报送), written from the rule catalog's `detects` and `basis`
text and the standards seeds: RF_AR_001-003, RF_ASSET_001-004, RF_JE_001-006, RF_FUND_001, RF_KPI_001, RF_DQ_001.

Every planted row is new (own bill, customer, contract, voucher, account numbers in a 9xxx range) so the background
the generator made cannot add to or take from a case's amount; RF_KPI_001 takes over one subsidiary's monthly
financials and RF_JE_006 plants whole fiscal years (2023/2024) the background does not reach.
"""

from __future__ import annotations

import csv
import math
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from tests.dbt_project.independent_cases import Planter

TS = "2026-03-10 09:00:00"


def plant(p: Planter) -> None:
    _receivables(p)
    _assets(p)
    _funds(p)
    _vouchers(p)
    _benford(p)
    _kpi(p)
    _kpi_year_end(p)
    _ledgers(p)
    _third_vouchers(p)
    _third_assets(p)
    _third_income_and_funds(p)
    _third_submission_without_offset(p)


# ---------------------------------------------------------------------------------------------------- receivables

def _customer(p: Planter, code: str, name: str) -> None:
    p.insert("nc_erp", "customer", [dict(customer_code=code, customer_name=name, credit_code=None, region="华东")])


def _bill(p: Planter, bill_no: str, org: str, customer: str, bill_date: str, amount: str, received: str,
          last_movement: str | None, summary: str = "货款") -> str:
    open_balance = str(Decimal(amount) - Decimal(received))
    due = (date.fromisoformat(bill_date) + timedelta(days=90)).isoformat()
    p.insert("nc_erp", "ar_bill", [dict(
        bill_no=bill_no, org_code=org, customer_code=customer, bill_date=bill_date, due_date=due, currency="CNY",
        bill_amount=amount, received_amount=received, open_balance=open_balance, last_movement_date=last_movement,
        summary=summary, ts=(last_movement or bill_date) + " 10:00:00")])
    return open_balance


def _receivables(p: Planter) -> None:
    # RF_AR_001: age > 1095 days on 2026-03-15; 2023-03-15 is 1096 days back (2024 is a leap year), 2023-03-16 1095.
    for code, name in [("C90001", "苏州恒泰机电有限公司"), ("C90002", "ＡＢＣ国际贸易（上海）有限公司"),
                       ("C90003", "兰州西固建材有限公司"), ("C90004", "合肥新桥物流有限公司"),
                       ("C90005", "南宁东盟商贸有限公司"), ("C90006", "贵阳云岩科技有限公司")]:
        _customer(p, code, name)
    amt = _bill(p, "AR-S01-202303-90001", "S01", "C90001", "2023-03-15", "80000.00", "0", None)
    p.truth("RF_AR_001", "S01", "nc_erp.ar_bill", "AR-S01-202303-90001", amt, "planted",
            "恰好1096天（大于1095天）未收回，边界 / exactly 1096 days old, first day over 3 years")
    amt = _bill(p, "AR-S02-202106-90002", "S02", "C90002", "2021-06-30", "50000.00", "0", "2021-06-30")
    p.truth("RF_AR_001", "S02", "nc_erp.ar_bill", "AR-S02-202106-90002", amt, "planted",
            "同一客户两张超3年单据合并为一个疑点之一（全角客户名）/ one of two old bills of one customer, summed")
    amt = _bill(p, "AR-S02-202212-90003", "S02", "C90002", "2022-12-31", "45000.00", "25000.00", "2023-06-30")
    p.truth("RF_AR_001", "S02", "nc_erp.ar_bill", "AR-S02-202212-90003", amt, "planted",
            "年末开票、部分收回后余额挂账超3年 / year-end bill partly received, open part over 3 years")
    amt = _bill(p, "AR-S03-201905-90004", "S03", "C90003", "2019-05-20", "123456.78", "3456.78", "2025-12-20")
    p.truth("RF_AR_001", "S03", "nc_erp.ar_bill", "AR-S03-201905-90004", amt, "planted",
            "近期有部分收款但账龄按单据日期仍超3年 / a recent receipt does not reset the age of the bill")
    _bill(p, "AR-S01-202303-90005", "S01", "C90004", "2023-03-16", "60000.00", "0", None)
    p.truth("RF_AR_001", "S01", "nc_erp.ar_bill", "AR-S01-202303-90005", "60000.00", "decoy",
            "恰好1095天，未超过3年 / exactly 1095 days: not over 3 years")
    _bill(p, "AR-S03-202001-90006", "S03", "C90004", "2020-01-15", "70000.00", "70000.00", "2020-05-15")
    p.truth("RF_AR_001", "S03", "nc_erp.ar_bill", "AR-S03-202001-90006", "0", "decoy",
            "超3年但已全额收回（余额0）/ old bill fully received")

    # RF_AR_002: no movement for more than 365 days (last movement, else bill date), open balance > 0.
    amt = _bill(p, "AR-S04-202406-90011", "S04", "C90005", "2024-06-01", "90000.00", "10000.00", "2025-03-14")
    p.truth("RF_AR_002", "S04", "nc_erp.ar_bill", "AR-S04-202406-90011", amt, "planted",
            "最近变动距评价日366天，刚超过365天 / last movement 366 days ago, one day over")
    amt = _bill(p, "AR-S04-202401-90012", "S04", "C90005", "2024-01-10", "33000.00", "0", None)
    p.truth("RF_AR_002", "S04", "nc_erp.ar_bill", "AR-S04-202401-90012", amt, "planted",
            "从未变动（最近变动日期为空），按单据日期计 / never moved: idle since the bill date")
    amt = _bill(p, "AR-S05-202312-90013", "S05", "C90006", "2023-12-31", "27500.50", "7500.50", "2024-12-31")
    p.truth("RF_AR_002", "S05", "nc_erp.ar_bill", "AR-S05-202312-90013", amt, "planted",
            "跨年：年末最后一次收款后再无变动 / last movement on a year end, none since")
    _bill(p, "AR-S04-202405-90014", "S04", "C90005", "2024-05-01", "40000.00", "5000.00", "2025-03-15")
    p.truth("RF_AR_002", "S04", "nc_erp.ar_bill", "AR-S04-202405-90014", "35000.00", "decoy",
            "恰好365天无变动，不超过 / exactly 365 days idle: not more than the period")
    _bill(p, "AR-S05-202402-90015", "S05", "C90006", "2024-02-01", "18000.00", "18000.00", "2024-03-01")
    p.truth("RF_AR_002", "S05", "nc_erp.ar_bill", "AR-S05-202402-90015", "0", "decoy",
            "长期无变动但余额已结清 / idle but fully settled")
    _bill(p, "AR-S05-202301-90016", "S05", "C90006", "2023-01-20", "52000.00", "2000.00", "2026-01-05")
    p.truth("RF_AR_002", "S05", "nc_erp.ar_bill", "AR-S05-202301-90016", "50000.00", "decoy",
            "单据很旧但近期有收款变动 / old bill that moved recently")

    # red ink (红字应收单): NC writes a reversal as a bill of its own, negative throughout, open until written off
    # against the bill it reverses. It reduces that bill (a movement on its own date) and is no receivable itself.
    for code, name in [("C90031", "武汉江汉建工有限公司"), ("C90032", "成都锦江设备有限公司"),
                       ("C90033", "西安雁塔电子有限公司"), ("C90034", "昆明滇池实业有限公司"),
                       ("C90035", "太原晋阳化工有限公司")]:
        _customer(p, code, name)
    _bill(p, "AR-S01-202105-90031", "S01", "C90031", "2021-05-10", "40000.00", "0", None)
    _bill(p, "AR-S01-202602-90032", "S01", "C90031", "2026-02-10", "-40000.00", "0", "2026-02-10", "红字冲销")
    p.truth("RF_AR_001", "S01", "nc_erp.ar_bill", "AR-S01-202105-90031", "0", "decoy",
            "超3年的应收单已被同额红字应收单全额冲回（尚未核销）/ an old bill reversed in full by a red-ink bill")
    p.truth("RF_AR_001", "S01", "nc_erp.ar_bill", "AR-S01-202602-90032", "0", "decoy",
            "红字应收单本身不是应收余额 / the red-ink bill itself is no receivable")
    _bill(p, "AR-S02-202108-90033", "S02", "C90032", "2021-08-01", "90000.00", "0", None)
    _bill(p, "AR-S02-202601-90034", "S02", "C90032", "2026-01-20", "-30000.00", "0", "2026-01-20", "红字 部分冲销")
    p.truth("RF_AR_001", "S02", "nc_erp.ar_bill", "AR-S02-202108-90033", "60000.00", "planted",
            "超3年的90000元应收单被红字应收单部分冲回30000元：余额60000元 / partly reversed: the net stays aged")
    p.truth("RF_AR_001", "S02", "nc_erp.ar_bill", "AR-S02-202601-90034", "0", "decoy",
            "部分冲销的红字应收单不计入账龄 / the red-ink bill is not aged debt")
    _bill(p, "AR-S03-202401-90035", "S03", "C90033", "2024-01-05", "25000.00", "0", None)
    _bill(p, "AR-S03-202602-90036", "S03", "C90033", "2026-02-01", "-5000.00", "0", "2026-02-01", "红字冲销")
    p.truth("RF_AR_002", "S03", "nc_erp.ar_bill", "AR-S03-202401-90035", "0", "decoy",
            "两年未动的应收单近期被红字部分冲回：冲销是发生额 / a recent red-ink reversal is a movement")
    p.truth("RF_AR_002", "S03", "nc_erp.ar_bill", "AR-S03-202602-90036", "0", "decoy",
            "红字应收单本身不判断无变动 / the red-ink bill is never an idle balance")
    _bill(p, "AR-S04-202309-90037", "S04", "C90034", "2023-09-01", "30000.00", "0", None)
    _bill(p, "AR-S04-202410-90038", "S04", "C90034", "2024-10-01", "-8000.00", "0", "2024-10-01", "红字冲销")
    p.truth("RF_AR_002", "S04", "nc_erp.ar_bill", "AR-S04-202309-90037", "22000.00", "planted",
            "2024-10-01红字冲回8000元后再无变动，超过365天：按净额22000元报 / idle since a partial reversal")
    _bill(p, "AR-S05-202201-90039", "S05", "C90035", "2022-01-01", "-12000.00", "0", None, "红字冲销")
    for rule in ("RF_AR_001", "RF_AR_002"):
        p.truth(rule, "S05", "nc_erp.ar_bill", "AR-S05-202201-90039", "0", "decoy",
                "只有一张旧红字应收单（负余额）：既不是账龄超3年也不是长期无变动 / a lone old red-ink bill")


# ---------------------------------------------------------------------------------------------------- assets

def _register(p: Planter, rid: str, org: str, kind: str, name: str, value: str, status: str = "在册") -> None:
    p.insert("asset", "registered_asset", [dict(register_id=rid, org_code=org, asset_type=kind, asset_name=name,
                                                location="厂区", registered_value=value, registered_on="2024-06-18",
                                                status=status, ts=TS)])


def _card(p: Planter, card_no: str, org: str, kind: str, name: str, rid: str | None, value: str,
          status: str = "在用") -> None:
    p.insert("nc_erp", "fixed_asset_card", [dict(card_no=card_no, org_code=org, asset_name=name, category=kind,
                                                 register_id=rid, original_value=value, acquired_on="2024-06-18",
                                                 status=status, ts=TS)])


def _rental(p: Planter, no: str, org: str, rid: str, start: str, end: str, appraised: str, contracted: str,
            received: str) -> None:
    p.insert("asset", "rental_contract", [dict(contract_no=no, org_code=org, register_id=rid, tenant="某承租单位",
                                               start_date=start, end_date=end, appraised_annual_rent=appraised,
                                               contracted_annual_rent=contracted, rent_received=received, ts=TS)])


def _receipt(p: Planter, no: str, org: str, contract: str, day: str, amount: str) -> None:
    p.insert("nc_erp", "rent_receipt", [dict(receipt_no=no, org_code=org, contract_no=contract, receipt_date=day,
                                             amount=amount, voucher_no=None, ts=day + " 10:00:00")])


def _disposal(p: Planter, no: str, org: str, rid: str, method: str, appraised: str, deal: str, day: str) -> None:
    p.insert("asset", "disposal", [dict(disposal_no=no, org_code=org, register_id=rid, method=method,
                                        appraised_value=appraised, deal_price=deal, buyer="某受让方",
                                        disposal_date=day, ts=TS)])


def _assets(p: Planter) -> None:
    # RF_ASSET_001: registered (在册) but no card on the books.
    _register(p, "CQ-S02-9001", "S02", "房屋", "职工活动中心", "3600000")
    p.truth("RF_ASSET_001", "S02", "asset.registered_asset", "CQ-S02-9001", "3600000", "planted",
            "产权登记在册、ERP无任何卡片 / registered, no card at all")
    _register(p, "CQ-S02-9002", "S02", "设备", "空压机组", "480000", status=" 在册 ")
    p.truth("RF_ASSET_001", "S02", "asset.registered_asset", "CQ-S02-9002", "480000", "planted",
            "登记状态带空格“ 在册 ”，无卡片 / status with stray spaces, no card")
    _register(p, "CQ-S03-9003", "S03", "车辆", "通勤客车", "650000")
    _card(p, "FA-S03-990003", "S03", "车辆", "通勤客车", "CQ-S03-9003", "650000", status="已处置")
    p.truth("RF_ASSET_001", "S03", "asset.registered_asset", "CQ-S03-9003", "650000", "planted",
            "唯一卡片已处置（不再在账）而登记仍在册 / the only card is disposed of, register still 在册")
    _register(p, "CQ-S04-9004", "S04", "设备", "龙门吊", "920000")
    _card(p, "FA-S05-990004", "S05", "设备", "龙门吊", None, "920000")
    p.truth("RF_ASSET_001", "S04", "asset.registered_asset", "CQ-S04-9004", "920000", "planted",
            "无登记号的同名卡片在另一单位，不能抵账 / a card without register id in another subsidiary")
    _register(p, "CQ-S03-9005", "S03", "设备", "变压器", "310000")
    _card(p, "FA-S03-990005", "S03", "设备", "变压器", "cq-s03 9005", "310000")
    p.truth("RF_ASSET_001", "S03", "asset.registered_asset", "CQ-S03-9005", "310000", "decoy",
            "卡片登记号小写带空格 cq-s03 9005，实为同一资产 / card's register id in lower case with a space")
    _register(p, "CQ-S03-9006", "S03", "设备", "冷却塔", "270000")
    _card(p, "FA-S03-990006", "S03", "设备", "冷却塔", "ＣＱ－Ｓ０３－９００６", "270000")
    p.truth("RF_ASSET_001", "S03", "asset.registered_asset", "CQ-S03-9006", "270000", "decoy",
            "卡片登记号为全角字符 / card's register id in full-width forms")
    _register(p, "CQ-S04-9007", "S04", "设备", "叉车", "150000")
    _card(p, "FA-S04-990007", "S04", "设备", "叉 车", None, "150000")
    p.truth("RF_ASSET_001", "S04", "asset.registered_asset", "CQ-S04-9007", "150000", "decoy",
            "本单位同类同名卡片（名称带空格）未填登记号，视为已入账 / same-name card of the unit without register id")
    _register(p, "CQ-S04-9008", "S04", "设备", "旧锅炉", "90000", status="已处置")
    p.truth("RF_ASSET_001", "S04", "asset.registered_asset", "CQ-S04-9008", "90000", "decoy",
            "登记已处置（不在册），无卡片不算账外 / register no longer 在册")
    _register(p, "CQ-S05-9009", "S05", "设备", "柴油发电机", "210000")
    _card(p, "FA-S05-990009", "S05", "设备", "柴油发电机", "CQ-S05-9009", "210000", status="已报废")
    p.truth("RF_ASSET_001", "S05", "asset.registered_asset", "CQ-S05-9009", "210000", "planted",
            "卡片已报废核销出账，登记仍在册 / the card is written off (已报废), the register still 在册")

    # RF_ASSET_002: rent received per the register more than booked in the ERP under the contract.
    _rental(p, "ZL-S02-9001", "S02", "CQ-S02-0013", "2025-01-01", "2025-12-31", "120000", "120000", "120000")
    for i, day in enumerate(["2025-01-10", "2025-04-10", "2025-07-10"], 1):
        _receipt(p, f"SK-ZL-S02-9001-{i}", "S02", "ZL-S02-9001", day, "30000")
    p.truth("RF_ASSET_002", "S02", "asset.rental_contract", "ZL-S02-9001", "30000", "planted",
            "分三次入账共9万，台账已收12万，少入账一季 / three receipts booked, the fourth quarter's rent not")
    _rental(p, "ZL-S03-9002", "S03", "CQ-S03-0013", "2025-03-01", "2026-02-28", "80000", "80000", "80000")
    p.truth("RF_ASSET_002", "S03", "asset.rental_contract", "ZL-S03-9002", "80000", "planted",
            "台账已收租金、ERP无任何收款 / rent received, nothing booked")
    _rental(p, "ZL-S04-9003", "S04", "CQ-S04-0013", "2025-06-01", "2026-05-31", "60000", "60000", "60000")
    _receipt(p, "SK-ZL-S04-9003-1", "S04", "zl-s04 9003", "2025-06-05", "29999.99")
    _receipt(p, "SK-ZL-S04-9003-2", "S04", "ZL-S04-9003", "2025-12-05", "29999.99")
    p.truth("RF_ASSET_002", "S04", "asset.rental_contract", "ZL-S04-9003", "0.02", "planted",
            "两笔合计少0.02元，超过1分舍入容差 / short by 0.02, over the one-cent rounding")
    _rental(p, "ZL-S05-9004", "S05", "CQ-S05-0013", "2025-01-01", "2025-12-31", "100000", "100000", "100000")
    for i, (no, amount) in enumerate([("zl-s05-9004", "25000"), ("ＺＬ－Ｓ０５－９００４", "25000"),
                                      ("ZL S05 9004", "25000"), ("ZL-S05-9004 ", "25000")], 1):
        _receipt(p, f"SK-ZL-S05-9004-{i}", "S05", no, f"2025-0{i * 2}-15", amount)
    p.truth("RF_ASSET_002", "S05", "asset.rental_contract", "ZL-S05-9004", "0", "decoy",
            "四次收款合同号写法各异（小写、全角、空格）合计足额 / booked in full under four spellings")
    _rental(p, "ZL-S05-9005", "S05", "CQ-S05-0014", "2025-01-01", "2025-12-31", "50000", "50000", "50000")
    _receipt(p, "SK-ZL-S05-9005-1", "S05", "ZL-S05-9005", "2025-01-20", "49999.99")
    p.truth("RF_ASSET_002", "S05", "asset.rental_contract", "ZL-S05-9005", "0.01", "decoy",
            "少0.01元为舍入差，不算 / one rounding cent short")

    # red-ink (红字冲销) receipts net into what was booked under the contract
    _rental(p, "ZL-S01-9006", "S01", "CQ-S01-0013", "2025-01-01", "2025-12-31", "120000", "120000", "120000")
    for i, (day, amount) in enumerate([("2025-01-10", "60000"), ("2025-02-10", "60000"), ("2025-02-28", "-60000"),
                                       ("2025-07-10", "60000")], 1):
        _receipt(p, f"SK-ZL-S01-9006-{i}", "S01", "ZL-S01-9006", day, amount)
    p.truth("RF_ASSET_002", "S01", "asset.rental_contract", "ZL-S01-9006", "0", "decoy",
            "重复入账6万已红字冲销后重新入账，净额12万足额 / a double booking reversed in red ink, booked in full")
    _rental(p, "ZL-S01-9007", "S01", "CQ-S01-0015", "2025-01-01", "2025-12-31", "90000", "90000", "90000")
    _receipt(p, "SK-ZL-S01-9007-1", "S01", "ZL-S01-9007", "2025-03-10", "90000")
    _receipt(p, "SK-ZL-S01-9007-2", "S01", "ZL-S01-9007", "2025-03-31", "-90000")
    p.truth("RF_ASSET_002", "S01", "asset.rental_contract", "ZL-S01-9007", "90000", "planted",
            "收款9万入账后被红字冲销、未重新入账，净额为0 / the only receipt reversed in red ink, net nothing booked")

    # RF_ASSET_003: contracted annual rent below the appraised annual rent; amount per contract term in years.
    _rental(p, "ZL-S01-9011", "S01", "CQ-S01-0014", "2025-01-01", "2027-12-31", "200000", "180000", "180000")
    p.truth("RF_ASSET_003", "S01", "asset.rental_contract", "ZL-S01-9011", "60000.00", "planted",
            "三年期每年低2万，合计6万 / 20,000 a year below appraisal for three years")
    _rental(p, "ZL-S01-9012", "S01", "CQ-S01-0015", "2025-07-01", "2026-06-30", "96000", "72000", "36000")
    p.truth("RF_ASSET_003", "S01", "asset.rental_contract", "ZL-S01-9012", "24000.00", "planted",
            "跨年一年期租约低于评估价 / one-year lease across a year end below appraisal")
    _rental(p, "ZL-S02-9013", "S02", "CQ-S02-0014", "2025-04-01", "2026-03-31", "150000", "149999.99", "0")
    p.truth("RF_ASSET_003", "S02", "asset.rental_contract", "ZL-S02-9013", "0.01", "planted",
            "仅低1分钱也是低于评估价 / one cent below appraisal is below")
    _rental(p, "ZL-S02-9014", "S02", "CQ-S02-0015", "2025-04-01", "2026-03-31", "150000", "150000", "0")
    p.truth("RF_ASSET_003", "S02", "asset.rental_contract", "ZL-S02-9014", "0", "decoy",
            "等于评估价 / exactly the appraised rent")
    _rental(p, "ZL-S03-9015", "S03", "CQ-S03-0014", "2025-04-01", "2026-03-31", "150000", "168000", "0")
    p.truth("RF_ASSET_003", "S03", "asset.rental_contract", "ZL-S03-9015", "0", "decoy",
            "高于评估价 / above the appraised rent")

    # RF_ASSET_004: deal price below the recorded appraisal, any method but a write-off (报废).
    _disposal(p, "CZ-S02-9001", "S02", "CQ-S02-0020", "协议转让", "500000", "450000", "2025-09-30")
    p.truth("RF_ASSET_004", "S02", "asset.disposal", "CZ-S02-9001", "50000", "planted",
            "协议转让低于评估价 / negotiated transfer below appraisal")
    _disposal(p, "CZ-S03-9002", "S03", "CQ-S03-0020", " 公开挂牌 ", "1000000", "999999.99", "2025-12-31")
    p.truth("RF_ASSET_004", "S03", "asset.disposal", "CZ-S03-9002", "0.01", "planted",
            "挂牌成交价低1分钱，方式带空格 / one cent below, method with stray spaces")
    _disposal(p, "CZ-S04-9003", "S04", "cq-s04-0020", "拍卖", "260000", "200000", "2026-01-02")
    p.truth("RF_ASSET_004", "S04", "asset.disposal", "CZ-S04-9003", "60000", "planted",
            "拍卖低于评估价，登记号小写 / auction below appraisal, register id in lower case")
    _disposal(p, "CZ-S05-9004", "S05", "CQ-S05-0020", "报废", "80000", "5000", "2025-11-11")
    p.truth("RF_ASSET_004", "S05", "asset.disposal", "CZ-S05-9004", "75000", "decoy",
            "报废处置不比评估价 / a write-off is not a transfer")
    _disposal(p, "CZ-S05-9005", "S05", "CQ-S05-0021", "报废 ", "60000", "3000", "2025-11-12")
    p.truth("RF_ASSET_004", "S05", "asset.disposal", "CZ-S05-9005", "57000", "decoy",
            "“报废 ”带空格仍是报废 / write-off with a trailing space")
    _disposal(p, "CZ-S05-9007", "S05", "CQ-S05-0022", "报废处置", "45000", "1200", "2025-11-13")
    p.truth("RF_ASSET_004", "S05", "asset.disposal", "CZ-S05-9007", "43800", "decoy",
            "处置方式写作“报废处置”仍是报废 / write-off spelt 报废处置")
    _disposal(p, "CZ-S01-9006", "S01", "CQ-S01-0020", "公开挂牌", "700000", "700000", "2025-10-20")
    p.truth("RF_ASSET_004", "S01", "asset.disposal", "CZ-S01-9006", "0", "decoy",
            "成交价等于评估价 / deal exactly at the appraisal")


# ---------------------------------------------------------------------------------------------------- funds

def _account(p: Planter, no: str, org: str, kind: str, fund_source: str) -> None:
    p.insert("nc_erp", "fund_account", [dict(account_no=no, org_code=org, bank_name="中国建设银行", account_type=kind,
                                             fund_source=fund_source, opened_on="2021-05-01", ts=TS)])


def _purchase(p: Planter, no: str, org: str, account: str, amount: str, day: str) -> None:
    p.insert("nc_erp", "wealth_product_purchase", [dict(
        purchase_no=no, org_code=org, account_no=account, product_name="结构性存款", issuer="中国建设银行",
        amount=amount, purchase_date=day, maturity_date=None, ts=day + " 10:00:00")])


def _funds(p: Planter) -> None:
    _account(p, "6217009900000000011", "S01", "专户", "财政专项资金")
    _account(p, "6217009900000000022", "S02", "一般户", "专项资金（科技重大专项）")
    _account(p, "6217009900000000033", "S03", "专户", "财政拨款")
    _account(p, "6217009900000000044", "S04", "专户", "募集资金")
    _account(p, "6217009900000000055", "S05", "基本户", "自有资金")
    _account(p, "6217009900000000066", "S05", "专户", " 自有资金 ")
    _account(p, "6217009900000000077", "S04", "专用存款账户", "财政拨款")
    _purchase(p, "LC-S01-202512-901", "S01", "6217 0099 0000 0000 011", "3000000", "2025-12-31")
    p.truth("RF_FUND_001", "S01", "nc_erp.wealth_product_purchase", "LC-S01-202512-901", "3000000", "planted",
            "财政专项资金专户买理财，账号带空格分组 / special-fund account, number typed in groups")
    _purchase(p, "LC-S02-202601-902", "S02", "6217-0099-0000-0000-022", "1500000", "2026-01-04")
    p.truth("RF_FUND_001", "S02", "nc_erp.wealth_product_purchase", "LC-S02-202601-902", "1500000", "planted",
            "一般户但资金来源为专项资金，账号带横线 / not a 专户 but holding special funds, dashed number")
    _purchase(p, "LC-S03-202511-903", "S03", "6217009900000000033", "800000", "2025-11-28")
    p.truth("RF_FUND_001", "S03", "nc_erp.wealth_product_purchase", "LC-S03-202511-903", "800000", "planted",
            "专户、来源为财政拨款（非自有/募集）/ a 专户 whose source is neither own nor raised funds")
    _purchase(p, "LC-S04-202512-907", "S04", "6217009900000000077", "1200000", "2025-12-01")
    p.truth("RF_FUND_001", "S04", "nc_erp.wealth_product_purchase", "LC-S04-202512-907", "1200000", "planted",
            "账户类型写全称“专用存款账户”（即专户），来源财政拨款 / 专户 written 专用存款账户")
    _purchase(p, "LC-S04-202510-904", "S04", "6217009900000000044", "2000000", "2025-10-09")
    p.truth("RF_FUND_001", "S04", "nc_erp.wealth_product_purchase", "LC-S04-202510-904", "2000000", "decoy",
            "募集资金专户 / raised-funds account")
    _purchase(p, "LC-S05-202509-905", "S05", "６２１７００９９０００００００００５５", "900000", "2025-09-15")
    p.truth("RF_FUND_001", "S05", "nc_erp.wealth_product_purchase", "LC-S05-202509-905", "900000", "decoy",
            "自有资金基本户，账号为全角数字 / own funds, full-width account number")
    _purchase(p, "LC-S05-202509-906", "S05", "6217009900000000066", "700000", "2025-09-16")
    p.truth("RF_FUND_001", "S05", "nc_erp.wealth_product_purchase", "LC-S05-202509-906", "700000", "decoy",
            "专户但资金来源“ 自有资金 ”带空格 / 专户 of own funds, source with stray spaces")


# ---------------------------------------------------------------------------------------------------- vouchers

class _Vouchers:
    def __init__(self, p: Planter):
        self.p = p
        self.no = 9000

    def add(self, vid: str, org: str, prepared: str, lines: list[tuple[str, str, str]], *, source: str = "手工",
            preparer: tuple[str | None, str] = ("", ""), checker: tuple[str | None, str | None] | None = None,
            checked_at: str | None = None, posted_at: str | None = None, period: tuple[int, int] | None = None,
            summary: str = "调整") -> str:
        """lines: (account_code, debit, credit); prepared: 'YYYY-MM-DD HH:MM' entry time (its date the voucher's)."""
        self.no += 1
        at = datetime.strptime(prepared, "%Y-%m-%d %H:%M")
        year, month = period or (at.year, at.month)
        prep_code, prep_name = preparer if preparer[1] else (f"{org}E0034", "宋宇")
        chk_code, chk_name = checker if checker is not None else (f"{org}E0005", "郭海志")
        checked = checked_at or (None if chk_name is None and chk_code is None else
                                 (at + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M:%S"))
        posted = posted_at or (at + timedelta(hours=3)).strftime("%Y-%m-%d %H:%M:%S")
        self.p.insert("nc_erp", "gl_voucher", [dict(
            voucher_id=vid, org_code=org, voucher_type="记", voucher_no=self.no, fiscal_year=year, period=month,
            prepared_date=at.date().isoformat(), prepared_at=at.strftime("%Y-%m-%d %H:%M:%S"),
            preparer_code=prep_code, preparer_name=prep_name, checker_code=chk_code, checker_name=chk_name,
            checked_at=checked, poster_code=chk_code or f"{org}E0005", poster_name=chk_name or "郭海志",
            posted_at=posted, source_type=source, source_module=None if "手工" in source else "应付",
            summary=summary, attachment_count=1, ts=posted)])
        self.p.insert("nc_erp", "gl_voucher_line", [dict(
            detail_id=f"{vid}-{i:03d}", voucher_id=vid, line_no=i, account_code=acc, summary=summary, debit=dr,
            credit=cr, currency="CNY", customer_code=None, supplier_code=None, dept_name=None, person_code=None,
            project_code=None, ts=posted) for i, (acc, dr, cr) in enumerate(lines, 1)])
        return str(sum(Decimal(dr) for _, dr, _ in lines))


def _pair(amount: str, debit_account: str = "660203", credit_account: str = "100201") -> list[tuple[str, str, str]]:
    return [(debit_account, amount, "0"), (credit_account, "0", amount)]


def _vouchers(p: Planter) -> None:
    v = _Vouchers(p)

    # RF_JE_001: manual vouchers on a weekend or public holiday, make-up working days excepted.
    amt = v.add("GLS01202511909001", "S01", "2025-11-15 10:20", _pair("3280.00"))
    p.truth("RF_JE_001", "S01", "nc_erp.gl_voucher", "GLS01202511909001", amt, "planted",
            "普通周六录入手工凭证 / manual voucher on an ordinary Saturday")
    amt = v.add("GLS02202510909002", "S02", "2025-10-08 09:05", _pair("12650.00"))
    p.truth("RF_JE_001", "S02", "nc_erp.gl_voucher", "GLS02202510909002", amt, "planted",
            "国庆假期中的周三（法定节假日）/ a Wednesday inside the National Day holiday")
    amt = v.add("GLS03202602909003", "S03", "2026-02-16 22:40", _pair("7300.00"))
    p.truth("RF_JE_001", "S03", "nc_erp.gl_voucher", "GLS03202602909003", amt, "planted",
            "春节假期周一深夜录入 / Spring Festival Monday, late at night")
    amt = v.add("GLS04202601909004", "S04", "2026-01-01 08:30", _pair("990.00"), period=(2025, 12))
    p.truth("RF_JE_001", "S04", "nc_erp.gl_voucher", "GLS04202601909004", amt, "planted",
            "元旦当天补录上年12月凭证（跨年）/ New Year's Day entry into last year's December")
    amt = v.add("GLS05201910909008", "S05", "2019-10-05 09:40", _pair("2750.00"))
    p.truth("RF_JE_001", "S05", "nc_erp.gl_voucher", "GLS05201910909008", amt, "planted",
            "日历未导入2019年放假安排，该年仅按周末判断：周六 / a year the calendar lacks: judged on weekends")
    v.add("GLS05201910909009", "S05", "2019-10-04 09:40", _pair("3850.00"))
    p.truth("RF_JE_001", "S05", "nc_erp.gl_voucher", "GLS05201910909009", "3850.00", "decoy",
            "2019年日历未导入，周五不按节假日判断（目录写明仅按周末）/ uncovered year: a Friday is not judged")
    v.add("GLS01202509909005", "S01", "2025-09-28 10:00", _pair("4500.00"))
    p.truth("RF_JE_001", "S01", "nc_erp.gl_voucher", "GLS01202509909005", "4500.00", "decoy",
            "周日为调休上班日 / a Sunday that is a make-up working day")
    v.add("GLS02202602909006", "S02", "2026-02-14 11:00", _pair("6100.00"))
    p.truth("RF_JE_001", "S02", "nc_erp.gl_voucher", "GLS02202602909006", "6100.00", "decoy",
            "春节前周六调休上班 / a Saturday make-up working day before Spring Festival")
    v.add("GLS03202511909007", "S03", "2025-11-22 03:00", _pair("8800.00"), source="系统")
    p.truth("RF_JE_001", "S03", "nc_erp.gl_voucher", "GLS03202511909007", "8800.00", "decoy",
            "周六系统自动生成凭证不算手工 / system voucher on a Saturday")

    # RF_JE_002: round amounts in sensitive accounts (by code or by name), at least the seeded size.
    amt = v.add("GLS01202507909011", "S01", "2025-07-16 10:00", _pair("50000.00", "1221", "1001"))
    p.truth("RF_JE_002", "S01", "nc_erp.gl_voucher", "GLS01202507909011", str(Decimal(amt) * 2), "planted",
            "库存现金付其他应收款5万整，两行均为敏感科目整数 / cash to other receivables, both lines round")
    amt = v.add("GLS02202508909012", "S02", "2025-08-12 15:00", _pair("30000.00", "1133", "100201"))
    p.truth("RF_JE_002", "S02", "nc_erp.gl_voucher", "GLS02202508909012", amt, "planted",
            "按科目名称识别：其他应收款（原制度科目）1133 / recognised by name in an old-chart code")
    amt = v.add("GLS03202509909013", "S03", "2025-09-09 09:30", _pair("5000.00", "660202", "100202"))
    p.truth("RF_JE_002", "S03", "nc_erp.gl_voucher", "GLS03202509909013", amt, "planted",
            "业务招待费恰好5000元（达到下限）/ entertainment exactly at the minimum size")
    amt = v.add("GLS04202509909017", "S04", "2025-09-15 11:00", _pair("10000.00", "660203", "1001"))
    p.truth("RF_JE_002", "S04", "nc_erp.gl_voucher", "GLS04202509909017", amt, "planted",
            "库存现金支付恰好1万元（达到现金下限，只有现金行为敏感科目）/ cash exactly at its minimum size")
    v.add("GLS04202509909014", "S04", "2025-09-10 09:30", _pair("20000.00", "660301", "100201"))
    p.truth("RF_JE_002", "S04", "nc_erp.gl_voucher", "GLS04202509909014", "20000.00", "decoy",
            "财务费用\\现金折扣含“现金”字样但非库存现金 / 现金折扣 is not cash")
    v.add("GLS05202509909015", "S05", "2025-09-11 09:30", _pair("4000.00", "660202", "100201"))
    p.truth("RF_JE_002", "S05", "nc_erp.gl_voucher", "GLS05202509909015", "4000.00", "decoy",
            "业务招待费4000整但低于5000下限 / round but under the minimum size")
    v.add("GLS05202509909016", "S05", "2025-09-12 09:30", _pair("10500.00", "1221", "1001"))
    p.truth("RF_JE_002", "S05", "nc_erp.gl_voucher", "GLS05202509909016", "10500.00", "decoy",
            "10500不是1000的整数倍 / not a whole multiple of 1,000")

    # RF_JE_003: voucher amount or a single payment in the band just below an approval limit.
    amt = v.add("GLS01202510909021", "S01", "2025-10-15 10:00", _pair("49999.00"))
    p.truth("RF_JE_003", "S01", "nc_erp.gl_voucher", "GLS01202510909021", amt, "planted",
            "比5万权限少1元 / one yuan below the 50,000 limit")
    amt = v.add("GLS02202510909022", "S02", "2025-10-16 10:00", _pair("49000.00"))
    p.truth("RF_JE_003", "S02", "nc_erp.gl_voucher", "GLS02202510909022", amt, "planted",
            "恰为区间下沿49000（=5万×98%）/ exactly the band's lower edge")
    v.add("GLS03202510909023", "S03", "2025-10-17 10:00",
          [("1123", "150000.00", "0"), ("100201", "0", "99000.00"), ("100202", "0", "51000.00")])
    p.truth("RF_JE_003", "S03", "nc_erp.gl_voucher", "GLS03202510909023", "99000.00", "planted",
            "一张凭证两笔付款，其中一笔略低于10万权限 / one of two payments just below 100,000")
    amt = v.add("GLS04202512909024", "S04", "2025-12-31 16:00", _pair("498000.00", "1123", "100201"))
    p.truth("RF_JE_003", "S04", "nc_erp.gl_voucher", "GLS04202512909024", amt, "planted",
            "年末最后一天，略低于50万总经理权限 / year's last day, just below 500,000")
    v.add("GLS05202510909025", "S05", "2025-10-20 10:00", _pair("50000.00"))
    p.truth("RF_JE_003", "S05", "nc_erp.gl_voucher", "GLS05202510909025", "50000.00", "decoy",
            "恰好等于权限不算低于 / exactly the limit")
    v.add("GLS05202510909026", "S05", "2025-10-21 10:00", _pair("48999.99"))
    p.truth("RF_JE_003", "S05", "nc_erp.gl_voucher", "GLS05202510909026", "48999.99", "decoy",
            "低于区间下沿 / just under the band")
    v.add("GLS01202510909027", "S01", "2025-10-22 10:00",
          [("1403", "180000.00", "0"), ("2202", "0", "99500.00"), ("100201", "0", "80500.00")])
    p.truth("RF_JE_003", "S01", "nc_erp.gl_voucher", "GLS01202510909027", "180000.00", "decoy",
            "区间内的贷方为应付账款而非付款 / the credit in the band is a payable, not a payment")

    # RF_JE_004: one person preparing and checking (codes, else names, else the HR master's name of the code).
    emp = p.query("hr", "select emp_code, emp_name from employee where org_code = 'S02' order by emp_code limit 2")
    code1, name1 = emp[0]["emp_code"], emp[0]["emp_name"]
    amt = v.add("GLS01202511909031", "S01", "2025-11-03 10:00", _pair("2300.00"),
                preparer=("S01E0034", "宋宇"), checker=(" s01e0034", "宋宇"))
    p.truth("RF_JE_004", "S01", "nc_erp.gl_voucher", "GLS01202511909031", amt, "planted",
            "审核人编码小写带空格，同一编码 / the checker's code in lower case with a space")
    amt = v.add("GLS02202511909032", "S02", "2025-11-04 10:00", _pair("4100.00"),
                preparer=(None, "欧阳 明"), checker=(None, "欧阳明"))
    p.truth("RF_JE_004", "S02", "nc_erp.gl_voucher", "GLS02202511909032", amt, "planted",
            "只记录姓名，姓名中间有空格 / names only, one with a space")
    amt = v.add("GLS02202511909033", "S02", "2025-11-05 10:00", _pair("5200.00"),
                preparer=(code1, name1), checker=(None, name1 + "　"))
    p.truth("RF_JE_004", "S02", "nc_erp.gl_voucher", "GLS02202511909033", amt, "planted",
            "制单有编码、审核仅姓名（带全角空格），按人员档案姓名 / code on one side, the HR master's name")
    amt = v.add("GLS03202511909034", "S03", "2025-11-06 10:00", _pair("6300.00"),
                preparer=("", "李娜"), checker=(None, "李娜"))
    p.truth("RF_JE_004", "S03", "nc_erp.gl_voucher", "GLS03202511909034", amt, "planted",
            "编码一方为空字符串、一方为NULL，姓名相同 / empty-string vs NULL codes, same name")
    amt = v.add("GLS04202511909038", "S04", "2025-11-12 10:00", _pair("1880.00"),
                preparer=(None, "阿依古丽·买买提"), checker=(None, "阿依古丽•买买提"))
    p.truth("RF_JE_004", "S04", "nc_erp.gl_voucher", "GLS04202511909038", amt, "planted",
            "少数民族姓名间隔号写法不同（·/•）/ a minority name with two forms of the middle dot")
    v.add("GLS04202511909035", "S04", "2025-11-07 10:00", _pair("7400.00"),
          preparer=("S04E0011", "王伟"), checker=("S04E0012", "王伟"))
    p.truth("RF_JE_004", "S04", "nc_erp.gl_voucher", "GLS04202511909035", "7400.00", "decoy",
            "同名不同编码为两人 / namesakes with different codes")
    v.add("GLS05202511909036", "S05", "2025-11-10 10:00", _pair("8500.00"),
          preparer=(None, "张伟"), checker=(None, "张玮"))
    p.truth("RF_JE_004", "S05", "nc_erp.gl_voucher", "GLS05202511909036", "8500.00", "decoy",
            "仅姓名且姓名不同（张伟/张玮）/ names only, different names")
    v.add("GLS05202511909037", "S05", "2025-11-11 10:00", _pair("9600.00"),
          preparer=("S05E0034", "宋宇"), checker=(None, None))
    p.truth("RF_JE_004", "S05", "nc_erp.gl_voucher", "GLS05202511909037", "9600.00", "decoy",
            "未审核凭证不判 / an unchecked voucher")

    # RF_JE_005: posted into a period after its close (posting at the close time itself is in time).
    closes = {(r["org_code"], r["fiscal_year"], r["period"]): r["closed_at"] for r in p.query(
        "nc_erp", "select org_code, fiscal_year, period, closed_at from gl_period_close")}

    def after_close(org: str, year: int, month: int, delta: timedelta) -> str:
        return (datetime.fromisoformat(closes[(org, year, month)]) + delta).strftime("%Y-%m-%d %H:%M:%S")

    amt = v.add("GLS01202509909041", "S01", "2025-09-26 10:00", _pair("15000.00"),
                posted_at=after_close("S01", 2025, 9, timedelta(minutes=1)))
    p.truth("RF_JE_005", "S01", "nc_erp.gl_voucher", "GLS01202509909041", amt, "planted",
            "结账后1分钟过账 / posted one minute after the close")
    amt = v.add("GLS02202512909042", "S02", "2025-12-30 10:00", _pair("26000.00"),
                posted_at=after_close("S02", 2025, 12, timedelta(days=12)))
    p.truth("RF_JE_005", "S02", "nc_erp.gl_voucher", "GLS02202512909042", amt, "planted",
            "12月已结账，次年1月中旬补记（跨年）/ December posted in mid-January after the year-end close")
    amt = v.add("GLS03202507909043", "S03", "2025-07-20 10:00", _pair("3700.00"),
                posted_at=after_close("S03", 2025, 7, timedelta(days=60)))
    p.truth("RF_JE_005", "S03", "nc_erp.gl_voucher", "GLS03202507909043", amt, "planted",
            "结账两个月后补记 / posted two months after the close")
    v.add("GLS04202509909044", "S04", "2025-09-29 10:00", _pair("4800.00"),
          posted_at=after_close("S04", 2025, 9, timedelta(0)))
    p.truth("RF_JE_005", "S04", "nc_erp.gl_voucher", "GLS04202509909044", "4800.00", "decoy",
            "恰在结账时刻过账不算 / posted at the close time itself")
    v.add("GLS05202509909045", "S05", "2025-09-29 10:00", _pair("5900.00"),
          posted_at=after_close("S05", 2025, 9, timedelta(minutes=-30)))
    p.truth("RF_JE_005", "S05", "nc_erp.gl_voucher", "GLS05202509909045", "5900.00", "decoy",
            "结账当日结账前过账 / posted the close day, before the close")
    last = max(k for k in closes if k[0] == "S05")
    nxt = (last[1] + (last[2] == 12), last[2] % 12 + 1)
    v.add("GLS05202603909046", "S05", f"{nxt[0]}-{nxt[1]:02d}-02 10:00", _pair("7000.00"),
          posted_at="2026-03-14 18:00:00", period=nxt)
    p.truth("RF_JE_005", "S05", "nc_erp.gl_voucher", "GLS05202603909046", "7000.00", "decoy",
            "所属期间尚未结账 / a period without a close record is not closed")


# ---------------------------------------------------------------------------------------------------- Benford

_BENFORD = [math.log10(1 + 1 / d) for d in range(1, 10)]


def _benford_year(p: Planter, v: _Vouchers, org: str, year: int, counts: list[int], close: bool) -> Decimal:
    """One voucher per month with the year's lines (system vouchers, weekdays); counts[d-1] lines start with d.
    Returns the sample total (lines of at least 10 yuan)."""
    amounts: list[str] = []
    for d, n in enumerate(counts, 1):
        amounts += [f"{d}{(i * 37) % 1000:03d}.{(i * 13) % 100:02d}" for i in range(n)]
    per_month = [amounts[m::12] for m in range(12)]
    total = Decimal(0)
    for month, chunk in enumerate(per_month, 1):
        day = date(year, month, 10)
        while day.isoweekday() > 5:
            day += timedelta(days=1)
        # every amount is one debit line; one balancing credit line (its own first digit counts too)
        lines = [("1403", a, "0") for a in chunk]
        credit = str(sum(Decimal(a) for a in chunk))
        lines.append(("2202", "0", credit))
        v.add(f"GL{org}{year}{month:02d}990{month:03d}", org, f"{day.isoformat()} 10:00", lines, source="系统",
              posted_at=f"{day.isoformat()} 15:00:00")
        total += Decimal(credit) * 2
        if close:
            nxt = date(year + (month == 12), month % 12 + 1, 6)
            p.insert("nc_erp", "gl_period_close", [dict(org_code=org, fiscal_year=year, period=month,
                                                        closed_at=f"{nxt.isoformat()} 17:00:00",
                                                        closed_by=f"{org}E0005", ts=f"{nxt.isoformat()} 17:00:00")])
    return total


def _benford(p: Planter) -> None:
    v = _Vouchers(p)
    v.no = 9500
    conforming = [round(1188 * s) for s in _BENFORD]
    uniform = [132] * 9
    total = _benford_year(p, v, "S01", 2024, uniform, close=True)
    p.truth("RF_JE_006", "S01", "nc_erp.gl_period_close", "S01|2024|12", str(total), "planted",
            "首位数字均匀分布（1188行），显著偏离 / first digits spread evenly over 1-9")
    only_high = [0, 0, 0, 0, 240, 240, 240, 240, 240]
    total = _benford_year(p, v, "S02", 2024, only_high, close=True)
    p.truth("RF_JE_006", "S02", "nc_erp.gl_period_close", "S02|2024|6", str(total), "planted",
            "金额集中在5-9开头（疑似编造）/ amounts that start with 5 to 9 only")
    fours = [200, 100, 80, 600, 60, 50, 40, 35, 30]
    total = _benford_year(p, v, "S03", 2024, fours, close=True)
    p.truth("RF_JE_006", "S03", "nc_erp.gl_period_close", "S03|2024|1", str(total), "planted",
            "大量4开头金额（略低于5万审批线的拆分）/ a heap of amounts starting with 4")
    total = _benford_year(p, v, "S04", 2024, conforming, close=True)
    p.truth("RF_JE_006", "S04", "nc_erp.gl_period_close", "S04|2024|12", str(total), "decoy",
            "首位数字按本福特比例分布 / first digits in Benford's proportions")
    total = _benford_year(p, v, "S05", 2024, [109] * 9, close=True)
    p.truth("RF_JE_006", "S05", "nc_erp.gl_period_close", "S05|2024|12", str(total), "decoy",
            "均匀分布但样本不足1000行（981+12行）不检验 / even spread under the minimum sample")


# ---------------------------------------------------------------------------------------------------- KPI

def _kpi(p: Planter) -> None:
    """S05's twelve months rewritten: ratio 0.50 and a profit, except the months planted or used as decoys."""
    months = [r["report_month"] for r in p.query(
        "nc_erp", "select report_month from monthly_financials where org_code = 'S05' order by report_month")]
    plan = {m: ("2000000000", "1000000000", "5000000.00") for m in months}
    cases = {
        months[1]: ("2000000000", "1300000000", "4200000.00", "planted", "1300000000",
                    "资产负债率恰为65%预警线 / debt ratio exactly at the 65% warning line"),
        months[3]: ("2000000000", "1299980000", "4200000.00", "decoy", "1299980000",
                    "资产负债率64.999%，低于预警线 / just under the warning line"),
        months[5]: ("2000000000", "1000000000", "-1234567.89", "planted", "1234567.89",
                    "当月亏损 / a loss month"),
        months[7]: ("2000000000", "1000000000", "-100.00", "planted", "100.00",
                    "连续亏损第1月 / first of three loss months"),
        months[8]: ("2000000000", "1000000000", "-200.00", "planted", "200.00",
                    "连续亏损第2月 / second loss month"),
        months[9]: ("2000000000", "1000000000", "-300.00", "planted", "300.00",
                    "连续第3个月亏损（重点监管）/ third consecutive loss month"),
        months[10]: ("2000000000", "1000000000", "0", "decoy", "1000000000",
                     "当月净利润为0（盈亏平衡）不是亏损 / break-even is not a loss"),
        months[11]: ("3000000000", "2160000000", "800000.00", "planted", "2160000000",
                     "资产负债率72%，超过70%重点监管线 / over the key-supervision line"),
    }
    for month in months:
        assets, liabilities, profit = cases.get(month, plan[month])[:3]
        p.db("nc_erp").execute(
            "update monthly_financials set total_assets = ?, total_liabilities = ?, net_profit = ?"
            " where org_code = 'S05' and report_month = ?", (assets, liabilities, profit, month))
        if month in cases:
            kind, amount, note = cases[month][3:]
            p.truth("RF_KPI_001", "S05", "nc_erp.monthly_financials", f"S05|{month}", amount, kind, note)


def _kpi_year_end(p: Planter) -> None:
    """S04's months rewritten the same way (ratio 0.50 and a profit): a loss streak across the year end, the
    key-supervision line hit exactly with figures to the cent, and a month just under both lines."""
    months = [r["report_month"] for r in p.query(
        "nc_erp", "select report_month from monthly_financials where org_code = 'S04' order by report_month")]
    cases = {
        "2025-10": ("2000000000.00", "1299999999.99", "0.00", "decoy", "0",
                    "资产负债率差1分到65%、当月盈亏平衡 / a cent under the warning line, break-even"),
        "2025-11": ("2000000000", "1000000000", "-10.00", "planted", "10.00", "亏损月（连续亏损第1月） / a loss month"),
        "2025-12": ("2000000000", "1000000000", "-20.00", "planted", "20.00", "连续亏损第2月（年末） / the year's last"),
        "2026-01": ("2000000000", "1000000000", "-30.00", "planted", "30.00",
                    "跨年连续第3个月亏损 / the third loss month in a row, across the year end"),
        "2026-02": ("1999999999.90", "1399999999.93", "12000.00", "planted", "1399999999.93",
                    "资产负债率恰为70%（金额到分）达重点监管线 / exactly the key-supervision line, to the cent"),
    }
    assert set(cases) <= set(months), months
    for month in months:
        assets, liabilities, profit = cases.get(month, ("2000000000", "1000000000", "5000000.00"))[:3]
        p.db("nc_erp").execute(
            "update monthly_financials set total_assets = ?, total_liabilities = ?, net_profit = ?"
            " where org_code = 'S04' and report_month = ?", (assets, liabilities, profit, month))
        if month in cases:
            kind, amount, note = cases[month][3:]
            p.truth("RF_KPI_001", "S04", "nc_erp.monthly_financials", f"S04|{month}", amount, kind, note)


# ---------------------------------------------------------------------------------------------------- ledgers

AR_HEADERS = 3  # title, unit/period, header: data from row 4 (include/ledgers/ar_ledger.yml)


def _quarter_end(period: str) -> date:
    year, q = int(period[:4]), int(period[-1])
    return date(year + (q == 4), q * 3 % 12 + 1, 1) - timedelta(days=1)


def _aging(days: int) -> str:
    return "1年以内" if days <= 365 else "1-2年" if days <= 730 else "2-3年" if days <= 1095 else "3年以上"


def _ledgers(p: Planter) -> None:
    """RF_AR_003 and RF_DQ_001 on the quarterly receivables ledgers (ar_ledger only: the other ledgers belong to
    other areas' cases). The bills planted above are added to the ledgers as a subsidiary would list them (their
    quarter-end balance), except the one left out on purpose, so only the cases below disagree with the ERP."""
    import openpyxl

    drop = p.sources / "ledger_drop"
    with (drop / "submissions.csv").open(encoding="utf-8") as fh:
        manifest = {r["file_name"]: r["submitted_at"] for r in csv.DictReader(fh)}

    # bills for the reconciliation cases (quarter 2025Q4 only: dated in Q4)
    for code, name in [("C90007", "厦门海沧港务有限公司"), ("C90008", "昆明滇池环保有限公司"),
                       ("C90009", "青岛崂山食品有限公司"), ("C90010", "太原晋阳钢构有限公司")]:
        _customer(p, code, name)
    _bill(p, "AR-S02-202512-90021", "S02", "C90007", "2025-12-05", "60000.00", "0", None)
    _bill(p, "AR-S03-202511-90022", "S03", "C90008", "2025-11-18", "88000.00", "0", None)
    _bill(p, "AR-S02-202511-90023", "S02", "C90009", "2025-11-20", "30000.00", "0", None)
    _bill(p, "AR-S04-202512-90024", "S04", "C90010", "2025-12-10", "100000.00", "100000.00", "2026-01-20")
    # how each planted bill is written in the ledger: (number as typed, balance) or None to leave it out
    written = {
        "AR-S01-202303-90001": None,
        "AR-S02-202512-90021": ("ar-s02-202512-90021", 45000.00),
        "AR-S03-202511-90022": ("ＡＲ－Ｓ０３－２０２５１１－９００２２", 86000.00),
        "AR-S02-202511-90023": ("ＡＲ－Ｓ０２－２０２５１１－９００２３ ", 30000.60),
        "AR-S04-202512-90024": ("AR-S04-202512-90024", 100000.00),
    }
    bills = p.query("nc_erp", "select b.*, c.customer_name from ar_bill b join customer c using (customer_code)"
                          " where b.bill_no glob 'AR-S0[1-5]-*-900[0-9][0-9]' order by b.bill_no")
    for path in sorted(drop.glob("S0?_ar_ledger_*.xlsx")):
        org, period = path.stem.split("_")[0], path.stem.split("_")[-1]
        end = _quarter_end(period)
        wb = openpyxl.load_workbook(path)
        ws = wb.active
        for b in bills:
            moved = b["last_movement_date"] or b["bill_date"]
            if b["org_code"] != org or b["bill_date"] > end.isoformat() or \
                    (Decimal(str(b["open_balance"])) == 0 and moved <= end.isoformat()):
                continue
            number, balance = written.get(b["bill_no"], (b["bill_no"], None)) or (None, None)
            if number is None:
                continue
            if balance is None:
                balance = float(b["bill_amount"] if moved > end.isoformat() else b["open_balance"])
            bill_date = date.fromisoformat(b["bill_date"])
            ws.append([number, b["customer_name"], bill_date, date.fromisoformat(b["due_date"]), balance,
                       _aging((end - bill_date).days), None, "王磊"])
        if path.stem == "S04_ar_ledger_2025Q1":
            ws.cell(row=AR_HEADERS + 2, column=5, value="约12万")
        wb.save(path)

    p.truth("RF_AR_003", "S01", "nc_erp.ar_bill", "AR-S01-202303-90001", "0", "planted",
            "ERP挂账8万元的应收单台账各季均未列示 / an open ERP bill the ledgers leave out")
    p.truth("RF_AR_003", "S02", "nc_erp.ar_bill", "AR-S02-202512-90021", "0", "planted",
            "台账余额4.5万（单号小写）少于ERP 6万 / ledger 45,000 (number in lower case) against 60,000")
    p.truth("RF_AR_003", "S03", "nc_erp.ar_bill", "AR-S03-202511-90022", "0", "planted",
            "台账单号全角、余额差2000元超过1元容差 / full-width number, 2,000 off")
    p.truth("RF_AR_003", "S02", "nc_erp.ar_bill", "AR-S02-202511-90023", "0", "decoy",
            "单号全角带空格、尾差0.60元在容差内 / full-width number, 0.60 off within tolerance")
    p.truth("RF_AR_003", "S04", "nc_erp.ar_bill", "AR-S04-202512-90024", "0", "decoy",
            "季末后（次年1月）才收回，台账按季末原值列示 / received after the quarter end, listed at its value then")

    # submissions: times as the upload portal exports them (UTC or +08:00); due = quarter end + 5 days
    def submitted(file_name: str, at: str | None) -> None:
        if at is None:
            manifest.pop(file_name)
            (drop / file_name).unlink()
        else:
            manifest[file_name] = at

    submitted("S01_ar_ledger_2025Q3.xlsx", "2025-10-05T16:10:00+00:00")
    submitted("S03_ar_ledger_2025Q4.xlsx", "2026-01-06T08:00:00+08:00")
    submitted("S05_ar_ledger_2025Q2.xlsx", None)
    submitted("S05_ar_ledger_2025Q3.xlsx", "2025-10-05T15:30:00+00:00")
    submitted("S03_ar_ledger_2025Q3.xlsx", "2025-10-05T18:00:00+08:00")
    submitted("S02_ar_ledger_2025Q4.xlsx", "2026-01-05T16:00:00+00:00")
    submitted("S04_ar_ledger_2025Q3.xlsx", "2025-10-05T23:59:59+08:00")
    with (drop / "submissions.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["file_name", "submitted_at"])
        writer.writerows(manifest.items())

    cases = [
        ("S01", "2025Q3", "planted", "UTC 16:10即北京时间10月6日00:10，逾期1天 / late by the Beijing date"),
        ("S03", "2025Q4", "planted", "次年1月6日报送（跨年），逾期1天 / one day late across the year end"),
        ("S05", "2025Q2", "planted", "台账未报送 / never submitted"),
        ("S04", "2025Q1", "planted", "期末余额列填“约12万”被退回、未重报 / rejected for text in the amount column"),
        ("S05", "2025Q3", "decoy", "UTC 15:30 即北京时间应报日23:30，不算逾期 / 23:30 Beijing time on the due date"),
        ("S03", "2025Q3", "decoy", "应报日当日18:00报送 / submitted on the due date"),
        ("S02", "2025Q4", "planted", "UTC 1月5日16:00整即北京时间1月6日零点，跨年逾期1天 / Beijing midnight"),
    ]
    for rule in ("RF_AR_003", "RF_DQ_001"):
        for org, period, kind, note in cases:
            p.truth(rule, org, "audit_meta.ledger_submissions", f"{org}|ar_ledger|{period}", "0", kind, note)
    # RF_DQ_001 only: RF_AR_003 flags S04's 2025Q3 receivables ledger of the generated background on other
    # grounds (a reconciliation case of the generator's own, its flag citing this submission), whenever it came
    p.truth("RF_DQ_001", "S04", "audit_meta.ledger_submissions", "S04|ar_ledger|2025Q3", "0", "decoy",
            "北京时间应报日23:59:59报送 / the due date's last second")


# ---------------------------------------------------------------------------------------------------- third author

def _third_vouchers(p: Planter) -> None:
    """third author: the voucher's origin as NC exports write it besides 手工/系统 (手工录入, 手工凭证, 系统生成:
    the source contract's own label says 来源（手工/系统）, the intermediate model promises to fold these), and
    a preparer's code written by the checker's side without its leading zeros (S03E0034 / s03-e034: one person)."""
    v = _Vouchers(p)
    v.no = 9700
    amt = v.add("GLS01202512909701", "S01", "2025-12-06 10:15", _pair("6420.00"), source="手工录入")
    p.truth("RF_JE_001", "S01", "nc_erp.gl_voucher", "GLS01202512909701", amt, "planted",
            "来源写作“手工录入”的凭证在周六录入 / a manual voucher whose origin reads 手工录入, on a Saturday")
    v.add("GLS02202512909702", "S02", "2025-12-07 02:00", _pair("8800.00"), source="系统生成")
    p.truth("RF_JE_001", "S02", "nc_erp.gl_voucher", "GLS02202512909702", "8800.00", "decoy",
            "来源“系统生成”的凭证周日生成，不是手工凭证 / a system voucher (系统生成) on a Sunday")
    amt = v.add("GLS03202512909703", "S03", "2025-12-10 10:00", _pair("49800.00"), source="手工凭证")
    p.truth("RF_JE_003", "S03", "nc_erp.gl_voucher", "GLS03202512909703", amt, "planted",
            "来源写作“手工凭证”，金额49800元略低于5万权限 / 手工凭证 just below the 50,000 limit")
    amt = v.add("GLS03202512909704", "S03", "2025-12-11 10:00", _pair("3150.00"),
                preparer=("S03E0034", "宋宇"), checker=("s03-e034", "宋宇"))
    p.truth("RF_JE_004", "S03", "nc_erp.gl_voucher", "GLS03202512909704", amt, "planted",
            "审核人编码写作“s03-e034”（小写、连字符、少前导零），与制单人S03E0034为同一人 / one code, two forms")
    v.add("GLS04202512909705", "S04", "2025-12-11 10:00", _pair("3250.00"),
          preparer=("S04E0034", "宋宇"), checker=("S04E0340", "宋宇"))
    p.truth("RF_JE_004", "S04", "nc_erp.gl_voucher", "GLS04202512909705", "3250.00", "decoy",
            "同名不同编码（S04E0034 / S04E0340）为两人 / namesakes whose codes differ by a digit")
    # names only on the preparer's side; the checker's side has a code (without its leading zeros) and the
    # login name NC shows for it: the person is the HR master's name of that code
    emp = p.query("hr", "select emp_code, emp_name from employee where org_code = 'S05' and emp_code like 'S05E00%'"
                        " order by emp_code limit 1 offset 3")[0]
    short = re.sub(r"E0+(?=[0-9])", "E", emp["emp_code"]).lower()
    amt = v.add("GLS05202512909706", "S05", "2025-12-12 10:00", _pair("2740.00"),
                preparer=(None, emp["emp_name"]), checker=(short, "审核岗01"))
    p.truth("RF_JE_004", "S05", "nc_erp.gl_voucher", "GLS05202512909706", amt, "planted",
            f"制单人只记姓名{emp['emp_name']}，审核人编码写作“{short}”（少前导零）、姓名为登录名“审核岗01”：按人员档案"
            f"{emp['emp_code']}即同一人 / the checker's code without its zeros names the preparer in the HR master")


def _third_assets(p: Planter) -> None:
    """third author: RF_ASSET_001 with a card whose register id is the placeholder 无 (no id: it counts for the
    asset of its unit, type and name), a card sold (已转让: off the books as 已处置 is) and one waiting to be
    scrapped (待报废: still on the books); RF_ASSET_003 with a half-year lease and a two-year lease across a leap
    day (term in years: days / 365)."""
    _register(p, "CQ-S01-9501", "S01", "设备", "中央空调机组", "380000")
    _card(p, "FA-S01-995001", "S01", "设备", "中央空调机组", "无", "380000")
    p.truth("RF_ASSET_001", "S01", "asset.registered_asset", "CQ-S01-9501", "0", "decoy",
            "本单位同类同名卡片的登记号填“无”（未填），视为已入账 / the card's register id is the placeholder 无")
    _register(p, "CQ-S01-9502", "S01", "车辆", "工程抢修车", "420000")
    _card(p, "FA-S01-995002", "S01", "车辆", "工程抢修车", "CQ-S01-9502", "420000", status="已转让")
    p.truth("RF_ASSET_001", "S01", "asset.registered_asset", "CQ-S01-9502", "420000", "planted",
            "唯一卡片状态“已转让”（已出账）而登记仍在册 / the only card is 已转让, the register still 在册")
    _register(p, "CQ-S02-9503", "S02", "设备", "老式配电柜", "160000")
    _card(p, "FA-S02-995003", "S02", "设备", "老式配电柜", "CQ-S02-9503", "160000", status="待报废")
    p.truth("RF_ASSET_001", "S02", "asset.registered_asset", "CQ-S02-9503", "0", "decoy",
            "卡片“待报废”仍在账上 / a card waiting to be scrapped is still on the books")

    _rental(p, "ZL-S03-9501", "S03", "CQ-S03-0016", "2025-07-01", "2025-12-31", "100000", "80000", "0")
    p.truth("RF_ASSET_003", "S03", "asset.rental_contract", "ZL-S03-9501", "10000.00", "planted",
            "半年期租约（184天=0.5年）年租金低2万：按租期计1万 / a half-year lease, 20,000 a year below, for 0.5 year")
    _rental(p, "ZL-S04-9502", "S04", "CQ-S04-0016", "2024-03-01", "2026-02-28", "100000", "95000", "0")
    p.truth("RF_ASSET_003", "S04", "asset.rental_contract", "ZL-S04-9502", "10000.00", "planted",
            "两年期租约跨2024年闰日后（730天=2.0年）每年低5000元 / two years after a leap day, 5,000 a year below")


def _third_income_and_funds(p: Planter) -> None:
    """third author: RF_INC_001 around the as-of date (a window whose last day is the as-of date has not passed;
    one that ended the day before has) and a receipt reversed in part in red ink within the window; RF_FUND_001
    with a 专户 whose fund source is the placeholder 无 (not own or raised funds)."""
    def dispose(no: str, org: str, price: str, day: str) -> None:
        p.insert("asset", "disposal", [dict(disposal_no=no, org_code=org, register_id=no.replace("CZ", "CQ"),
                                            method="公开挂牌", appraised_value=price, deal_price=price,
                                            buyer="某受让方", disposal_date=day, ts=f"{day} 09:00:00")])

    def receive(no: str, org: str, ref: str, amount: str, day: str) -> None:
        p.insert("nc_erp", "income_receipt", [dict(
            receipt_no=no, org_code=org, income_kind="资产处置收入", ref_no=ref, payer="某受让方", receipt_date=day,
            amount=amount, voucher_no=None, ts=f"{day} 11:00:00")])

    dispose("CZ-S01-IC-31", "S01", "300000.00", "2026-02-13")
    p.truth("RF_INC_001", "S01", "asset.disposal", "CZ-S01-IC-31", "0", "decoy",
            "2月13日处置，30天期限最后一天恰为评价日3月15日，尚未届满 / the window's last day is the as-of date")
    dispose("CZ-S01-IC-32", "S01", "250000.00", "2026-02-12")
    p.truth("RF_INC_001", "S01", "asset.disposal", "CZ-S01-IC-32", "250000.00", "planted",
            "2月12日处置，期限至3月14日（评价日前一日）已届满，未入账 / the window ended the day before the as-of date")
    dispose("CZ-S02-IC-33", "S02", "400000.00", "2025-12-01")
    receive("SR-S02-IC-3301", "S02", "CZ-S02-IC-33", "400000.00", "2025-12-20")
    receive("SR-S02-IC-3302", "S02", "CZ-S02-IC-33", "-100000.00", "2025-12-28")
    p.truth("RF_INC_001", "S02", "asset.disposal", "CZ-S02-IC-33", "100000.00", "planted",
            "期限内入账40万元后红字冲回10万元（退回受让方），净入账30万元：少10万 / 100,000 reversed in red ink")

    _account(p, "6217009900000000088", "S02", "专户", "无")
    _purchase(p, "LC-S02-202511-908", "S02", "6217009900000000088", "600000", "2025-11-18")
    p.truth("RF_FUND_001", "S02", "nc_erp.wealth_product_purchase", "LC-S02-202511-908", "600000", "planted",
            "专户资金来源填“无”（不是自有或募集资金）购买理财 / a 专户 whose source reads 无")


def _third_submission_without_offset(p: Planter) -> None:
    """third author: RF_DQ_001 / RF_AR_003 with a submission time the upload portal wrote without a UTC offset
    (2025-10-05 23:30:00): Beijing time, the due date itself, not late (read as UTC it would be the next morning)."""
    drop = p.sources / "ledger_drop"
    path = drop / "submissions.csv"
    with path.open(encoding="utf-8") as fh:
        manifest = {r["file_name"]: r["submitted_at"] for r in csv.DictReader(fh)}
    name = "S02_ar_ledger_2025Q3.xlsx"
    assert name in manifest and (drop / name).exists(), name
    manifest[name] = "2025-10-05 23:30:00"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["file_name", "submitted_at"])
        writer.writerows(manifest.items())
    for rule in ("RF_DQ_001", "RF_AR_003"):
        p.truth(rule, "S02", "audit_meta.ledger_submissions", "S02|ar_ledger|2025Q3", "0", "decoy",
                "报送时间未带时区“2025-10-05 23:30:00”即北京时间应报日23:30，不算逾期 / no offset: Beijing time")
