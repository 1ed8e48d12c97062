"""Demo: score every edition's submitted scans (idempotent: recomputed from the answers)."""

from __future__ import annotations

from cim.core.demo import DemoContext
from cim.scoring.services import rescore_edition


def seed(ctx: DemoContext) -> None:
    counts = [
        f"{year}: {rescore_edition(edition=edition)}" for year, edition in sorted(ctx.data.get("editions", {}).items())
    ]
    if counts:
        ctx.notes.append("Demo scores computed (" + ", ".join(counts) + ").")
