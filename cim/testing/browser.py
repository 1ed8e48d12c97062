"""Browser tests: Playwright driving the system Chromium (/usr/bin/chromium), never a download.

Without Chromium the browser tests are skipped with a reason, unless CIM_REQUIRE_BROWSER=1 (CI),
where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = os.environ.get("CIM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which(CHROMIUM) is not None


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    _restore_reference_data(items)
    if chromium_available() or os.environ.get("CIM_REQUIRE_BROWSER") == "1":
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}: apt-get install chromium, or set CIM_CHROMIUM")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


def _restore_reference_data(items: list[Any]) -> None:
    """Browser tests run in transactions that end with a flush of every table, reference data
    (organisations, tags) included. Asking for serialized rollback makes pytest-django snapshot the
    database right after the migrations; `page` puts that snapshot back before each browser test,
    so that any number of them can run in any order."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if "e2e" in item.keywords and marker is not None and not marker.kwargs.get("serialized_rollback"):
            item.add_marker(pytest.mark.django_db(*marker.args, **{**marker.kwargs, "serialized_rollback": True}))


_SNAPSHOTS: dict[str, str] = {}


def _keep_snapshots() -> None:
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            _SNAPSHOTS.setdefault(connection.alias, contents)


def _reload_snapshots() -> None:
    """Once Playwright runs, database connections live in its context and lack pytest-django's
    snapshot, so Django's own restore is skipped; reload it (saving existing rows is harmless)."""
    from django.db import connections

    for alias, contents in _SNAPSHOTS.items():
        connection = connections[alias]
        if not hasattr(connection, "_test_serialized_contents"):
            connection.creation.deserialize_db_from_string(contents)
            connection._test_serialized_contents = contents  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def browser(django_db_setup: None, django_db_blocker: Any) -> Iterator[Any]:
    with django_db_blocker.unblock():
        _keep_snapshots()
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_server: Any, transactional_db: None) -> Iterator[Any]:
    _reload_snapshots()
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """WCAG 2.1 A/AA violations that axe-core finds on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}},
    )
    return results.response["violations"]


def assert_accessible(page: Any) -> None:
    violations = axe_violations(page)
    summary = [
        f"{v['id']} ({v['impact']}): {v['help']} – " + ", ".join(str(n["target"]) for n in v["nodes"][:3])
        for v in violations
    ]
    assert not violations, f"axe on {page.url}:\n" + "\n".join(summary)


def login(page: Any, email: str, password: str) -> None:
    page.goto("/account/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
