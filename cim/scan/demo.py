"""Demo answers (filled in later in this file)."""

from __future__ import annotations

from cim.core.demo import DemoContext


def seed(ctx: DemoContext) -> None:
    return None
