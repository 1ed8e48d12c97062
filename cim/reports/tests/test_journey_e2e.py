"""Browser journey of issue 4 on the demo data: Arnhem's penvoerder opens the released report,
reads scores, position, trend and recommendations, makes and downloads the PDF (in progress, then
ready), reads the method; the report of the open edition says when it comes; Nijmegen's
penvoerder cannot reach Arnhem's report; the service desk sorts the score table and reads a
report (audited). axe on every page; no CSP violation from the charts."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from cim.accounts.models import User
from cim.audit.models import AuditEntry
from cim.core.demo import DEMO_PASSWORD
from cim.editions.models import Edition, Participation
from cim.reports.models import ReportPdf
from cim.testing.browser import assert_accessible, login, login_with_totp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_out(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("link", name="Inloggen").first.wait_for()


def test_report_journey_on_the_demo_data(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    oldest, previous, current = sorted(Edition.objects.values_list("year", flat=True))  # built around today
    arnhem = Participation.objects.get(edition__year=previous, organisation__cbs_code="GM0202")
    arnhem_current = Participation.objects.get(edition__year=current, organisation__cbs_code="GM0202")

    # 1. Arnhem's penvoerder finds the released report on the dashboard.
    login(page, "penvoerder.arnhem@demo.cim.test", DEMO_PASSWORD)
    panel = page.get_by_role("region", name="Uw terugkoppeling")
    panel.wait_for()
    assert_accessible(page)
    assert "het rapport komt bij de terugkoppeling op" in panel.inner_text()  # the current edition is still open
    panel.get_by_role("link", name=f"Rapport bekijken {previous}").click()
    page.get_by_role("heading", name=f"Terugkoppeling {previous}: Arnhem").wait_for()
    assert_accessible(page)
    assert "van de 100: fase" in page.locator("#scores").locator("..").inner_text()
    positions = page.get_by_role("region", name="Uw positie tussen de anderen")
    assert "Mediaan van de anderen" in positions.inner_text()
    assert "Alle deelnemers" in positions.inner_text()
    trend = page.get_by_role("region", name="Uw ontwikkeling over de edities")
    assert str(oldest) in trend.inner_text()
    assert str(previous) in trend.inner_text()
    assert page.get_by_role("region", name="Aanbevelingen").get_by_role("heading", level=3).count() >= 1
    charts = page.locator("img.cim-chart")
    assert charts.count() >= 8
    assert all(charts.nth(i).get_attribute("alt") for i in range(charts.count()))
    assert page.evaluate("[...document.images].every(img => img.complete && img.naturalWidth > 0)")

    # 2. The PDF: asked for, made in the background, downloaded.
    page.get_by_label("Taal van de PDF").select_option("nl")
    page.get_by_role("button", name="PDF maken").click()
    download_link = page.get_by_role("link", name="PDF downloaden (Nederlands)")
    download_link.wait_for(timeout=60_000)
    assert_accessible(page)
    with page.expect_download() as info:
        download_link.click()
    path = tmp_path / "rapport.pdf"
    info.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")
    assert info.value.suggested_filename == f"terugkoppeling-arnhem-{previous}-nl.pdf"
    assert ReportPdf.objects.filter(participation=arnhem, status="done").count() == 1

    # 3. The method behind the scores.
    page.get_by_role("link", name="Zo worden de scores berekend").first.click()
    page.get_by_role("heading", name="Zo worden de scores berekend").wait_for()
    assert_accessible(page)

    # 4. The open edition's report is not there yet: the penvoerder sees when it comes.
    page.goto(f"/terugkoppeling/{arnhem_current.pk}/")
    page.get_by_text("Uw rapport is er nog niet").wait_for()
    assert_accessible(page)

    # 5. In English.
    page.goto(f"/terugkoppeling/{arnhem.pk}/")
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name=f"Feedback {previous}: Arnhem").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Nederlands").click()
    page.get_by_role("heading", name=f"Terugkoppeling {previous}: Arnhem").wait_for()
    log_out(page)

    # 6. Nijmegen's penvoerder cannot reach Arnhem's report (404, audited).
    login(page, "penvoerder.nijmegen@demo.cim.test", DEMO_PASSWORD)
    response = page.goto(f"/terugkoppeling/{arnhem.pk}/")
    assert response is not None
    assert response.status == 404
    assert_accessible(page)
    nijmegen_user = User.objects.get(email="penvoerder.nijmegen@demo.cim.test")
    assert AuditEntry.objects.filter(action="access.denied", actor=nijmegen_user, object_id=str(arnhem.pk)).exists()
    page.goto("/dashboard/")
    log_out(page)

    # 7. The service desk sorts the scores of the previous edition and reads Arnhem's report for support.
    desk = User.objects.get(email="servicedesk@demo.cim.test")
    login_with_totp(page, desk, DEMO_PASSWORD)
    page.get_by_role("region", name="Scores en rapporten").get_by_role("link", name=f"scores {previous}").click()
    page.get_by_role("heading", name=f"Scores: Circulair Inkopen Monitor {previous}").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Organisatie (oplopend sorteren)").click()
    page.wait_for_url("**sorteer=naam**")
    assert page.locator("th[aria-sort=ascending]").inner_text().startswith("Organisatie")
    assert_accessible(page)
    page.get_by_role("link", name="Arnhem", exact=True).click()
    page.get_by_text("U bekijkt dit rapport als programmamedewerker").wait_for()
    assert_accessible(page)
    assert AuditEntry.objects.filter(action="confidential.read", actor=desk, details__what="report").exists()
    assert not [m for m in page.console_errors if "Content Security Policy" in m]
