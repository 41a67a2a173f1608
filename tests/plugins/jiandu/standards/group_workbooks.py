"""Filled-in templates for the group-standards tests (written from the real template, so headers are the
template's), and a warehouse of their own on the real server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from openpyxl import load_workbook

from jiandu.standards.specs import find
from jiandu.standards.template import write_template
from tests.conftest import REAL_SERVER, fresh_database

HOTEL = "std_travel_hotel_caps"
ENTERTAINMENT = "std_entertainment"


def workbook(path: Path, sheets: dict[str, list[list[object]]], drop_columns: dict[str, list[str]] | None = None
             ) -> Path:
    """The template for the standards in `sheets` with their rows (values in the template's column order);
    `drop_columns` deletes columns (by field name) from a sheet, as a user editing the header would."""
    specs = [find(name) for name in sheets]
    write_template(specs, path)
    wb = load_workbook(path)
    for spec in specs:
        ws = wb[spec.title]
        for row in sheets[spec.name]:
            ws.append(row)
        for name in (drop_columns or {}).get(spec.name, []):
            ws.delete_cols([c.name for c in spec.columns].index(name) + 1)
    wb.save(path)
    return path


def hotel_row(city="北京", province="北京", tier="其余人员", cap=400, subsidiary=None, start="2026-01-01",
              end=None, source=None) -> list[object]:
    return [city, province, tier, cap, None, None, subsidiary, start, end, source]


@contextmanager
def group_warehouse(monkeypatch, name: str) -> Iterator[str]:
    """A bootstrapped database `name` (with an organisation register S01, S02) as the warehouse."""
    from jiandu.bootstrap import bootstrap_warehouse
    from jiandu.warehouse import connect

    name = f"{name}_{os.getpid()}"
    url = fresh_database(name)
    monkeypatch.setenv("WAREHOUSE_URL", url)
    try:
        bootstrap_warehouse()
        with connect() as conn:
            conn.execute("create schema if not exists staging")
            conn.execute("create table staging.stg_nc_erp__org as select * from (values ('S01', '华东建设'),"
                         " ('S02', '华南投资')) t(subsidiary_code, org_name)")
        yield url
    finally:
        with psycopg.connect(REAL_SERVER, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')
