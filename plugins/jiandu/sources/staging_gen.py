"""Write the dbt staging layer from the source contract (`jiandu sources staging`).

One model per source table, `stg_<system>__<table>`: it only renames (org_code → subsidiary_code,
ts → modified_at), casts (amounts to numeric(18,2)) and labels, drops rows the loader marked deleted in
the source, and reads top to bottom as source → renamed. Column docs are the contract's Chinese labels.
The files are committed and reviewed like any model; a test keeps them equal to what the contract says,
so a new source table is one YAML file and one `jiandu sources staging` run.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from jiandu.settings import get_settings
from jiandu.sources.contract import SourceTable, load_contract

RENAMES = {"org_code": "subsidiary_code", "ts": "modified_at"}
GROUPS = [("ids", "ids"), ("text", "strings"), ("number", "amounts and numbers"), ("date", "dates"),
          ("boolean", "flags")]
HEADER = ("{{#- Generated from include/sources/{system}/{table}.yml by `jiandu sources staging`:"
          " edit the contract, not this file. -#}}\n")


def _group(table: SourceTable, col) -> str:
    if col.name in table.primary_key or col.name.endswith(("_code", "_id", "_no")):
        return "ids"
    return {"text": "text", "integer": "number", "numeric": "number", "date": "date", "timestamp": "date",
            "boolean": "boolean", "month": "date"}[col.type]


def _expr(col) -> str:
    target = RENAMES.get(col.name, col.name)
    expr = f"cast({col.name} as numeric(18, 2))" if col.type == "numeric" else col.name
    return expr if expr == target else f"{expr} as {target}"


def model_sql(table: SourceTable) -> str:
    lines = [HEADER.format(system=table.system, table=table.table),
             "with source as (",
             f"    select * from {{{{ source('{table.system}', '{table.table}') }}}}",
             "    where _deleted_at is null",
             "),", "", "renamed as (", "    select"]
    items: list[str] = []
    for key, title in GROUPS:
        cols = [c for c in table.columns if _group(table, c) == key]
        if cols:
            items.append(f"        -- {title}")
            items += [f"        {_expr(c)}," for c in cols]
    items += ["        -- lineage", "        _batch_id as batch_id"]
    lines += items
    lines += ["    from source", ")", "", "select * from renamed", ""]
    return "\n".join(lines)


def models_yml(system: str, tables: list[SourceTable]) -> str:
    models = []
    for t in tables:
        columns = []
        for c in t.columns:
            entry: dict = {"name": RENAMES.get(c.name, c.name), "description": f"{c.label or c.name}（{c.name}）"}
            tests: list = []
            if c.required or c.name in t.primary_key:
                tests = ["not_null"]  # keys are unique by raw's unique index (jiandu.loaders.copy_loader)
            if tests:
                entry["data_tests"] = tests
            columns.append(entry)
        columns.append({"name": "batch_id", "description": "装载批次号。Load batch id."})
        model: dict = {"name": f"stg_{system}__{t.table}",
                       "description": f"{t.label}。{t.description or ''}".strip(),
                       "columns": columns}
        models.append(model)
    return yaml.safe_dump({"version": 2, "models": models}, allow_unicode=True, sort_keys=False, width=120)


def sources_yml(system: str, tables: list[SourceTable]) -> str:
    doc = {"version": 2, "sources": [{
        "name": system,
        "description": f"{system} 源系统原始数据（经校验后入raw层）。Raw layer of source system {system}, after validation.",
        "schema": "raw",
        "tables": [{"name": t.table, "identifier": t.raw_name, "description": t.label} for t in tables],
    }]}
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)


def expected_files(staging_dir: Path | None = None) -> dict[Path, str]:
    root = staging_dir or get_settings().dbt_project_dir / "models" / "staging"
    by_system: dict[str, list[SourceTable]] = {}
    for t in load_contract():
        by_system.setdefault(t.system, []).append(t)
    files: dict[Path, str] = {}
    for system, tables in by_system.items():
        folder = root / system
        files[folder / f"_{system}__sources.yml"] = sources_yml(system, tables)
        files[folder / f"_{system}__models.yml"] = models_yml(system, tables)
        for t in tables:
            files[folder / f"stg_{system}__{t.table}.sql"] = model_sql(t)
    return files


def write(staging_dir: Path | None = None) -> list[Path]:
    changed = []
    for path, text in expected_files(staging_dir).items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
