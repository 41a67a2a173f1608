"""The planted related-party suppliers and undeposited income stand where the ground truth says, in forms a rule
must normalise to find, and the decoys are near misses (checked on the generated files, without a warehouse)."""

from __future__ import annotations

import csv
import re
import sqlite3
import unicodedata
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from jiandu_dev.generator.income import windows


def _digits(text: str | None) -> str:
    return re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", text or ""))


def _rows(db: sqlite3.Connection, sql: str, params: tuple = ()) -> list[dict]:
    cur = db.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _truth(sources: Path, rule_id: str) -> list[dict]:
    with (sources / "ground_truth.csv").open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["rule_id"] == rule_id]


def test_related_party_suppliers_are_typed_apart_and_paid_what_the_truth_says(demo_sources: Path):
    erp = sqlite3.connect(demo_sources / "nc_erp.sqlite")
    hr = sqlite3.connect(demo_sources / "hr.sqlite")
    contacts = _rows(hr, "select * from employee_contact")
    accounts = {c["salary_account"] for c in contacts}
    phones = {c["mobile_phone"] for c in contacts}
    relative_phones = {p for (p,) in hr.execute("select relative_phone from relative_declaration"
                                               " where relative_phone is not null")}
    truth = _truth(demo_sources, "RF_REL_001")
    assert {r["kind"] for r in truth} == {"planted", "decoy"}
    typed_apart = relatives_typed_apart = 0
    for row in truth:
        (supplier,) = _rows(erp, "select * from supplier where supplier_code = ?", (row["source_keys"],))
        paid = erp.execute("select coalesce(sum(amount), 0) from supplier_payment where supplier_code = ?"
                           " and org_code = ?", (row["source_keys"], row["subsidiary_code"])).fetchone()[0]
        if row["kind"] == "planted":
            assert Decimal(str(paid)) == Decimal(row["amount"]) > 0, row
            # a raw value equal to the employee's would not test the normalisation
            assert supplier["bank_account"] not in accounts and supplier["contact_phone"] not in phones
            assert supplier["contact_phone"] not in relative_phones
            typed_apart += (_digits(supplier["bank_account"]) in accounts
                            or _digits(supplier["contact_phone"])[-11:] in phones)
            relatives_typed_apart += _digits(supplier["contact_phone"])[-11:] in relative_phones
        elif "亲属的电话" in row["note"]:
            assert paid == 0 and supplier["contact_phone"] in relative_phones
        elif "无采购" in row["note"]:
            assert paid == 0 and _digits(supplier["bank_account"]) in accounts
        elif "同名" in row["note"]:
            names = {n for (n,) in hr.execute("select emp_name from employee")}
            ids = {i for (i,) in hr.execute("select id_number from employee")}
            assert supplier["legal_rep_name"] in names and supplier["legal_rep_id_number"] not in ids
    assert typed_apart == 10  # a bank account and a phone per subsidiary
    assert relatives_typed_apart == 5  # a declared relative's phone per subsidiary


def test_income_planted_short_within_the_window_and_decoys_in_full_or_not_yet_due(demo_sources: Path):
    asset = sqlite3.connect(demo_sources / "asset.sqlite")
    erp = sqlite3.connect(demo_sources / "nc_erp.sqlite")
    as_of = date(2026, 11, 1)
    days = windows()
    receipts = _rows(erp, "select * from income_receipt")

    def key(no: str) -> str:
        return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", no)).upper()

    for row in _truth(demo_sources, "RF_INC_001"):
        if row["source_table"] == "asset.disposal":
            (event,) = _rows(asset, "select disposal_date as day, deal_price as due from disposal"
                                    " where disposal_no = ?", (row["source_keys"],))
            window = days["资产处置收入"]
        else:
            (event,) = _rows(asset, "select event_date as day, amount_due as due, event_type from"
                                    " equity_investment_event where event_no = ?", (row["source_keys"],))
            window = days["分红收入" if event["event_type"] == "分红" else "股权转让收入"]
        deadline = date.fromisoformat(event["day"]) + timedelta(days=window)
        booked = sum((Decimal(str(r["amount"])) for r in receipts
                      if r["org_code"] == row["subsidiary_code"] and key(r["ref_no"]) == key(row["source_keys"])
                      and date.fromisoformat(r["receipt_date"]) <= deadline), Decimal(0))
        short = Decimal(str(event["due"])) - booked
        if row["kind"] == "planted":
            assert deadline < as_of and short == Decimal(row["amount"]) > 0, row
        else:
            assert short <= 0 or deadline >= as_of or Decimal(str(event["due"])) == 0, row
