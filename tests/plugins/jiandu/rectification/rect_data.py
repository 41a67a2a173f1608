"""Test data for rectification: the workbench's published fake flags (two subsidiaries, one user per role and
scope) with an empty rectification schema, and a helper confirming flags through the disposition workflow."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from jiandu.flags.dispositions import update_flag
from tests.plugins.jiandu.workbench.workbench_data import seed

TZ = ZoneInfo("Asia/Shanghai")


def fresh(monkeypatch) -> dict[str, str]:
    """Published flags W01..W06 (S01: W01-W04, S02: W05-W06) and no rectification data; key -> flag_id."""
    return seed(monkeypatch)  # its reset() drops every jiandu schema, rectification included, and bootstraps


def confirm(*flag_ids: str, at: datetime | None = None) -> None:
    """待核实 -> 核实中 -> 确认问题, as an auditor records it."""
    for fid in flag_ids:
        update_flag(fid, "admin", source="test", at=at, status="核实中", assignee="王审计")
        update_flag(fid, "admin", source="test", at=at, status="确认问题")


def at(text: str) -> datetime:
    """'2026-10-05 10:00' in Beijing time."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ)
