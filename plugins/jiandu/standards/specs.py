"""Which standards a group can import, read from the seeds' own descriptions (`_standards__*.yml`).

A standard is importable when its seed is versioned (an `effective_from` column) and declares its key (the
`<seed>__unique_key` test). Everything the template and the validation need comes from that one yml: the
Chinese title (the description up to the first '：'), each column's Chinese label (its description up to the
first space or '（'), type (`column_types`), whether it is required (`not_null`), its allowed values
(`accepted_values`), and the seed's `config.meta.group_import` (keys that must exist elsewhere, signed numbers).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from jiandu.settings import get_settings

DATE_COLUMNS = ("effective_from", "effective_to")
SQL_WORDS = {"coalesce", "cast", "as", "varchar"}
# columns a group does not have to fill: the source defaults to the import (file, user)
OPTIONAL_ON_IMPORT = {"source"}
# labels of the columns every versioned standard shares, for seeds whose yml does not describe them
COMMON_LABELS = {"subsidiary_code": "子企业代码", "effective_from": "生效日期", "effective_to": "失效日期",
                 "source": "来源"}


@dataclass(frozen=True)
class Column:
    name: str
    label: str  # Chinese, the template's header
    type: str  # text, date, boolean, integer, numeric(p,s)
    required: bool
    allowed: tuple[str, ...] = ()
    description: str = ""
    relationship: tuple[str, str] | None = None  # (seed, field) every value must be found in

    @property
    def scale(self) -> int | None:
        m = re.fullmatch(r"numeric\(\s*\d+\s*,\s*(\d+)\s*\)", self.type)
        return int(m.group(1)) if m else None

    @property
    def integer_digits(self) -> int | None:
        """How many digits a numeric(p,s) column holds before the decimal point (p - s)."""
        m = re.fullmatch(r"numeric\(\s*(\d+)\s*,\s*(\d+)\s*\)", self.type)
        return int(m.group(1)) - int(m.group(2)) if m else None


@dataclass(frozen=True)
class Standard:
    name: str  # the seed, e.g. std_travel_hotel_caps
    title: str  # Chinese, the sheet name
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # the key without effective_from
    references: dict[str, str] = field(default_factory=dict)  # column -> city | province | ranks | subsidiary
    signed: frozenset[str] = frozenset()  # numeric columns that may be negative
    checks: tuple[tuple[str, str], ...] = ()  # (test name, SQL expression every row must satisfy)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def csv_path(self) -> Path:
        return seeds_dir() / f"{self.name}.csv"

    def shipped_rows(self) -> list[dict[str, str]]:
        with self.csv_path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))


def seeds_dir() -> Path:
    return get_settings().dbt_project_dir / "seeds" / "standards"


def _label(description: str) -> str:
    text = description.strip()
    return re.split(r"[\s（(。]", text, maxsplit=1)[0] or text


def _title(description: str) -> str:
    text = description.strip().split("：", 1)[0]
    text = re.sub(r"（[^）]*RF_[^）]*）", "", text)
    return re.sub(r"[\\/?*\[\]:]", "", text)[:31]


def _key(seed: dict) -> tuple[str, ...] | None:
    for test in seed.get("data_tests") or []:
        unique = test.get("unique") if isinstance(test, dict) else None
        if unique and str(unique.get("name", "")).endswith("__unique_key"):
            words = re.findall(r"[a-z_][a-z_0-9]*", re.sub(r"'[^']*'", "", unique["column_name"]))
            return tuple(dict.fromkeys(w for w in words if w not in SQL_WORDS and w != "effective_from"))
    return None


def _checks(seed: dict) -> tuple[tuple[str, str], ...]:
    """The seed's row-level `expression_is_true` tests: the import applies them before the night does."""
    out = []
    for test in seed.get("data_tests") or []:
        spec = test.get("expression_is_true") if isinstance(test, dict) else None
        if spec:
            expression = (spec.get("arguments") or spec)["expression"]
            out.append((str(spec.get("name", expression)).split("__")[-1], expression))
    return tuple(out)


def _column(seed: dict, name: str) -> Column:
    spec = next((c for c in seed.get("columns") or [] if c["name"] == name), {"name": name})
    tests = spec.get("data_tests") or []
    allowed: tuple[str, ...] = ()
    relationship = None
    for t in tests:
        if isinstance(t, dict) and "accepted_values" in t:
            args = t["accepted_values"].get("arguments", t["accepted_values"])
            allowed = tuple(str(v) for v in args["values"])
        if isinstance(t, dict) and "relationships" in t:
            args = t["relationships"].get("arguments", t["relationships"])
            to = re.fullmatch(r"ref\('(\w+)'\)", str(args["to"]).strip())
            if to:
                relationship = (to.group(1), str(args["field"]))
    label = _label(spec["description"]) if spec.get("description") else COMMON_LABELS.get(name, name)
    return Column(name=name, label=label,
                  type=str(seed["config"]["column_types"].get(name, "text")).replace(" ", ""),
                  required="not_null" in tests and name not in OPTIONAL_ON_IMPORT, allowed=allowed,
                  relationship=relationship,
                  description=" ".join(str(spec.get("description", "")).split()))


@lru_cache(maxsize=1)
def standards() -> dict[str, Standard]:
    """Every importable standard, by seed name, in the order of the yml files."""
    found: dict[str, Standard] = {}
    for path in sorted(seeds_dir().glob("_standards__*.yml")):
        for seed in yaml.safe_load(path.read_text(encoding="utf-8")).get("seeds", []):
            key = _key(seed)
            csv_path = seeds_dir() / f"{seed['name']}.csv"
            if key is None or not csv_path.exists():
                continue
            with csv_path.open(encoding="utf-8", newline="") as f:
                names = next(csv.reader(f))  # the seed's header is the column order the warehouse has
            if "effective_from" not in names:
                continue
            meta = (seed.get("config", {}).get("meta") or {}).get("group_import") or {}
            references = dict(meta.get("references") or {})
            if "subsidiary_code" in names:
                references.setdefault("subsidiary_code", "subsidiary")
            found[seed["name"]] = Standard(
                name=seed["name"], title=meta.get("title") or _title(seed["description"]),
                description=" ".join(seed["description"].split()),
                columns=tuple(_column(seed, n) for n in names), key=key, references=references,
                signed=frozenset(meta.get("signed") or ()), checks=_checks(seed))
    return found


def find(name: str) -> Standard:
    """A standard by seed name or Chinese title; KeyError with the names a user can give."""
    for s in standards().values():
        if name in (s.name, s.title):
            return s
    known = "、".join(f"{s.title}（{s.name}）" for s in standards().values())
    raise KeyError(f"没有名为「{name}」的可导入标准。可导入的标准：{known}")
