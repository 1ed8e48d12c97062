"""Browser journey of issue 5 on the demo data: the service desk previews an edition's statistics
(with the suppressed values, staff only) and publishes the two released editions, oldest first; the funder (Province of
Gelderland) logs in and sees Gelderland's growth per domain; the public statistics page shows the
same figures without login, with the "x" legend and no reasons. axe on every page."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from cim.accounts.models import User
from cim.core.demo import DEMO_PASSWORD
from cim.disclosure.models import PublishedTable
from cim.editions.models import Edition
from cim.testing.browser import assert_accessible, login, login_with_totp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_out(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("link", name="Inloggen").first.wait_for()


def figures(text: str) -> list[str]:
    return re.findall(r"[+-]€\xa0[\d.]+|[+-][\d,]+\xa0%", text)


def test_publish_and_read_statistics_on_the_demo_data(page, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("cim.statistics.demo.seed", lambda ctx: None)  # staff publish by hand below
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not PublishedTable.objects.exists()
    editions = {e.year: e for e in Edition.objects.filter(programme__slug="gelderland")}
    oldest, previous, _current = sorted(editions)  # the demo is built around today

    # 1. Unpublished: nothing for the public.
    response = page.goto(f"/statistieken/{editions[previous].pk}/")
    assert response is not None
    assert response.status == 404

    # 2. The service desk previews and publishes the older edition, then the previous one.
    desk = User.objects.get(email="servicedesk@demo.cim.test")
    login_with_totp(page, desk, DEMO_PASSWORD)
    panel = page.get_by_role("region", name="Statistieken publiceren")
    for year in (oldest, previous):
        panel = page.get_by_role("region", name="Statistieken publiceren")
        panel.get_by_role("link", name=f"voorbeeld en publiceren {year}").click()
        page.get_by_role("heading", name=f"Statistieken voorbereiden: Circulair Inkopen Monitor {year}").wait_for()
        assert_accessible(page)
        assert "Geslaagd" in page.get_by_role("region", name="Controle op herleidbaarheid").inner_text()
        page.get_by_role("button", name="Statistieken publiceren").click()
        page.get_by_text("De statistieken zijn gepubliceerd").wait_for()
        page.get_by_role("heading", name=f"Statistieken Circulair Inkopen Monitor {year}").wait_for()
        assert_accessible(page)
        page.goto("/dashboard/")
    assert PublishedTable.objects.filter(edition=editions[previous], key="growth_circular_by_province").exists()
    # Staff may look at the unsuppressed values (audited).
    page.goto(f"/statistieken/{editions[previous].pk}/")
    page.get_by_role("link", name="Bekijk de onafgeschermde waarden").click()
    page.get_by_role("heading", name=f"Onafgeschermde waarden: Circulair Inkopen Monitor {previous}").wait_for()
    assert_accessible(page)
    log_out(page)

    # 3. The funder sees Gelderland's growth per domain.
    login(page, "provincie@demo.cim.test", DEMO_PASSWORD)
    page.get_by_role("region", name="Statistieken van uw provincie").get_by_role(
        "link", name=f"Groei per domein en cijfers: Circulair Inkopen Monitor {previous}"
    ).click()
    growth = page.locator("#groei-per-domein")
    growth.wait_for()
    assert_accessible(page)
    circular = page.get_by_role("table", name=re.compile("circulair inkoopvolume .*: Gelderland"))
    text = circular.inner_text()
    for domain in ("Grond-, weg- en waterbouw (GWW)", "Energie", "Alle categorieën"):
        assert domain in text
    funder_figures = figures(text)
    assert len(funder_figures) >= 12, text  # absolute and relative for 5 domains and their total
    log_out(page)

    # 4. The public page shows the same figures, without login.
    page.goto(f"/statistieken/{editions[previous].pk}/")
    page.get_by_role("heading", name="Groei ten opzichte van de vorige editie").wait_for()
    assert_accessible(page)
    chart = page.locator("img.cim-chart")
    assert chart.count() == 1
    assert chart.get_attribute("alt")
    assert page.evaluate("[...document.images].every(img => img.complete && img.naturalWidth > 0)")  # CSP allows it
    public = page.locator("#growth").inner_text()
    for figure in funder_figures:
        assert figure in public, figure
    body = page.locator("main").inner_text()
    assert "niet getoond om de vertrouwelijkheid" in body
    for word in ("primair", "secundair", "Parameters", "onafgeschermde"):
        assert word not in body
    # In English.
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="Growth compared with the previous edition").wait_for()
    assert_accessible(page)
