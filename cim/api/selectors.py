"""Reads for the public API: the ledger of published tables (cim/disclosure), as published.

Only published cells are read; the ledger never holds a suppressed value. The rule parameters
stored with each table (`PublishedTable.params`, staff only) and who released it are never
loaded here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count

from cim.disclosure.models import PublishedCell, PublishedTable
from cim.disclosure.results import ordered
from cim.editions.models import Edition

# The columns of the ledger the API may read: never `params` (rule parameters) or `released_by`.
TABLE_FIELDS = ("id", "edition_id", "key", "version", "kind", "spec", "released_at")


@dataclass(frozen=True)
class TableRelease:
    """The latest release of one table."""

    id: int
    edition_id: int
    key: str
    version: int
    kind: str
    spec: dict[str, Any]
    released_at: datetime


@dataclass(frozen=True)
class Cell:
    row: str
    column: str
    value: Decimal | None  # None: suppressed


def _release(table: PublishedTable) -> TableRelease:
    return TableRelease(
        id=table.pk,
        edition_id=table.edition_id,
        key=table.key,
        version=table.version,
        kind=table.kind,
        spec=dict(table.spec or {}),
        released_at=table.released_at,
    )


def published_editions() -> list[Edition]:
    """Editions with at least one published table, newest first, with the number of tables.
    One query."""
    return list(
        Edition.objects.filter(published_tables__isnull=False)
        .annotate(table_count=Count("published_tables__key", distinct=True))
        .select_related("programme")
        .order_by("-year", "programme__name", "pk")
    )


def published_edition(edition_id: int) -> Edition | None:
    """The edition when something of it is published; None when it does not exist or nothing is
    published (the caller cannot tell the two apart). One query."""
    return (
        Edition.objects.filter(pk=edition_id, published_tables__isnull=False)
        .select_related("programme")
        .distinct()
        .first()
    )


def latest_tables(edition_id: int) -> list[TableRelease]:
    """The latest release of every table of the edition, by key. One query."""
    latest: dict[str, TableRelease] = {}
    for table in PublishedTable.objects.filter(edition_id=edition_id).only(*TABLE_FIELDS).order_by("key", "version"):
        latest[table.key] = _release(table)
    return list(latest.values())


def latest_table(edition_id: int, key: str) -> TableRelease | None:
    table = (
        PublishedTable.objects.filter(edition_id=edition_id, key=key).only(*TABLE_FIELDS).order_by("-version").first()
    )
    return _release(table) if table is not None else None


def cells_of(table: TableRelease) -> tuple[tuple[str, ...], tuple[str, ...], list[Cell]]:
    """Rows (the margin "*" last), columns and cells of a release, as published. One query."""
    cells = [
        Cell(row, column, value)
        for row, column, value in PublishedCell.objects.filter(table_id=table.id)
        .order_by("row", "column")
        .values_list("row", "column", "value")
    ]
    return ordered({c.row for c in cells}), ordered({c.column for c in cells}), cells
