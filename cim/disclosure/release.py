"""The interface for the statistics pages: plain data in, publishable tables plus the audit out.

    result = protect_release(specs, microdata, params=DisclosureParams.from_settings(),
                             ledger=selectors.ledger_tables(programme=...))
    result.tables["euros_total_by_province"].public   # for every audience
    result.tables["euros_total_by_province"].staff    # staff only
    result.audit                                      # staff only

`ledger` is everything released before (this and earlier editions). Earlier suppressions are
kept, earlier published cells stay published and take part in the audit as known equations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from cim.disclosure.audit import AuditReport, verdict_for
from cim.disclosure.params import DisclosureParams
from cim.disclosure.results import ProtectedTable, PublicCell, PublicTable, StaffCell, StaffTable, ordered
from cim.disclosure.rules import Reason, growth, share
from cim.disclosure.suppression import protect
from cim.disclosure.tables import GROWTH_PARTS, MARGIN, Cell, Kind, Microdata, TableSpec, build_cells, growth_column


@dataclass(frozen=True)
class LedgerTable:
    """One table as released before: its definition and which of its cells were suppressed."""

    spec: TableSpec
    suppressed: frozenset[tuple[str, str]]  # (row, column)


@dataclass
class ReleaseResult:
    tables: dict[str, ProtectedTable]
    audit: AuditReport
    params: DisclosureParams  # staff only
    warnings: list[str] = field(default_factory=list)  # staff only


def protect_release(
    specs: Sequence[TableSpec],
    data: Microdata,
    *,
    params: DisclosureParams | None = None,
    ledger: Sequence[LedgerTable] = (),
) -> ReleaseResult:
    params = params or DisclosureParams()
    keys = [s.uid for s in specs]
    if len(set(keys)) != len(keys):
        raise ValueError("each table may appear once in a release")
    new_cells: list[Cell] = []
    cells_of: dict[str, list[Cell]] = {}
    for spec in specs:
        cells_of[spec.uid] = build_cells(spec, data)
        new_cells.extend(cells_of[spec.uid])
    earlier_cells: list[Cell] = []
    earlier_suppressed: set[tuple[str, str, str]] = set()
    for table in relevant_tables(specs, ledger):
        earlier_cells.extend(build_cells(table.spec, data))
        earlier_suppressed |= {(table.spec.uid, row, column) for row, column in table.suppressed}
    pattern = protect(new_cells, earlier_cells, earlier_suppressed, data, params)
    tables = {}
    for spec in specs:
        tables[spec.key] = _protected(
            spec, cells_of[spec.uid], pattern.suppressed, pattern.reasons, pattern.report, params
        )
    return ReleaseResult(tables=tables, audit=pattern.report, params=params)


def editions_of(spec: TableSpec) -> set[int]:
    """The editions whose numbers a table's cells sum (each cell sums one edition's numbers)."""
    return {spec.edition} | ({spec.previous} if spec.previous is not None else set())


def relevant_tables(specs: Sequence[TableSpec], ledger: Sequence[LedgerTable]) -> list[LedgerTable]:
    """The earlier tables that can matter for a release of `specs`: those summing numbers of an
    edition the release sums. Every published equation sums one edition's numbers, so the
    attacker's model falls apart per edition and the other tables neither help nor are touched
    by this release (their suppressions were audited when they were released)."""
    touched = set().union(*(editions_of(spec) for spec in specs)) if specs else set()
    return [table for table in ledger if editions_of(table.spec) & touched]


def _protected(
    spec: TableSpec,
    cells: list[Cell],
    suppressed: set[tuple[str, str, str]],
    reasons: dict[tuple[str, str, str], tuple[Reason, ...]],
    report: AuditReport,
    params: DisclosureParams,
) -> ProtectedTable:
    public_cells, staff_cells = [], []
    for cell in cells:
        hidden = cell.ref in suppressed
        why = reasons.get(cell.ref, ())
        status = "published"
        if hidden:
            status = (
                "earlier_release"
                if Reason.EARLIER_RELEASE in why
                else "secondary"
                if why == (Reason.SECONDARY,)
                else "primary"
            )
        public_cells.append(PublicCell(cell.row, cell.column, None if hidden else cell.value))
        staff_cells.append(
            StaffCell(
                row=cell.row,
                column=cell.column,
                value=cell.value,
                contributors=cell.contributors,
                status=status,
                reasons=why,
                protection=verdict_for(cell, params).protection if hidden else Decimal(0),
                feasible=report.outsider_intervals.get(cell.ref) if hidden else None,
            )
        )
    if spec.kind == Kind.FREQUENCY:  # group sizes: how many answered, public knowledge
        for row in {c.row for c in cells}:
            size = Decimal(next(c.group_size for c in cells if c.row == row))
            public_cells.append(PublicCell(row, MARGIN, size))
            staff_cells.append(StaffCell(row, MARGIN, size, int(size), "published", (), Decimal(0), None))
    public = PublicTable(
        key=spec.key,
        edition=spec.edition,
        kind=str(spec.kind),
        rows=ordered({c.row for c in public_cells}),
        columns=ordered({c.column for c in public_cells}),
        cells=tuple(public_cells),
    )
    return ProtectedTable(spec=spec, public=public, staff=StaffTable(spec=spec, cells=tuple(staff_cells)))


def circular_shares(circular: PublicTable, total: PublicTable) -> PublicTable:
    """The circular share per cell: shown only where both the circular and the total euros are."""
    cells = []
    for cell in total.cells:
        numerator = circular.value(cell.row, cell.column) if (cell.row, cell.column) in _coords(circular) else None
        cells.append(PublicCell(cell.row, cell.column, share(numerator, cell.value)))
    return PublicTable(total.key + "__share", total.edition, "share", total.rows, total.columns, tuple(cells))


def growth_figures(table: PublicTable, measures: Sequence[str]) -> tuple[PublicTable, PublicTable]:
    """Absolute and relative growth over the panel, per row and measure, from a growth table;
    shown only where both panel cells are shown."""
    absolute_cells, relative_cells = [], []
    columns = [*measures, MARGIN] if len(measures) > 1 else list(measures)
    for row in table.rows:
        for measure in columns:
            before = table.value(row, growth_column(measure, GROWTH_PARTS[0]))
            after = table.value(row, growth_column(measure, GROWTH_PARTS[1]))
            absolute, relative = growth(before, after)
            absolute_cells.append(PublicCell(row, measure, absolute))
            relative_cells.append(PublicCell(row, measure, relative))
    shape = (table.edition, "growth", table.rows, tuple(columns))
    return (
        PublicTable(table.key + "__absolute", shape[0], shape[1], shape[2], shape[3], tuple(absolute_cells)),
        PublicTable(table.key + "__relative", shape[0], shape[1], shape[2], shape[3], tuple(relative_cells)),
    )


def _coords(table: PublicTable) -> set[tuple[str, str]]:
    return {(c.row, c.column) for c in table.cells}
