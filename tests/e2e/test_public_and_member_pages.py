"""Public pages, the application form, invitations, password reset, the member pages, the profile,
two-factor set-up and the language switch: every page checked with axe (WCAG 2.1 A/AA)."""

from __future__ import annotations

import pytest
from django.core import mail

from cim.editions.models import ParticipationApplication, ParticipationMember
from cim.testing import factories as f
from cim.testing.browser import accept_confirmations, assert_accessible, login, visit
from cim.testing.world import CONTRIBUTOR, PENVOERDER, build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "Een-Sterk-Wachtwoord-9"


def test_public_pages_and_application_form(page) -> None:  # type: ignore[no-untyped-def]
    f.EditionFactory(title="Monitor 2031", year=2031)
    visit(page, "/")
    page.get_by_role("link", name="Lees meer over vertrouwelijkheid").click()
    assert_accessible(page)
    visit(page, "/")
    page.get_by_role("link", name="Mijn organisatie wil meedoen").click()
    assert_accessible(page)
    # Nothing chosen: the error summary lists what is missing.
    page.get_by_role("button", name="Aanmelding versturen").click()
    page.get_by_role("heading", name="Er ging iets mis").wait_for()
    assert_accessible(page)
    page.get_by_label("Uw organisatie").select_option(label="Ede")
    page.get_by_label("Uw naam").fill("<script>alert(1)</script> Eva")
    page.get_by_label("Uw e-mailadres").fill("eva@ede.nl")
    page.get_by_role("button", name="Aanmelding versturen").click()
    page.get_by_text("Dank u wel.").wait_for()
    assert_accessible(page)
    assert ParticipationApplication.objects.get().contact_name == "<script>alert(1)</script> Eva"
    assert not page.console_errors


def test_password_reset(page) -> None:  # type: ignore[no-untyped-def]
    user = f.UserFactory(email="petra@arnhem.nl")
    visit(page, "/account/login/")
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    assert_accessible(page)
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_role("button", name="Nieuw wachtwoord aanvragen").click()
    page.get_by_text("Wij hebben u een e-mail gestuurd.").wait_for()
    assert_accessible(page)
    link = next(word for word in mail.outbox[-1].body.split() if "/account/password/reset/key/" in word)
    page.goto(link)
    page.get_by_label("Nieuw wachtwoord", exact=True).wait_for()
    assert_accessible(page)
    page.get_by_label("Nieuw wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Nieuw wachtwoord (bevestigen)").fill(PASSWORD)
    page.get_by_role("button", name="Wachtwoord wijzigen").click()
    page.get_by_text("Uw wachtwoord is gewijzigd.").first.wait_for()
    assert_accessible(page)
    login(page, user.email, PASSWORD)
    page.get_by_role("heading", name=f"Welkom, {user.name}").wait_for()


def test_invitation_acceptance_and_member_pages(page) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    accept_confirmations(page)
    page.goto("/uitnodiging/dit-bestaat-niet/")  # invalid link: a 404 page that explains
    assert page.get_by_text("Deze uitnodiging kennen wij niet.").is_visible()
    assert_accessible(page)

    visit(page, f"/uitnodiging/{world.invitation_token}/")
    page.get_by_role("button", name="Account aanmaken").click()
    page.get_by_role("heading", name="Er ging iets mis").wait_for()
    assert_accessible(page)
    page.get_by_label("Uw naam").fill("Nina Nieuw")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord herhalen").fill(PASSWORD)
    page.get_by_role("button", name="Account aanmaken").click()
    page.get_by_role("heading", name="Welkom, Nina Nieuw").wait_for()
    assert page.get_by_text("U werkt mee als collega.").first.is_visible()
    assert_accessible(page)
    assert ParticipationMember.objects.filter(user__email="nieuw@arnhem.nl", role="contributor").exists()
    page.get_by_role("button", name="Uitloggen").click()

    # The penvoerder: dashboard, participation page, invite a colleague, profile, 2FA set-up.
    penvoerder = world.user(PENVOERDER)
    login(page, penvoerder.email, f.TEST_PASSWORD)
    page.get_by_role("heading", name="Welkom, Petra Penvoerder").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Bekijk de deelname en het team").first.click()
    assert_accessible(page)
    page.get_by_label("Naam van uw collega").fill("Coen Tweede")
    page.get_by_label("E-mailadres van uw collega").fill("niet-een-adres")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.get_by_role("heading", name="Er ging iets mis").wait_for()
    assert_accessible(page)
    page.get_by_label("E-mailadres van uw collega").fill("coen2@arnhem.nl")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.get_by_text("De uitnodiging is verstuurd naar coen2@arnhem.nl.").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Verwijderen Coen Collega").click()
    page.get_by_text("Coen Collega werkt niet meer mee.").wait_for()

    visit(page, "/account/profiel/")
    page.get_by_role("link", name="Tweestapsverificatie").click()
    assert_accessible(page)
    page.get_by_role("link", name="Instellen").click()
    page.get_by_label("Wachtwoord").fill(f.TEST_PASSWORD)  # allauth asks to confirm the password first
    page.get_by_role("button", name="Bevestigen").click()
    page.get_by_role("heading", name="Authenticator-app instellen").wait_for()
    assert_accessible(page)
    visit(page, "/account/password/change/")
    visit(page, "/account/email/")
    visit(page, "/account/logout/")
    assert page.get_by_text("Weet u zeker dat u wilt uitloggen?").is_visible()
    page.locator("main").get_by_role("button", name="Uitloggen").click()
    page.get_by_text("U bent uitgelogd.").wait_for()

    # The removed colleague has no role any more; the new one (Nina) still has.
    login(page, world.user(CONTRIBUTOR).email, f.TEST_PASSWORD)
    page.get_by_text("Uw account heeft nog geen rol in een editie.").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()
    login(page, "nieuw@arnhem.nl", PASSWORD)
    page.get_by_text("U werkt mee als collega.").first.wait_for()
    # The 404 (bad link) and 400 (invalid form) above are expected; nothing else may fail, and
    # the strict Content-Security-Policy must not have refused anything.
    assert not [e for e in page.console_errors if "status of 404" not in e and "status of 400" not in e]


def test_language_switch_to_english_and_back(page) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    login(page, world.user(PENVOERDER).email, f.TEST_PASSWORD)
    page.get_by_role("heading", name="Welkom, Petra Penvoerder").wait_for()
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="Welcome, Petra Penvoerder").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_text("You are the lead contact.").first.is_visible()
    assert_accessible(page)
    visit(page, "/account/profiel/")
    assert page.get_by_role("heading", name="My account").is_visible()
    visit(page, "/account/2fa/")
    assert page.get_by_role("heading", name="Two-Factor Authentication").is_visible()
    page.get_by_role("button", name="Nederlands").click()
    page.get_by_role("heading", name="Tweestapsverificatie").wait_for()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_accessible(page)
