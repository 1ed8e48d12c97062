"""What this room contributes elsewhere: dashboard panels, the overview column, calendar entries,
reminder kinds, navigation and demo data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cim.core import registry
from cim.core.demo import DemoContext
from cim.core.mail import render_mail
from cim.events.models import Registration, Session
from cim.events.reminder_kinds import penvoerder_mc1_due, session_tomorrow_due
from cim.events.services.notifications import registration_uid
from cim.events.tests.world import make_registration

pytestmark = pytest.mark.django_db


def test_penvoerder_dashboard_warns_until_registered_for_masterclass_1(world, ew, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "U bent als penvoerder nog niet aangemeld voor masterclass 1" in page
    assert "Aanmeldingen en aanwezigheid van uw gemeente" in page
    make_registration(ew.session, world.participation, name="Petra Penvoerder", email="penvoerder@arnhem.nl")
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "nog niet aangemeld voor masterclass 1" not in page
    # Contributors see the attendance, not the penvoerder's warning.
    assert (
        "nog niet aangemeld voor masterclass 1"
        not in client_for("contributor").get(reverse("portal:dashboard")).content.decode()
    )


def test_dashboard_shows_attendance_per_event(world, ew, client_for) -> None:  # type: ignore[no-untyped-def]
    panels = [
        p
        for p in registry.dashboard_panels(type("R", (), {"user": world.user("penvoerder")})())
        if p.template == "events/panels/member.html"
    ]
    (item,) = panels[0].context["items"]
    counts = dict((event.kind, c) for event, c in item["rows"])
    assert (counts["mc1"].registered, counts["mc1"].present) == (2, 1)  # Anna (future), Bert (attended)


def test_staff_dashboard_warns_about_missing_penvoerders(world, ew, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for("servicedesk").get(reverse("portal:dashboard")).content.decode()
    assert "Bij 2 organisaties is de penvoerder nog niet aangemeld voor masterclass 1" in page


def test_overview_column_summarises_attendance(world, ew) -> None:  # type: ignore[no-untyped-def]
    column = next(c for c in registry.overview_columns() if c.key == "events.attendance")
    values = column.values([world.participation, world.foreign_participation])
    assert values[world.participation.pk].startswith("2 aangemeld, 1 aanwezig")
    assert "penvoerder niet aangemeld voor masterclass 1" in values[world.foreign_participation.pk]


def test_calendar_entries_use_the_invitations_uid(world, ew) -> None:  # type: ignore[no-untyped-def]
    penvoerder = world.user("penvoerder")
    make_registration(ew.closing_session, world.participation, name="Petra", email=penvoerder.email)
    entries = registry.calendar_entries(penvoerder)
    closing = next(e for e in entries if e.start == ew.closing_session.starts_at)
    mine = Registration.objects.get(email=penvoerder.email)
    assert closing.uid == registration_uid(mine)
    mc1 = [e for e in entries if e.start == ew.session.starts_at]
    assert len(mc1) == 1
    assert "niet aangemeld" in mc1[0].title
    assert not any(e.uid.startswith("cim-registration-") for e in registry.calendar_entries(world.user("funder")))


def test_reminder_the_day_before_a_session(world, ew) -> None:  # type: ignore[no-untyped-def]
    day_before = timezone.localtime(ew.session.starts_at).date() - dt.timedelta(days=1)
    due = list(session_tomorrow_due(day_before))
    assert sorted(d.email for d in due) == ["anna@arnhem.nl", "nina@nijmegen.nl"]
    anna = next(d for d in due if d.email == "anna@arnhem.nl")
    subject, text, _html = render_mail(
        "events/mail/reminder_session", {"name": anna.name, **anna.context}, anna.language
    )
    assert subject.startswith("Morgen:")
    assert "Beste Anna Arnhem" in text
    assert anna.context["manage_url"] in text
    assert list(session_tomorrow_due(day_before - dt.timedelta(days=1))) == []
    kinds = {k.code for k in registry.reminder_kinds()}
    assert {"events.session_tomorrow", "events.penvoerder_mc1"} <= kinds


def test_nudge_penvoerders_not_registered_for_masterclass_1(world, ew) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    due = list(penvoerder_mc1_due(today))
    assert sorted(d.email for d in due) == ["penvoerder@arnhem.nl", "penvoerder@nijmegen.nl"]
    subject, text, _html = render_mail(
        "events/mail/reminder_penvoerder_mc1", {"name": due[0].name, **due[0].context}, "nl"
    )
    assert "masterclass 1" in subject
    assert reverse("events:home", args=[due[0].context["participation"].pk]) in text
    make_registration(ew.session, world.participation, name="Petra", email="penvoerder@arnhem.nl")
    assert [d.email for d in penvoerder_mc1_due(today)] == ["penvoerder@nijmegen.nl"]
    Session.objects.filter(pk=ew.session.pk).update(
        starts_at=timezone.now() + dt.timedelta(days=60), ends_at=timezone.now() + dt.timedelta(days=60, hours=3)
    )
    assert list(penvoerder_mc1_due(today)) == []  # too far ahead


def test_navigation(world, ew, client, client_for) -> None:  # type: ignore[no-untyped-def]
    assert reverse("events:programme") in client.get(reverse("portal:home")).content.decode()
    assert reverse("events:staff_index") in client_for("servicedesk").get(reverse("portal:dashboard")).content.decode()


def test_demo_seeds_events_idempotently(db) -> None:  # type: ignore[no-untyped-def]
    from cim.editions.demo import seed as seed_editions
    from cim.events.demo import seed

    ctx = DemoContext()
    seed_editions(ctx)
    seed(ctx)
    counts = Registration.objects.count(), Session.objects.count()
    seed(DemoContext(data=ctx.data))
    assert (Registration.objects.count(), Session.objects.count()) == counts
    assert Registration.objects.filter(status="waitlisted").exists()
    assert Registration.objects.filter(attendance="present").exists()
    assert Registration.objects.filter(participation=None).exists()  # public closing-meeting registrations
    current = max(ctx.data["editions"].values(), key=lambda e: e.year)
    from cim.events.selectors import penvoerders_missing_mc1

    assert "Nijmegen" in [p.organisation.name for p in penvoerders_missing_mc1(current)]


def test_the_penvoerder_check_takes_three_queries_for_any_number(world, ew, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    from cim.events.selectors import penvoerders_missing_mc1_among

    participations = [world.participation, world.foreign_participation]
    with django_assert_num_queries(3):
        missing = penvoerders_missing_mc1_among(participations)
    assert missing == {world.participation.pk, world.foreign_participation.pk}


def test_integration_with_the_service_desk(world, ew, client_for, commit, outbox) -> None:  # type: ignore[no-untyped-def]
    """The registered column, reminder kinds and calendar entries show up in the service desk's pages."""
    from cim.servicedesk.services.reminders import reminders_send

    desk = client_for("servicedesk")
    overview = desk.get(reverse("servicedesk:staff_overview", args=[world.edition.pk])).content.decode()
    assert "Masterclasses" in overview
    assert "2 aangemeld, 1 aanwezig" in overview
    reminders_page = desk.get(reverse("servicedesk:staff_reminders")).content.decode()
    assert "Bijeenkomst morgen" in reminders_page
    assert "Penvoerder nog niet aangemeld voor masterclass 1" in reminders_page

    day_before = timezone.localtime(ew.session.starts_at).date() - dt.timedelta(days=1)
    with commit():
        report = reminders_send(today=day_before, only="events.session_tomorrow")
    assert len(report.sent) == 2
    with commit():
        again = reminders_send(today=day_before, only="events.session_tomorrow")
    assert (len(again.sent), again.already_sent) == (0, 2)  # never twice
    anna = next(m for m in outbox if "anna@arnhem.nl" in m.to[0])
    assert anna.subject.startswith("Morgen: Masterclass 1")

    page = client_for("penvoerder").get(reverse("servicedesk:calendar")).content.decode()
    assert "Masterclass 1" in page
