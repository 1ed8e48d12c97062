"""The staff lifecycle of an edition in the browser, with the server's clock moved forward by
time-machine (the live server runs in this process): prepare → open on its date → close →
reopen → close → release on the feedback moment → publish statistics. Each jump ends the
session, so the service desk logs in again, as it would."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from cim.audit.models import AuditEntry
from cim.disclosure.models import PublishedTable
from cim.editions.models import Edition
from cim.scoring.tests.factories import participants
from cim.statistics.tests.conftest import gelderland_codes
from cim.testing.browser import assert_accessible, login_with_totp
from cim.testing.factories import TEST_PASSWORD
from cim.testing.world import SERVICE_DESK, build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AMS = ZoneInfo("Europe/Amsterdam")


def local(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=AMS)


def take_step(page, label: str, reason: str = "") -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name=label, exact=True).click()
    page.get_by_role("heading", name=f"{label}: ").wait_for()
    assert_accessible(page)
    if reason:
        page.get_by_label("Reden").fill(reason)
    page.get_by_role("button", name=label, exact=True).click()


def test_the_service_desk_takes_an_edition_through_its_year(page) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    desk = world.user(SERVICE_DESK)
    today = timezone.localdate()
    opens, deadline = today + dt.timedelta(days=10), today + dt.timedelta(days=40)
    results = today + dt.timedelta(days=55)
    year = today.year + 20  # free in the world's programme

    # Prepare: a new edition with its timeline and a results moment.
    login_with_totp(page, desk, TEST_PASSWORD)
    page.goto("/beheer/edities/nieuw/")
    page.get_by_label("Jaar").fill(str(year))
    page.get_by_label("Titel", exact=True).fill(f"Monitor {year}")
    page.get_by_label("Open vanaf").fill(f"{opens.isoformat()}T09:00")
    page.get_by_label("Uiterste inleverdatum").fill(f"{deadline.isoformat()}T17:00")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De editie is aangemaakt.").wait_for()
    edition = Edition.objects.get(programme=world.programme, year=year)
    page.get_by_text("Terugkoppelmoment toevoegen").click()
    page.get_by_label("Datum").fill(results.isoformat())
    page.get_by_label("Soort").select_option("results")
    page.get_by_label("Omschrijving", exact=True).fill("Resultaten aan de penvoerders")
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_text("Het terugkoppelmoment is toegevoegd.").wait_for()
    # Opening now, ten days early, asks for a reason first.
    page.get_by_role("link", name="Editie openen", exact=True).click()
    assert "Eerder openen kan alleen met een reden" in page.locator("main").inner_text()

    # On its opening day it opens without one.
    with time_machine.travel(local(opens, 9) + dt.timedelta(minutes=5), tick=True):
        login_with_totp(page, desk, TEST_PASSWORD)
        page.goto(f"/beheer/edities/{edition.pk}/")
        take_step(page, "Editie openen")
        page.get_by_text("De status is nu: open voor invullen.").wait_for()
        participants(edition, ["GM0202", "GM0268", *gelderland_codes()[6:32]])  # 28 municipalities submit

    # After the deadline: close, reopen for a correction with a new deadline, close again.
    with time_machine.travel(local(deadline, 18), tick=True):
        login_with_totp(page, desk, TEST_PASSWORD)
        page.goto(f"/beheer/edities/{edition.pk}/")
        take_step(page, "Editie sluiten")
        page.get_by_text("De status is nu: gesloten.").wait_for()
        take_step(page, "Editie heropenen", reason="Correctie van Arnhem")
        assert "Geef een nieuwe inleverdatum op." in page.locator("main").inner_text()
        assert_accessible(page)
        page.get_by_label("Nieuwe inleverdatum").fill(f"{(deadline + dt.timedelta(days=5)).isoformat()}T17:00")
        page.get_by_role("button", name="Editie heropenen", exact=True).click()
        page.get_by_text("De status is nu: open voor invullen.").wait_for()
        take_step(page, "Editie sluiten", reason="Correctie is binnen")
        page.get_by_text("De status is nu: gesloten.").wait_for()
        # Releasing before the results moment asks for a reason; the desk waits instead.
        page.get_by_role("link", name="Resultaten vrijgeven", exact=True).click()
        assert "Eerder vrijgeven kan alleen met een reden" in page.locator("main").inner_text()

    # On the feedback moment: release the results and publish the statistics.
    with time_machine.travel(local(results, 10), tick=True):
        login_with_totp(page, desk, TEST_PASSWORD)
        page.goto(f"/beheer/edities/{edition.pk}/")
        take_step(page, "Resultaten vrijgeven")
        page.get_by_text("De status is nu: resultaten vrijgegeven.").wait_for()
        assert page.get_by_role("link", name="Editie heropenen").count() == 0
        page.goto(f"/beheer/statistieken/{edition.pk}/")
        assert "Geslaagd" in page.get_by_role("region", name="Controle op herleidbaarheid").inner_text()
        page.get_by_role("button", name="Statistieken publiceren").click()
        page.get_by_text("De statistieken zijn gepubliceerd").wait_for()
    assert PublishedTable.objects.filter(edition=edition).exists()
    assert Edition.objects.get(pk=edition.pk).status == "released"
    entries = list(
        AuditEntry.objects.filter(action="edition.status_changed", object_id=str(edition.pk))
        .order_by("pk")
        .values_list("details", "reason")
    )
    assert [details["to"] for details, _ in entries] == ["open", "closed", "open", "closed", "released"]
    assert [reason for _, reason in entries] == ["", "", "Correctie van Arnhem", "Correctie is binnen", ""]
