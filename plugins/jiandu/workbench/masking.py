"""Masking of personal data: 身份证号 (18 characters) and bank account numbers (16-19 digits).

The one function every page and every export goes through. A run of digits counts only when it stands
alone (not inside a longer run of letters and digits such as a flag id).
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])")
_BANK_ACCOUNT = re.compile(r"(?<![0-9A-Za-z*])(\d{4})\d{8,11}(\d{4})(?![0-9A-Za-z*])")


def mask_text(text: str) -> str:
    """110105198003150012 -> 110105********0012; 6222020000012345678 -> 6222***********5678."""
    text = _ID_NUMBER.sub(lambda m: m.group(1) + "*" * 8 + m.group(2), text)
    return _BANK_ACCOUNT.sub(lambda m: m.group(1) + "*" * (len(m.group(0)) - 8) + m.group(2), text)


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
