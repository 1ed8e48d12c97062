"""Browser journey of issue 7: a penvoerder records a project and brings it to masterclass 4,
writes a lesson that names the municipality and a colleague; the service desk sees the flags and
de-identifies it; the author approves; another municipality's penvoerder finds it by category
without any trace of who wrote it; public material shows its attribution. Every page passes axe."""

from __future__ import annotations

import pytest

from cim.accounts.totp import totp_activate
from cim.cases.models import Lesson, Masterclass4Choice, Project
from cim.cases.sharing import LessonStatus
from cim.cases.tests import objects as o
from cim.testing import factories as f
from cim.testing.browser import assert_accessible, login, login_with_totp
from cim.testing.world import TOTP_SECRET

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = f.TEST_PASSWORD


def log_out(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("link", name="Inloggen").first.wait_for()


def test_project_lesson_de_identification_and_material(page) -> None:  # type: ignore[no-untyped-def]
    edition = f.EditionFactory(year=2030)
    arnhem = f.ParticipationFactory(edition=edition, organisation=f.organisation("GM0202"))
    nijmegen = f.ParticipationFactory(edition=edition, organisation=f.organisation("GM0268"))
    f.MemberFactory(participation=arnhem, user__email="petra@arnhem.nl", user__name="Petra Penvoerder")
    f.MemberFactory(participation=arnhem, role="contributor", user__email="coen@arnhem.nl", user__name="Coen Collega")
    f.MemberFactory(participation=nijmegen, user__email="nina@nijmegen.nl", user__name="Nina Nijmegen")
    desk = f.StaffFactory(programme=edition.programme, user__email="desk@programma.nl").user
    totp_activate(desk, TOTP_SECRET)

    # 1. The penvoerder records a project and brings it to masterclass 4.
    login(page, "petra@arnhem.nl", PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Projecten").click()
    assert_accessible(page)
    page.get_by_role("link", name="Nieuw project vastleggen").click()
    page.get_by_label("Titel").fill("Circulaire herinrichting Stationsplein")
    page.get_by_label("Inkoopcategorie").select_option(label="Grond-, weg- en waterbouw (GWW)")
    page.get_by_label("Perspectief").select_option(label="EMVI / traditioneel")
    page.get_by_label("Geplande aanbestedingsdatum").fill("2031-03-01")
    page.get_by_label("Ambitie").fill("80% van de bestrating hergebruiken.")
    assert_accessible(page)
    page.get_by_role("button", name="Project vastleggen").click()
    page.get_by_text("Het project is vastgelegd.").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Inbrengen in masterclass 4").click()
    page.get_by_text("U brengt dit project in bij masterclass 4").first.wait_for()
    assert_accessible(page)
    project = Project.objects.get()
    assert Masterclass4Choice.objects.get(edition=edition).project == project

    # 2. … and writes a lesson that names the municipality and a colleague.
    page.get_by_role("link", name="Een les uit dit project beschrijven").click()
    page.get_by_label("Titel").fill("Marktconsultatie Stationsplein Arnhem")
    page.get_by_label("Wat is geprobeerd?").fill(
        "Arnhem liet Coen Collega drie aannemers spreken voordat het bestek af was."
    )
    page.get_by_label("Wat werkte?").fill("- Aannemers kwamen zelf met hergebruik\n- **Realistische** criteria")
    page.get_by_label("Grond-, weg- en waterbouw (GWW)").check()
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan als concept").click()
    page.get_by_text("De les is opgeslagen als concept").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Indienen om te delen").click()
    page.get_by_text("De les is ingediend.").wait_for()
    assert_accessible(page)
    log_out(page)

    # 3. The service desk sees the flags and de-identifies the lesson.
    login_with_totp(page, desk, PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Lessen anonimiseren").click()
    assert_accessible(page)
    page.get_by_role("link", name="Marktconsultatie Stationsplein Arnhem").click()
    flags = page.locator("mark.cim-flag")
    flags.first.wait_for()
    texts = [text.split("(")[0].strip() for text in flags.all_inner_texts()]
    assert "Arnhem" in texts
    assert "Coen Collega" in texts
    assert page.locator("mark.cim-flag--person", has_text="Coen Collega").count() == 1
    assert_accessible(page)
    page.get_by_label("Titel").fill("Marktconsultatie vóór het bestek")
    page.get_by_label("Wat is geprobeerd?").fill(
        "Een gemeente liet een collega drie aannemers spreken voordat het bestek af was."
    )
    page.get_by_role("button", name="Opnieuw controleren").click()
    page.get_by_role("heading", name="Geen herleidbare gegevens gevonden").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan en ter goedkeuring naar de auteur").click()
    page.get_by_text("De auteur is gevraagd deze versie goed te keuren").wait_for()
    assert_accessible(page)
    log_out(page)

    # 4. The author approves exactly that version.
    login(page, "petra@arnhem.nl", PASSWORD)
    page.get_by_text("Uw goedkeuring wordt gevraagd").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Marktconsultatie Stationsplein Arnhem").click()
    page.get_by_role("heading", name="Uw goedkeuring gevraagd").wait_for()
    assert page.get_by_text("Een gemeente liet een collega drie aannemers spreken").first.is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ik keur deze versie goed: delen").click()
    page.get_by_text("De les is nu gedeeld, zonder naam of organisatie.").wait_for()
    assert_accessible(page)
    lesson = Lesson.objects.get()
    assert lesson.status == LessonStatus.SHARED
    log_out(page)

    # 5. Another municipality's penvoerder finds it by category, without any trace of who wrote it.
    login(page, "nina@nijmegen.nl", PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Lessen").click()
    page.get_by_label("Inkoopcategorie").select_option(label="Grond-, weg- en waterbouw (GWW)")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("heading", name="1 les").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Marktconsultatie vóór het bestek").click()
    page.get_by_role("heading", name="Marktconsultatie vóór het bestek").wait_for()
    assert page.locator("strong", has_text="Realistische").is_visible()
    assert_accessible(page)
    html = page.content()
    for trace in (
        "Arnhem",
        "Petra",
        "Penvoerder",
        "Coen",
        "petra@arnhem.nl",
        "Stationsplein",
        f"/lessen/eigen/{lesson.pk}/",
    ):
        assert trace not in html, trace
    assert lesson.public_id in page.url
    log_out(page)

    # 6. Public material shows its attribution, on the list, the page and in the download's name.
    material = o.make_material(programme=edition.programme, actor=desk)
    page.goto("/materiaal/")
    assert page.get_by_text("Circulair Inkopen Gelderland, masterclass 1 (2030)").first.is_visible()
    assert_accessible(page)
    page.get_by_role("link", name=material.title, exact=True).click()
    assert page.locator("#attribution").inner_text() == "Bron: Circulair Inkopen Gelderland, masterclass 1 (2030)"
    assert_accessible(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="Downloaden").click()
    assert "Circulair Inkopen Gelderland, masterclass 1 (2030)" in info.value.suggested_filename
    assert not page.console_errors
