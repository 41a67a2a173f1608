"""The source contract: one YAML file per source table under include/sources/<system>/.

Adding a source table is adding a YAML file; nothing here needs to change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import yaml

from jiandu.settings import get_settings

# Contract type -> PostgreSQL type of the raw column.
PG_TYPES = {
    "text": "text",
    "integer": "bigint",
    "numeric": "numeric",
    "date": "date",
    "timestamp": "timestamp",
    "boolean": "boolean",
    "month": "text",  # a calendar month, kept as YYYY-MM (promotion rewrites 2026-3, 2026/03, 202603, 2026年3月)
}
# a month as exports write it: 2026-03, 2026-3, 2026/03, 2026.3, 202603, 2026年3月, or a day of it (2026-03-01);
# the type check of `month` columns, and what promotion rewrites as YYYY-MM
MONTH_FORM = (r"^\s*((19|20)[0-9]{2})\s*(?:[-/.年]\s*)?(0?[1-9]|1[0-2])"
              r"\s*(?:月\s*(?:(?:0?[1-9]|[12][0-9]|3[01])\s*日)?|[-/.]\s*(?:0?[1-9]|[12][0-9]|3[01]))?\s*$")
LOAD_MODES = ("full", "incremental")
DEFAULT_OVERLAP = timedelta(days=1)  # incremental: re-read this much before the watermark (late commits, clock skew)
DEFAULT_KEY_CHECK_DAYS = 7  # incremental: compare every source key with raw at least this often (deleted rows)
_OVERLAP_UNITS = {"day": "days", "hour": "hours", "minute": "minutes", "second": "seconds"}


class ContractError(ValueError):
    """A source definition file is malformed; the message names the file and field."""


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    label: str
    required: bool = False

    @property
    def pg_type(self) -> str:
        return PG_TYPES[self.type]


@dataclass(frozen=True)
class SourceTable:
    system: str
    table: str
    label: str
    description: str
    source_table: str
    primary_key: tuple[str, ...]
    load: str
    incremental_column: str | None
    columns: tuple[Column, ...]
    example: dict
    path: Path
    checks: tuple[dict, ...] = ()
    overlap: timedelta = DEFAULT_OVERLAP
    key_check_days: int = DEFAULT_KEY_CHECK_DAYS

    @property
    def raw_name(self) -> str:
        """Table name in the warehouse `raw` and `landing` schemas."""
        return f"{self.system}__{self.table}"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _fail(path: Path, msg: str) -> ContractError:
    return ContractError(f"{path}: {msg}")


def parse_overlap(value: object, path: Path) -> timedelta:
    """`overlap: 1 day`, `6 hours`, `30 minutes` (or a bare number of days)."""
    if isinstance(value, int | float):
        return timedelta(days=value)
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(day|hour|minute|second)s?\s*", str(value))
    if not match:
        raise _fail(path, f"field 'overlap' must look like '1 day', '6 hours' or '30 minutes', got {value!r}")
    return timedelta(**{_OVERLAP_UNITS[match.group(2)]: float(match.group(1))})


def parse_table(path: Path) -> SourceTable:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise _fail(path, f"not valid YAML: {exc}") from exc
    if not isinstance(doc, dict):
        raise _fail(path, "expected a mapping at the top level")
    for key in ("system", "table", "label", "primary_key", "load", "columns"):
        if key not in doc:
            raise _fail(path, f"missing required field '{key}'")
    if doc["load"] not in LOAD_MODES:
        raise _fail(path, f"field 'load' must be one of {LOAD_MODES}, got {doc['load']!r}")
    columns = []
    for i, col in enumerate(doc["columns"], start=1):
        if not isinstance(col, dict) or "name" not in col or "type" not in col:
            raise _fail(path, f"columns[{i}] needs 'name' and 'type'")
        if col["type"] not in PG_TYPES:
            raise _fail(path, f"column '{col['name']}': type must be one of {sorted(PG_TYPES)}, got {col['type']!r}")
        columns.append(
            Column(name=col["name"], type=col["type"], label=col.get("label", ""), required=bool(col.get("required")))
        )
    names = [c.name for c in columns]
    for key in doc["primary_key"]:
        if key not in names:
            raise _fail(path, f"primary_key column '{key}' is not among the columns")
    checks = tuple(doc.get("checks") or ())
    for i, check in enumerate(checks, start=1):
        if not isinstance(check, dict) or not check.get("name") or "{batch}" not in str(check.get("unexpected_rows")):
            raise _fail(path, f"checks[{i}] needs 'name' and an 'unexpected_rows' query using {{batch}}")
        if check.get("severity", "critical") not in ("critical", "warning"):
            raise _fail(path, f"checks[{i}]: severity must be critical or warning")
    inc = doc.get("incremental_column")
    if doc["load"] == "incremental" and inc not in names:
        raise _fail(path, "load 'incremental' needs an 'incremental_column' that is one of the columns")
    key_check_days = doc.get("key_check_days", DEFAULT_KEY_CHECK_DAYS)
    if not isinstance(key_check_days, int) or key_check_days < 0:
        raise _fail(path, f"field 'key_check_days' must be a whole number of days >= 0, got {key_check_days!r}")
    return SourceTable(
        system=doc["system"],
        table=doc["table"],
        label=doc["label"],
        description=doc.get("description", ""),
        source_table=doc.get("source_table", doc["table"]),
        primary_key=tuple(doc["primary_key"]),
        load=doc["load"],
        incremental_column=inc,
        columns=tuple(columns),
        example=doc.get("example") or {},
        path=path,
        checks=checks,
        overlap=parse_overlap(doc.get("overlap", 1), path),
        key_check_days=key_check_days,
    )


def load_contract(sources_dir: Path | None = None) -> list[SourceTable]:
    """Every source table, sorted by system then table."""
    root = sources_dir or get_settings().sources_dir
    tables = [parse_table(p) for p in sorted(root.glob("*/*.yml"))]
    return sorted(tables, key=lambda t: (t.system, t.table))


def systems(sources_dir: Path | None = None) -> list[str]:
    return sorted({t.system for t in load_contract(sources_dir)})


def tables_of(system: str, sources_dir: Path | None = None) -> list[SourceTable]:
    return [t for t in load_contract(sources_dir) if t.system == system]
