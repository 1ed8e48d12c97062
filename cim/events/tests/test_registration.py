"""The penvoerder registers colleagues: quotas, duplicates, companions, MC4 projects, mails."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from cim.core.errors import DomainError
from cim.events.models import EventProject, Registration, Session
from cim.events.services.registrations import Person, ProjectText, registration_create
from cim.events.tests.world import make_registration

pytestmark = pytest.mark.django_db


def post_register(client, world, session, **data):  # type: ignore[no-untyped-def]
    form = {"name": "", "email": "", "language": "nl", "accepts_chatham": "on", **data}
    return client.post(reverse("events:register", args=[world.participation.pk, session.pk]), form)


def active(session: Session) -> list[str]:
    return sorted(
        Registration.objects.filter(session=session).exclude(status="cancelled").values_list("email", flat=True)
    )


def test_penvoerder_registers_colleagues_until_the_municipality_has_three(
    world, ew, client_for, commit, outbox
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    # The world already has Anna (future MC1) and Bert (past MC1) for Arnhem: two of three places.
    with commit():
        response = post_register(
            client, world, ew.session, name="Carla Collega", email="Carla@Arnhem.nl", function="Inkoper"
        )
    assert response.status_code == 302
    assert "carla@arnhem.nl" in active(ew.session)
    page = client.get(response["Location"])
    assert "Carla Collega is aangemeld" in page.content.decode()
    assert "3 van 3 plaatsen voor uw gemeente gebruikt" in page.content.decode()

    response = post_register(client, world, ew.session, name="Dirk Vierde", email="dirk@arnhem.nl")
    assert response.status_code == 400
    assert (
        "Gemeente Arnhem heeft al 3 aanmeldingen" in response.content.decode()
        or "heeft al 3 aanmeldingen" in response.content.decode()
    )
    assert "dirk@arnhem.nl" not in active(ew.session)

    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == ["Carla Collega <carla@arnhem.nl>"]
    assert "Bevestiging" in message.subject
    assert "Chatham House Rule" in message.body
    html = message.alternatives[0][0]
    assert "Chatham House Rule" in html
    (filename, content, mimetype) = message.attachments[0]
    assert filename == "uitnodiging.ics"
    assert mimetype.startswith("text/calendar; method=REQUEST")
    calendar = icalendar.Calendar.from_ical(content)
    assert calendar["METHOD"] == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert event.decoded("DTSTART") == ew.session.starts_at
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"


def test_the_same_email_twice_is_refused(world, ew, client_for) -> None:  # type: ignore[no-untyped-def]
    response = post_register(client_for("penvoerder"), world, ew.session, name="Anna Dubbel", email="ANNA@arnhem.nl ")
    assert response.status_code == 400
    assert "anna@arnhem.nl is al aangemeld voor deze bijeenkomst" in response.content.decode()
    assert Registration.objects.filter(event=ew.mc1, email="anna@arnhem.nl").count() == 1


def test_cancelled_people_may_register_again(world, ew, client_for) -> None:  # type: ignore[no-untyped-def]
    ew.registration.status = "cancelled"
    ew.registration.save()
    response = post_register(client_for("penvoerder"), world, ew.session, name="Anna Arnhem", email="anna@arnhem.nl")
    assert response.status_code == 302
    assert Registration.objects.filter(event=ew.mc1, email="anna@arnhem.nl").count() == 2


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Eva\r\nBcc: spam@example.com", "op één regel"),
        ("<script>alert('x')</script>", "de tekens &lt; en &gt; zijn niet toegestaan"),
    ],
)
def test_names_with_line_breaks_or_script_change_nothing(world, ew, client_for, outbox, name, message) -> None:  # type: ignore[no-untyped-def]
    response = post_register(client_for("penvoerder"), world, ew.session, name=name, email="eva@arnhem.nl")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "<script>alert" not in response.content.decode()
    assert not Registration.objects.filter(email="eva@arnhem.nl").exists()
    assert not outbox


def test_chatham_house_rule_must_be_accepted(world, ew, client_for) -> None:  # type: ignore[no-untyped-def]
    response = post_register(
        client_for("penvoerder"), world, ew.session, name="Eva", email="eva@arnhem.nl", accepts_chatham=""
    )
    assert response.status_code == 400
    assert "Chatham House Rule" in response.content.decode()
    assert not Registration.objects.filter(email="eva@arnhem.nl").exists()


def test_full_or_past_sessions(world, ew, client_for, commit, outbox) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    response = post_register(client, world, ew.past_session, name="Eva", email="eva@arnhem.nl")
    assert response.status_code == 400
    assert "al begonnen of voorbij" in response.content.decode()

    ew.registration.delete()
    Session.objects.filter(pk=ew.session.pk).update(capacity=1)  # Nina (Nijmegen) holds the only seat
    response = post_register(client, world, ew.session, name="Eva", email="eva@arnhem.nl")
    assert response.status_code == 400
    assert "Deze sessie is vol" in response.content.decode()
    assert "wachtlijst" in response.content.decode()
    with commit():
        response = post_register(client, world, ew.session, name="Eva", email="eva@arnhem.nl", join_waitlist="on")
    assert response.status_code == 302
    assert Registration.objects.get(email="eva@arnhem.nl").status == "waitlisted"
    assert "Wachtlijst" in outbox[-1].subject
    assert not outbox[-1].attachments  # no calendar entry without a seat


def test_companions_from_mc1_do_not_count_towards_the_quota(world, ew, commit) -> None:  # type: ignore[no-untyped-def]
    mc2 = world.edition.events.get(kind="mc2")
    now = timezone.now()
    session = Session.objects.create(
        event=mc2,
        starts_at=now + dt.timedelta(days=20),
        ends_at=now + dt.timedelta(days=20, hours=3),
        location="Ede",
        capacity=20,
    )
    penvoerder = world.user("penvoerder")
    for i in range(3):
        registration_create(
            actor=penvoerder,
            session_id=session.pk,
            participation=world.participation,
            person=Person(name=f"Beleid {i}", email=f"beleid{i}@arnhem.nl", accepts_chatham=True),
            source="penvoerder",
        )
    with pytest.raises(DomainError, match="heeft al 3 aanmeldingen"):
        registration_create(
            actor=penvoerder,
            session_id=session.pk,
            participation=world.participation,
            person=Person(name="Vierde", email="vierde@arnhem.nl", accepts_chatham=True),
            source="penvoerder",
        )
    # Anna is registered for masterclass 1 and may come along as a companion.
    companion = registration_create(
        actor=penvoerder,
        session_id=session.pk,
        participation=world.participation,
        person=Person(name="Anna Arnhem", email="anna@arnhem.nl", accepts_chatham=True),
        source="penvoerder",
        is_companion=True,
    )
    assert companion.status == "confirmed"
    assert companion.is_companion
    # Someone who was not at masterclass 1 cannot claim to be a companion.
    with pytest.raises(DomainError, match="Alleen wie voor masterclass 1 is aangemeld"):
        registration_create(
            actor=penvoerder,
            session_id=session.pk,
            participation=world.participation,
            person=Person(name="Zomaar", email="zomaar@arnhem.nl", accepts_chatham=True),
            source="penvoerder",
            is_companion=True,
        )


def test_companions_count_when_the_setting_says_so(world, ew, settings) -> None:  # type: ignore[no-untyped-def]
    settings.EVENTS_COMPANIONS_COUNT_TOWARDS_QUOTA = True
    mc2 = world.edition.events.get(kind="mc2")
    now = timezone.now()
    session = Session.objects.create(
        event=mc2,
        starts_at=now + dt.timedelta(days=20),
        ends_at=now + dt.timedelta(days=20, hours=3),
        location="Ede",
        capacity=20,
    )
    for i in range(3):
        make_registration(session, world.participation, name=f"B{i}", email=f"b{i}@arnhem.nl")
    with pytest.raises(DomainError, match="heeft al 3 aanmeldingen"):
        registration_create(
            actor=world.user("penvoerder"),
            session_id=session.pk,
            participation=world.participation,
            person=Person(name="Anna Arnhem", email="anna@arnhem.nl", accepts_chatham=True),
            source="penvoerder",
            is_companion=True,
        )


def test_masterclass_4_needs_the_municipalitys_project(world, ew, client_for) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    session = Session.objects.create(
        event=ew.mc4,
        starts_at=now + dt.timedelta(days=40),
        ends_at=now + dt.timedelta(days=40, hours=3),
        location="Arnhem",
        capacity=30,
    )
    client = client_for("penvoerder")
    page = client.get(reverse("events:register", args=[world.participation.pk, session.pk]))
    assert "Titel van het project dat uw gemeente inbrengt" in page.content.decode()
    response = post_register(client, world, session, name="Eva", email="eva@arnhem.nl")
    assert response.status_code == 400
    assert not Registration.objects.filter(email="eva@arnhem.nl").exists()
    response = post_register(
        client,
        world,
        session,
        name="Eva",
        email="eva@arnhem.nl",
        project_title="Circulaire herinrichting Sonsbeek",
        project_description="Hergebruik van bestrating.",
    )
    assert response.status_code == 302
    project = EventProject.objects.get(event=ew.mc4, participation=world.participation)
    assert project.title == "Circulaire herinrichting Sonsbeek"
    # The second colleague is not asked again; the project shows on the page.
    page = client.get(reverse("events:register", args=[world.participation.pk, session.pk]))
    assert "Titel van het project" not in page.content.decode()
    home = client.get(reverse("events:home", args=[world.participation.pk]))
    assert "Circulaire herinrichting Sonsbeek" in home.content.decode()


def test_project_service_refuses_empty_text(world, ew) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    session = Session.objects.create(
        event=ew.mc4,
        starts_at=now + dt.timedelta(days=40),
        ends_at=now + dt.timedelta(days=40, hours=3),
        location="Arnhem",
        capacity=30,
    )
    with pytest.raises(DomainError, match="eigen project"):
        registration_create(
            actor=world.user("penvoerder"),
            session_id=session.pk,
            participation=world.participation,
            person=Person(name="Eva", email="eva@arnhem.nl", accepts_chatham=True),
            source="penvoerder",
            project=ProjectText("  ", ""),
        )


def test_a_municipality_without_masterclasses_may_still_come_to_the_closing_meeting(world, ew) -> None:  # type: ignore[no-untyped-def]
    world.participation.takes_masterclasses = False
    world.participation.save()
    with pytest.raises(DomainError, match="niet mee aan de masterclasses"):
        registration_create(
            actor=world.user("penvoerder"),
            session_id=ew.session.pk,
            participation=world.participation,
            person=Person(name="Eva", email="eva@arnhem.nl", accepts_chatham=True),
            source="penvoerder",
        )
    # The closing meeting has no quota and is open to every participant.
    for i in range(5):
        registration_create(
            actor=world.user("penvoerder"),
            session_id=ew.closing_session.pk,
            participation=world.participation,
            person=Person(name=f"Slot {i}", email=f"slot{i}@arnhem.nl", accepts_chatham=True),
            source="penvoerder",
        )
    assert Registration.objects.filter(session=ew.closing_session, status="confirmed").count() == 5


def test_a_withdrawn_participation_cannot_register(world, ew) -> None:  # type: ignore[no-untyped-def]
    world.participation.status = "withdrawn"
    world.participation.save()
    with pytest.raises(DomainError, match="teruggetrokken"):
        registration_create(
            actor=None,
            session_id=ew.closing_session.pk,
            participation=world.participation,
            person=Person(name="Eva", email="eva@arnhem.nl", accepts_chatham=True),
            source="link",
        )


def test_a_session_of_another_edition_is_not_found(world, ew, client_for) -> None:  # type: ignore[no-untyped-def]
    from cim.testing import factories as f

    other = f.EditionFactory(programme=world.programme)
    from cim.events.services.programme import programme_create_defaults

    mc1 = next(e for e in programme_create_defaults(actor=world.user("servicedesk"), edition=other) if e.kind == "mc1")
    now = timezone.now()
    foreign_session = Session.objects.create(
        event=mc1,
        starts_at=now + dt.timedelta(days=5),
        ends_at=now + dt.timedelta(days=5, hours=2),
        location="X",
        capacity=5,
    )
    response = post_register(client_for("penvoerder"), world, foreign_session, name="Eva", email="eva@arnhem.nl")
    assert response.status_code == 404


def test_english_speakers_get_english_mail(world, ew, client_for, commit, outbox) -> None:  # type: ignore[no-untyped-def]
    with commit():
        post_register(
            client_for("penvoerder"), world, ew.session, name="Erin English", email="erin@arnhem.nl", language="en"
        )
    message = outbox[0]
    assert message.subject.startswith("Confirmation")
    assert "Chatham House Rule" in message.body
    assert "Dear Erin English" in message.body


def test_the_penvoerder_registers_themselves(world, ew, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    page = client.get(reverse("events:register", args=[world.participation.pk, ew.session.pk]) + "?zelf=1")
    assert 'value="penvoerder@arnhem.nl"' in page.content.decode()
    home = client.get(reverse("events:home", args=[world.participation.pk]))
    assert "nog niet aangemeld voor masterclass 1" in home.content.decode()
    post_register(client, world, ew.session, name="Petra Penvoerder", email="penvoerder@arnhem.nl")
    home = client.get(reverse("events:home", args=[world.participation.pk]))
    assert "nog niet aangemeld voor masterclass 1" not in home.content.decode()


def test_contributors_see_but_do_not_register(world, ew, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("contributor")
    page = client.get(reverse("events:home", args=[world.participation.pk])).content.decode()
    assert "Anna Arnhem" in page
    assert "Nina Nijmegen" not in page  # another municipality's attendee
    assert "Collega aanmelden" not in page
    assert post_register(client, world, ew.session, name="X", email="x@arnhem.nl").status_code == 404
