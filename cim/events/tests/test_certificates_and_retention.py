"""Certificates of participation, and anonymisation after the retention period."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cim.audit.models import AuditEntry
from cim.events.certificates import certificate_html
from cim.events.models import Registration, Session
from cim.events.tokens import registration_token

pytestmark = pytest.mark.django_db


def test_an_attendee_downloads_a_certificate(world, ew, client) -> None:  # type: ignore[no-untyped-def]
    token = registration_token(ew.attended.uuid)
    page = client.get(reverse("events:registration", args=[token])).content.decode()
    assert "Certificaat van deelname (PDF)" in page
    response = client.get(reverse("events:registration_certificate", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert "certificaat-mc1-" in response["Content-Disposition"]
    assert len(response.content) > 3000
    html = certificate_html(ew.attended)
    assert "Bert Arnhem" in html
    assert "Arnhem" in html
    assert "Masterclass 1" in html
    assert ew.past_session.starts_at.astimezone(timezone.get_current_timezone()).strftime("%Y") in html
    english = certificate_html(ew.attended, language="en")
    assert "Certificate of participation" in english


def test_no_certificate_without_attendance(world, ew, client) -> None:  # type: ignore[no-untyped-def]
    Registration.objects.filter(pk=ew.attended.pk).update(attendance="absent")
    token = registration_token(ew.attended.uuid)
    assert "Certificaat van deelname" not in client.get(reverse("events:registration", args=[token])).content.decode()
    assert client.get(reverse("events:registration_certificate", args=[token])).status_code == 404


def test_the_municipality_downloads_its_attendees_certificates(world, ew, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("contributor")
    home = client.get(reverse("events:home", args=[world.participation.pk])).content.decode()
    url = reverse("events:certificate", args=[world.participation.pk, ew.attended.pk])
    assert url in home
    assert client.get(url).content.startswith(b"%PDF-")
    foreign = client_for("foreign_penvoerder")
    assert foreign.get(url).status_code == 404


def old_session(ew, days_ago: int) -> Session:  # type: ignore[no-untyped-def]
    start = timezone.now() - dt.timedelta(days=days_ago)
    return Session.objects.create(
        event=ew.mc1, starts_at=start, ends_at=start + dt.timedelta(hours=3), location="Oud", capacity=10
    )


def test_personal_data_is_anonymised_after_the_retention_period(world, ew, client, settings) -> None:  # type: ignore[no-untyped-def]
    from cim.events.tests.world import make_registration

    settings.EVENTS_RETENTION_DAYS = 365
    old = make_registration(
        old_session(ew, 400),
        world.participation,
        name="Oud Persoon",
        email="oud@arnhem.nl",
        function="Inkoper",
        dietary="vegan",
        listed_consent=True,
        attendance="present",
    )
    old_token = registration_token(old.uuid)
    recent = make_registration(old_session(ew, 100), world.participation, name="Recent", email="recent@arnhem.nl")

    out = io.StringIO()
    call_command("anonymise_event_attendees", "--dry-run", stdout=out)
    assert "1 registrations would be anonymised" in out.getvalue()
    old.refresh_from_db()
    assert old.name == "Oud Persoon"

    call_command("anonymise_event_attendees", stdout=out)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.name == "Geanonimiseerd"
    assert "oud@" not in old.email
    assert old.function == ""
    assert old.dietary == ""
    assert not old.listed_consent
    assert old.anonymised_at is not None
    assert (old.organisation_name, old.attendance) == ("Arnhem", "present")  # counts per organisation remain
    assert recent.name == "Recent"
    assert client.get(reverse("events:registration", args=[old_token])).status_code == 404
    entry = AuditEntry.objects.get(action="events.attendees_anonymised")
    assert entry.details == {"registrations": 1, "retention_days": 365}
    # Running again finds nothing new.
    call_command("anonymise_event_attendees", "--days", "365", stdout=out)
    assert AuditEntry.objects.filter(action="events.attendees_anonymised").count() == 1


def test_retention_days_must_not_be_negative(world, ew) -> None:  # type: ignore[no-untyped-def]
    err = io.StringIO()
    call_command("anonymise_event_attendees", "--days", "-1", stderr=err, stdout=io.StringIO())
    assert "--days" in err.getvalue()
