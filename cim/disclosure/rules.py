"""The primary disclosure rules for single cells, as plain functions (no database).

Sources (see docs/disclosure.md): Hundepool et al. (2012), *Statistical Disclosure Control*,
chapters 4 (magnitude tables) and 5 (frequency tables), and the ESSnet/sdcTools Handbook on SDC,
sections 4.2 (sensitivity rules, protection levels) and 5.2 (disclosure risks in frequency tables).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from cim.disclosure.params import DisclosureParams

HUNDRED = Decimal(100)


class Reason(StrEnum):
    """Why a cell is not shown. Staff-only: never rendered for the public or a funder."""

    FEW_CONTRIBUTORS = "few_contributors"  # minimum frequency rule
    P_PERCENT = "p_percent"  # the second largest could estimate the largest too closely
    DOMINANCE = "dominance"  # (1,k) cap on the largest contributor's share
    GROUP_DISCLOSURE = "group_disclosure"  # 0 % or 100 % of a small group
    WITHIN_GROUP = "within_group"  # 1 or N-1 of a small group: one member learns all others
    SECONDARY = "secondary"  # suppressed so that another cell cannot be recomputed
    EARLIER_RELEASE = "earlier_release"  # suppressed before: a suppression is never reversed
    PART_SUPPRESSED = "part_suppressed"  # a share or growth figure whose parts are not both shown
    TOO_FEW_FOR_STATISTIC = "too_few_for_statistic"  # benchmark group too small for this figure


@dataclass(frozen=True)
class Verdict:
    """The outcome of a primary rule for one cell. `protection` is the upper (= lower) protection
    level in the cell's unit: how far the feasible interval must reach on both sides of the true
    value if the cell is suppressed."""

    safe: bool
    reasons: tuple[Reason, ...] = ()
    protection: Decimal = Decimal(0)


SAFE = Verdict(True)


def positive_sorted(contributions: Iterable[Decimal]) -> list[Decimal]:
    return sorted((Decimal(c) for c in contributions if Decimal(c) > 0), reverse=True)


def p_percent_upper_level(x1: Decimal, x2: Decimal, total: Decimal, p: Decimal) -> Decimal:
    """Upper protection level of the p % rule: p/100 * x1 - (X - x1 - x2) (handbook, table 4.3)."""
    return p / HUNDRED * x1 - (total - x1 - x2)


def magnitude_verdict(contributions: Iterable[Decimal], params: DisclosureParams) -> Verdict:
    """Euro cells: at least `min_contributors` non-zero contributors, the p % rule, and an
    optional (1,k) dominance cap. Contributions are per organisation and never negative."""
    xs = positive_sorted(contributions)
    if not xs:
        return SAFE  # an empty cell discloses no contribution (handbook 4.2: zeros are not sensitive)
    total = sum(xs, Decimal(0))
    x1 = xs[0]
    x2 = xs[1] if len(xs) > 1 else Decimal(0)
    reasons: list[Reason] = []
    levels: list[Decimal] = []
    p_level = p_percent_upper_level(x1, x2, total, params.p)
    if p_level > 0:
        reasons.append(Reason.P_PERCENT)
        levels.append(p_level)
    if len(xs) < params.min_contributors:
        reasons.append(Reason.FEW_CONTRIBUTORS)
        levels.append(params.safety_range / HUNDRED * x1)
    if params.dominance_k is not None and x1 * HUNDRED > params.dominance_k * total:
        reasons.append(Reason.DOMINANCE)
        levels.append(HUNDRED / params.dominance_k * x1 - total)
    if not reasons:
        return SAFE
    return Verdict(False, tuple(reasons), max(levels))


def magnitude_insider_protection(
    contributions: Mapping[int, Decimal], insider: int, params: DisclosureParams, verdict: Verdict
) -> Decimal | None:
    """The protection level of an unsafe cell as seen by one organisation that knows its own
    numbers. It subtracts its own contribution (0 if it has none here) and estimates the largest
    OTHER contribution t from above: (upper bound - own) must overshoot t by p % of t. The plain
    p % rule is the case of the second largest contributor. None when the insider is the only
    contributor (there is no one else to protect)."""
    own = Decimal(contributions.get(insider, 0))
    others = positive_sorted(v for k, v in contributions.items() if k != insider)
    if not others:
        return None
    total = own + sum(others, Decimal(0))
    t = others[0]
    levels = [params.p / HUNDRED * t - (total - own - t)]
    if Reason.FEW_CONTRIBUTORS in verdict.reasons:
        levels.append(params.safety_range / HUNDRED * t)
    if Reason.DOMINANCE in verdict.reasons and params.dominance_k is not None:
        levels.append(HUNDRED / params.dominance_k * t - (total - own))
    return max(*levels, Decimal(0))


def frequency_verdict(count: int, group_size: int, params: DisclosureParams) -> Verdict:
    """Counts of organisations in a group that gave an answer. At least `min_frequency`; in small
    groups also no 0 % / 100 % cell (group attribute disclosure) and no cell of 1 or N-1 (the one
    who answered differently learns everybody else's answer): handbook 5.2."""
    if group_size <= 0:
        return SAFE
    reasons: list[Reason] = []
    if 0 < count < params.min_frequency:
        reasons.append(Reason.FEW_CONTRIBUTORS)
    if group_size < params.small_group:
        if count in (0, group_size):
            reasons.append(Reason.GROUP_DISCLOSURE)
        elif count in (1, group_size - 1):
            reasons.append(Reason.WITHIN_GROUP)
    if not reasons:
        return SAFE
    return Verdict(False, tuple(reasons), Decimal(1))


def frequency_required_interval(count: int, lowest: int, highest: int) -> tuple[int, int] | None:
    """The interval a suppressed count must stay uncertain over: one step either side of the true
    count, within what the viewer knows a priori ([lowest, highest]). None when the viewer already
    knows the count (nothing left to protect from them)."""
    lo, hi = max(count - 1, lowest), min(count + 1, highest)
    if lo >= hi:
        return None
    return lo, hi


def share(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """A circular share, shown only when both its circular euros and its total euros are shown."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def growth(previous: Decimal | None, current: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
    """(absolute, relative) growth over a panel, shown only when both panel cells are shown."""
    if previous is None or current is None:
        return None, None
    absolute = current - previous
    relative = absolute / previous if previous != 0 else None
    return absolute, relative
