"""Staff anonymise a person on request: everywhere, audited, without undoing it in the audit log."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from cim.audit.models import AuditEntry
from cim.editions.models import Invitation, ParticipationMember
from cim.events.models import Registration
from cim.scan.models import AnswerRevision, WorkbookImport
from cim.servicedesk.models import Message
from cim.testing.populated import populate
from cim.testing.world import CONTRIBUTOR, FOREIGN_STAFF, PENVOERDER, SERVICE_DESK

pytestmark = pytest.mark.django_db


def anonymise(client: Client, email: str, **extra: str):  # type: ignore[no-untyped-def]
    data = {"email": email, "reason": "Verzoek per e-mail van 3 maart", "confirmed": "on", **extra}
    return client.post("/beheer/personen/anonimiseren/", data)


def test_service_desk_finds_and_anonymises_a_person_everywhere(world, client_for) -> None:  # type: ignore[no-untyped-def]
    populate(world)
    penvoerder = world.user(PENVOERDER)
    Registration.objects.filter(email="anna@arnhem.nl").update(email=penvoerder.email)
    desk = client_for(SERVICE_DESK)
    page = desk.get("/beheer/personen/", {"email": "PENVOERDER@arnhem.nl"}).content.decode()
    assert "Gevonden gegevens" in page
    assert "Petra Penvoerder" in page
    assert "Aanmeldingen voor bijeenkomsten" in page

    response = anonymise(desk, "penvoerder@arnhem.nl")
    assert response.status_code == 302
    penvoerder.refresh_from_db()
    assert penvoerder.name == "Geanonimiseerd"
    assert penvoerder.email.endswith("@example.invalid")
    assert not penvoerder.is_active
    assert not penvoerder.has_usable_password()
    assert penvoerder.anonymised_at is not None
    assert not ParticipationMember.objects.filter(user=penvoerder, is_active=True).exists()
    assert not AnswerRevision.objects.filter(changed_by=penvoerder).exclude(changed_by_label="Geanonimiseerd").exists()
    assert not Message.objects.filter(author=penvoerder).exclude(author_name="Geanonimiseerd").exists()
    assert not Registration.objects.filter(email__iexact="penvoerder@arnhem.nl").exists()
    # The organisation's answers stay.
    assert AnswerRevision.objects.filter(answer__response__participation=world.participation).exists()
    # The person can no longer log in, and the old session is gone.
    assert not Client().login(email="penvoerder@arnhem.nl", password="wachtwoord-123")
    entry = AuditEntry.objects.get(action="privacy.person_anonymised")
    assert entry.actor == world.user(SERVICE_DESK)
    assert entry.reason == "Verzoek per e-mail van 3 maart"
    assert "penvoerder@arnhem.nl" not in json.dumps(entry.details) + entry.object_repr + entry.reason
    assert "Petra" not in json.dumps(entry.details) + entry.object_repr


def test_a_person_without_account_is_found_by_registration(world, client_for) -> None:  # type: ignore[no-untyped-def]
    populate(world)
    response = anonymise(client_for(SERVICE_DESK), "anna@arnhem.nl")
    assert response.status_code == 302
    assert not Registration.objects.filter(name="Anna Arnhem").exists()


def test_other_programmes_find_nobody_and_change_nothing(world, client_for) -> None:  # type: ignore[no-untyped-def]
    populate(world)
    foreign = client_for(FOREIGN_STAFF)
    page = foreign.get("/beheer/personen/", {"email": "penvoerder@arnhem.nl"}).content.decode()
    assert "geen gegevens gevonden" in page
    assert "Petra" not in page
    assert anonymise(foreign, "penvoerder@arnhem.nl").status_code == 400
    world.user(PENVOERDER).refresh_from_db()
    assert world.user(PENVOERDER).anonymised_at is None
    assert not AuditEntry.objects.filter(action="privacy.person_anonymised").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"reason": ""}, "Dit veld is vereist."),
        ({"confirmed": ""}, "Dit veld is vereist."),
        ({"reason": "x" * 501}, "500 tekens"),
    ],
)
def test_reason_and_confirmation_are_required(world, client_for, extra, message) -> None:  # type: ignore[no-untyped-def]
    response = anonymise(client_for(SERVICE_DESK), "collega@arnhem.nl", **extra)
    assert response.status_code == 400
    assert message in response.content.decode()
    world.user(CONTRIBUTOR).refresh_from_db()
    assert world.user(CONTRIBUTOR).anonymised_at is None


def test_programme_staff_cannot_be_anonymised_here(world, client_for) -> None:  # type: ignore[no-untyped-def]
    from cim.testing import factories as f

    analyst_user = world.user("analyst")
    f.MemberFactory(participation=world.participation, role="contributor", user=analyst_user)
    response = anonymise(client_for(SERVICE_DESK), analyst_user.email)
    assert response.status_code == 400
    assert "technisch beheerder" in response.content.decode()
    analyst_user.refresh_from_db()
    assert analyst_user.anonymised_at is None


def test_apply_retention_runs_every_rule_and_is_audited(world) -> None:  # type: ignore[no-untyped-def]
    populate(world)
    old = timezone.now() - dt.timedelta(days=800)
    Invitation.objects.filter(pk=world.invitation.pk).update(expires_at=old)
    registration = Registration.objects.get(email="anna@arnhem.nl")
    type(registration.session).objects.filter(pk=registration.session_id).update(
        starts_at=old, ends_at=old + dt.timedelta(hours=3)
    )
    WorkbookImport.objects.create(response=world.participation.scan_response, filename="w.xlsx")
    WorkbookImport.objects.update(created_at=old)

    out = io.StringIO()
    call_command("apply_retention", "--list", stdout=out)
    listing = out.getvalue()
    for code in (
        "sessions",
        "editions.invitations",
        "editions.applications",
        "scan.workbooks",
        "events.attendees",
        "servicedesk.reminder_log",
    ):
        assert code in listing

    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "editions.invitations: 1 would be handled" in out.getvalue()
    assert Invitation.objects.filter(pk=world.invitation.pk).exists()

    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    assert "editions.invitations: 1 handled" in out.getvalue()
    assert "scan.workbooks: 1 handled" in out.getvalue()
    assert not Invitation.objects.filter(pk=world.invitation.pk).exists()
    assert not WorkbookImport.objects.exists()
    registration.refresh_from_db()
    assert registration.anonymised_at is not None
    assert registration.name == "Geanonimiseerd"
    entry = AuditEntry.objects.get(action="privacy.retention_applied")
    assert entry.details["editions.invitations"] == 1
    # A second run finds nothing left to do.
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    assert "editions.invitations: 0 handled" in out.getvalue()
