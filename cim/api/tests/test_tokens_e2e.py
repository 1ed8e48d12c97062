"""In the browser: a penvoerder makes an API token, a script uses it, the penvoerder revokes it.
Every page passes axe (WCAG 2.1 A/AA)."""

from __future__ import annotations

import pytest
from django.test import Client

from cim.testing import factories as f
from cim.testing.browser import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_make_use_and_revoke_a_token(page) -> None:  # type: ignore[no-untyped-def]
    edition = f.EditionFactory(year=2030)
    arnhem = f.ParticipationFactory(edition=edition, organisation=f.organisation("GM0202"))
    f.MemberFactory(participation=arnhem, user__email="petra@arnhem.nl", user__name="Petra Penvoerder")

    login(page, "petra@arnhem.nl", f.TEST_PASSWORD)
    page.goto("/api/sleutels/")
    page.get_by_role("heading", name="API-sleutels").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Sleutel maken").click()
    page.get_by_text("Geef de sleutel een naam").wait_for()
    assert_accessible(page)
    page.get_by_label("Naam (waarvoor gebruikt u hem?)").fill("Dashboard")
    page.get_by_role("button", name="Sleutel maken").click()
    key = page.locator("#nieuwe-sleutel").inner_text()
    assert key.startswith("cim_")
    assert_accessible(page)

    script = Client(headers={"Authorization": f"Bearer {key}"})
    assert script.get("/api/v1/me/participations/").json()["results"][0]["id"] == arnhem.pk

    page.get_by_role("button", name="Sleutel Dashboard intrekken").click()
    page.get_by_text("De sleutel is ingetrokken").wait_for()
    assert_accessible(page)
    assert script.get("/api/v1/me/participations/").status_code == 403
