"""In the browser: the penvoerder downloads the organisation's data; the service desk finds and
anonymises a person. Every page passes axe (WCAG 2.1 A/AA)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from cim.accounts.totp import totp_activate
from cim.testing import factories as f
from cim.testing.browser import accept_confirmations, assert_accessible, login, login_with_totp
from cim.testing.world import TOTP_SECRET

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = f.TEST_PASSWORD


def test_export_and_anonymisation_in_the_browser(page) -> None:  # type: ignore[no-untyped-def]
    edition = f.EditionFactory(year=2030)
    arnhem = f.ParticipationFactory(edition=edition, organisation=f.organisation("GM0202"))
    f.MemberFactory(participation=arnhem, user__email="petra@arnhem.nl", user__name="Petra Penvoerder")
    f.MemberFactory(participation=arnhem, role="contributor", user__email="coen@arnhem.nl", user__name="Coen Collega")
    desk = f.StaffFactory(programme=edition.programme, user__email="desk@programma.nl").user
    totp_activate(desk, TOTP_SECRET)

    login(page, "petra@arnhem.nl", PASSWORD)
    page.goto(f"/deelname/{arnhem.pk}/")
    page.get_by_role("link", name="Alle gegevens van uw organisatie downloaden (ZIP)").click()
    page.get_by_role("heading", name="Alle gegevens downloaden").wait_for()
    assert_accessible(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="ZIP-bestand downloaden").click()
    download = info.value
    assert download.suggested_filename.startswith("gegevens-GM0202-")
    archive = zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes()))
    assert "deelnames/team.csv" in archive.namelist()
    assert b"coen@arnhem.nl" in archive.read("deelnames/team.csv")
    page.get_by_role("button", name="Uitloggen").click()

    login_with_totp(page, desk, PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Persoonsgegevens").click()
    assert_accessible(page)
    page.get_by_label("E-mailadres van de persoon").fill("coen@arnhem.nl")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("heading", name="Gevonden gegevens").wait_for()
    assert_accessible(page)
    page.get_by_label("Reden").fill("Verzoek per e-mail van 3 maart")
    page.get_by_label("Ik begrijp dat dit niet ongedaan kan worden gemaakt.").check()
    accept_confirmations(page)
    page.get_by_role("button", name="Persoon anonimiseren").click()
    page.get_by_text("De persoon is geanonimiseerd").wait_for()
    assert_accessible(page)
    from cim.accounts.models import User

    assert not User.objects.filter(email="coen@arnhem.nl").exists()
