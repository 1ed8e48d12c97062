"""Upcoming dates on the dashboard and the personal iCalendar feed (secret, hashed, revocable)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cim.core.registry import CalendarEntry, register_calendar
from cim.editions.models import FeedbackMoment
from cim.servicedesk.models import CalendarFeed

pytestmark = pytest.mark.django_db


def feed_token(client) -> str:  # type: ignore[no-untyped-def]
    client.post(reverse("servicedesk:calendar_link"))
    page = client.get(reverse("servicedesk:calendar")).content.decode()
    start = page.index("/agenda/feed/") + len("/agenda/feed/")
    return page[start : page.index(".ics", start)]


@pytest.fixture
def dated_world(world):  # type: ignore[no-untyped-def]
    world.edition.closing_meeting_date = (world.edition.submission_deadline + dt.timedelta(days=60)).date()
    world.edition.save()
    FeedbackMoment.objects.create(
        edition=world.edition,
        date=timezone.localdate() + dt.timedelta(days=40),
        description="Resultaten bespreken",
        description_en="Discuss the results",
    )
    return world


def test_dashboard_shows_upcoming_dates(dated_world, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for("penvoerder").get(reverse("portal:dashboard")).content.decode()
    assert "Komende data" in page
    assert "Uiterste inleverdatum scan – Monitor 2030" in page
    assert "Terugkoppelmoment – Monitor 2030" in page
    assert "Resultaten bespreken" in page
    assert "Slotbijeenkomst – Monitor 2030" in page


def test_feed_contains_the_editions_dates_in_the_users_language(dated_world, client_for) -> None:  # type: ignore[no-untyped-def]
    penvoerder = dated_world.user("penvoerder")
    penvoerder.language = "en"
    penvoerder.save()
    client = client_for("penvoerder")
    token = feed_token(client)
    stored = CalendarFeed.objects.get(user=penvoerder, revoked_at__isnull=True)
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(stored.__dict__)
    response = client_for("anonymous").get(reverse("servicedesk:calendar_feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert "Submission deadline – Monitor 2030" in events
    descriptions = [
        str(e.get("description")) for e in calendar.walk("VEVENT") if "Feedback moment" in str(e["summary"])
    ]
    assert "Discuss the results" in descriptions
    assert "Closing meeting – Monitor 2030" in events
    deadline = events["Submission deadline – Monitor 2030"]["dtstart"].dt
    assert deadline == dated_world.participation.deadline.replace(microsecond=0)


def test_feed_follows_an_extended_deadline(dated_world, client_for) -> None:  # type: ignore[no-untyped-def]
    extended = dated_world.edition.submission_deadline + dt.timedelta(days=14)
    dated_world.participation.deadline_extended_to = extended
    dated_world.participation.save()
    token = feed_token(client_for("penvoerder"))
    calendar = Calendar.from_ical(client_for("anonymous").get(f"/agenda/feed/{token}.ics").content)
    deadline = next(e for e in calendar.walk("VEVENT") if "inleverdatum" in str(e["summary"]))
    assert deadline["dtstart"].dt == extended.replace(microsecond=0)


def test_revoked_and_replaced_links_stop_working(dated_world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    first = feed_token(client)
    second = feed_token(client)
    anonymous = client_for("anonymous")
    assert anonymous.get(f"/agenda/feed/{first}.ics").status_code == 404
    assert anonymous.get(f"/agenda/feed/{second}.ics").status_code == 200
    client.post(reverse("servicedesk:calendar_revoke"))
    assert anonymous.get(f"/agenda/feed/{second}.ics").status_code == 404
    assert anonymous.get("/agenda/feed/" + "x" * 500 + ".ics").status_code == 404


def test_feed_stops_for_a_deactivated_account(dated_world, client_for) -> None:  # type: ignore[no-untyped-def]
    token = feed_token(client_for("penvoerder"))
    user = dated_world.user("penvoerder")
    user.is_active = False
    user.save()
    assert client_for("anonymous").get(f"/agenda/feed/{token}.ics").status_code == 404


def test_other_rooms_add_entries(dated_world, client_for) -> None:  # type: ignore[no-untyped-def]
    def masterclass(user):  # type: ignore[no-untyped-def]
        return [CalendarEntry(uid="mc1@test", title="Masterclass 1", start=timezone.now() + dt.timedelta(days=3))]

    register_calendar(masterclass)
    try:
        page = client_for("penvoerder").get(reverse("servicedesk:calendar")).content.decode()
        assert "Masterclass 1" in page
    finally:
        from cim.core import registry

        registry._calendar_providers.remove(masterclass)


def test_staff_see_the_editions_they_run(dated_world, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for("servicedesk").get(reverse("servicedesk:calendar")).content.decode()
    assert "Uiterste inleverdatum scan – Monitor 2030" in page
    assert "Monitor 2030" not in client_for("foreign_staff").get(reverse("servicedesk:calendar")).content.decode()
