"""An independent check for the tests: solve every view of every suppressed cell directly (no
shortcuts) and report any viewer who can narrow a cell below its protection interval."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cim.disclosure.attacker import AttackerModel
from cim.disclosure.audit import Failure, _meets, requirement_for, verdict_for
from cim.disclosure.params import DisclosureParams
from cim.disclosure.release import LedgerTable, ReleaseResult
from cim.disclosure.tables import Cell, Microdata, TableSpec, build_cells


def disclosures(
    cells: Sequence[Cell], suppressed: Iterable[tuple[str, str, str]], data: Microdata, params: DisclosureParams
) -> list[Failure]:
    hidden = set(suppressed)
    model = AttackerModel(cells, [c.ref for c in cells if c.ref not in hidden], data)
    organisations = sorted({org for (_edition, org) in data.groups})
    found = []
    for cell in cells:
        if cell.ref not in hidden:
            continue
        verdict = verdict_for(cell, params)
        for viewer in [None, *organisations]:
            requirement = requirement_for(cell, verdict, viewer, params)
            if requirement is None:
                continue
            interval = model.interval_exact(cell.ref, viewer)
            if not _meets(interval, requirement, float(cell.value)):
                found.append(Failure(cell.ref, viewer, interval, requirement, verdict.protection))
    return found


def release_disclosures(result: ReleaseResult, data: Microdata, ledger: Sequence[LedgerTable] = ()) -> list[Failure]:
    """Everything in the ledger plus this release, checked from every view."""
    specs: list[TableSpec] = [t.spec for t in result.tables.values()]
    cells: dict[tuple[str, str, str], Cell] = {}
    suppressed = set()
    for table in ledger:
        for cell in build_cells(table.spec, data):
            cells[cell.ref] = cell
        suppressed |= {(table.spec.uid, row, column) for row, column in table.suppressed}
    for spec in specs:
        for cell in build_cells(spec, data):
            cells[cell.ref] = cell
        public = result.tables[spec.key].public
        suppressed |= {(spec.uid, c.row, c.column) for c in public.cells if c.suppressed}
    return disclosures(list(cells.values()), suppressed, data, result.params)


def as_ledger(result: ReleaseResult) -> list[LedgerTable]:
    return [
        LedgerTable(t.spec, frozenset((c.row, c.column) for c in t.public.cells if c.suppressed))
        for t in result.tables.values()
    ]
