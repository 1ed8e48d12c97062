"""Edition services: create, update, status changes (no skipping), feedback moments; all audited."""

import datetime as dt

import pytest
from django.utils import timezone

from cim.audit.models import AuditEntry
from cim.core.errors import DomainError
from cim.editions.models import Edition
from cim.editions.services import editions as services
from cim.testing import factories as f

pytestmark = pytest.mark.django_db


def test_create_edition_records_audit_entry() -> None:
    desk = f.StaffFactory()
    now = timezone.now()
    edition = services.edition_create(
        actor=desk.user,
        programme=desk.programme,
        year=2031,
        title="  Monitor   2031 ",
        opens_at=now,
        submission_deadline=now + dt.timedelta(days=60),
    )
    assert edition.status == "draft"
    assert edition.title == "Monitor 2031"
    entry = AuditEntry.objects.get(action="edition.created")
    assert (entry.actor, entry.programme, entry.object_id) == (desk.user, desk.programme, str(edition.pk))


def test_create_refuses_duplicate_year_and_bad_timeline() -> None:
    existing = f.EditionFactory(year=2031)
    now = timezone.now()
    with pytest.raises(DomainError, match="Er bestaat al een editie voor 2031"):
        services.edition_create(
            actor=None, programme=existing.programme, year=2031, title="x", opens_at=now, submission_deadline=now
        )
    bad_timelines = [
        ((-10, -1), "De inleverdatum ligt in het verleden"),  # (opens, deadline) in days from now
        ((20, 10), "De inleverdatum moet na de openingsdatum liggen"),
    ]
    for (opens, deadline), message in bad_timelines:
        with pytest.raises(Exception, match=message):
            services.edition_create(
                actor=None,
                programme=existing.programme,
                year=existing.year + 1,
                title="x",
                opens_at=now + dt.timedelta(days=opens),
                submission_deadline=now + dt.timedelta(days=deadline),
            )
    assert Edition.objects.count() == 1


def test_status_moves_one_step_at_a_time() -> None:
    edition = f.EditionFactory(status="draft")
    services.edition_change_status(actor=None, edition=edition, to_status="open")
    assert edition.status == "open"  # the caller's object is refreshed
    with pytest.raises(DomainError) as caught:
        services.edition_change_status(actor=None, edition=edition, to_status="released")
    assert caught.value.code == "invalid_transition"
    assert "zonder stappen over te slaan" in caught.value.message
    edition.refresh_from_db()
    assert edition.status == "open"
    entries = list(AuditEntry.objects.filter(action="edition.status_changed").values_list("details", flat=True))
    assert entries == [{"from": "draft", "to": "open"}]


def test_update_only_allowed_fields_and_audits_the_difference() -> None:
    edition = f.EditionFactory(title="Oud")
    services.edition_update(actor=None, edition=edition, title="Nieuw", title_en="New")
    entry = AuditEntry.objects.get(action="edition.updated")
    assert entry.details["changes"]["title"] == ["Oud", "Nieuw"]
    with pytest.raises(DomainError, match="status"):
        services.edition_update(actor=None, edition=edition, status="archived")
    with pytest.raises(Exception, match=r"titel|200"):
        services.edition_update(actor=None, edition=edition, title="x" * 201)
    edition.refresh_from_db()
    assert edition.title == "Nieuw"
    assert edition.status == "open"


def test_feedback_moments() -> None:
    edition = f.EditionFactory()
    interim = timezone.localdate() + dt.timedelta(days=5)
    moment = services.feedback_moment_add(actor=None, edition=edition, date=interim, description="Terug")
    services.feedback_moment_remove(actor=None, moment=moment)
    assert not edition.feedback_moments.exists()
    assert AuditEntry.objects.filter(action__startswith="edition.feedback_moment").count() == 2
    archived = f.EditionFactory(status="archived")
    with pytest.raises(DomainError, match="gearchiveerde"):
        services.feedback_moment_add(actor=None, edition=archived, date=interim, description="x")
