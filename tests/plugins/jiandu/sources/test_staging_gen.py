"""The committed staging models are exactly what the source contract generates (`jiandu sources staging`)."""

from __future__ import annotations

from pathlib import Path

from jiandu.sources.contract import load_contract
from jiandu.sources.staging_gen import expected_files, model_sql


def test_committed_staging_layer_matches_the_contract():
    for path, text in expected_files().items():
        assert path.exists(), f"{path} missing: run `jiandu sources staging`"
        assert path.read_text(encoding="utf-8") == text, f"{path} differs from the contract"


def test_every_staging_sql_file_of_a_source_system_belongs_to_a_contract_table():
    """(Excel ledgers have their own hand-written staging folder, `staging/ledger/`.)"""
    expected = {p for p in expected_files() if p.suffix == ".sql"}
    root = next(iter(expected)).parents[1]
    systems = {t.system for t in load_contract()}
    assert {p for s in systems for p in Path(root, s).glob("stg_*.sql")} == expected


def test_model_renames_casts_and_drops_deleted_rows():
    bills = next(t for t in load_contract() if t.raw_name == "nc_erp__ar_bill")
    sql = model_sql(bills)
    assert "org_code as subsidiary_code" in sql
    assert "cast(open_balance as numeric(18, 2)) as open_balance" in sql
    assert "where _deleted_at is null" in sql
