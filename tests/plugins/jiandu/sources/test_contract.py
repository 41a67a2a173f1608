from __future__ import annotations

from pathlib import Path

import pytest

from jiandu.sources.contract import ContractError, load_contract, parse_table

GOOD = """
system: demo
table: thing
label: 东西
primary_key: [id]
load: full
columns:
  - {name: id, type: text, label: 编号, required: true}
  - {name: amount, type: numeric, label: 金额}
"""


def test_project_contract_parses_and_has_the_receivables_slice():
    tables = {(t.system, t.table): t for t in load_contract()}
    bills = tables[("nc_erp", "ar_bill")]
    assert bills.primary_key == ("bill_no",)
    assert bills.raw_name == "nc_erp__ar_bill"
    assert {"bill_date", "open_balance", "customer_code"} <= set(bills.column_names)
    for table in tables.values():  # every table documents an example row with only contract columns
        assert table.example and set(table.example) <= set(table.column_names), table.path


def test_good_file(tmp_path: Path):
    p = tmp_path / "thing.yml"
    p.write_text(GOOD, encoding="utf-8")
    t = parse_table(p)
    assert t.columns[1].pg_type == "numeric"


@pytest.mark.parametrize(
    "mutation, message",
    [
        (("type: numeric", "type: money"), "column 'amount': type must be one of"),
        (("primary_key: [id]", "primary_key: [nope]"), "primary_key column 'nope'"),
        (("load: full", "load: sometimes"), "field 'load' must be one of"),
        (("load: full", "load: incremental"), "needs an 'incremental_column'"),
    ],
)
def test_bad_file_names_file_and_field(tmp_path: Path, mutation, message):
    p = tmp_path / "thing.yml"
    p.write_text(GOOD.replace(*mutation), encoding="utf-8")
    with pytest.raises(ContractError) as exc:
        parse_table(p)
    assert str(p) in str(exc.value) and message in str(exc.value)
