"""The catalogue, the microdata from submitted scans, and the preview / publication services."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cim.audit.models import AuditEntry
from cim.core.errors import DomainError
from cim.disclosure.models import PublishedCell, PublishedTable
from cim.disclosure.tables import Kind
from cim.scan.services.submission import response_reopen
from cim.scoring.selectors import scores_for_edition
from cim.statistics import catalogue as cat
from cim.statistics.selectors import published_release, release_input
from cim.statistics.services import compute_preview, statistics_preview, statistics_publish
from cim.statistics.tests.conftest import release

pytestmark = pytest.mark.django_db


def test_band_of() -> None:
    assert cat.band_of(Decimal(0)) == "0-25"
    assert cat.band_of(Decimal("24.9")) == "0-25"
    assert cat.band_of(Decimal(25)) == "25-50"
    assert cat.band_of(Decimal(100)) == "75-100"


def test_catalogue_has_every_kind_of_table() -> None:
    specs = cat.edition_specs(
        2,
        categories=["gww", "energy"],
        kinds=["gemeente"],
        themes=["chain"],
        questions=[cat.KeyQuestion("policy_target", ("true", "false"))],
        previous=1,
    )
    kinds = {s.key: s.kind for s in specs}
    assert kinds["participants_by_province"] == Kind.FREQUENCY
    assert kinds["total_by_province"] == Kind.MAGNITUDE
    assert kinds["growth_circular_by_province"] == Kind.GROWTH
    assert kinds["scores_overall"] == Kind.FREQUENCY
    assert kinds["scores_chain"] == Kind.FREQUENCY
    assert kinds["policy_policy_target"] == Kind.FREQUENCY
    assert all(s.rows in ("province", "all") for s in specs)
    # No previous edition: no growth tables.
    assert not [
        s for s in cat.edition_specs(1, categories=["gww"], kinds=[], themes=[], questions=[]) if s.kind == Kind.GROWTH
    ]


def test_microdata_holds_the_submitted_scans_of_this_and_earlier_editions(two_editions) -> None:  # type: ignore[no-untyped-def]
    found = release_input(two_editions.edition)
    earlier = two_editions.extras["earlier"]
    assert found.members == 28
    assert len(found.data.members(two_editions.edition.pk)) == 28
    assert len(found.data.members(earlier.pk)) == 24
    assert found.previous == earlier
    record = scores_for_edition(two_editions.edition)[two_editions.participation.pk]
    org = two_editions.participation.organisation_id
    assert found.data.values[(two_editions.edition.pk, org, "total:gww")] == record.categories["gww"].total
    assert found.data.groups[(two_editions.edition.pk, org)]["province"] == "PV25"
    assert found.data.groups[(two_editions.edition.pk, org)]["kind"] == "gemeente"
    assert found.data.answers[(two_editions.edition.pk, org, "band:overall")] == cat.band_of(record.overall)
    assert {s.key for s in found.specs} >= {"growth_total_by_province", "policy_policy_target", "scores_overall"}


def test_a_reopened_scan_is_left_out(two_editions) -> None:  # type: ignore[no-untyped-def]
    from cim.editions.models import Edition

    Edition.objects.filter(pk=two_editions.edition.pk).update(status="open")
    response_reopen(
        actor=two_editions.users["servicedesk"], participation=two_editions.participation, reason="Correctie"
    )
    assert release_input(two_editions.edition).members == 27


def test_preview_is_audited_and_publishing_writes_the_ledger_once(two_editions) -> None:  # type: ignore[no-untyped-def]
    desk = two_editions.users["servicedesk"]
    earlier = two_editions.extras["earlier"]
    preview = statistics_preview(actor=desk, edition=earlier)
    assert preview.publishable
    assert preview.result is not None
    assert preview.result.audit.ok
    assert AuditEntry.objects.filter(action="statistics.previewed").count() == 1
    created = statistics_publish(actor=desk, edition=earlier, fingerprint=preview.fingerprint)
    assert {t.key for t in created} == set(preview.result.tables)
    tables, cells = PublishedTable.objects.count(), PublishedCell.objects.count()
    # The same submit again (a double click, the back button): nothing changes.
    with pytest.raises(DomainError, match="al zo gepubliceerd"):
        statistics_publish(actor=desk, edition=earlier, fingerprint=preview.fingerprint)
    assert (PublishedTable.objects.count(), PublishedCell.objects.count()) == (tables, cells)
    assert AuditEntry.objects.filter(action="statistics.published").count() == 1
    assert AuditEntry.objects.filter(action="disclosure.released").count() == 1
    # A fresh preview says so too.
    assert not compute_preview(earlier).publishable


def test_a_stale_preview_cannot_be_published(two_editions) -> None:  # type: ignore[no-untyped-def]
    desk = two_editions.users["servicedesk"]
    earlier = two_editions.extras["earlier"]
    stale = compute_preview(two_editions.edition)  # computed before 2029 was published
    statistics_publish(actor=desk, edition=earlier, fingerprint=compute_preview(earlier).fingerprint)
    before = PublishedTable.objects.count()
    with pytest.raises(DomainError, match="gewijzigd sinds het voorbeeld"):
        statistics_publish(actor=desk, edition=two_editions.edition, fingerprint=stale.fingerprint)
    for bad in ("", "   ", "=1+1", "x" * 5000):
        with pytest.raises(DomainError):
            statistics_publish(actor=desk, edition=two_editions.edition, fingerprint=bad)
    assert PublishedTable.objects.count() == before
    fresh = compute_preview(two_editions.edition)
    statistics_publish(actor=desk, edition=two_editions.edition, fingerprint=fresh.fingerprint)
    release = published_release(two_editions.edition)
    assert release is not None
    assert "growth_total_by_province" in release.tables


def test_nothing_to_publish_without_submitted_scans(world) -> None:  # type: ignore[no-untyped-def]
    release(world.edition)  # past its deadline
    preview = compute_preview(world.edition)
    assert preview.result is None
    assert not preview.publishable
    with pytest.raises(DomainError, match="geen ingediende scans"):
        statistics_publish(actor=world.users["servicedesk"], edition=world.edition, fingerprint=preview.fingerprint)
    assert not PublishedTable.objects.exists()


def test_published_figures_equal_the_protected_release(two_editions) -> None:  # type: ignore[no-untyped-def]
    earlier = two_editions.extras["earlier"]
    preview = compute_preview(earlier)
    statistics_publish(actor=None, edition=earlier, fingerprint=preview.fingerprint)
    release = published_release(earlier)
    assert release is not None
    for key, table in preview.result.tables.items():  # type: ignore[union-attr]
        published = {(c.row, c.column): c.value for c in release.tables[key].cells}
        for cell in table.public.cells:
            expected = None if cell.value is None else cell.value.quantize(Decimal("0.01"))
            assert published[(cell.row, cell.column)] == expected
