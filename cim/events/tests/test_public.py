"""The public pages: programme, closing-meeting form (spam), the colleagues' link, personal pages."""

from __future__ import annotations

import icalendar
import pytest
from django.urls import reverse

from cim.events.models import Registration
from cim.events.services.links import signup_link_create
from cim.events.tokens import registration_token

pytestmark = pytest.mark.django_db


def public_form(ew, **data):  # type: ignore[no-untyped-def]
    return {
        "session": ew.closing_session.pk,
        "name": "Olga Omgevingsdienst",
        "email": "olga@odra.nl",
        "organisation_name": "Omgevingsdienst Regio Arnhem",
        "organisation_kind": "overig",
        "language": "nl",
        "accepts_chatham": "on",
        **data,
    }


def test_the_programme_and_event_pages_state_the_chatham_house_rule(world, ew, client) -> None:  # type: ignore[no-untyped-def]
    programme = client.get(reverse("events:programme")).content.decode()
    assert "Masterclass 1: Circulair inkopen voor inkopers" in programme
    assert "Chatham House Rule" in programme
    page = client.get(reverse("events:event", args=[ew.mc1.pk])).content.decode()
    assert "2 dagdelen" in page
    assert "inclusief lunch" in page
    assert "hoogstens 3 personen" in page
    assert "Chatham House Rule" in page
    assert "Anna Arnhem" not in page  # who attends is not public


def test_draft_editions_are_not_public(world, ew, client) -> None:  # type: ignore[no-untyped-def]
    world.edition.status = "draft"
    world.edition.save()
    assert client.get(reverse("events:event", args=[ew.mc1.pk])).status_code == 404
    assert "Masterclass 1" not in client.get(reverse("events:programme")).content.decode()


def test_new_interested_people_register_for_the_closing_meeting(world, ew, client, commit, outbox) -> None:  # type: ignore[no-untyped-def]
    with commit():
        response = client.post(reverse("events:public_register", args=[ew.closing.pk]), public_form(ew))
    assert response.status_code == 302
    registration = Registration.objects.get(email="olga@odra.nl")
    assert (registration.participation, registration.organisation_kind, registration.source) == (
        None,
        "overig",
        "public",
    )
    assert registration.chatham_accepted_at is not None
    done = client.get(response["Location"]).content.decode()
    assert "olga@odra.nl" in done
    assert outbox[0].attachments[0][0] == "uitnodiging.ics"


def test_organisation_kind_is_required(world, ew, client) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        reverse("events:public_register", args=[ew.closing.pk]), public_form(ew, organisation_kind="")
    )
    assert response.status_code == 400
    assert "Soort organisatie: Kies het soort organisatie waar u werkt." in response.content.decode()
    assert not Registration.objects.filter(email="olga@odra.nl").exists()


def test_the_honeypot_pretends_success_and_stores_nothing(world, ew, client, outbox) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        reverse("events:public_register", args=[ew.closing.pk]), public_form(ew, website="http://spam.example")
    )
    assert response.status_code == 302
    assert not Registration.objects.filter(email="olga@odra.nl").exists()
    assert not outbox


def test_the_public_form_is_rate_limited(world, ew, client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.EVENTS_PUBLIC_REGISTRATIONS_PER_HOUR = 2
    url = reverse("events:public_register", args=[ew.closing.pk])
    for i in range(2):
        assert client.post(url, public_form(ew, email=f"p{i}@odra.nl")).status_code == 302
    response = client.post(url, public_form(ew, email="p3@odra.nl"))
    assert response.status_code == 400
    assert "meerdere aanmeldingen" in response.content.decode()
    assert not Registration.objects.filter(email="p3@odra.nl").exists()


def test_masterclasses_have_no_public_form(world, ew, client) -> None:  # type: ignore[no-untyped-def]
    assert client.get(reverse("events:public_register", args=[ew.mc1.pk])).status_code == 404


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", "Olga\nBcc: x@y.z"), ("organisation_name", "<img src=x onerror=alert(1)>"), ("email", "niet-een-adres")],
)
def test_hostile_input_on_the_public_form_changes_nothing(world, ew, client, outbox, field, value) -> None:  # type: ignore[no-untyped-def]
    response = client.post(reverse("events:public_register", args=[ew.closing.pk]), public_form(ew, **{field: value}))
    assert response.status_code == 400
    assert "<img src=x" not in response.content.decode()
    assert not Registration.objects.filter(session=ew.closing_session).exists()
    assert not outbox


def test_a_colleague_registers_through_the_shared_link_within_the_quota(
    world, ew, client, client_for, commit, outbox
) -> None:  # type: ignore[no-untyped-def]
    penvoerder = client_for("penvoerder")
    penvoerder.post(reverse("events:signup_link", args=[world.participation.pk]))
    link = world.participation.event_signup_links.get(revoked_at__isnull=True)
    assert link.key != ew.link.key  # the old link was replaced
    assert client.get(reverse("events:link", args=[ew.link.key])).status_code == 404
    home = penvoerder.get(reverse("events:home", args=[world.participation.pk])).content.decode()
    assert link.key in home

    page = client.get(reverse("events:link", args=[link.key])).content.decode()
    assert "Uw gemeente heeft 2 van de 3 plaatsen gebruikt" in page
    url = reverse("events:link_register", args=[link.key, ew.session.pk])
    data = {
        "name": "Lotte Link",
        "email": "lotte@arnhem.nl",
        "language": "nl",
        "accepts_chatham": "on",
        "dietary": "vegetarisch",
    }
    with commit():
        response = client.post(url, data)
    assert response.status_code == 302
    lotte = Registration.objects.get(email="lotte@arnhem.nl")
    assert (lotte.source, lotte.participation, lotte.dietary) == ("link", world.participation, "vegetarisch")
    response = client.post(url, {**data, "name": "Vera Vierde", "email": "vera@arnhem.nl"})
    assert response.status_code == 400
    assert "heeft al 3 aanmeldingen" in response.content.decode()
    assert (
        "Alle plaatsen van uw gemeente zijn vergeven"
        in client.get(reverse("events:link", args=[link.key])).content.decode()
    )


def test_the_personal_page_shows_the_registration_and_offers_the_calendar_file(world, ew, client) -> None:  # type: ignore[no-untyped-def]
    token = registration_token(ew.registration.uuid)
    page = client.get(reverse("events:registration", args=[token])).content.decode()
    assert "Anna Arnhem" in page
    assert "Chatham House Rule" in page
    response = client.get(reverse("events:registration_ics", args=[token]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["METHOD"] == "REQUEST"
    uid = str(calendar.walk("VEVENT")[0]["UID"])
    again = icalendar.Calendar.from_ical(client.get(reverse("events:registration_ics", args=[token])).content)
    assert str(again.walk("VEVENT")[0]["UID"]) == uid  # stable


@pytest.mark.parametrize("token", ["x", "abc:def", "0" * 32 + ":forged", "a" * 500])
def test_forged_or_garbled_tokens_are_not_found(world, ew, client, token) -> None:  # type: ignore[no-untyped-def]
    assert client.get(reverse("events:registration", args=[token])).status_code == 404


def test_the_penvoerder_can_replace_the_link_only_for_an_active_participation(world, ew) -> None:  # type: ignore[no-untyped-def]
    from cim.core.errors import DomainError

    world.participation.status = "withdrawn"
    world.participation.save()
    with pytest.raises(DomainError):
        signup_link_create(actor=world.user("penvoerder"), participation=world.participation)
