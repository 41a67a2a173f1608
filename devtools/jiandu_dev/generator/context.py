"""What every generator module shares: the scale, the as-of date, the ground truth, the subsidiaries and people.

Each module draws from its own random stream (`ctx.rng("<module>")`), so adding or changing one module never
shifts what another generates.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from jiandu_dev.generator.writer import GroundTruth


@dataclass(frozen=True)
class Scale:
    subsidiaries: int
    months: int
    customers_per_subsidiary: int
    bills_per_month: int
    employees_per_subsidiary: int = 40
    activity: int = 1  # multiplier for per-employee activity (claims, approvals, payroll is monthly anyway)
    gl_vouchers_per_month: int = 130  # background GL vouchers per subsidiary and month (about 2.3 lines each)


@dataclass
class Context:
    scale: Scale
    seed: int
    as_of: date
    truth: GroundTruth
    subsidiaries: list[tuple[str, str, str]] = field(default_factory=list)  # (code, name, industry)
    people: list = field(default_factory=list)  # jiandu_dev.generator.people.Person, filled by generate()
    # rows a module publishes for the modules after it ("oa.procurement_approval" -> rows), e.g. the purchases
    # the supplier payments pay; filled while the module's tables are written
    published: dict[str, list[dict]] = field(default_factory=dict)

    def rng(self, stream: str) -> random.Random:
        """A random stream of its own for one module (str seeds are hashed deterministically)."""
        return random.Random(f"{self.seed}:{stream}")

    @property
    def start(self) -> date:
        """First day of the generated business period."""
        return self.as_of - timedelta(days=30 * self.scale.months)

    def staff_of(self, org_code: str, *, active_only: bool = True) -> list:
        return [p for p in self.people if p.org_code == org_code and (p.status == "在职" or not active_only)]
