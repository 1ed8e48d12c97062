"""Browser journey of the foundation: a penvoerder redeems a code, creates an account, sees the
dashboard; every page on the way passes axe (WCAG 2.1 A/AA)."""

from __future__ import annotations

import pytest

from cim.editions.services.login_codes import login_code_issue
from cim.testing import factories as f
from cim.testing.browser import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_penvoerder_redeems_code_and_sees_dashboard(page) -> None:  # type: ignore[no-untyped-def]
    desk = f.StaffFactory().user
    participation = f.ParticipationFactory(
        edition__programme=desk.programme_roles.first().programme, contact_name="Petra Penvoerder"
    )
    issued = login_code_issue(actor=desk, participation=participation)

    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Ik heb een inlogcode van de servicedesk").click()
    assert_accessible(page)

    page.get_by_label("Inlogcode").fill("AAAA-BBBB")
    page.get_by_role("button", name="Verder").click()
    assert "Dit is geen geldige code" in page.locator("#id_code_error").inner_text()
    assert_accessible(page)

    page.get_by_label("Inlogcode").fill(issued.code.lower().replace("-", " "))
    page.get_by_role("button", name="Verder").click()
    page.get_by_text("U wordt penvoerder van").wait_for()
    assert_accessible(page)
    page.get_by_label("Uw naam").fill("Petra Penvoerder")
    page.get_by_label("E-mailadres").fill("petra@arnhem.nl")
    page.get_by_label("Wachtwoord", exact=True).fill("Een-Sterk-Wachtwoord-9")
    page.get_by_label("Wachtwoord herhalen").fill("Een-Sterk-Wachtwoord-9")
    page.get_by_role("button", name="Account aanmaken").click()

    page.get_by_role("heading", name="Welkom, Petra Penvoerder").wait_for()
    assert page.get_by_text("U bent penvoerder.").is_visible()
    assert page.get_by_text("Arnhem – Monitor").first.is_visible()
    assert_accessible(page)

    # Log out and back in with the new account.
    page.get_by_role("button", name="Uitloggen").click()
    login(page, "petra@arnhem.nl", "Een-Sterk-Wachtwoord-9")
    page.get_by_role("heading", name="Welkom, Petra Penvoerder").wait_for()
    assert not page.console_errors
