"""The generated receivables ledgers (应收账款台账) agree with the ERP at quarter end except where RF_AR_003
reconciliation cases are planted, so the rule's flags on the demo group are exactly the planted ones."""

from __future__ import annotations

import csv
import sqlite3
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

from jiandu.ledgers.layout import load_layouts
from jiandu.ledgers.loader import read_ledger


def _code(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text).upper() if c.isalnum())


def _erp_range(db: sqlite3.Connection, sub: str, quarter_end: date) -> dict[str, tuple[Decimal, Decimal]]:
    """Per bill of the subsidiary, the balance range the ERP allows at quarter end (as the rule reads it)."""
    ranges = {}
    for bill_no, bill_date, amount, open_balance, moved in db.execute(
            "select bill_no, bill_date, bill_amount, open_balance, coalesce(last_movement_date, bill_date)"
            " from ar_bill where org_code = ?", (sub,)):
        if date.fromisoformat(bill_date) > quarter_end:
            continue
        low = Decimal(str(open_balance))
        high = Decimal(str(amount)) if date.fromisoformat(moved) > quarter_end else low
        if high:
            ranges[_code(bill_no)] = (low, high)
    return ranges


def test_ar_ledgers_agree_with_the_erp_except_the_planted_cases(demo_sources: Path):
    layout = load_layouts()["ar_ledger"]
    db = sqlite3.connect(demo_sources / "nc_erp.sqlite")
    truth = list(csv.DictReader((demo_sources / "ground_truth.csv").open(encoding="utf-8")))
    planted = [r for r in truth if r["rule_id"] == "RF_AR_003" and r["kind"] == "planted"]
    planted_bills = {_code(r["source_keys"]) for r in planted if r["source_table"] == "nc_erp.ar_bill"}
    planted_ledgers = {"{}|ar_ledger|{}".format(*r["source_keys"].split("|")[:2])
                       for r in planted if r["source_table"] == "ledger.ar_ledger"}
    files = sorted((demo_sources / "ledger_drop").glob("*_ar_ledger_*.xlsx"))
    assert files
    disagreements, planted_found = [], set()
    for path in files:
        sub, period = path.stem.split("_ar_ledger_")
        quarter_end = layout.period_end(period)
        erp = _erp_range(db, sub, quarter_end)
        listed = {}
        for row in read_ledger(path, layout):
            listed[_code(row[0])] = Decimal(str(row[4]))
        for bill, (low, high) in erp.items():
            got = listed.get(bill, Decimal(0))
            if not (low - 1 <= got <= high + 1):
                if bill in planted_bills:
                    planted_found.add(bill)
                else:
                    disagreements.append((path.name, bill, got, low, high))
        extra = set(listed) - set(erp)
        if extra and f"{sub}|ar_ledger|{period}" not in planted_ledgers:
            disagreements.append((path.name, sorted(extra)))
    assert disagreements == []
    assert planted_bills and planted_found == planted_bills  # each planted bill disagrees in its ledger
