"""The service desk's pages in the browser, each checked with axe (WCAG 2.1 A/AA): editions,
participants, login codes, the penvoerder handover, withdrawal, applications, organisations and
the audit log; and the analyst's and funder's dashboards."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from cim.editions.models import Edition, Participation, ParticipationApplication
from cim.testing.browser import accept_confirmations, assert_accessible, login_with_totp, visit
from cim.testing.factories import TEST_PASSWORD
from cim.testing.world import ANALYST, FUNDER, SERVICE_DESK, build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_service_desk_runs_an_edition(page) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    desk = world.user(SERVICE_DESK)
    accept_confirmations(page)
    page.goto("/account/login/")
    login_with_totp(page, desk, TEST_PASSWORD)
    assert_accessible(page)  # staff dashboard

    # Editions: list, create (with a refused timeline first), edit.
    visit(page, "/beheer/edities/")
    page.get_by_role("link", name="Nieuwe editie").first.click()
    assert_accessible(page)
    year = timezone.localdate().year + 20  # a future edition, free in the world's programme (its edition is 2030)
    page.get_by_label("Jaar").fill(str(year))
    page.get_by_label("Titel", exact=True).fill(f"Monitor {year}")
    page.get_by_label("Open vanaf").fill(f"{year}-09-01T09:00")
    page.get_by_label("Uiterste inleverdatum").fill(f"{year}-01-01T17:00")
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text("De inleverdatum moet na de openingsdatum liggen.").first.is_visible()
    assert_accessible(page)
    page.get_by_label("Uiterste inleverdatum").fill(f"{year + 1}-01-15T17:00")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De editie is aangemaakt.").wait_for()
    assert_accessible(page)
    edition = Edition.objects.get(year=year)
    page.get_by_role("link", name="Bewerken").click()
    assert_accessible(page)
    page.get_by_label("Titel", exact=True).fill(f"Monitor {year} (herzien)")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De editie is opgeslagen.").wait_for()

    # Add participants in bulk: an unknown code refuses the whole list.
    page.get_by_role("link", name="Deelnemers toevoegen").click()
    assert_accessible(page)
    page.get_by_label("Of: een lijst CBS-codes").fill("GM0202 GM9999")
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_text("Er is niemand toegevoegd").first.wait_for()
    assert_accessible(page)
    page.get_by_label("Of: een lijst CBS-codes").fill("GM0202 GM0268 0301")
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_text("3 organisaties toegevoegd.").wait_for()
    assert Participation.objects.filter(edition=edition).count() == 3

    # Open the edition (one step, months before its opening date: with a reason), then bulk codes page.
    page.get_by_role("link", name="Editie openen", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Reden").fill("Proef met drie gemeenten")
    page.get_by_role("button", name="Editie openen").click()
    page.get_by_text("De status is nu: open voor invullen.").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Inlogcodes uitgeven").click()
    assert_accessible(page)

    # Participation detail: edit, show a code once, handover page, withdraw.
    arnhem = Participation.objects.get(edition=edition, organisation__cbs_code="GM0202")
    visit(page, f"/beheer/deelnames/{arnhem.pk}/")
    page.get_by_role("link", name="Bewerken").click()
    assert_accessible(page)
    page.get_by_label("Naam penvoerder (contact)").fill("Petra Penvoerder")
    page.get_by_label("E-mailadres penvoerder (contact)").fill("petra@arnhem.nl")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De deelname is opgeslagen.").wait_for()
    page.get_by_role("button", name="Nieuwe code tonen").click()
    code = page.locator("#issued-code").inner_text()
    assert re.fullmatch(r"[A-Z]{4}(-[A-Z]{4}){4}", code)
    assert_accessible(page)
    visit(page, f"/beheer/deelnames/{arnhem.pk}/penvoerder/")
    assert page.get_by_text("Er werken geen collega's mee aan deze deelname.").is_visible()
    visit(page, f"/beheer/deelnames/{arnhem.pk}/terugtrekken/")
    page.get_by_role("button", name="Terugtrekken").click()
    assert page.get_by_text("Dit veld is vereist.").first.is_visible()  # a reason is required
    assert_accessible(page)
    page.get_by_label("Reden").fill("Doet dit jaar niet mee")
    page.get_by_role("button", name="Terugtrekken").click()
    page.get_by_text("De deelname is teruggetrokken.").wait_for()
    assert_accessible(page)

    # The world's participation has a colleague: hand over the penvoerder role.
    visit(page, f"/beheer/deelnames/{world.participation.pk}/penvoerder/")
    page.get_by_label("Nieuwe penvoerder").select_option(index=0)
    page.get_by_label("Reden").fill("Petra vertrekt")
    page.get_by_role("button", name="Overdragen").click()
    page.get_by_text("is nu penvoerder.").wait_for()
    assert_accessible(page)

    # An application: decide.
    visit(page, f"/beheer/aanmeldingen/{world.application.pk}/")
    page.get_by_role("button", name="Goedkeuren").click()
    page.get_by_text("Ede neemt nu deel.").wait_for()
    assert ParticipationApplication.objects.get(pk=world.application.pk).status == "approved"

    # Reference data and the audit log.
    visit(page, "/beheer/organisaties/")
    page.get_by_label("Zoeken op naam of CBS-code").fill("GM0202")
    page.get_by_role("button", name="Filteren").click()
    page.get_by_role("link", name="Arnhem").click()
    assert_accessible(page)
    visit(page, "/beheer/audit/")
    page.get_by_label("Handeling").select_option(label="Penvoerder overgedragen")
    page.get_by_role("button", name="Filteren").click()
    assert page.get_by_text("1 regel").is_visible()
    assert_accessible(page)
    assert not page.console_errors


def test_analyst_and_funder_dashboards(page) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    page.goto("/account/login/")
    login_with_totp(page, world.user(ANALYST), TEST_PASSWORD)
    page.get_by_role("heading", name="Edities van uw programma").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()

    from cim.testing.browser import login

    login(page, world.user(FUNDER).email, TEST_PASSWORD)
    page.get_by_role("heading", name="Gepubliceerde cijfers").wait_for()
    assert_accessible(page)
