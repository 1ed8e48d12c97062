"""The ledger: what a release writes, and what it refuses."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from cim.audit.models import AuditEntry
from cim.core.errors import DomainError
from cim.disclosure.models import LedgerImmutable, PublishedCell, PublishedTable
from cim.disclosure.release import protect_release
from cim.disclosure.results import PublicCell, PublicTable
from cim.disclosure.selectors import ledger_tables, ledger_token, published_table
from cim.disclosure.services import release_publish
from cim.disclosure.tables import Kind, Microdata, TableSpec
from cim.testing.factories import EditionFactory, UserFactory

pytestmark = pytest.mark.django_db


def world(edition_id):
    data = Microdata()
    org = 0
    for province, n in (("PV25", 8), ("PV26", 7), ("PV21", 1)):
        for i in range(n):
            org += 1
            data.add(edition_id, org, groups={"province": province}, values={"gww": 100 + 9 * i, "energie": 50 + 4 * i})
    return data


def release(edition, data, ledger=()):
    spec = TableSpec("euros", Kind.MAGNITUDE, edition.pk, "province", ("gww", "energie"))
    return protect_release([spec], data, ledger=list(ledger))


def test_publishing_records_values_markers_and_an_audit_entry():
    edition, actor = EditionFactory(), UserFactory()
    result = release(edition, world(edition.pk))
    token = ledger_token(programme_id=edition.programme_id)
    release_publish(actor=actor, edition=edition, result=result, token=token)
    table = PublishedTable.objects.get(edition=edition, key="euros")
    lone = PublishedCell.objects.get(table=table, row="PV21", column="gww")
    assert lone.suppressed
    assert lone.value is None
    stored = {(c.row, c.column): c.value for c in PublishedCell.objects.filter(table=table)}
    assert stored == {(c.row, c.column): c.value for c in result.tables["euros"].public.cells}
    assert any(value is not None for value in stored.values())
    entry = AuditEntry.objects.get(action="disclosure.released")
    assert entry.actor == actor
    assert entry.details["tables"] == ["euros"]
    public = published_table(edition_id=edition.pk, key="euros")
    assert public.value("PV21", "gww") is None
    assert public.cells
    assert {(c.row, c.column): c.value for c in public.cells} == stored


def test_the_next_release_keeps_earlier_suppressions():
    edition = EditionFactory()
    data = world(edition.pk)
    first = release(edition, data)
    release_publish(actor=None, edition=edition, result=first, token=ledger_token(programme_id=edition.programme_id))
    ledger = ledger_tables(programme_id=edition.programme_id)
    assert ledger[0].suppressed == frozenset(
        (c.row, c.column) for c in first.tables["euros"].public.cells if c.suppressed
    )
    # The lone municipality's value is corrected upwards: its cell would now pass, but stays hidden.
    for i in range(2, 7):
        data.add(edition.pk, 100 + i, groups={"province": "PV21"}, values={"gww": 90 + i, "energie": 45 + i})
    second = release(edition, data, ledger)
    staff = second.tables["euros"].staff.get("PV21", "gww")
    assert staff.status == "earlier_release"
    assert second.tables["euros"].public.value("PV21", "gww") is None


def test_a_suppression_is_never_reversed():
    edition = EditionFactory()
    first = release(edition, world(edition.pk))
    release_publish(actor=None, edition=edition, result=first, token=ledger_token(programme_id=edition.programme_id))
    table = first.tables["euros"]
    revealed = PublicTable(
        table.public.key,
        table.public.edition,
        table.public.kind,
        table.public.rows,
        table.public.columns,
        tuple(PublicCell(c.row, c.column, c.value if c.value is not None else Decimal(1)) for c in table.public.cells),
    )
    forged = replace(first, tables={"euros": replace(table, public=revealed)})
    with pytest.raises(DomainError, match="nooit alsnog"):
        release_publish(
            actor=None, edition=edition, result=forged, token=ledger_token(programme_id=edition.programme_id)
        )
    assert PublishedTable.objects.count() == 1


def test_duplicate_and_stale_submits_change_nothing():
    edition = EditionFactory()
    result = release(edition, world(edition.pk))
    token = ledger_token(programme_id=edition.programme_id)
    release_publish(actor=None, edition=edition, result=result, token=token)
    with pytest.raises(DomainError, match="intussen"):
        release_publish(actor=None, edition=edition, result=result, token=token)  # a stale preview
    with pytest.raises(DomainError, match="al zo gepubliceerd"):
        release_publish(
            actor=None, edition=edition, result=result, token=ledger_token(programme_id=edition.programme_id)
        )
    assert PublishedTable.objects.count() == 1
    assert AuditEntry.objects.filter(action="disclosure.released").count() == 1


def test_a_release_that_failed_its_audit_or_belongs_elsewhere_is_refused():
    edition, other = EditionFactory(), EditionFactory()
    result = release(edition, world(edition.pk))
    token = ledger_token(programme_id=other.programme_id)
    with pytest.raises(DomainError, match="hoort niet bij"):
        release_publish(actor=None, edition=other, result=result, token=token)
    from cim.disclosure.audit import Failure, Requirement

    result.audit.failures.append(Failure(("x", "y", "z"), None, (0, 0), Requirement(None, None, 1), Decimal(0)))
    with pytest.raises(DomainError, match="niet geslaagd"):
        release_publish(
            actor=None, edition=edition, result=result, token=ledger_token(programme_id=edition.programme_id)
        )
    assert not PublishedTable.objects.exists()


def test_the_ledger_cannot_be_changed():
    edition = EditionFactory()
    result = release(edition, world(edition.pk))
    release_publish(actor=None, edition=edition, result=result, token=ledger_token(programme_id=edition.programme_id))
    table = PublishedTable.objects.get()
    with pytest.raises(LedgerImmutable):
        table.save()
    with pytest.raises(LedgerImmutable):
        PublishedCell.objects.filter(table=table).update(value=1)
    with pytest.raises(LedgerImmutable):
        PublishedTable.objects.all().delete()
