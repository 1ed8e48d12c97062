"""Browser journey of the masterclasses: a penvoerder registers two colleagues for masterclass 1, a
third fills the municipality's last place from the shared link, a fourth is refused with a clear
message; the confirmation e-mail carries a valid .ics; a cancellation moves the first person on the
waiting list up; staff check people in; an attendee downloads a certificate. axe (WCAG 2.1 A/AA)
runs on every page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from cim.events.models import Registration, Session
from cim.events.services.programme import programme_create_defaults
from cim.events.services.registrations import Person, registration_create
from cim.testing.browser import assert_accessible, login, login_with_totp
from cim.testing.factories import TEST_PASSWORD
from cim.testing.world import build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PERSONAL_LINK = re.compile(r"https?://[^/\s]+(/evenementen/inschrijving/[^\s\"<]+/)")


def visit(page, path: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(path)
    assert_accessible(page)


def mail_to(address: str, subject_start: str):  # type: ignore[no-untyped-def]
    return next(m for m in reversed(mail.outbox) if address in m.to[0] and m.subject.startswith(subject_start))


def personal_path(message) -> str:  # type: ignore[no-untyped-def]
    match = PERSONAL_LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def register_colleague(page, name: str, email: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name=re.compile(r"^Collega aanmelden")).first.click()
    page.get_by_role("heading", name=re.compile("Aanmelden: Masterclass 1")).wait_for()
    assert_accessible(page)
    page.get_by_label("Naam van uw collega").fill(name)
    page.get_by_label("E-mailadres van uw collega").fill(email)
    page.get_by_label("Functie").fill("Inkoopadviseur")
    page.get_by_label("Dieetwensen of allergieën").fill("vegetarisch")
    page.get_by_role("checkbox", name=re.compile("Chatham House Rule")).check()
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_text(f"{name} is aangemeld").wait_for()
    assert_accessible(page)


def test_registration_quota_waiting_list_check_in_and_certificate(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    start = (timezone.localtime() + dt.timedelta(minutes=15)).replace(second=0, microsecond=0)
    if start.date() != timezone.localdate():
        pytest.skip("the check-in needs a session later today; too close to midnight")
    world = build_world()
    desk, penvoerder = world.user("servicedesk"), world.user("penvoerder")
    mc1 = next(e for e in programme_create_defaults(actor=desk, edition=world.edition) if e.kind == "mc1")
    mc1.cancel_until_hours = 0  # a session later today: attendees may still cancel themselves
    mc1.save()
    session = Session.objects.create(
        event=mc1,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=4),
        location="Huis der Provincie, Arnhem",
        capacity=4,
    )
    registration_create(
        actor=world.user("foreign_penvoerder"),
        session_id=session.pk,
        participation=world.foreign_participation,
        person=Person(name="Nina Nijmegen", email="nina@nijmegen.nl", accepts_chatham=True),
        source="penvoerder",
    )
    mail.outbox = []

    # The penvoerder sees the warning on the dashboard and registers two colleagues.
    login(page, penvoerder.email, TEST_PASSWORD)
    page.get_by_role("heading", name="Welkom, Petra Penvoerder").wait_for()
    assert page.get_by_text("U bent als penvoerder nog niet aangemeld voor masterclass 1").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Collega's aanmelden en aanmeldingen bekijken")).click()
    page.get_by_role("heading", name=re.compile("Masterclasses en slotbijeenkomst – Arnhem")).wait_for()
    assert page.get_by_text("Chatham House Rule", exact=True).first.is_visible()
    assert_accessible(page)
    register_colleague(page, "Carla Collega", "carla@arnhem.nl")
    register_colleague(page, "Daan Doener", "daan@arnhem.nl")
    assert page.get_by_text("2 van 3 plaatsen voor uw gemeente gebruikt").first.is_visible()

    # The confirmation carries a valid calendar invitation.
    confirmation = mail_to("carla@arnhem.nl", "Bevestiging")
    assert "Chatham House Rule" in confirmation.body
    (filename, content, mimetype) = confirmation.attachments[0]
    assert filename == "uitnodiging.ics"
    assert "method=REQUEST" in mimetype
    calendar = icalendar.Calendar.from_ical(content)
    event = calendar.walk("VEVENT")[0]
    assert calendar["METHOD"] == "REQUEST"
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("DTSTART") == session.starts_at
    assert str(event["ATTENDEE"]) == "mailto:carla@arnhem.nl"
    carla_uid = str(event["UID"])

    # The penvoerder shares a link; a third colleague takes the municipality's last place with it.
    page.get_by_role("button", name="Link maken").click()
    page.get_by_text("Er is een nieuwe aanmeldlink gemaakt").wait_for()
    assert_accessible(page)
    link = page.get_by_role("textbox", name="Link").input_value()
    page.get_by_role("button", name="Uitloggen").click()

    visit(page, link)
    page.get_by_role("link", name=re.compile(r"^Aanmelden")).first.click()
    page.get_by_role("heading", name=re.compile("Aanmelden: Masterclass 1")).wait_for()
    assert_accessible(page)
    page.get_by_label("Naam", exact=True).fill("Eva Eerste")
    page.get_by_label("E-mailadres", exact=True).fill("eva@arnhem.nl")
    page.get_by_role("checkbox", name=re.compile("Ik aanvaard de Chatham House Rule")).check()
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_role("heading", name="Aanmelding ontvangen").wait_for()
    assert page.get_by_text("eva@arnhem.nl").is_visible()
    assert_accessible(page)

    # A fourth is refused with a clear message; nothing is stored.
    visit(page, link)
    assert page.get_by_text("Alle plaatsen van uw gemeente zijn vergeven.").first.is_visible()
    visit(page, f"{link}sessie/{session.pk}/")  # the form is still reachable by its address
    page.get_by_label("Naam", exact=True).fill("Frank Vierde")
    page.get_by_label("E-mailadres", exact=True).fill("frank@arnhem.nl")
    page.get_by_role("checkbox", name=re.compile("Ik aanvaard de Chatham House Rule")).check()
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_text(re.compile("Arnhem heeft al 3 aanmeldingen voor deze bijeenkomst")).first.wait_for()
    assert_accessible(page)
    page.console_errors.clear()  # the refused form answers 400 on purpose
    assert not Registration.objects.filter(email="frank@arnhem.nl").exists()

    # The session is now full; someone from Nijmegen waits.
    wim = registration_create(
        actor=world.user("foreign_penvoerder"),
        session_id=session.pk,
        participation=world.foreign_participation,
        person=Person(name="Wim Wachter", email="wim@nijmegen.nl", accepts_chatham=True),
        source="penvoerder",
        join_waitlist=True,
    )
    assert wim.status == "waitlisted"

    # Carla cancels from her personal link; Wim is offered the seat and takes it.
    visit(page, personal_path(confirmation))
    page.once("dialog", lambda dialog: dialog.accept())  # "Weet u zeker dat u wilt annuleren?"
    page.get_by_role("button", name="Aanmelding annuleren").click()
    page.get_by_text("Uw aanmelding is geannuleerd").wait_for()
    assert_accessible(page)
    cancel_ics = icalendar.Calendar.from_ical(mail_to("carla@arnhem.nl", "Geannuleerd").attachments[0][1])
    assert cancel_ics["METHOD"] == "CANCEL"
    assert str(cancel_ics.walk("VEVENT")[0]["UID"]) == carla_uid
    offer = mail_to("wim@nijmegen.nl", "Er is een plaats vrij")
    assert "Neem de plaats aan vóór" in offer.body
    visit(page, personal_path(offer))
    page.get_by_role("button", name="Plaats aannemen").click()
    page.get_by_text("U heeft de plaats aangenomen").wait_for()
    assert_accessible(page)
    wim.refresh_from_db()
    assert wim.status == "confirmed"

    # Staff check people in on the day.
    login_with_totp(page, desk, TEST_PASSWORD)
    assert page.get_by_text(re.compile("penvoerder nog niet aangemeld voor masterclass 1")).first.is_visible()
    assert_accessible(page)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Bijeenkomsten").click()
    assert_accessible(page)
    page.get_by_role("link", name=str(world.edition)).click()
    page.get_by_role("heading", name=re.compile("^Bijeenkomsten")).wait_for()
    assert_accessible(page)
    page.locator(f"a[href='/beheer/evenementen/sessie/{session.pk}/']").first.click()
    page.get_by_role("heading", name=re.compile("Masterclass 1")).wait_for()
    assert page.get_by_text("1 × vegetarisch").is_visible() or page.get_by_text("vegetarisch").first.is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Inchecken").click()
    page.get_by_role("heading", name=re.compile("^Inchecken")).wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Aanwezig Daan Doener").click()
    page.locator(".cim-checkin__row--present").filter(has_text="Daan Doener").wait_for()
    page.get_by_role("button", name="Aanwezig Wim Wachter").click()
    page.locator(".cim-checkin__row--present").filter(has_text="Wim Wachter").wait_for()
    page.get_by_text("2 van 4 aanwezig").wait_for()
    assert_accessible(page)
    assert Registration.objects.get(email="daan@arnhem.nl").attendance == "present"
    page.get_by_role("button", name="Uitloggen").click()

    # Daan downloads his certificate from his personal page.
    visit(page, personal_path(mail_to("daan@arnhem.nl", "Bevestiging")))
    with page.expect_download() as download:
        page.get_by_role("link", name="Certificaat van deelname (PDF)").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    with page.expect_download() as download:
        page.get_by_role("link", name="Zet in mijn agenda (.ics)").click()
    assert icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())["METHOD"] == "REQUEST"
    assert not page.console_errors


def test_every_other_events_page_passes_axe(page) -> None:  # type: ignore[no-untyped-def]
    """The pages the journey does not pass through: public programme and closing-meeting form, the
    penvoerder's project page, and the staff forms and overviews."""
    from cim.events.tests.world import events_world

    world = build_world()
    ew = events_world(world)
    desk = world.user("servicedesk")

    visit(page, "/evenementen/")
    visit(page, f"/evenementen/{ew.mc1.pk}/")
    visit(page, f"/evenementen/{ew.closing.pk}/")
    page.get_by_role("link", name="Aanmelden").click()
    assert_accessible(page)
    page.get_by_role("button", name="Aanmelden").click()  # empty: the error summary must be accessible too
    page.get_by_text("Er ging iets mis").wait_for()
    assert_accessible(page)
    page.console_errors.clear()  # the refused form answers 400 on purpose
    page.get_by_label("Naam", exact=True).fill("Olga Omgevingsdienst")
    page.get_by_label("E-mailadres", exact=True).fill("olga@odra.nl")
    page.get_by_label("Uw organisatie").fill("Omgevingsdienst Regio Arnhem")
    page.get_by_label("Soort organisatie").select_option("overig")
    page.get_by_role("checkbox", name=re.compile("Ik aanvaard de Chatham House Rule")).check()
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_role("heading", name="Aanmelding ontvangen").wait_for()
    assert_accessible(page)
    visit(page, "/evenementen/link/bestaat-niet/")
    page.console_errors.clear()  # 404 on purpose

    login(page, world.user("penvoerder").email, TEST_PASSWORD)
    page.get_by_role("heading", name="Welkom, Petra Penvoerder").wait_for()
    visit(page, f"/deelname/{world.participation.pk}/evenementen/{ew.mc4.pk}/project/")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Er ging iets mis").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()

    login_with_totp(page, desk, TEST_PASSWORD)
    for path in (
        "/beheer/evenementen/",
        f"/beheer/evenementen/{ew.mc1.pk}/bewerken/",
        f"/beheer/evenementen/{ew.mc1.pk}/sessies/nieuw/",
        f"/beheer/evenementen/sessie/{ew.session.pk}/bewerken/",
        f"/beheer/evenementen/sessie/{ew.session.pk}/afgelasten/",
        f"/beheer/evenementen/editie/{world.edition.pk}/per-organisatie/",
        f"/beheer/evenementen/editie/{world.edition.pk}/per-organisatie/?penvoerder=ontbreekt",
    ):
        visit(page, path)
    # The English interface.
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name=re.compile("Who attends what")).wait_for()
    assert_accessible(page)
    assert not page.console_errors
