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
    if chromium_available() or os.environ.get("CIM_REQUIRE_BROWSER") == "1":
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}: apt-get install chromium, or set CIM_CHROMIUM")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
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


def login_with_totp(page: Any, user: Any, password: str) -> None:
    """Log in a programme staff member: password, then the current TOTP code."""
    from cim.accounts.totp import totp_current_code

    login(page, user.email, password)
    page.get_by_label("Code", exact=True).fill(totp_current_code(user, min_seconds_left=8))
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name=f"Welkom, {user.display_name}").wait_for(timeout=20_000)


def visit(page: Any, path: str) -> Any:
    """Open a page, check that it rendered (no server error) and that axe finds nothing."""
    response = page.goto(path)
    assert response is not None, path
    assert response.status < 400, f"{path}: HTTP {response.status}"
    assert_accessible(page)
    return response


def accept_confirmations(page: Any) -> None:
    """Buttons with data-confirm ask with window.confirm; answer yes."""
    page.on("dialog", lambda dialog: dialog.accept())
