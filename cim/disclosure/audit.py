"""The linear-programming audit: for every suppressed cell, from the outsider's view and from the
view of every organisation that knows its own numbers, the feasible interval must cover the cell's
protection interval (Hundepool et al. 2012, 4.2.3: upper and lower protection levels).

- A cell suppressed by a primary rule needs its full protection: [X - L, X + U] for euros (L = U,
  the handbook's symmetric choice), one count either side for frequencies.
- A cell suppressed for another cell's sake (secondary, or kept suppressed from an earlier
  release) must not be recomputable exactly.
An insider is not protected from itself: when it is the only contributor, nothing is required.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from cim.disclosure.attacker import EVERYONE, UNION, AttackerModel
from cim.disclosure.params import DisclosureParams
from cim.disclosure.rules import (
    Verdict,
    frequency_required_interval,
    frequency_verdict,
    magnitude_insider_protection,
    magnitude_verdict,
)
from cim.disclosure.tables import Cell, Kind, Microdata

CellRef = tuple[str, str, str]
EURO_WIDTH = 1.0  # a suppressed euro figure must stay uncertain by at least one euro
COUNT_WIDTH = 1.0  # a suppressed count must keep at least two possible values


@dataclass(frozen=True)
class Requirement:
    """What a viewer must not be able to narrow a suppressed cell below."""

    reach_down_to: float | None  # the interval's lower end must be at most this
    reach_up_to: float | None  # the interval's upper end must be at least this
    min_width: float


@dataclass(frozen=True)
class Failure:
    cell: CellRef
    viewer: int | None  # None: the outsider; otherwise the organisation that knows its own numbers
    interval: tuple[float, float]
    requirement: Requirement
    protection: Decimal  # for choosing complementary cells


@dataclass
class AuditReport:
    """Staff-only: which suppressed cells were checked from how many views, and what failed."""

    suppressed_cells: int = 0
    earlier_checked: int = 0  # earlier releases' suppressions checked again (those this release touches)
    views_checked: int = 0
    lp_solved: int = 0
    failures: list[Failure] = field(default_factory=list)
    outsider_intervals: dict[CellRef, tuple[float, float]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures


def verdict_for(cell: Cell, params: DisclosureParams) -> Verdict:
    if cell.kind == Kind.FREQUENCY:
        return frequency_verdict(int(cell.value), cell.group_size, params)
    return magnitude_verdict(cell.contributions.values(), params)


def requirement_for(cell: Cell, verdict: Verdict, viewer: int | None, params: DisclosureParams) -> Requirement | None:
    """The protection interval of a suppressed cell for one viewer, or None when there is nothing
    to protect from that viewer."""
    if cell.kind == Kind.FREQUENCY:
        return _frequency_requirement(cell, verdict, viewer)
    contributors = {org for org, value in cell.contributions.items() if value > 0}
    if not contributors or (viewer is not None and contributors <= {viewer}):
        return None  # nobody else's number is in this cell
    value = float(cell.value)
    if verdict.safe:
        return Requirement(None, None, EURO_WIDTH)
    level = verdict.protection  # the outsider stands for the second largest contributor
    if viewer is not None:
        insider_level = magnitude_insider_protection(cell.contributions, viewer, params, verdict)
        if insider_level is None:
            return None
        level = insider_level
    amount = float(level)
    return Requirement(max(0.0, value - amount), value + amount, EURO_WIDTH)


def _frequency_requirement(cell: Cell, verdict: Verdict, viewer: int | None) -> Requirement | None:
    size = cell.group_size
    lowest, highest = 0, size
    if viewer is not None and any(unit[1] == viewer for unit in cell.items):
        if viewer in cell.contributions:
            lowest = 1
        else:
            highest = size - 1
    if lowest >= highest:
        return None
    if verdict.safe:
        return Requirement(None, None, COUNT_WIDTH)
    wanted = frequency_required_interval(int(cell.value), lowest, highest)
    if wanted is None:
        return None
    return Requirement(float(wanted[0]), float(wanted[1]), COUNT_WIDTH)


def _meets(interval: tuple[float, float], requirement: Requirement, scale: float) -> bool:
    lo, hi = interval
    eps = 1e-6 * max(1.0, scale)
    if hi - lo < requirement.min_width - eps:
        return False
    if requirement.reach_down_to is not None and lo > requirement.reach_down_to + eps:
        return False
    return not (requirement.reach_up_to is not None and hi < requirement.reach_up_to - eps)


def check_cell(
    model: AttackerModel, cell: Cell, params: DisclosureParams, *, insiders: bool = True, stop_at_first: bool = False
) -> tuple[list[Failure], int, tuple[float, float]]:
    """Check one suppressed cell from every view. Returns (failures, views checked, the outsider's
    interval). Insiders are first checked against what they know together (one LP pair for those
    not alone in an atom, one for all); only those that view does not clear get an LP of their
    own."""
    verdict = verdict_for(cell, params)
    failures: list[Failure] = []
    views = 0
    outsider = model.interval(cell.ref)

    def judge(viewer: int | None, interval: tuple[float, float], requirement: Requirement) -> bool:
        ok = _meets(interval, requirement, float(cell.value))
        if not ok:
            failures.append(Failure(cell.ref, viewer, interval, requirement, verdict.protection))
        return ok

    requirement = requirement_for(cell, verdict, None, params)
    if requirement is not None:
        views += 1
        if not judge(None, outsider, requirement) and stop_at_first:
            return failures, views, outsider
    if not insiders:
        return failures, views, outsider
    together: dict[int, tuple[float, float]] = {}  # UNION / EVERYONE -> interval, solved once

    def known_together(view: int) -> tuple[float, float]:
        if view not in together:
            together[view] = model.interval(cell.ref, view)
        return together[view]

    for viewer in model.insiders_near(cell.ref):
        requirement = requirement_for(cell, verdict, viewer, params)
        if requirement is None:
            continue
        views += 1
        # A view that knows at least as much as this viewer and still meets the requirement
        # clears it without an LP of its own.
        shared = EVERYONE if model.knows_an_atom(viewer, cell.ref) else UNION
        if _meets(known_together(shared), requirement, float(cell.value)):
            continue
        if not judge(viewer, model.interval(cell.ref, viewer), requirement) and stop_at_first:
            return failures, views, outsider
    return failures, views, outsider


def audit(
    cells: Sequence[Cell],
    suppressed: Iterable[CellRef],
    data: Microdata,
    params: DisclosureParams,
    *,
    stop_at_first: bool = False,
    insiders: bool = True,
) -> AuditReport:
    """Audit a suppression pattern over `cells` (everything published so far and now)."""
    hidden = set(suppressed)
    model = AttackerModel(cells, [c.ref for c in cells if c.ref not in hidden], data)
    report = AuditReport(suppressed_cells=len(hidden))
    by_ref = {c.ref: c for c in cells}
    for ref in sorted(hidden):
        failures, views, outsider = check_cell(
            model, by_ref[ref], params, insiders=insiders, stop_at_first=stop_at_first
        )
        report.views_checked += views
        report.outsider_intervals[ref] = outsider
        report.failures.extend(failures)
        if failures and stop_at_first:
            break
    report.lp_solved = model.lp_count
    return report
