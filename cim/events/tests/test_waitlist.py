"""Cancellations, the waiting list, offers, session changes and cancelled sessions."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cim.audit.models import AuditEntry
from cim.core.errors import DomainError
from cim.events.models import Registration, Session
from cim.events.services import programme as programme_services
from cim.events.services import registrations as services
from cim.events.services.registrations import Person
from cim.events.tests.world import make_registration
from cim.events.tokens import registration_token

pytestmark = pytest.mark.django_db


def ics_of(message):  # type: ignore[no-untyped-def]
    for filename, content, _mimetype in message.attachments:
        if filename.endswith(".ics"):
            calendar = icalendar.Calendar.from_ical(content)
            return calendar, calendar.walk("VEVENT")[0]
    return None, None


@pytest.fixture
def full_session(world, ew):  # type: ignore[no-untyped-def]
    """The MC1 session with 2 seats: Anna (Arnhem) and Nina (Nijmegen) hold them; two wait."""
    Session.objects.filter(pk=ew.session.pk).update(capacity=2)
    ew.session.refresh_from_db()
    first = make_registration(
        ew.session,
        None,
        name="Wim Wachter",
        email="wim@elders.nl",
        status="waitlisted",
        waitlisted_at=timezone.now() - dt.timedelta(hours=2),
        source="staff",
    )
    second = make_registration(
        ew.session,
        None,
        name="Xandra Later",
        email="xandra@elders.nl",
        status="waitlisted",
        waitlisted_at=timezone.now() - dt.timedelta(hours=1),
        source="staff",
    )
    return first, second


def test_a_cancellation_offers_the_seat_to_the_first_on_the_waiting_list(
    world, ew, full_session, client_for, commit, outbox
) -> None:  # type: ignore[no-untyped-def]
    first, second = full_session
    with commit():
        response = client_for("penvoerder").post(
            reverse("events:cancel", args=[world.participation.pk, ew.registration.pk]), {"reason": "ziek"}
        )
    assert response.status_code == 302
    ew.registration.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert ew.registration.status == "cancelled"
    assert first.status == "offered"
    assert first.offer_expires_at == first.offered_at + dt.timedelta(hours=ew.mc1.offer_valid_hours)
    assert second.status == "waitlisted"

    cancellation, offer = outbox
    assert cancellation.to == ["Anna Arnhem <anna@arnhem.nl>"]
    calendar, event = ics_of(cancellation)
    assert calendar["METHOD"] == "CANCEL"
    assert event["SEQUENCE"] == 1
    assert offer.to == ["Wim Wachter <wim@elders.nl>"]
    assert "plaats vrij" in offer.subject
    assert "Neem de plaats aan vóór" in offer.body
    assert registration_token(first.uuid) in offer.body
    assert AuditEntry.objects.filter(action="events.offer_made").exists()


def test_accepting_the_offer_confirms_with_a_calendar_file(world, ew, full_session, client, commit, outbox) -> None:  # type: ignore[no-untyped-def]
    first, _second = full_session
    services.registration_cancel(actor=None, registration_id=ew.registration.pk, by="attendee")
    token = registration_token(first.uuid)
    page = client.get(reverse("events:registration", args=[token])).content.decode()
    assert "Er is een plaats voor u vrijgekomen" in page
    with commit():
        client.post(reverse("events:offer_accept", args=[token]))
    first.refresh_from_db()
    assert first.status == "confirmed"
    calendar, _event = ics_of(outbox[-1])
    assert calendar["METHOD"] == "REQUEST"
    # A second click changes nothing.
    response = client.post(reverse("events:offer_accept", args=[token]), follow=True)
    assert "al aangenomen" in response.content.decode()


def test_an_expired_offer_passes_to_the_next(world, ew, full_session, commit, outbox) -> None:  # type: ignore[no-untyped-def]
    first, second = full_session
    services.registration_cancel(actor=None, registration_id=ew.registration.pk, by="attendee")
    first.refresh_from_db()
    Registration.objects.filter(pk=first.pk).update(offer_expires_at=timezone.now() - dt.timedelta(minutes=1))
    with commit():
        call_command("expire_event_offers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "cancelled"
    assert second.status == "offered"
    subjects = [m.subject for m in outbox]
    assert any("Aanbod verlopen" in s for s in subjects)
    assert any("plaats vrij" in s for s in subjects)
    with pytest.raises(DomainError, match="verlopen"):
        services.offer_accept(registration_id=first.pk)


def test_a_declined_offer_goes_to_the_next(world, ew, full_session, client) -> None:  # type: ignore[no-untyped-def]
    first, second = full_session
    services.registration_cancel(actor=None, registration_id=ew.registration.pk, by="attendee")
    client.post(reverse("events:registration_cancel", args=[registration_token(first.uuid)]))
    second.refresh_from_db()
    assert second.status == "offered"


def test_newcomers_do_not_jump_the_waiting_list(world, ew, full_session) -> None:  # type: ignore[no-untyped-def]
    services.registration_cancel(actor=None, registration_id=ew.registration.pk, by="staff")
    # One seat is now offered to Wim; a newcomer waits behind Xandra even though no one sits there yet.
    with pytest.raises(DomainError, match="vol"):
        services.registration_create(
            actor=None,
            session_id=ew.session.pk,
            participation=world.participation,
            person=Person(name="Nieuw", email="nieuw@arnhem.nl", accepts_chatham=True),
            source="link",
        )


def test_self_cancellation_closes_at_the_deadline_but_staff_can_always(world, ew, client, client_for) -> None:  # type: ignore[no-untyped-def]
    soon = timezone.now() + dt.timedelta(hours=5)
    Session.objects.filter(pk=ew.session.pk).update(starts_at=soon, ends_at=soon + dt.timedelta(hours=3))
    token = registration_token(ew.registration.uuid)
    page = client.get(reverse("events:registration", args=[token])).content.decode()
    assert "Annuleren via deze pagina kan niet meer" in page
    response = client.post(reverse("events:registration_cancel", args=[token]), follow=True)
    assert "Annuleren kan tot 48 uur voor het begin" in response.content.decode()
    ew.registration.refresh_from_db()
    assert ew.registration.status == "confirmed"
    response = client_for("penvoerder").post(
        reverse("events:cancel", args=[world.participation.pk, ew.registration.pk]), follow=True
    )
    assert "Annuleren kan tot 48 uur" in response.content.decode()
    client_for("servicedesk").post(reverse("events:staff_cancel", args=[ew.registration.pk]))
    ew.registration.refresh_from_db()
    assert ew.registration.status == "cancelled"


def test_cancelling_twice_is_refused(world, ew, client) -> None:  # type: ignore[no-untyped-def]
    token = registration_token(ew.registration.uuid)
    client.post(reverse("events:registration_cancel", args=[token]))
    response = client.post(reverse("events:registration_cancel", args=[token]), follow=True)
    assert "al geannuleerd" in response.content.decode()
    assert AuditEntry.objects.filter(action="events.registration_cancelled").count() == 1


def test_moving_a_session_sends_an_updated_invitation(world, ew, full_session, commit, outbox) -> None:  # type: ignore[no-untyped-def]
    anna_uid = None
    new_start = ew.session.starts_at + dt.timedelta(days=1)
    with commit():
        programme_services.session_update(
            actor=world.user("servicedesk"),
            session_id=ew.session.pk,
            starts_at=new_start,
            ends_at=new_start + dt.timedelta(hours=4),
            capacity=2,
            location="Nieuwe zaal, Arnhem",
        )
    to = sorted(m.to[0] for m in outbox)
    assert to == sorted(
        [
            "Anna Arnhem <anna@arnhem.nl>",
            "Nina Nijmegen <nina@nijmegen.nl>",
            "Wim Wachter <wim@elders.nl>",
            "Xandra Later <xandra@elders.nl>",
        ]
    )
    anna = next(m for m in outbox if "anna@" in m.to[0])
    calendar, event = ics_of(anna)
    assert calendar["METHOD"] == "REQUEST"
    assert event["SEQUENCE"] == 1
    assert str(event["LOCATION"]) == "Nieuwe zaal, Arnhem"
    assert event.decoded("DTSTART") == new_start
    anna_uid = str(event["UID"])
    assert anna_uid.startswith("cim-registration-")
    assert ics_of(next(m for m in outbox if "wim@" in m.to[0])) == (None, None)  # waiting: no calendar entry
    # Cancelling afterwards uses the same UID with a higher sequence.
    outbox.clear()
    with commit():
        services.registration_cancel(actor=None, registration_id=ew.registration.pk, by="attendee")
    _calendar, cancel = ics_of(outbox[0])
    assert str(cancel["UID"]) == anna_uid
    assert cancel["SEQUENCE"] == 2


def test_more_seats_go_to_the_waiting_list_and_fewer_than_taken_is_refused(world, ew, full_session) -> None:  # type: ignore[no-untyped-def]
    first, second = full_session
    desk = world.user("servicedesk")
    s = ew.session
    with pytest.raises(DomainError, match="capaciteit"):
        programme_services.session_update(
            actor=desk, session_id=s.pk, starts_at=s.starts_at, ends_at=s.ends_at, capacity=1, location=s.location
        )
    programme_services.session_update(
        actor=desk, session_id=s.pk, starts_at=s.starts_at, ends_at=s.ends_at, capacity=4, location=s.location
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("offered", "offered")


def test_calling_a_session_off_cancels_everyone_with_a_cancelling_calendar_file(
    world, ew, full_session, client_for, commit, outbox
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("servicedesk")
    response = client.post(reverse("events:staff_session_cancel", args=[ew.session.pk]), {"reason": ""})
    assert response.status_code == 200  # the reason is required
    with commit():
        client.post(reverse("events:staff_session_cancel", args=[ew.session.pk]), {"reason": "Spreker ziek"})
    ew.session.refresh_from_db()
    assert ew.session.is_cancelled
    assert not Registration.objects.filter(session=ew.session).exclude(status="cancelled").exists()
    assert len(outbox) == 4
    anna = next(m for m in outbox if "anna@" in m.to[0])
    calendar, event = ics_of(anna)
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert "Spreker ziek" in anna.body
    with pytest.raises(DomainError, match="niet door"):
        services.registration_create(
            actor=None,
            session_id=ew.session.pk,
            participation=world.participation,
            person=Person(name="Eva", email="eva@arnhem.nl", accepts_chatham=True),
            source="link",
        )
