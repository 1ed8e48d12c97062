"""Inactive sessions expire; the page warns before, "Ingelogd blijven" keeps the session, and after
expiry the dialog links to the login page."""

from __future__ import annotations

import pytest

from cim.testing import factories as f
from cim.testing.browser import assert_accessible, login
from cim.testing.world import PENVOERDER, build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
IDLE_SECONDS = 10  # the dialog appears after 5 s (half the idle time when that is under 2 minutes)


@pytest.fixture
def short_sessions(settings):  # type: ignore[no-untyped-def]
    settings.SESSION_IDLE_MINUTES = IDLE_SECONDS / 60
    settings.SESSION_COOKIE_AGE = IDLE_SECONDS


def test_warning_and_stay_logged_in(page, short_sessions) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    login(page, world.user(PENVOERDER).email, f.TEST_PASSWORD)
    page.get_by_role("heading", name="Welkom, Petra Penvoerder").wait_for()
    dialog = page.get_by_role("dialog", name="Blijft u ingelogd?")
    dialog.wait_for(timeout=8_000)
    assert_accessible(page)
    stay = page.get_by_role("button", name="Ingelogd blijven")
    assert stay.evaluate("element => element === document.activeElement")  # focus moves to the action
    stay.click()
    dialog.wait_for(state="hidden")
    # Past the original expiry, the session still lives because it was extended.
    page.wait_for_timeout(6_000)
    page.goto("/dashboard/")
    page.get_by_role("heading", name="Welkom, Petra Penvoerder").wait_for()


def test_session_expires_without_activity(page, short_sessions) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    login(page, world.user(PENVOERDER).email, f.TEST_PASSWORD)
    page.get_by_role("heading", name="Welkom, Petra Penvoerder").wait_for()
    page.get_by_text("U bent automatisch uitgelogd").wait_for(timeout=15_000)
    login_link = page.get_by_role("link", name="Opnieuw inloggen")
    assert login_link.is_visible()
    assert "next=/dashboard/" in (login_link.get_attribute("href") or "")
    assert_accessible(page)
    page.goto("/dashboard/")
    assert "/account/login/" in page.url  # the server agrees: the session is gone
