from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition
from cim.scoring.tests.factories import participants, submit

# Gelderland municipalities other than the world's Arnhem (GM0202) and Nijmegen (GM0268).
GELDERLAND = [
    "GM0200",
    "GM0203",
    "GM0209",
    "GM0213",
    "GM0214",
    "GM0221",
    "GM0222",
    "GM0225",
    "GM0226",
    "GM0228",
    "GM0230",
    "GM0232",
    "GM0233",
    "GM0243",
    "GM0244",
]
# Municipalities of Utrecht province (another peer group).
UTRECHT = ["GM0307", "GM0308", "GM0310", "GM0312", "GM0313", "GM0321"]


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """Tests marked postgres_only need concurrent connections."""
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs concurrent PostgreSQL connections (set DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres_only" in item.keywords and "cim/reports/" in str(item.fspath):
            item.add_marker(skip)


def release(edition: Edition) -> Edition:
    Edition.objects.filter(pk=edition.pk).update(status=EditionStatus.RESULTS_RELEASED)
    edition.refresh_from_db()
    return edition


@pytest.fixture
def released(world):  # type: ignore[no-untyped-def]
    """The world's edition with results released, Arnhem's scan submitted and ten other
    Gelderland municipalities with a score."""
    submit(world.participation, maturity=0.5)
    participants(world.edition, GELDERLAND[:10])
    release(world.edition)
    world.participation.refresh_from_db()
    return world
