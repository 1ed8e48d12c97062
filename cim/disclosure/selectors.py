"""Reads of the ledger. It holds only what was published (values and suppression markers), so it
is not confidential; suppressed values are never stored."""

from __future__ import annotations

import hashlib
from collections import defaultdict

from cim.disclosure.models import PublishedCell, PublishedTable
from cim.disclosure.release import LedgerTable
from cim.disclosure.results import PublicCell, PublicTable, ordered
from cim.disclosure.tables import TableSpec


def _tables(programme_id: int) -> list[PublishedTable]:
    return list(
        PublishedTable.objects.filter(edition__programme_id=programme_id).order_by("edition_id", "key", "version")
    )


def ledger_tables(*, programme_id: int) -> list[LedgerTable]:
    """Everything released for the programme: the latest definition of each table, with every
    cell that any of its releases suppressed (a suppression is never reversed)."""
    tables = _tables(programme_id)
    suppressed: dict[tuple[int, str], set[tuple[str, str]]] = defaultdict(set)
    for row, column, edition_id, key in PublishedCell.objects.filter(
        table__edition__programme_id=programme_id, suppressed=True
    ).values_list("row", "column", "table__edition_id", "table__key"):
        suppressed[(edition_id, key)].add((row, column))
    latest: dict[tuple[int, str], PublishedTable] = {}
    for table in tables:
        latest[(table.edition_id, table.key)] = table
    return [
        LedgerTable(spec=TableSpec.from_json(t.spec), suppressed=frozenset(suppressed[(t.edition_id, t.key)]))
        for t in latest.values()
    ]


def ledger_token(*, programme_id: int) -> str:
    """Changes whenever something is published for the programme: a release computed against an
    older ledger must be checked again before it can be published."""
    ids = PublishedTable.objects.filter(edition__programme_id=programme_id).values_list("pk", flat=True)
    return hashlib.sha256(",".join(str(i) for i in sorted(ids)).encode()).hexdigest()[:16]


def published_table(*, edition_id: int, key: str) -> PublicTable | None:
    """The latest release of a table, as the public may see it."""
    table = PublishedTable.objects.filter(edition_id=edition_id, key=key).order_by("-version").first()
    if table is None:
        return None
    cells = tuple(PublicCell(c.row, c.column, c.value) for c in table.cells.all())
    return PublicTable(
        key=table.key,
        edition=table.edition_id,
        kind=table.kind,
        rows=ordered({c.row for c in cells}),
        columns=ordered({c.column for c in cells}),
        cells=cells,
    )
