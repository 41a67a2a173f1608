"""`jiandu sources generate`: write every source system and ground_truth.csv into a folder.

Deterministic for a seed: the same scale, seed and as-of date give byte-identical files.
"""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

from jiandu.generator import erp
from jiandu.generator.ledgers import write_ledger_drops
from jiandu.generator.writer import GroundTruth, SqliteSource
from jiandu.sources.contract import load_contract

SCALES = {
    "S": erp.Scale(subsidiaries=5, months=12, customers_per_subsidiary=30, bills_per_month=25),
    "M": erp.Scale(subsidiaries=50, months=36, customers_per_subsidiary=60, bills_per_month=60),
    "L": erp.Scale(subsidiaries=200, months=60, customers_per_subsidiary=80, bills_per_month=80),
}
DEFAULT_AS_OF = date(2026, 11, 1)


def generate(out_dir: Path, scale: str = "S", seed: int = 42, as_of: date = DEFAULT_AS_OF) -> dict:
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {sorted(SCALES)}")
    tier = SCALES[scale]
    out_dir.mkdir(parents=True, exist_ok=True)
    contract = {(t.system, t.table): t for t in load_contract()}
    truth = GroundTruth()
    rng = random.Random(seed)
    counts: dict[str, int] = {}

    erp_db = SqliteSource(out_dir / "nc_erp.sqlite")
    for table, rows in (
        ("org", erp.orgs(tier)),
        ("customer", erp.customers(rng, tier)),
        ("ar_bill", erp.ar_bills(rng, tier, as_of, truth)),
    ):
        spec = contract[("nc_erp", table)]
        erp_db.create(spec)
        counts[f"nc_erp.{table}"] = erp_db.insert(spec, rows)
    erp_db.close()

    counts.update({f"ledger_drop.{k}": v for k, v in
                   write_ledger_drops(out_dir, erp.subsidiaries(tier), as_of, seed, truth).items()})
    truth.write(out_dir / "ground_truth.csv")
    manifest = {"scale": scale, "seed": seed, "as_of": as_of.isoformat(), "row_counts": counts,
                "systems": {"nc_erp": "nc_erp.sqlite"}, "ledger_drop": "ledger_drop"}
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                           encoding="utf-8")
    return manifest
