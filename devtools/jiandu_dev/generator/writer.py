"""Write generated rows into a source database laid out exactly as the source contract says."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from jiandu.sources.contract import SourceTable

SQLITE_TYPES = {"text": "TEXT", "integer": "INTEGER", "numeric": "NUMERIC", "date": "TEXT",
                "timestamp": "TEXT", "boolean": "INTEGER", "month": "TEXT"}


class SqliteSource:
    """One source system as a SQLite file, tables created from the contract."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            path.unlink()
        self.conn = sqlite3.connect(path)

    def create(self, table: SourceTable) -> None:
        cols = ", ".join(
            f"{c.name} {SQLITE_TYPES[c.type]}{' NOT NULL' if c.required else ''}" for c in table.columns
        )
        pk = ", ".join(table.primary_key)
        self.conn.execute(f"CREATE TABLE {table.source_table} ({cols}, PRIMARY KEY ({pk}))")

    def insert(self, table: SourceTable, rows: Iterable[dict]) -> int:
        names = table.column_names
        sql = f"INSERT INTO {table.source_table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        count = 0
        batch: list[tuple] = []
        for row in rows:
            batch.append(tuple(row.get(n) for n in names))
            if len(batch) >= 10_000:
                self.conn.executemany(sql, batch)
                count += len(batch)
                batch.clear()
        self.conn.executemany(sql, batch)
        return count + len(batch)

    def close(self) -> None:
        self.conn.commit()
        self.conn.close()


GROUND_TRUTH_COLUMNS = ["rule_id", "subsidiary_code", "source_table", "source_keys", "amount", "kind", "note"]


class GroundTruth:
    """ground_truth.csv: every planted anomaly and every near-miss decoy."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, rule_id: str, subsidiary_code: str, source_table: str, source_keys: str,
            amount: str, kind: str, note: str) -> None:
        assert kind in ("planted", "decoy"), kind
        self.rows.append(dict(rule_id=rule_id, subsidiary_code=subsidiary_code, source_table=source_table,
                              source_keys=source_keys, amount=amount, kind=kind, note=note))

    def write(self, path: Path) -> None:
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=GROUND_TRUTH_COLUMNS, lineterminator="\n")
            writer.writeheader()
            for row in sorted(self.rows, key=lambda r: (r["rule_id"], r["subsidiary_code"], r["source_keys"])):
                writer.writerow(row)
