"""Cases written from the rule catalog's own text (`detects`, `basis`) and the standards, not from the generator.

The generator plants each case the way the rules expect it; these cases are planted by hand on a background the
generator made with another seed and as-of date, in the forms real ERP, OA and HR exports take (full-width
characters, spaces, 北京市 for 北京, 15-digit ID numbers, one event split over lines, invoices or claims, ...).
Each area module exposes `plant(p: Planter) -> None` and records every planted case and near-miss decoy with
`p.truth(...)` in the ground truth's own format, so `jiandu_dev.rules_report.compare` counts them.
"""

from __future__ import annotations

import csv
import importlib
import os
import pkgutil
import sqlite3
from datetime import date
from pathlib import Path

from jiandu_dev.generator.writer import GROUND_TRUTH_COLUMNS

SEED = 7
AS_OF = date(2026, 3, 15)
TRUTH_FILE = "independent_truth.csv"


class Planter:
    """Adds rows to a generated group's source databases and records what was planted."""

    def __init__(self, sources: Path, as_of: date = AS_OF):
        self.sources = sources
        self.as_of = as_of
        self.rows: list[dict] = []
        self._dbs: dict[str, sqlite3.Connection] = {}

    def db(self, system: str) -> sqlite3.Connection:
        if system not in self._dbs:
            self._dbs[system] = sqlite3.connect(self.sources / f"{system}.sqlite")
        return self._dbs[system]

    def query(self, system: str, sql: str, params: tuple = ()) -> list[dict]:
        cur = self.db(system).execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def insert(self, system: str, table: str, rows: list[dict]) -> None:
        for row in rows:
            cols = ", ".join(f'"{c}"' for c in row)
            marks = ", ".join("?" for _ in row)
            self.db(system).execute(f'insert into "{table}" ({cols}) values ({marks})', tuple(row.values()))

    def truth(self, rule_id: str, subsidiary_code: str, source_table: str, source_keys: str, amount: str,
              kind: str, note: str) -> None:
        assert kind in ("planted", "decoy"), kind
        self.rows.append(dict(rule_id=rule_id, subsidiary_code=subsidiary_code, source_table=source_table,
                              source_keys=source_keys, amount=amount, kind=kind, note=note))

    def close(self) -> Path:
        for conn in self._dbs.values():
            conn.commit()
            conn.close()
        path = self.sources / TRUTH_FILE
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=GROUND_TRUTH_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(self.rows)
        return path


def plant_all(sources: Path) -> Path:
    """Every area's cases planted into `sources`; returns the truth file."""
    p = Planter(sources)
    for area in areas():
        area.plant(p)
    return p.close()


def areas() -> list:
    """The area modules of this package (each file with a `plant` function), in name order; JIANDU_CASE_AREAS
    (comma-separated module names) narrows them while one area is being worked on."""
    package = Path(__file__).parent
    only = {a.strip() for a in os.environ.get("JIANDU_CASE_AREAS", "").split(",") if a.strip()}
    names = sorted(m.name for m in pkgutil.iter_modules([str(package)]))
    return [importlib.import_module(f"{__name__}.{name}") for name in names if not only or name in only]
