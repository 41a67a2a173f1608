"""`jiandu sources generate`: write every source system and ground_truth.csv into a folder.

Deterministic for a seed: the same scale, seed and as-of date give byte-identical files.
Every table of the source contract is created in its system's SQLite file; the modules in MODULES fill them.
A module has `tables(ctx)` yielding (system, table, rows), possibly several chunks per table, and may have
`add_people(ctx)` returning the people it plants (appended to the shared staff before any table is written).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from jiandu.sources.contract import load_contract
from jiandu_dev.generator import (
    assets,
    erp,
    expense,
    gl,
    governance,
    income,
    payroll,
    people,
    personnel,
    procurement,
    suppliers,
)
from jiandu_dev.generator.context import Context, Scale
from jiandu_dev.generator.ledgers import write_ledger_drops
from jiandu_dev.generator.writer import GroundTruth, SqliteSource

SCALES = {
    "S": Scale(subsidiaries=5, months=12, customers_per_subsidiary=30, bills_per_month=25, employees_per_subsidiary=40),
    "M": Scale(subsidiaries=50, months=36, customers_per_subsidiary=60, bills_per_month=60,
               employees_per_subsidiary=400, activity=2,  # 20,000 employees (issue 3)
               gl_vouchers_per_month=750),  # about 3.1 million GL lines (issue 4)
    "L": Scale(subsidiaries=200, months=60, customers_per_subsidiary=80, bills_per_month=80,
               employees_per_subsidiary=200, activity=3,
               gl_vouchers_per_month=780),  # about 20.9 million GL lines (issue 4)
}
DEFAULT_AS_OF = date(2026, 11, 1)
MODULES = [erp, people, expense, payroll, personnel, procurement, assets, governance, gl, suppliers, income]


def generate(out_dir: Path, scale: str = "S", seed: int = 42, as_of: date = DEFAULT_AS_OF) -> dict:
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {sorted(SCALES)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    contract = {(t.system, t.table): t for t in load_contract()}
    ctx = Context(scale=SCALES[scale], seed=seed, as_of=as_of, truth=GroundTruth())
    ctx.subsidiaries = erp.subsidiaries(ctx.scale)
    ctx.people = people.base_staff(ctx)
    for module in MODULES:
        if hasattr(module, "add_people"):
            ctx.people += module.add_people(ctx)

    systems = sorted({system for system, _ in contract})
    dbs = {system: SqliteSource(out_dir / f"{system}.sqlite") for system in systems}
    for (system, _), spec in sorted(contract.items()):
        dbs[system].create(spec)
    counts: dict[str, int] = {}
    for module in MODULES:
        for system, table, rows in module.tables(ctx):
            spec = contract.get((system, table))
            if spec is None:
                raise KeyError(f"{module.__name__} writes {system}.{table}, which the source contract does not define")
            # a module may write one table in several chunks (one subsidiary at a time)
            counts[f"{system}.{table}"] = counts.get(f"{system}.{table}", 0) + dbs[system].insert(spec, rows)
    for db in dbs.values():
        db.close()

    counts.update({f"ledger_drop.{k}": v for k, v in
                   write_ledger_drops(out_dir, ctx.subsidiaries, as_of, seed, ctx.truth).items()})
    ctx.truth.write(out_dir / "ground_truth.csv")
    manifest = {"scale": scale, "seed": seed, "as_of": as_of.isoformat(), "row_counts": dict(sorted(counts.items())),
                "systems": {system: f"{system}.sqlite" for system in systems}, "ledger_drop": "ledger_drop"}
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                           encoding="utf-8")
    return manifest
