"""Masking of personal data: the one definition of what is personal data in free text and how it is shown.

Personal data (个人信息) in a text is any of PATTERNS, applied in order, each keeping some leading and
trailing digits and starring the rest (separators stay):

- 身份证号 of 18 characters (the last may be X): 110105********0012;
- 身份证号 of 15 digits (the first-generation number): 110105******001;
- bank account numbers of 16-19 digits: 6222***********5678, also written in groups of four separated by
  spaces or dashes (6222 **** **** ***5 678).

Digits are ASCII or full-width (０-９): a number typed in a Chinese input method is masked the same way. A run
counts only when it stands alone (not inside a longer run of letters and digits such as a flag id).

Every page and every export masks through `mask`; free-text search of a user without the personal-data
permission compares against `workbench.mask_text` (include/warehouse/migrations/0002_workbench.sql), which applies the same
PATTERNS with the same regular expressions (PostgreSQL's regex dialect reads them the same way; the test
tests/plugins/jiandu/workbench/test_masking.py holds the two to the same output on every form).
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

D = "[0-9０-９]"  # a digit, ASCII or full-width
_EDGE = "[0-9０-９A-Za-z]"
_EDGE_STAR = "[0-9０-９A-Za-z*]"
SEPARATORS = " -"
# (name, regular expression, leading characters kept, trailing characters kept); applied in this order.
PATTERNS: list[tuple[str, str, int, int]] = [
    ("身份证号（18位）", f"(?<!{_EDGE}){D}{{17}}[0-9０-９XxＸｘ](?!{_EDGE})", 6, 4),
    ("身份证号（15位）", f"(?<!{_EDGE}){D}{{15}}(?!{_EDGE})", 6, 3),
    ("银行账号", f"(?<!{_EDGE_STAR}){D}{{16,19}}(?!{_EDGE_STAR})", 4, 4),
    # not inside a hyphenated code (HT-2026-0001-0002-0003 is a contract number, not an account)
    ("银行账号（分组书写）", f"(?<![0-9０-９A-Za-z*-]){D}{{4}}(?:[ -]{D}{{4}}){{3}}(?:[ -]{D}{{1,3}})?"
                         f"(?!-?{_EDGE_STAR})", 4, 4),
]
_COMPILED = [(re.compile(rx), first, last) for _, rx, first, last in PATTERNS]


def _mask_match(match: str, keep_first: int, keep_last: int) -> str:
    """Star every character of `match` but the first `keep_first` and last `keep_last` (separators stay)."""
    n = sum(ch not in SEPARATORS for ch in match)
    out, i = [], 0
    for ch in match:
        if ch in SEPARATORS:
            out.append(ch)
            continue
        i += 1
        out.append(ch if i <= keep_first or i > n - keep_last else "*")
    return "".join(out)


def mask_text(text: str) -> str:
    """110105198003150012 -> 110105********0012; 6222020000012345678 -> 6222***********5678."""
    for pattern, first, last in _COMPILED:
        text = pattern.sub(lambda m, f=first, k=last: _mask_match(m.group(0), f, k), text)
    return text


def mask(value: Any, *, allowed: bool = False) -> Any:
    """`value` with every string in it masked (dicts, lists, tuples and dataclasses walked); unchanged if `allowed`."""
    if allowed or value is None or isinstance(value, bool | int | float | Decimal | date | datetime):
        return value
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {k: mask(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(mask(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: mask(getattr(value, f.name)) for f in fields(value) if f.init})
    return value
