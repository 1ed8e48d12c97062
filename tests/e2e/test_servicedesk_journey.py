"""Browser journey of the service desk: a penvoerder asks a question from a scan question, staff
answer it from the queue (with an internal note the municipality never sees), the penvoerder gets
the e-mail and sees the answer; reminders go out once; an accepted suggestion is listed by question
for the next edition. axe (WCAG 2.1 A/AA) runs on every page."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cim.accounts.totp import totp_current_code
from cim.questionnaires.selectors import active_definition_row, parsed
from cim.servicedesk.models import SentReminder, Suggestion, Thread
from cim.testing.browser import assert_accessible, login
from cim.testing.factories import TEST_PASSWORD, EditionFactory
from cim.testing.world import build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def visit(page, path: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(path)
    assert_accessible(page)


def logout(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Uitloggen").click()


def staff_login(page, user) -> None:  # type: ignore[no-untyped-def]
    login(page, user.email, TEST_PASSWORD)
    page.get_by_label("Code").fill(totp_current_code(user))
    page.get_by_role("button", name=re.compile("Aanmelden|Sign In|Inloggen|Verifiëren|Bevestigen", re.I)).click()
    page.get_by_role("heading", name=re.compile("Welkom")).wait_for()


def test_question_answer_reminders_and_suggestions(page) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    world.edition.submission_deadline = timezone.now() + dt.timedelta(days=10)
    world.edition.save()
    penvoerder, desk = world.user("penvoerder"), world.user("servicedesk")
    mail.outbox = []

    # The penvoerder asks from a scan question: the question's link opens the form about it.
    login(page, penvoerder.email, TEST_PASSWORD)
    page.get_by_role("heading", name="Welkom, Petra Penvoerder").wait_for()
    assert_accessible(page)
    question = parsed(active_definition_row(world.edition)).question("policy_target")
    scan_path = f"/scan/{world.participation.pk}/onderdeel/{question.section_key}/"
    visit(page, scan_path)
    page.locator('[data-question="policy_target"]').get_by_role(
        "link", name=re.compile("Stel een vraag over deze vraag")
    ).click()
    page.get_by_role("heading", name=re.compile("vraag", re.I)).first.wait_for()
    assert page.get_by_text(f"{question.number} {question.text}").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Vraag versturen").click()
    assert page.get_by_text("Vul een onderwerp in.").first.is_visible()
    assert_accessible(page)
    page.console_errors.clear()  # the refused form answers 400 on purpose
    page.get_by_label("Onderwerp").fill("Tellen onderhoudscontracten mee?")
    page.get_by_label("Uw vraag").fill("Horen groenonderhoudscontracten bij GWW?")
    page.get_by_role("button", name="Vraag versturen").click()
    page.get_by_role("heading", name="Tellen onderhoudscontracten mee?").wait_for()
    assert page.get_by_text("verstuurd", exact=True).is_visible()
    assert_accessible(page)
    thread = Thread.objects.get()
    assert thread.question_key == "policy_target"
    assert thread.origin_path == scan_path
    for path in ("/servicedesk/", "/servicedesk/handleiding/", "/servicedesk/veelgestelde-vragen/", "/agenda/"):
        visit(page, path)
    visit(page, "/servicedesk/suggestie/?vraag=policy_target")
    page.get_by_label("Uw suggestie").fill("Geef een voorbeeld van groenonderhoud bij deze vraag.")
    page.get_by_role("button", name="Suggestie indienen").click()
    page.get_by_role("heading", name="Uw verbetersuggesties").wait_for()
    assert_accessible(page)
    logout(page)

    # Staff answer from the queue, with an internal note first.
    staff_login(page, desk)
    assert_accessible(page)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Servicedesk").click()
    page.get_by_role("heading", name="Servicedesk: wachtrij").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Tellen onderhoudscontracten mee?").click()
    page.get_by_role("heading", name="Tellen onderhoudscontracten mee?").wait_for()
    assert_accessible(page)
    note = page.locator("#id_notitie-body")
    note.fill("Vorig jaar telden we dit bij beheer openbare ruimte.")
    page.get_by_role("button", name="Notitie opslaan").click()
    page.get_by_text("De interne notitie is opgeslagen.").wait_for()
    page.locator("#id_antwoord-body").fill("Ja, groenonderhoud telt mee bij GWW.")
    page.get_by_role("button", name="Antwoord versturen").click()
    page.get_by_text("Uw antwoord is verstuurd").wait_for()
    assert_accessible(page)
    answers = [m for m in mail.outbox if "penvoerder@arnhem.nl" in m.to[0]]
    assert len(answers) == 1
    assert "Ja, groenonderhoud telt mee bij GWW." in answers[0].body
    assert all("Vorig jaar telden" not in m.body for m in mail.outbox)

    # Staff accept the suggestion; it is listed by question key for the next edition.
    visit(page, "/beheer/servicedesk/suggesties/")
    page.get_by_role("link", name=re.compile("Geef een voorbeeld")).click()
    assert_accessible(page)
    page.get_by_label("Overnemen voor de volgende editie").check()
    page.get_by_role("button", name="Besluit opslaan").click()
    page.get_by_text("Uw besluit is opgeslagen").wait_for()
    visit(page, "/beheer/servicedesk/suggesties/overgenomen/")
    assert page.get_by_text("policy_target").is_visible()
    assert page.get_by_text("Geef een voorbeeld van groenonderhoud bij deze vraag.").is_visible()
    assert Suggestion.objects.get().status == "accepted"
    # While preparing the next edition's questionnaire, staff see it beside the question.
    following = EditionFactory(programme=world.programme, year=world.edition.year + 1, status="draft")
    visit(page, f"/beheer/edities/{following.pk}/vragenlijst/voorbeeld/?onderdeel={question.section_key}")
    suggestion_note = page.locator('[data-question="policy_target"]').get_by_text(
        "Geef een voorbeeld van groenonderhoud bij deze vraag."
    )
    assert suggestion_note.is_visible()

    # The other staff pages pass axe too.
    for path in (
        "/beheer/servicedesk/herinneringen/",
        "/beheer/servicedesk/herinneringen/scan.deadline_14/",
        "/beheer/servicedesk/herinneringen/verstuurd/",
        "/beheer/servicedesk/mededelingen/",
        f"/beheer/servicedesk/edities/{world.edition.pk}/overzicht/",
        "/beheer/servicedesk/handleiding/",
    ):
        visit(page, path)
    visit(page, "/beheer/servicedesk/mededelingen/nieuw/")
    page.get_by_label("Editie").select_option(str(world.edition.pk))
    page.get_by_label("Titel", exact=True).fill("Masterclass 1 op 3 maart")
    page.get_by_label("Tekst", exact=True).fill("Beste penvoerders, tot 3 maart!")
    page.get_by_role("button", name="Opslaan en voorbeeld bekijken").click()
    page.get_by_role("heading", name="Voorbeeld van de mededeling").wait_for()
    assert_accessible(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Versturen").click()
    page.get_by_text("De mededeling is verstuurd naar 2 penvoerders.").wait_for()
    logout(page)

    # The penvoerder reads the answer; the internal note is not there.
    login(page, penvoerder.email, TEST_PASSWORD)
    page.get_by_role("heading", name="Welkom, Petra Penvoerder").wait_for()
    assert page.get_by_text("Masterclass 1 op 3 maart").first.is_visible()
    assert page.get_by_text("Komende data").is_visible()
    assert_accessible(page)
    page.goto(answers[0].body.split("http://127.0.0.1:8000", 1)[1].split()[0])
    assert page.get_by_text("Ja, groenonderhoud telt mee bij GWW.").is_visible()
    assert page.get_by_text("beantwoord", exact=True).is_visible()
    assert page.get_by_text("Vorig jaar telden").count() == 0
    assert_accessible(page)
    assert not page.console_errors

    # send_reminders sends each due reminder once.
    for _ in range(2):
        call_command("send_reminders", stdout=StringIO())
    assert SentReminder.objects.filter(kind="scan.deadline_14").count() == 2
    reminders = [m for m in mail.outbox if m.subject.startswith("Herinnering")]
    assert len(reminders) == 2
