"""Writes: recording a protected release in the ledger."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from cim.audit.log import record
from cim.core.errors import DomainError
from cim.disclosure.models import PublishedCell, PublishedTable
from cim.disclosure.release import ReleaseResult
from cim.disclosure.selectors import ledger_token

CENT = Decimal("0.01")


def release_publish(*, actor: Any, edition: Any, result: ReleaseResult, token: str) -> list[PublishedTable]:
    """Publish the tables of a protected release for `edition`. `token` is the ledger token the
    release was computed against (selectors.ledger_token); if something was published since, the
    release must be protected and audited again."""
    if not result.audit.ok:
        raise DomainError(_("De controle op herleidbaarheid is niet geslaagd. Er is niets gepubliceerd."))
    if not result.tables:
        raise DomainError(_("Er is geen tabel om te publiceren."))
    with transaction.atomic():
        type(edition).objects.select_for_update().filter(pk=edition.pk).first()
        if ledger_token(programme_id=edition.programme_id) != token:
            raise DomainError(
                _("Er is intussen iets anders gepubliceerd. Controleer de tabellen opnieuw en publiceer dan.")
            )
        created = []
        for key, table in result.tables.items():
            if table.spec.edition != edition.pk or table.spec.key != key:
                raise DomainError(_("Deze tabel hoort niet bij deze editie."))
            created.append(_publish_table(actor=actor, edition=edition, table=table, params=result.params.as_dict()))
        record(
            "disclosure.released",
            actor=actor,
            obj=edition,
            programme=edition.programme,
            details={
                "tables": sorted(result.tables),
                "suppressed": sum(1 for t in result.tables.values() for c in t.public.cells if c.suppressed),
            },
        )
    return created


def _publish_table(*, actor: Any, edition: Any, table: Any, params: dict[str, Any]) -> PublishedTable:
    previous = PublishedTable.objects.filter(edition=edition, key=table.spec.key).order_by("-version").first()
    if previous is not None:
        earlier = {(c.row, c.column): c for c in previous.cells.all()}
        for cell in table.public.cells:
            before = earlier.get((cell.row, cell.column))
            if before is not None and before.suppressed and not cell.suppressed:
                raise DomainError(_("Een eerder onderdrukte cel mag nooit alsnog worden getoond."))
        if {(c.row, c.column, c.value) for c in table.public.cells} == {
            (c.row, c.column, c.value) for c in earlier.values()
        }:
            raise DomainError(_("Deze tabel is al zo gepubliceerd."))
    published = PublishedTable(
        edition=edition,
        key=table.spec.key,
        version=(previous.version + 1) if previous else 1,
        kind=table.spec.kind,
        spec=table.spec.to_json(),
        params=params,
        released_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    published.full_clean()
    published.save()
    cells = [
        PublishedCell(
            table=published,
            row=cell.row,
            column=cell.column,
            value=None if cell.value is None else cell.value.quantize(CENT),
            suppressed=cell.value is None,
        )
        for cell in table.public.cells
    ]
    for cell in cells:
        cell.full_clean(exclude=["table"])
    PublishedCell.objects.bulk_create(cells)
    return published
