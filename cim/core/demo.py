"""Shared context for demo seeders. Each app's `demo.seed(ctx)` adds its part, idempotently."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

DEMO_PASSWORD = "Circulair-demo-wachtwoord"  # noqa: S105 - printed on purpose, demo only
DEMO_DOMAIN = "demo.cim.test"
DEMO_SEED = 2026  # a fixed seed: the same demo every time
# The random answers and choices of the n-th demo edition are seeded with FIRST_EDITION_SEED + n,
# whatever year it is labelled, so the demo's content is the same on every date.
FIRST_EDITION_SEED = 2024


def edition_seed(nth: int) -> int:
    return FIRST_EDITION_SEED + nth


@dataclass
class DemoContext:
    rng: random.Random = field(default_factory=lambda: random.Random(DEMO_SEED))
    today: dt.date = field(default_factory=timezone.localdate)  # the demo's timeline is built around it
    data: dict[str, Any] = field(default_factory=dict)  # shared objects: programme, editions, users...
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role, email, note)
    notes: list[str] = field(default_factory=list)

    def login(self, role: str, email: str, note: str = "") -> None:
        if all(email != e for _, e, _ in self.logins):
            self.logins.append((role, email, note))
