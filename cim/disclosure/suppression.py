"""Primary and secondary suppression.

Primary: every cell that fails a rule (rules.py) is suppressed. Secondary: while the audit finds a
suppressed cell that an outsider or an insider can narrow below its protection interval, suppress
the cheapest complementary cells that form a rectangle with it in its own table (the classic
hypercube idea: a row partner, a column partner and their crossing), or, when the failing cell
lies in an earlier release or no rectangle is left, the cheapest new cell that shares
contributions with it. Cells published earlier can never be suppressed afterwards, and cells
suppressed earlier are never published.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass, field

from cim.disclosure.attacker import AttackerModel
from cim.disclosure.audit import AuditReport, CellRef, Failure, check_cell, verdict_for
from cim.disclosure.params import DisclosureParams
from cim.disclosure.rules import Reason
from cim.disclosure.tables import MARGIN, Cell, Microdata


class ProtectionFailed(Exception):
    """No pattern of new suppressions protects the cells (an earlier release already pins them)."""

    def __init__(self, report: AuditReport) -> None:
        self.report = report
        super().__init__(f"{len(report.failures)} suppressed cells cannot be protected")


@dataclass
class Pattern:
    suppressed: set[CellRef] = field(default_factory=set)
    reasons: dict[CellRef, tuple[Reason, ...]] = field(default_factory=dict)
    report: AuditReport = field(default_factory=AuditReport)


def _family(column: str) -> str:
    """Columns that add up along a row: growth tables add up per panel part."""
    return column.split("|", 1)[1] if "|" in column else ""


def _rectangle(
    failure: Failure,
    by_ref: dict[CellRef, Cell],
    layout: dict[str, tuple[list[str], list[str]]],
    suppressed: set[CellRef],
    frozen: set[CellRef],
    binding: set[CellRef],
) -> list[CellRef]:
    table, row, column = failure.cell
    if table not in layout:
        return []
    rows, columns = layout[table]
    need = float(failure.protection)
    best: tuple[float, list[CellRef]] | None = None
    for other_row in rows:
        if other_row == row:
            continue
        for other_column in columns:
            if other_column == column or _family(other_column) != _family(column):
                continue
            trio = [(table, row, other_column), (table, other_row, column), (table, other_row, other_column)]
            if any(ref not in by_ref or ref in frozen for ref in trio):
                continue
            new = [ref for ref in trio if ref not in suppressed]
            if not new or (binding and not binding.intersection(new)):
                continue
            cost = sum(float(by_ref[ref].value) * (3 if MARGIN in ref[1:] else 1) + 1 for ref in new)
            partners = (by_ref[trio[0]], by_ref[trio[1]])
            if any(float(p.value) < need or p.contributors == 0 for p in partners):
                cost += 1e15  # cannot carry the protection: only as a last resort
            if best is None or cost < best[0]:
                best = (cost, new)
    return best[1] if best else []


def _sharing(failure: Failure, by_ref: dict[CellRef, Cell], candidates: set[CellRef]) -> list[CellRef]:
    items = by_ref[failure.cell].items
    orgs = {item[1] for item in items}
    sharing = [ref for ref in candidates if by_ref[ref].items & items]
    if not sharing:  # related through the same organisations in another edition or question
        sharing = [ref for ref in candidates if {item[1] for item in by_ref[ref].items} & orgs]
    if not sharing:
        return []
    return [min(sharing, key=lambda ref: (float(by_ref[ref].value), ref))]


def _complements(
    model: AttackerModel,
    failure: Failure,
    by_ref: dict[CellRef, Cell],
    layout: dict[str, tuple[list[str], list[str]]],
    suppressed: set[CellRef],
    frozen: set[CellRef],
    open_cells: set[CellRef],
) -> list[CellRef]:
    """The next cells to suppress for a failing cell: a rectangle in its table through a cell
    that holds the interval in place (a non-zero dual value), else the cheapest such cell
    anywhere among this release's cells, else any rectangle or a cell sharing contributions."""
    requirement = failure.requirement
    upward = not (requirement.reach_down_to is not None and failure.interval[0] > requirement.reach_down_to)
    binding = [r for r in model.binding_cells(failure.cell, failure.viewer, upward=upward) if r in open_cells]
    if binding:
        rectangle = _rectangle(failure, by_ref, layout, suppressed, frozen, set(binding))
        if rectangle:
            return rectangle
        return [min(binding, key=lambda r: (float(by_ref[r].value), r))]
    return _rectangle(failure, by_ref, layout, suppressed, frozen, set()) or _sharing(failure, by_ref, open_cells)


def protect(
    new_cells: Sequence[Cell],
    earlier_cells: Sequence[Cell],
    earlier_suppressed: set[CellRef],
    data: Microdata,
    params: DisclosureParams,
) -> Pattern:
    """Choose the suppressions for `new_cells`, given everything released before."""
    earlier_refs = {c.ref for c in earlier_cells}
    new_refs = {c.ref for c in new_cells}
    cells = [*[c for c in earlier_cells if c.ref not in new_refs], *new_cells]
    by_ref = {c.ref: c for c in cells}
    frozen = (earlier_refs - earlier_suppressed) & by_ref.keys()  # already public: stays public
    pattern = Pattern()
    for cell in new_cells:
        if cell.ref in earlier_suppressed:
            pattern.suppressed.add(cell.ref)
            pattern.reasons[cell.ref] = (Reason.EARLIER_RELEASE,)
            continue
        if cell.ref in frozen:
            continue
        verdict = verdict_for(cell, params)
        if not verdict.safe:
            pattern.suppressed.add(cell.ref)
            pattern.reasons[cell.ref] = verdict.reasons
    layout: dict[str, tuple[list[str], list[str]]] = {}
    grouped: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for cell in new_cells:
        grouped[cell.table][0].add(cell.row)
        grouped[cell.table][1].add(cell.column)
    for table, (rows, columns) in grouped.items():
        layout[table] = (sorted(rows), sorted(columns))
    all_suppressed = pattern.suppressed | (earlier_suppressed & by_ref.keys())
    # Suppressing more cells removes equations, so feasible intervals only widen: a cell that
    # passed stays passed. Each suppressed cell is therefore checked until it passes, once.
    # The model is built once; each new suppression only rebuilds the components it touches.
    report = AuditReport()
    model = AttackerModel(cells, [c.ref for c in cells if c.ref not in all_suppressed], data)
    # An earlier suppression is checked again only where this release's cells share a component
    # with it (an edition's cells sum that edition's numbers, so mostly the same and the previous
    # edition): elsewhere the equations and unknowns are exactly those its own release audited.
    earlier_linked = model.linked(new_refs, all_suppressed - pattern.suppressed)
    report.earlier_checked = len(earlier_linked)
    queue = deque(sorted(pattern.suppressed | earlier_linked))
    while queue:
        ref = queue.popleft()
        for _ in range(len(new_cells) + 1):
            failures, views, _outsider = check_cell(model, by_ref[ref], params, stop_at_first=True)
            report.views_checked += views
            if not failures:
                break
            open_cells = {r for r in new_refs if r not in all_suppressed and r not in frozen}
            extra = _complements(model, failures[0], by_ref, layout, all_suppressed, frozen, open_cells)
            if not extra:
                report.failures.extend(failures)
                break
            report.lp_solved += model.lp_count
            model = model.without(extra)
            for added in extra:
                all_suppressed.add(added)
                pattern.suppressed.add(added)
                pattern.reasons.setdefault(added, (Reason.SECONDARY,))
                queue.append(added)
    for ref in sorted(all_suppressed & new_refs):  # the final intervals, for the staff preview
        report.outsider_intervals[ref] = model.interval(ref)
    report.lp_solved += model.lp_count
    report.suppressed_cells = len(all_suppressed)
    pattern.report = report
    if not report.ok:
        raise ProtectionFailed(report)
    return pattern
