"""Every implemented red-flag rule against the generator's ground truth on the demo group:
every planted case found with its amount, no decoy flagged (the same comparison as `make rules-report`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jiandu_dev.rules_report import compare, current

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def results(embedded_demo_run: str, demo_sources: Path):
    return {r.rule_id: r for r in current(demo_sources)}


def test_every_implemented_rule_matches_the_ground_truth(results):
    implemented = [r for r in results.values() if r.implemented]
    assert implemented, "no rule model found in audit_rules"
    for r in implemented:
        assert r.planted > 0, f"{r.rule_id}: the generator plants no case for an implemented rule"
        assert r.decoys > 0, f"{r.rule_id}: the generator plants no near-miss decoy"
        assert r.missed == [], f"{r.rule_id} missed {r.missed}"
        assert r.decoys_flagged == [], f"{r.rule_id} flagged decoys {r.decoys_flagged}"
        assert r.amount_mismatches == [], f"{r.rule_id} amounts {r.amount_mismatches}"


def test_receivables_over_three_years(results):
    r = results["RF_AR_001"]
    assert (r.planted, r.found, r.decoys) == (7, 7, 15)


@pytest.mark.parametrize(("rule_id", "planted", "decoys"), [
    ("RF_JE_001", 10, 10),  # holiday and Saturday/Sunday per subsidiary; 调休 make-up day, system voucher on a holiday
    ("RF_JE_002", 15, 15),  # cash, 业务招待费, 其他应收款 by code or by name (1133); non-sensitive, below size, 现金折扣
    ("RF_JE_003", 15, 15),  # in the band below 50,000, 100,000, one bank payment; exactly 50,000, below, revenue
    ("RF_JE_004", 10, 10),  # by code, by name only / one code; posted by the preparer, a namesake with another code
    ("RF_JE_005", 5, 10),  # posted working days after close; posted minutes before close, at the close time
    ("RF_JE_006", 1, 1),  # one fabricated subsidiary-year; a fabricated sample under the minimum
    ("RF_KPI_001", 5, 2),  # at the warning line, over key supervision, three loss months; 1bp below, break-even
])
def test_journal_entry_and_kpi_rules(results, rule_id, planted, decoys):
    r = results[rule_id]
    assert r.implemented, f"{rule_id}: its model is not in audit_rules"
    assert (r.planted, r.found, r.decoys, len(r.decoys_flagged), len(r.amount_mismatches)) == \
        (planted, planted, decoys, 0, 0), (r.missed, r.decoys_flagged, r.amount_mismatches)
    assert r.flags == planted  # nothing flagged beyond the planted cases (the background is clean)


def test_comparison_catches_misses_decoys_and_wrong_amounts():
    """The comparison itself can fail: a missed case, a flagged decoy and a wrong amount are reported."""
    truth = [
        {"rule_id": "R1", "subsidiary_code": "S01", "source_table": "t.a", "source_keys": "K1", "amount": "10.00",
         "kind": "planted"},
        {"rule_id": "R1", "subsidiary_code": "S01", "source_table": "t.a", "source_keys": "K2", "amount": "5.00",
         "kind": "planted"},
        {"rule_id": "R1", "subsidiary_code": "S01", "source_table": "t.a", "source_keys": "D1", "amount": "1.00",
         "kind": "decoy"},
    ]
    flags = [{"flag_id": "f1", "rule_id": "R1", "amount": "11.00",
              "source_refs": [{"table": "t.a", "key": {"id": "K1"}}, {"table": "t.a", "key": {"id": "D1"}}]}]
    catalog = [{"rule_id": "R1", "rule_name_zh": "测试", "dbt_model": "rf_x"}]
    (r,) = compare(truth, flags, catalog, {"rf_x"})
    assert r.missed == ["S01 t.a K2"]
    assert r.decoys_flagged == ["S01 t.a D1"]
    assert r.amount_mismatches == ["f1: 11.00 ≠ 10.00"]
    assert not r.ok


@pytest.mark.parametrize(("rule_id", "planted", "decoys", "flags"), [
    # one flag per meal or approval; a meal split over several invoices or claims plants each of its lines
    ("RF_EXP_004", 7, 10, 5),  # none (two claims), late, rejected, unknown number; same-morning, found by person+day
    ("RF_EXP_005", 7, 10, 5),  # no letter, no list, short list, other unit, more guests; 1 guest, 等N人 / count only
    ("RF_EXP_006", 9, 20, 5),  # one, two or three invoices (two claims); exactly at the cap on two claims, two days
    ("RF_EXP_007", 7, 10, 5),  # one claim or two claims over the approval; two claims exactly at it
    ("RF_EXP_008", 7, 10, 5),  # 5 guests 5 staff, 11 guests 4 staff on two invoices; 12/4, 10/3
    ("RF_EXP_009", 15, 20, 15),  # two keyword families and one meal invoice over the screen; look-alikes, at the screen
])
def test_entertainment_rules(results, rule_id, planted, decoys, flags):
    assert_exact(results, rule_id, planted, decoys, flags)


@pytest.mark.parametrize(("rule_id", "planted", "decoys", "flags"), [
    # 北京 as exports write it, a province-default city, a stay on two invoices (2 rows, 1 flag), the rank held
    # that day; at the cap (also province default and split), peak season, after the promotion
    ("RF_EXP_001", 25, 25, 20),
    # business class spelled 商务舱/C舱 and 高铁 一等 for 其余人员 (both legs); 司局级 一等 spelled four ways,
    # 部级 公务舱, the lowest class spelled 二等/Y舱/经济
    ("RF_EXP_002", 20, 15, 20),
    # none/rejected/shorter, a colleague's request, a second trip never approved; exactly on the dates, two
    # approved trips, an approved extension, the request number in lower case with spaces
    ("RF_EXP_003", 15, 20, 15),
    # original + repeat (2 rows, 1 flag) for an old invoice typed loosely and a 数电 invoice with an empty code;
    # another code, two lines of one claim, a rejected first claim (2 rows)
    ("RF_EXP_010", 20, 20, 10),
    # unregistered, registered to another subsidiary (from the second subsidiary on); a plate typed loosely
    ("RF_EXP_011", 9, 5, 9),
])
def test_travel_invoice_and_vehicle_rules(results, rule_id, planted, decoys, flags):
    assert_exact(results, rule_id, planted, decoys, flags)


@pytest.mark.parametrize(("rule_id", "planted", "decoys", "flags"), [
    # a banned item in one of its written forms, an item outside the catalog; 野外作业补贴 at S02, an alias at the cap,
    # a back-pay line of a catalog item
    ("RF_PAY_001", 9, 11, 9),
    # over the cap, a regular and a back-pay line over it together (two rows, one flag), ineligible rank, out of
    # season; at the cap in one or two lines, an alias at the cap, October at S02
    ("RF_PAY_002", 24, 14, 19),
    # allowances after leaving, pay after retiring, salary after leaving (line by line); the leaving month,
    # severance, retirement pay
    ("RF_PAY_003", 40, 15, 40),
    # codes on no record, salary after leaving, pay before the hire (one flag per payee); the hire month, an
    # employee under the payroll system's form of the code, severance, retirement pay
    ("RF_PAY_004", 67, 20, 12),
    # spouses in a reporting line found by code / ID number / name and birth date, a leader's child in finance;
    # no reporting line, another unit, a nephew outside avoidance posts, a 同学
    ("RF_HR_001", 10, 20, 10),
    # over the limit (posts of one person, one flag), unapproved; at the limit, an ended post, a post recorded twice
    ("RF_HR_002", 20, 30, 10),
    # a title outside the establishment, a second deputy (both holders, one flag); titles at the approved count,
    # a title the establishment writes with full-width spaces
    ("RF_HR_003", 15, 10, 10),
    # late by type, never returned, 因公 on day 8; on the last day, 因私 on day 9, not yet due
    ("RF_HR_004", 13, 17, 13),
    # back late, out early, more days than approved, not back; back on the day, a day early, still away in time
    ("RF_HR_005", 18, 12, 18),
])
def test_payroll_and_personnel_rules(results, rule_id, planted, decoys, flags):
    assert_exact(results, rule_id, planted, decoys, flags)


def assert_exact(results, rule_id, planted, decoys, flags):
    """Every planted case found, no decoy flagged, amounts right, and nothing flagged beyond the planted cases."""
    r = results[rule_id]
    assert r.implemented, f"{rule_id}: its model is not in audit_rules"
    assert (r.planted, r.found, r.decoys, len(r.decoys_flagged), len(r.amount_mismatches)) == \
        (planted, planted, decoys, 0, 0), (r.missed, r.decoys_flagged, r.amount_mismatches)
    assert r.flags == flags  # nothing flagged beyond the planted cases (the background is clean)


# Procurement, asset, fund, receivable and reporting rules: (planted, decoys, flags) on the demo group. Flags
# can be fewer than planted rows where one flag covers several (a split purchase's approvals, one customer's
# bills); nothing is flagged beyond the planted cases.
PROC_ASSET_COUNTS = {
    "RF_PROC_001": (5, 10, 5),  # without tender at or above the threshold; exactly the threshold by tender, 1 below
    "RF_PROC_002": (13, 40, 5),  # five split shapes, one flag each; 1 below, 400 days apart, other projects/category
    "RF_PROC_003": (5, 10, 5),  # too few quotes; exactly the required number, below the inquiry band
    "RF_ASSET_001": (7, 13, 7),  # no card, only a disposed card; ids typed five ways, no id but same name, disposed
    "RF_ASSET_002": (5, 10, 5),  # a different share booked per subsidiary; booked in full, split under typed numbers
    "RF_ASSET_003": (5, 5, 5),  # below the appraised rent; exactly the appraised rent
    "RF_ASSET_004": (5, 10, 5),  # below the appraised value; at it, a write-off
    "RF_FUND_001": (5, 10, 5),  # special-fund account (number typed with spaces or dashes); own funds, raised funds
    "RF_AR_003": (6, 4, 6),  # late twice, missing, omitted, understated and foreign bills; on the due date, messy
    # names and bill numbers, rounding within the tolerance
}


def test_procurement_asset_and_receivable_rules(results):
    got = {rid: (results[rid].planted, results[rid].decoys, results[rid].flags) for rid in PROC_ASSET_COUNTS}
    assert got == PROC_ASSET_COUNTS
    for rid in PROC_ASSET_COUNTS:
        r = results[rid]
        assert (r.found, r.decoys_flagged, r.amount_mismatches) == (r.planted, [], []), rid


@pytest.mark.parametrize(("rule_id", "planted", "decoys", "flags"), [
    # no decision (exactly at the standard in S02; the S03 guarantee in the register), paid before the meeting, a
    # guarantee signed before the board decided it, deferred / unknown number / paid above the decision; one cent
    # below, paid on the meeting day, the decision number typed in lower case with spaces, a guarantee signed on
    # the meeting day; an investment decided by the 总经理办公会 only (the board must decide it) / a payment decided
    # by the board; a write-off in the asset register without a decision / decided after it, a cent below the
    # standard / decided on the day; 党委会前置研究: a board investment naming no prestudy, a prestudy deferred, one held
    # after the board / a prestudy on the board's day, its number typed loosely, a donation (not required) without one
    ("RF_SZYD_001", 50, 50, 50),
    # three of seven directors present with people sitting in and a non-member signed in (two passed items, one
    # flag), an appointment (干部任免, two thirds) decided by four of seven; four of seven, one under another form
    # of the code; the deferred item, the payment item of the appointment meeting, an appointment by five of seven
    ("RF_SZYD_002", 15, 20, 10),
    # above the limit (one cent in S02), no authority for the category, after the authority ended; at the limit,
    # the approver's code typed loosely, within the old term, rejected
    ("RF_AUTH_001", 15, 20, 15),
])
def test_collective_decision_and_authority_rules(results, rule_id, planted, decoys, flags):
    assert_exact(results, rule_id, planted, decoys, flags)


@pytest.mark.parametrize(("rule_id", "planted", "decoys", "flags"), [
    # bank account, phone, address of the requester or approver typed another way, a declared relative as legal
    # representative (15-digit ID or lower-case x), the approver as shareholder, the phone of the approver's declared
    # relative, the address of the requester's declared relative; a namesake legal representative, another flat in
    # the same building, a supplier matching an employee / a declared relative's phone never bought from
    ("RF_REL_001", 35, 20, 35),
    # a disposal never collected (even subsidiaries), one collected 70 %, a dividend never or partly collected, an
    # equity sale collected a day late; two receipts under a typed number, the window's last day, a write-off,
    # a dividend still within its window, an equity sale under a typed number
    ("RF_INC_001", 18, 27, 18),
])
def test_related_party_and_income_rules(results, rule_id, planted, decoys, flags):
    assert_exact(results, rule_id, planted, decoys, flags)

