"""The Top 10 ranking as plain Python: eligibility, the tie rule and the display order.

No database and no Django: candidates in, ranked entries out (see docs/topten.md).

- **Eligible**: the scan is submitted, the score is complete, and both levels (strategic and
  operational) have a score of at least the minimum level score.
- **Order**: overall score, high to low; on an equal overall score the higher *minimum level score*
  (the lower of the strategic and the operational score) goes first: a balanced municipality
  ranks above one that leans on a single level.
- **Shared rank**: equal overall score and equal minimum level score share a rank, and the next
  rank skips ("1, 2, 2, 4": standard competition ranking).
- **Top N**: every eligible candidate whose rank is at most N; a tie on place N lets the list
  grow beyond N rather than drop one of equals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

TOP_SIZE = 10
TOP_THREE = 3


class Exclusion(StrEnum):
    NOT_SUBMITTED = "not_submitted"
    INCOMPLETE = "incomplete"
    LEVEL_MISSING = "level_missing"
    BELOW_MINIMUM = "below_minimum"


@dataclass(frozen=True)
class Candidate:
    """One participation with a score. `key` identifies it (the participation id)."""

    key: int
    overall: Decimal
    strategic: Decimal | None
    operational: Decimal | None
    complete: bool = True
    submitted: bool = True

    @property
    def minimum_level(self) -> Decimal | None:
        if self.strategic is None or self.operational is None:
            return None
        return min(self.strategic, self.operational)

    def sort_key(self) -> tuple[Decimal, Decimal]:
        """Higher is better; equal keys share a rank. Only defined for eligible candidates."""
        minimum = self.minimum_level
        assert minimum is not None
        return (self.overall, minimum)


@dataclass(frozen=True)
class Ranked:
    rank: int  # 1-based, shared on a tie
    candidate: Candidate

    @property
    def key(self) -> int:
        return self.candidate.key


@dataclass(frozen=True)
class Ranking:
    ranked: tuple[Ranked, ...]  # every eligible candidate, best first
    excluded: tuple[tuple[Candidate, Exclusion], ...]

    def top(self, size: int = TOP_SIZE) -> tuple[Ranked, ...]:
        return tuple(r for r in self.ranked if r.rank <= size)


def exclusion(candidate: Candidate, minimum: Decimal) -> Exclusion | None:
    """Why the candidate cannot be ranked, or None when it is eligible."""
    if not candidate.submitted:
        return Exclusion.NOT_SUBMITTED
    if not candidate.complete:
        return Exclusion.INCOMPLETE
    if candidate.minimum_level is None:
        return Exclusion.LEVEL_MISSING
    if candidate.minimum_level < minimum:
        return Exclusion.BELOW_MINIMUM
    return None


def rank(candidates: Iterable[Candidate], *, minimum: Decimal) -> Ranking:
    """Rank every eligible candidate. Within a shared rank the order is by key, so the result is
    the same whatever order the candidates come in."""
    eligible: list[Candidate] = []
    excluded: list[tuple[Candidate, Exclusion]] = []
    seen: set[int] = set()
    for candidate in candidates:
        if candidate.key in seen:
            raise ValueError(f"candidate {candidate.key} appears twice")
        seen.add(candidate.key)
        reason = exclusion(candidate, minimum)
        if reason is None:
            eligible.append(candidate)
        else:
            excluded.append((candidate, reason))
    eligible.sort(key=lambda c: (tuple(-v for v in c.sort_key()), c.key))
    ranked: list[Ranked] = []
    for index, candidate in enumerate(eligible):
        if ranked and ranked[-1].candidate.sort_key() == candidate.sort_key():
            ranked.append(Ranked(ranked[-1].rank, candidate))
        else:
            ranked.append(Ranked(index + 1, candidate))
    excluded.sort(key=lambda pair: pair[0].key)
    return Ranking(tuple(ranked), tuple(excluded))


def display_order(entries: Sequence[Ranked], *, named: set[int], names: dict[int, str]) -> list[Ranked]:
    """The order in which a published list shows its entries: by rank; within a shared rank the
    named municipalities alphabetically, then the anonymous ones (so that the place of an
    anonymous entry says nothing about its name)."""

    def order(entry: Ranked) -> tuple[int, int, str, int]:
        is_named = entry.key in named
        return (entry.rank, 0 if is_named else 1, names.get(entry.key, "").casefold() if is_named else "", entry.key)

    return sorted(entries, key=order)
