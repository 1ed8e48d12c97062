"""An organisation's own position among its peers (for the feedback report, issue 4).

The asking organisation is an insider: it knows its own value. Everything is therefore computed
over the OTHER members of its peer group, and the thresholds count those others:
- nothing at all from fewer than `min_benchmark_group` others (default 5);
- the median from `min_median` others (5), the quartiles from `min_quartiles` others (10);
- never a minimum, maximum, mean, whisker or individual point of another organisation.
Peer groups come only from fixed classifications (tables.CLASSIFICATIONS).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from cim.disclosure.params import DisclosureParams
from cim.disclosure.tables import CLASSIFICATIONS, Microdata


class Position(StrEnum):
    NOT_SHOWN = "not_shown"
    BELOW_LOWER_QUARTILE = "below_lower_quartile"
    BELOW_MEDIAN = "below_median"
    AT_MEDIAN = "at_median"
    ABOVE_MEDIAN = "above_median"
    ABOVE_UPPER_QUARTILE = "above_upper_quartile"


@dataclass(frozen=True)
class BenchmarkResult:
    """What may be shown. `shown` False means "not shown" — deliberately without the reason."""

    own_value: Decimal
    shown: bool
    median: Decimal | None = None
    lower_quartile: Decimal | None = None
    upper_quartile: Decimal | None = None
    position: Position = Position.NOT_SHOWN

    @property
    def has_quartiles(self) -> bool:
        return self.lower_quartile is not None


def benchmark(
    peer_values: Iterable[Decimal | int | str | None],
    own_value: Decimal | int | str,
    *,
    params: DisclosureParams | None = None,
) -> BenchmarkResult:
    """`peer_values`: the values of the OTHER members of the peer group (None = no answer)."""
    params = params or DisclosureParams()
    own = Decimal(str(own_value))
    values = sorted(Decimal(str(v)) for v in peer_values if v is not None)
    n = len(values)
    if n < max(params.min_benchmark_group, params.min_median):
        return BenchmarkResult(own_value=own, shown=False)
    median = Decimal(statistics.median(values))
    lower = upper = None
    if n >= params.min_quartiles:
        lower, _, upper = (Decimal(q) for q in statistics.quantiles(values, n=4, method="inclusive"))
    return BenchmarkResult(
        own_value=own,
        shown=True,
        median=median,
        lower_quartile=lower,
        upper_quartile=upper,
        position=_position(own, median, lower, upper),
    )


def _position(own: Decimal, median: Decimal, lower: Decimal | None, upper: Decimal | None) -> Position:
    if lower is not None and own < lower:
        return Position.BELOW_LOWER_QUARTILE
    if upper is not None and own > upper:
        return Position.ABOVE_UPPER_QUARTILE
    if own < median:
        return Position.BELOW_MEDIAN
    if own > median:
        return Position.ABOVE_MEDIAN
    return Position.AT_MEDIAN


def peer_values(data: Microdata, *, edition: int, own: int, measure: str, classification: str) -> list[Decimal]:
    """The values of the other members of `own`'s group in a fixed classification."""
    if classification not in CLASSIFICATIONS:
        raise ValueError(f"peer groups come only from fixed classifications, not {classification!r}")
    group = data.group_of(edition, own, classification)
    if group == "?":  # an unknown size class or province is no peer group
        return []
    return [
        data.values[(edition, org, measure)]
        for org in data.members(edition)
        if org != own
        and data.group_of(edition, org, classification) == group
        and (edition, org, measure) in data.values
    ]
