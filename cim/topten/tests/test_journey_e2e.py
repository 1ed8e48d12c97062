"""Browser journey of issue 5 item 5: the penvoerder consents; the Top 10 is a 404 before
publication; after the closing meeting date the service desk reviews and publishes it; the public
page shows the Top 3 highlighted with a shared lesson, and a non-consenting rank as "anonieme
gemeente". Every page passes axe."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cim.accounts.totp import totp_activate
from cim.cases.selectors import Owner
from cim.cases.services import lessons as lesson_services
from cim.cases.tests import objects as o
from cim.editions.lifecycle import EditionStatus
from cim.testing import factories as f
from cim.testing.browser import assert_accessible, login, login_with_totp
from cim.testing.world import TOTP_SECRET
from cim.topten.models import PublishedTopTen
from cim.topten.tests.helpers import CODES, scored

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = f.TEST_PASSWORD


def log_out(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("link", name="Inloggen").first.wait_for()


def test_service_desk_publishes_the_top_ten_after_the_closing_meeting(page) -> None:  # type: ignore[no-untyped-def]
    programme = f.ProgrammeFactory(name="Circulair Inkopen Gelderland", slug="gelderland")
    edition = f.EditionFactory(
        programme=programme,
        year=2031,
        status=EditionStatus.CLOSED,
        opens_at=timezone.now() - dt.timedelta(days=120),
        submission_deadline=timezone.now() - dt.timedelta(days=60),
        closing_meeting_date=timezone.localdate() - dt.timedelta(days=1),
    )
    arnhem = scored(edition, "GM0202", "91.0")
    scored(edition, "GM0268", "89.5", named=False)  # Nijmegen, second, does not consent
    for index, code in enumerate(CODES[2:11]):
        scored(edition, code, str(85 - index), named=True)
    penvoerder = f.MemberFactory(participation=arnhem, user__email="petra@arnhem.nl", user__name="Petra Penvoerder")
    desk = f.StaffFactory(programme=programme, user__email="desk@programma.nl", user__name="Sanne Servicedesk").user
    totp_activate(desk, TOTP_SECRET)
    # Arnhem shares a de-identified lesson for this edition's Top 10 page.
    lesson = lesson_services.lesson_create(
        actor=penvoerder.user,
        owner=Owner(f"p{arnhem.pk}", "Arnhem", programme, arnhem.organisation, edition),
        title="Marktconsultatie in Arnhem",
        tried="Arnhem sprak drie aannemers.",
    )
    lesson = lesson_services.lesson_submit(actor=penvoerder.user, lesson=lesson)
    lesson = lesson_services.lesson_save_shared(
        actor=desk,
        lesson=lesson,
        title="Marktconsultatie voor het bestek",
        tried="Een gemeente sprak drie aannemers voordat het bestek af was.",
        tags=[o.tag("gww")],
        send=True,
    )
    lesson = lesson_services.lesson_approve(
        actor=penvoerder.user, lesson=lesson, version=lesson.shared_version().digest()
    )
    lesson_services.lesson_set_top10(actor=penvoerder.user, lesson=lesson, edition=edition)

    # 1. The penvoerder agrees to be named, from the dashboard.
    login(page, "petra@arnhem.nl", PASSWORD)
    page.get_by_role("link", name=f"Naamsvermelding in de Top 10 van {edition}").click()
    assert_accessible(page)
    page.get_by_label("Ja, noem onze organisatie als wij in de Top 10 staan.").check()
    page.get_by_role("button", name="Keuze opslaan").click()
    page.get_by_text("Vastgelegd: de Top 10 mag uw organisatie noemen.").wait_for()
    assert_accessible(page)
    log_out(page)

    # 2. Before publication the public page does not exist.
    response = page.goto("/top-10/gelderland/2031/")
    assert response.status == 404
    assert "Arnhem" not in page.content()
    page.goto("/top-10/")
    page.get_by_text("Er is nog geen Top 10 bekendgemaakt.").wait_for()
    assert_accessible(page)

    # 3. The service desk reviews the ranking (names, scores, consent) and publishes it.
    login_with_totp(page, desk, PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Top 10 beheren").click()
    assert_accessible(page)
    page.get_by_role("link", name=str(edition)).click()
    page.get_by_role("heading", name=f"Top 10 van {edition}").wait_for()
    table = page.get_by_role("table", name="Berekende Top 10 (vertrouwelijk)")
    assert "Nijmegen" in table.inner_text()
    assert "nee: anonieme gemeente" in table.inner_text()
    assert "91,0" in table.inner_text()
    assert_accessible(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Top 10 bekendmaken").click()
    page.get_by_text("De Top 10 is bekendgemaakt").wait_for()
    assert PublishedTopTen.objects.filter(edition=edition).count() == 1
    assert_accessible(page)
    page.get_by_role("link", name="Naar de openbare Top 10-pagina").click()
    page.get_by_role("heading", name="Top 10 circulair inkopen 2031").wait_for()
    log_out(page)

    # 4. Anyone reads the Top 10: the Top 3 highlighted, Arnhem's lesson, Nijmegen anonymous.
    page.goto("/top-10/")
    page.get_by_role("link", name="Top 10 van 2031").click()
    podium = page.locator("ol.cim-topten-podium > li")
    assert podium.count() == 3
    assert "Plaats 1" in podium.nth(0).inner_text()
    assert "Arnhem" in podium.nth(0).inner_text()
    assert "Marktconsultatie voor het bestek" in podium.nth(0).inner_text()
    assert "Arnhem sprak" not in page.content()
    assert "anonieme gemeente" in podium.nth(1).inner_text()
    assert "Nijmegen" not in page.content()
    assert "91,0" not in page.content()
    rest = page.get_by_role("table", name="Top 10 van 2031, vanaf plaats 4")
    assert rest.locator("tbody tr").count() == 7
    assert_accessible(page)
