"""The vocabulary of rectification (include/rectification/vocabulary.yml): problem sources, responsibility
types, outcome kinds and what each counts, 督办 levels."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from jiandu.settings import get_settings

OUTCOME_GROUPS = {"accountability": ("people", "人"), "rules": ("rules", "项"), "money": ("amount", "元")}


@dataclass(frozen=True)
class OutcomeKind:
    kind: str
    group: str  # accountability / rules / money
    label: str  # as the reports name it

    @property
    def measure(self) -> str:
        """The column this kind counts: people, rules or amount."""
        return OUTCOME_GROUPS[self.group][0]

    @property
    def unit(self) -> str:
        return OUTCOME_GROUPS[self.group][1]


@dataclass(frozen=True)
class Vocabulary:
    from_flags: str
    sources: tuple[str, ...]
    responsibility_types: tuple[str, ...]
    outcomes: dict[str, OutcomeKind]
    escalation_levels: tuple[str, ...]

    def escalation_label(self, level: int) -> str:
        return self.escalation_levels[min(level, len(self.escalation_levels)) - 1]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    path = get_settings().project_root / "include" / "rectification" / "vocabulary.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    outcomes = {}
    for i, o in enumerate(data["outcomes"], start=1):
        if o.get("group") not in OUTCOME_GROUPS:
            raise ValueError(f"{path} outcomes 第{i}项 {o.get('kind')!r}: group 应为 {sorted(OUTCOME_GROUPS)}")
        outcomes[o["kind"]] = OutcomeKind(o["kind"], o["group"], o.get("label") or o["kind"])
    vocab = Vocabulary(data["from_flags"], tuple(data["sources"]), tuple(data["responsibility_types"]), outcomes,
                       tuple(data["escalation_levels"]))
    if vocab.from_flags not in vocab.sources:
        raise ValueError(f"{path}: from_flags {vocab.from_flags!r} 不在 sources 中")
    return vocab
