"""The general ledger of the demo group: balanced vouchers, a working-day calendar, Benford background and
planted cases that stand where the ground truth says."""

from __future__ import annotations

import csv
import sqlite3
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from jiandu_dev.generator import gl


@pytest.fixture(scope="module")
def ledger(demo_sources: Path):
    db = sqlite3.connect(demo_sources / "nc_erp.sqlite")
    yield db
    db.close()


@pytest.fixture(scope="module")
def truth(demo_sources: Path) -> list[dict]:
    with (demo_sources / "ground_truth.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _planted(truth: list[dict], rule: str, kind: str = "planted") -> list[dict]:
    return [r for r in truth if r["rule_id"] == rule and r["kind"] == kind]


def test_every_voucher_balances_to_the_cent(ledger):
    sums: dict[str, Decimal] = defaultdict(Decimal)
    lines = 0
    for vid, debit, credit in ledger.execute(
            "select voucher_id, cast(debit as text), cast(credit as text) from gl_voucher_line"):
        sums[vid] += Decimal(debit) - Decimal(credit)
        lines += 1
    assert lines > 15_000  # a few thousand lines per subsidiary and year
    assert len(sums) == ledger.execute("select count(*) from gl_voucher").fetchone()[0]
    assert [v for v, s in sums.items() if s != 0] == []


def test_background_manual_vouchers_are_on_working_days(ledger, truth):
    planted = {r["source_keys"] for r in _planted(truth, "RF_JE_001")}
    off = [vid for vid, day in ledger.execute("select voucher_id, prepared_date from gl_voucher where source_type = '手工'")
           if not gl.is_working_day(date.fromisoformat(day))]
    assert planted and set(off) == planted
    # system interfaces do run on holidays (the natural decoys of RF_JE_001)
    system_off = [day for (day,) in ledger.execute("select prepared_date from gl_voucher where source_type = '系统'")
                  if not gl.is_working_day(date.fromisoformat(day))]
    assert len(system_off) > 10


def test_make_up_working_day_is_a_working_day():
    assert gl.is_working_day(date(2026, 10, 10))  # Saturday, 国庆节调休上班
    assert not gl.is_working_day(date(2026, 10, 7))  # Wednesday, 国庆节
    assert not gl.is_working_day(date(2026, 10, 17))  # plain Saturday


def test_no_background_posting_after_close_and_no_self_check(ledger, truth):
    late = {r[0] for r in ledger.execute(
        "select v.voucher_id from gl_voucher v join gl_period_close c on c.org_code = v.org_code"
        " and c.fiscal_year = v.fiscal_year and c.period = v.period where v.posted_at > c.closed_at")}
    assert late == {r["source_keys"] for r in _planted(truth, "RF_JE_005")}
    same = {r[0] for r in ledger.execute(
        "select voucher_id from gl_voucher where checker_code = preparer_code"
        " or (coalesce(checker_code, '') = '' and replace(checker_name, '\u3000', '') = preparer_name)")}
    assert same == {r["source_keys"] for r in _planted(truth, "RF_JE_004")}
    # the variations RF_JE_004 must see through: no codes at all, a code on one side only, a namesake
    kinds = [r["note"][:6] for r in _planted(truth, "RF_JE_004")]
    assert "只记录姓名：" in kinds and "制单人有编码" in kinds
    assert any("同名" in r["note"] for r in _planted(truth, "RF_JE_004", "decoy"))


def _benford_samples(ledger) -> dict[tuple[str, int], list[Decimal]]:
    samples: dict[tuple[str, int], list[Decimal]] = defaultdict(list)
    for org, year, debit, credit in ledger.execute(
            "select v.org_code, v.fiscal_year, cast(l.debit as text), cast(l.credit as text)"
            " from gl_voucher_line l join gl_voucher v using (voucher_id)"
            " join gl_period_close c on c.org_code = v.org_code and c.fiscal_year = v.fiscal_year"
            " and c.period = v.period"):
        amount = Decimal(debit) + Decimal(credit)
        if amount >= 10:
            samples[(org, year)].append(amount)
    return samples


def test_benford_background_conforms_and_planted_year_deviates(ledger, truth):
    samples = _benford_samples(ledger)
    (planted,) = _planted(truth, "RF_JE_006")
    (decoy,) = _planted(truth, "RF_JE_006", "decoy")
    p_key = (planted["subsidiary_code"], int(planted["source_keys"].split("|")[1]))
    d_key = (decoy["subsidiary_code"], int(decoy["source_keys"].split("|")[1]))
    assert len(samples[p_key]) >= 1000 and gl.benford_mad(samples[p_key]) > 0.015
    assert f"{sum(samples[p_key]):.2f}" == planted["amount"]
    assert len(samples[d_key]) < 1000 and gl.benford_mad(samples[d_key]) > 0.015  # would deviate, too small
    for key, amounts in samples.items():
        if key != p_key and len(amounts) >= 1000:
            assert gl.benford_mad(amounts) < 0.012, key  # acceptable conformity or better


def test_planted_amounts_and_decoys_stand_where_the_ground_truth_says(ledger, truth):
    def total(vid: str) -> Decimal:
        return sum(Decimal(d) for (d,) in ledger.execute(
            "select cast(debit as text) from gl_voucher_line where voucher_id = ?", (vid,)))

    for rule in ("RF_JE_001", "RF_JE_002", "RF_JE_003", "RF_JE_004", "RF_JE_005"):
        for row in _planted(truth, rule):
            if "银行付款" in row["note"]:  # RF_JE_003: the payment line in the band, not the voucher
                paid = {Decimal(c) for (c,) in ledger.execute(
                    "select cast(credit as text) from gl_voucher_line where voucher_id = ? and account_code like '1002%'",
                    (row["source_keys"],))}
                assert Decimal(row["amount"]) in paid and total(row["source_keys"]) > 50_000, row
                continue
            assert f"{total(row['source_keys']):.2f}" == row["amount"], (rule, row)
    decoys = {r["source_keys"] for r in _planted(truth, "RF_JE_003", "decoy")}
    assert {total(v) for v in decoys} >= {Decimal("50000.00"), Decimal("48759.82")}
    at_close = [r for r in _planted(truth, "RF_JE_005", "decoy")]
    for row in at_close:
        org, posted, year, period = ledger.execute(
            "select org_code, posted_at, fiscal_year, period from gl_voucher where voucher_id = ?",
            (row["source_keys"],)).fetchone()
        (closed,) = ledger.execute("select closed_at from gl_period_close where org_code = ? and fiscal_year = ?"
                                   " and period = ?", (org, year, period)).fetchone()
        assert datetime.fromisoformat(posted).date() == datetime.fromisoformat(closed).date() and posted <= closed
    assert any("恰在结账时间" in r["note"] for r in at_close)


def test_debt_ratio_planted_exactly_at_the_line_and_decoy_just_below(ledger, truth):
    ratios = {}
    for row in _planted(truth, "RF_KPI_001") + _planted(truth, "RF_KPI_001", "decoy"):
        org, month = row["source_keys"].split("|")
        assets, liabilities, profit = ledger.execute(
            "select cast(total_assets as text), cast(total_liabilities as text), cast(net_profit as text)"
            " from monthly_financials where org_code = ? and report_month = ?", (org, month)).fetchone()
        ratios[(row["kind"], row["note"][:6])] = (Decimal(liabilities) / Decimal(assets), Decimal(profit))
    assert ratios[("planted", "资产负债率恰")][0] == Decimal("0.65")
    assert ratios[("decoy", "资产负债率低")][0] == Decimal("0.6499")
    assert ratios[("decoy", "当月净利润恰")][1] == 0
    background = ledger.execute("select count(*) from monthly_financials where net_profit < 0"
                                " or total_liabilities >= 0.65 * total_assets").fetchone()[0]
    assert background == len(_planted(truth, "RF_KPI_001"))


def test_a_bad_seed_value_names_file_row_and_column(tmp_path, monkeypatch):
    (tmp_path / "std_je_benford.csv").write_text(
        "test_code,min_sample,min_amount,subsidiary_code,effective_from,effective_to\n"
        "FIRST_DIGIT,1000,10.00,,2014-01-01,\n"
        "FIRST_DIGIT,一千,10.00,S01,2014-01-01,\n", encoding="utf-8")
    monkeypatch.setattr(gl, "SEEDS", tmp_path)
    gl._seed.cache_clear()
    try:
        with pytest.raises(gl.SeedError, match=r"std_je_benford.csv: row 3, column min_sample: expected a number"):
            gl._seed("std_je_benford")
    finally:
        gl._seed.cache_clear()
