"""The parameters of the disclosure rules, in one frozen object.

Parameters are confidential (ESSnet handbook, section 4.2: "it is absolutely essential to keep the
parameters of a concentration rule confidential"): they are never rendered for non-staff. The
defaults are documented in docs/disclosure.md; settings.DISCLOSURE may override them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class DisclosureParams:
    # Frequency tables (how many organisations answered X).
    min_frequency: int = 3  # a cell with 1..min_frequency-1 contributors is unsafe
    small_group: int = 20  # in groups smaller than this, 0 %, 100 %, 1 and N-1 cells are unsafe
    # Magnitude tables (euros).
    min_contributors: int = 5  # fewer non-zero contributors: unsafe
    p: Decimal = Decimal(15)  # p % rule: unsafe when X - x1 - x2 < p/100 * x1
    dominance_k: Decimal | None = None  # optional (1,k) cap: unsafe when x1 > k/100 * X
    # Protection interval of a cell that fails only the contributor threshold, as a percentage of
    # its largest contribution (tau-ARGUS calls this the safety range).
    safety_range: Decimal = Decimal(15)
    # Benchmarks for an organisation's own position (counted over the OTHER members of the group).
    min_benchmark_group: int = 5
    min_median: int = 5
    min_quartiles: int = 10

    def __post_init__(self) -> None:
        if self.min_frequency < 1 or self.min_contributors < 1:
            raise ValueError("thresholds must be at least 1")
        if not (Decimal(0) < Decimal(self.p) < Decimal(100)):
            raise ValueError("p must lie strictly between 0 and 100")
        if self.dominance_k is not None and not (Decimal(0) < Decimal(self.dominance_k) <= Decimal(100)):
            raise ValueError("dominance_k must lie in (0, 100]")
        if self.min_median > self.min_quartiles:
            raise ValueError("quartiles cannot need fewer members than the median")

    @classmethod
    def from_settings(cls) -> DisclosureParams:
        from django.conf import settings

        overrides: dict[str, Any] = dict(getattr(settings, "DISCLOSURE", {}) or {})
        known = {f.name for f in fields(cls)}
        unknown = set(overrides) - known
        if unknown:
            raise ValueError(f"unknown DISCLOSURE settings: {sorted(unknown)}")
        for name in ("p", "dominance_k", "safety_range"):
            if overrides.get(name) is not None:
                overrides[name] = Decimal(str(overrides[name]))
        return replace(cls(), **overrides)

    def as_dict(self) -> dict[str, str | int | None]:
        """For the staff-only method note and the ledger (never for public rendering)."""
        return {
            f.name: (None if (v := getattr(self, f.name)) is None else v if isinstance(v, int) else str(v))
            for f in fields(self)
        }
