"""Rows real exports hold that are wrong one by one but must not cost a night: a claimant HR does not hold, a
voucher line on an account the chart lacks, a voucher that does not balance, period 13, a trip returning before it
left, a rank record of nobody, a refund paid back as a negative payment, a receivable of a customer missing from
the customer master, amounts with eight decimals, dates written 2026/1/5, optional dates left blank ('' or spaces,
which the type check lets through and promotion stores as NULL). Each is a warning of the GX gate (named
with its key in audit_meta.validation_results), never a quarantine: the systems holding them are promoted and
every rule is built (test_independent_cases.test_messy_rows_warn_and_quarantine_nothing).

Some are judged as well: the receivable of the missing customer is still over three years old (RF_AR_001 reads
the ledger, not the customer master); payroll months written 2026/2 and 202602 are the month 2026-02 (RF_PAY_001);
an employee whose leave and retirement dates are blank has not left (RF_PAY_003).
"""

from __future__ import annotations

from tests.dbt_project.independent_cases import Planter

TS = "2026-03-11 09:30:00"

# what each row must raise (the warning's Chinese name) and the key its failing sample names
WARNINGS = {
    "报销人存在于人员档案": "EC-MESS-0001",
    "分录科目存在于会计科目表": "GL-MESS-0001-2",
    "每张凭证借贷平衡": "GL-MESS-0002",
    "会计期间在1至12之间": "GL-MESS-0003",
    "返回日期不早于出发日期": "TR-MESS-0001",
    "职级记录人员存在于人员档案": "S01E9998",
    "付款金额为正数": "SP-MESS-0001",
    "应收单客户存在于客户档案": "AR-S01-202201-MESS1",
}


def plant(p: Planter) -> None:
    p.insert("nc_erp", "expense_claim", [dict(
        claim_no="EC-MESS-0001", org_code="S01", claimant_emp_code="S01E9999", claim_type="办公费",
        claim_date="2026-03-02", total_amount="318.00000000", approval_status="已审批", oa_request_id=None,
        summary="购买打印纸（报销人已离职，人员档案已清理）", ts=TS)])
    _voucher(p, "GL-MESS-0001", period="3", lines=[("6602", "500.00", "0"), ("9999", "0", "500.00")])
    _voucher(p, "GL-MESS-0002", period="3", lines=[("6602", "100.00", "0"), ("1002", "0", "99.99")])
    _voucher(p, "GL-MESS-0003", period="13", lines=[("6602", "80.00", "0"), ("1002", "0", "80.00")])
    p.insert("oa", "travel_request", [dict(
        request_id="TR-MESS-0001", org_code="S01", traveller_emp_code="S01E0003", purpose="调研",
        dest_city="南京", start_date="2026/2/10", end_date="2026/2/8", status="已审批", approver_emp_code=None,
        approved_at="2026/2/9 10:00", ts=TS)])
    p.insert("hr", "rank_history", [dict(emp_code="S01E9998", rank_code="R04", effective_from="2025-1-1",
                                         effective_to=None, ts=TS)])
    p.insert("nc_erp", "supplier_payment", [dict(
        payment_no="SP-MESS-0001", org_code="S02", supplier_code="V0001", approval_id=None, pay_date="2026-03-05",
        amount="-1200.5", voucher_no=None, ts=TS)])
    p.insert("nc_erp", "ar_bill", [dict(
        bill_no="AR-S01-202201-MESS1", org_code="S01", customer_code="C99901", bill_date="2022/1/20",
        due_date="2022-04-20", currency="CNY", bill_amount="36000.00000000", received_amount="0E-8",
        open_balance="36000.00000000", last_movement_date=None, summary="货款（客户档案未维护）", ts=TS)])
    _payroll(p)
    _blank_dates(p)
    p.truth("RF_AR_001", "S01", "nc_erp.ar_bill", "AR-S01-202201-MESS1", "36000.00", "planted",
            "客户档案中没有的客户、金额带八位小数、日期写作2022/1/20，仍超3年未收回 / a customer missing from the"
            " master, amounts with eight decimals, a date written 2022/1/20: still over three years old")


def _payroll(p: Planter) -> None:
    """Payroll months as HR exports write them; raw keeps them as YYYY-MM, so the source keys read 2026-02."""
    p.insert("hr", "payroll_line", [
        dict(emp_code="S01E9601", pay_month="2026/2", item_code="QM1", org_code="S01", item_name="过节费",
             item_category="津补贴", amount="900", ts="2026-02-25 10:00:00"),
        dict(emp_code="S01E9601", pay_month="202602", item_code="A02", org_code="S01", item_name="通讯补贴",
             item_category="津补贴", amount="50", ts="2026-02-25 10:00:00")])
    p.truth("RF_PAY_001", "S01", "hr.payroll_line", "S01E9601|2026-02|QM1", "900", "planted",
            "发放月份写作2026/2的过节费 / a festival fee in a month written 2026/2")
    p.truth("RF_PAY_001", "S01", "hr.payroll_line", "S01E9601|2026-02|A02", "0", "decoy",
            "发放月份写作202602的目录内通讯补贴 / a catalog allowance in a month written 202602")


def _blank_dates(p: Planter) -> None:
    """An employee exported with blank optional dates: not a type error, and not someone who has left."""
    p.insert("hr", "employee", [dict(
        emp_code="S02E9701", emp_name="上官清和", id_number="110105198706150017", gender="女", birth_date="",
        org_code="S02", dept_name="综合部", position_title="职员", rank_code="R04", manager_emp_code=None,
        status="在职", hire_date="2019-07-01", leave_date="", retire_date="  ", ts=TS)])
    p.insert("hr", "payroll_line", [dict(
        emp_code="S02E9701", pay_month="2026-02", item_code="A02", org_code="S02", item_name="通讯补贴",
        item_category="津补贴", amount="50", ts="2026-02-25 10:00:00")])
    p.truth("RF_PAY_003", "S02", "hr.payroll_line", "S02E9701|2026-02|A02", "0", "decoy",
            "离职、退休日期留空的在职员工领取通讯补贴 / an employee in post, leave and retirement dates left blank")


def _voucher(p: Planter, voucher_id: str, period: str, lines: list[tuple[str, str, str]]) -> None:
    p.insert("nc_erp", "gl_voucher", [dict(
        voucher_id=voucher_id, org_code="S02", voucher_type="转", voucher_no=str(9000 + int(voucher_id[-1])),
        fiscal_year="2026", period=period, prepared_date="2026-03-04", prepared_at="2026-03-04 10:00:00",
        preparer_code=None, preparer_name="赵敏", checker_code=None, checker_name="钱坤", checked_at=TS,
        poster_code=None, poster_name="钱坤", posted_at=TS, source_type="系统", source_module="费用报销",
        summary="期末结转", attachment_count="0", ts=TS)])
    p.insert("nc_erp", "gl_voucher_line", [dict(
        detail_id=f"{voucher_id}-{n}", voucher_id=voucher_id, line_no=str(n), account_code=account, summary="结转",
        debit=debit, credit=credit, currency="CNY", customer_code=None, supplier_code=None, dept_name=None,
        person_code=None, project_code=None, ts=TS) for n, (account, debit, credit) in enumerate(lines, 1)])
