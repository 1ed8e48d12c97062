"""Synthetic microdata for tests and benchmarks: organisations spread over provinces and size
classes, euros per category with a long tail (a few cities dominate), answers to a policy
question, and a panel that changes between editions (joiners and leavers)."""

from __future__ import annotations

import random
from decimal import Decimal

from cim.disclosure.tables import Kind, Microdata, TableSpec

CATEGORIES = ("gww", "gebouwen", "facilitair", "mobiliteit", "energie")
PROVINCES = tuple(f"PV{n}" for n in (20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31))
SIZE_CLASSES = ("S", "M", "L", "XL")
OPTIONS = ("ja", "in_voorbereiding", "nee")


def synthetic_microdata(*, organisations: int, editions: int, seed: int = 1) -> Microdata:
    rng = random.Random(seed)  # noqa: S311 -- synthetic test data, not secrets
    data = Microdata()
    profile = {}
    for org in range(1, organisations + 1):
        # Uneven provinces, like the Netherlands: Gelderland, Noord-Brabant and Zuid-Holland large.
        province = rng.choices(PROVINCES, weights=(3, 2, 2, 6, 1, 8, 4, 3, 8, 9, 6, 4))[0]
        size = rng.choices(SIZE_CLASSES, weights=(3, 5, 2, 1))[0]
        base = {"S": 2e6, "M": 6e6, "L": 15e6, "XL": 60e6}[size] * rng.lognormvariate(0, 0.8)
        profile[org] = (province, size, base)
    for edition in range(1, editions + 1):
        for org, (province, size, base) in profile.items():
            if rng.random() < 0.12:  # not taking part this year
                continue
            values = {}
            for category in CATEGORIES:
                total = Decimal(str(round(base * rng.uniform(0.05, 0.4), 2)))
                values[f"total:{category}"] = total
                values[f"circular:{category}"] = (total * Decimal(str(round(rng.uniform(0, 0.3), 3)))).quantize(
                    Decimal("0.01")
                )
            data.add(
                edition,
                org,
                groups={"province": province, "size_class": size, "kind": "gemeente"},
                values=values,
                answers={"policy": rng.choices(OPTIONS, weights=(5, 3, 2))[0]},
            )
    return data


def edition_specs(edition: int, *, previous: int | None = None) -> list[TableSpec]:
    """The tables the statistics pages publish for an edition."""
    totals = tuple(f"total:{c}" for c in CATEGORIES)
    circular = tuple(f"circular:{c}" for c in CATEGORIES)
    specs = []
    for rows in ("province", "size_class"):
        specs.append(TableSpec(f"total_by_{rows}", Kind.MAGNITUDE, edition, rows, totals))
        specs.append(TableSpec(f"circular_by_{rows}", Kind.MAGNITUDE, edition, rows, circular))
        specs.append(TableSpec(f"policy_by_{rows}", Kind.FREQUENCY, edition, rows, OPTIONS, question="policy"))
    if previous is not None:
        specs.append(TableSpec("growth_total_by_province", Kind.GROWTH, edition, "province", totals, previous=previous))
    return specs
