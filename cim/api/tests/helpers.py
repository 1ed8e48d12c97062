"""Published tables for API tests: small synthetic data, protected and released through
cim/disclosure exactly as the statistics room does."""

from __future__ import annotations

from typing import Any

from cim.disclosure.release import protect_release
from cim.disclosure.selectors import ledger_tables, ledger_token
from cim.disclosure.services import release_publish
from cim.disclosure.tables import Kind, Microdata, TableSpec

# Province PV21 has one municipality: its cells must be suppressed.
PROVINCES = (("PV25", 8), ("PV26", 7), ("PV21", 1))


def microdata(edition_id: int) -> Microdata:
    data = Microdata()
    org = 0
    for province, n in PROVINCES:
        for i in range(n):
            org += 1
            data.add(
                edition_id,
                org,
                groups={"province": province},
                values={"gww": 100_000 + 9_000 * i, "energie": 50_000 + 4_000 * i},
                answers={"policy": "ja" if i % 2 else "nee"},
            )
    return data


def publish(edition: Any, actor: Any = None) -> dict[str, Any]:
    """Publish a euro table and a frequency table for `edition`; returns the release's tables."""
    specs = [
        TableSpec("euros_by_province", Kind.MAGNITUDE, edition.pk, "province", ("gww", "energie")),
        TableSpec("policy_by_province", Kind.FREQUENCY, edition.pk, "province", ("ja", "nee"), question="policy"),
    ]
    token = ledger_token(programme_id=edition.programme_id)
    result = protect_release(specs, microdata(edition.pk), ledger=ledger_tables(programme_id=edition.programme_id))
    release_publish(actor=actor, edition=edition, result=result, token=token)
    return result.tables
