"""The organisation's position among the others, computed ONLY by cim.disclosure.

Scores of every participation of the edition become plain microdata; `peer_values` picks the
OTHER members of the organisation's fixed peer group (all participants, its province, its size
class) and `benchmark` decides what may be shown (median from 5 others, quartiles from 10, never
a minimum, maximum or another organisation's value). When nothing may be shown the report says
only that there are too few participants in the group, never which rule applied.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from cim.disclosure.benchmark import BenchmarkResult, benchmark, peer_values
from cim.disclosure.params import DisclosureParams
from cim.disclosure.tables import Microdata
from cim.reports.selectors import PeerGroups
from cim.scoring.selectors import ScoreRecord

MEASURES = ("overall", "strategic", "operational", "circular_share")
CLASSIFICATIONS = ("all", "province", "size_class")


def measure_value(record: ScoreRecord, measure: str) -> Decimal | None:
    return {
        "overall": record.overall,
        "strategic": record.strategic,
        "operational": record.operational,
        "circular_share": record.circular_share,
    }[measure]


def microdata(edition_id: int, records: Mapping[int, ScoreRecord], groups: Mapping[int, PeerGroups]) -> Microdata:
    """One row per scored, active participation: its peer groups and its scores."""
    data = Microdata()
    for participation_id, record in records.items():
        group = groups.get(participation_id)
        if group is None:  # withdrawn
            continue
        values = {m: v for m in MEASURES if (v := measure_value(record, m)) is not None}
        data.add(
            edition_id,
            group.organisation_id,
            groups={"province": group.province, "size_class": group.size_class, "kind": group.kind},
            values=values,
        )
    return data


@dataclass(frozen=True)
class Comparison:
    measure: str
    classification: str
    result: BenchmarkResult


def compare(
    data: Microdata, *, edition_id: int, organisation_id: int, own: ScoreRecord, params: DisclosureParams
) -> list[Comparison]:
    """Every measure in every fixed peer group, as far as the disclosure rules allow."""
    result = []
    for measure in MEASURES:
        own_value = measure_value(own, measure)
        if own_value is None:
            continue
        for classification in CLASSIFICATIONS:
            peers = peer_values(
                data, edition=edition_id, own=organisation_id, measure=measure, classification=classification
            )
            result.append(Comparison(measure, classification, benchmark(peers, own_value, params=params)))
    return result


def median_of_others(
    data: Microdata, *, edition_id: int, organisation_id: int, measure: str, own: Decimal, params: DisclosureParams
) -> Decimal | None:
    """The median of all other participants (for the trend), or None when it may not be shown."""
    peers = peer_values(data, edition=edition_id, own=organisation_id, measure=measure, classification="all")
    found = benchmark(peers, own, params=params)
    return found.median if found.shown else None
