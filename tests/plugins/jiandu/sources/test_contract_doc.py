"""docs/source-contract.md is rendered from the contract the loaders read, and stays in sync with it."""

from __future__ import annotations

import shutil
from pathlib import Path

from jiandu.settings import get_settings
from jiandu.sources.contract import load_contract
from jiandu.sources.contract_doc import doc_path, render


def test_committed_page_matches_the_contract():
    assert doc_path().read_text(encoding="utf-8") == render(), (
        "docs/source-contract.md is out of date: run `jiandu sources doc`")


def test_every_table_and_column_is_documented():
    page = render()
    for table in load_contract():
        assert f"### `{table.system}.{table.table}` {table.label}" in page
        for col in table.columns:
            assert f"| `{col.name}` | {col.type} |" in page, f"{table.system}.{table.table}.{col.name}"
    for conn in ("AIRFLOW_CONN_NC_ERP", "AIRFLOW_CONN_OA", "AIRFLOW_CONN_HR", "AIRFLOW_CONN_ASSET",
                 "JIANDU_LEDGER_DROP_DIR"):
        assert conn in page


def test_a_new_yaml_file_appears_in_the_page(tmp_path: Path):
    sources = tmp_path / "sources"
    shutil.copytree(get_settings().sources_dir, sources)
    (sources / "oa" / "meeting_room.yml").write_text(
        "system: oa\ntable: meeting_room\nlabel: 会议室预定\nprimary_key: [booking_id]\nload: incremental\n"
        "incremental_column: ts\noverlap: 6 hours\ncolumns:\n"
        "  - {name: booking_id, type: text, label: 预定单号, required: true}\n"
        "  - {name: ts, type: timestamp, label: 最后修改时间}\n"
        "example: {booking_id: HY-0001}\n", encoding="utf-8")
    page = render(sources_dir=sources)
    assert "### `oa.meeting_room` 会议室预定" in page
    assert "增量 incremental，增量字段 `ts`，重叠期 overlap 6 小时 hours" in page
    assert "| `booking_id` | text | 预定单号 | 是 | HY-0001 |" in page
