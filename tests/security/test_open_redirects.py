"""Open redirects: no parameter sends a visitor to another site. Every URL of the project, as a
role that may use it, with every name a return address goes by (`next`, `terug`, `back`, …) set to
foreign addresses; plus the real login, logout and language switch."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from django.test import Client

from cim.testing.world import ANONYMOUS, PENVOERDER, World
from tests.security.walk import targets

pytestmark = pytest.mark.django_db

EVIL = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example", "\\\\evil.example"]
PARAMETERS = ["next", "terug", "back", "redirect_to", "return_to", "url"]


def is_local(location: str) -> bool:
    parsed = urlparse(location)
    if parsed.scheme or parsed.netloc not in ("", "testserver"):
        return parsed.netloc == "testserver"
    return location.startswith("/") and not location.startswith(("//", "/\\"))


def redirect_failures(world: World) -> list[str]:
    failures = []
    for target in targets(world):
        method = target.case.method if target.case else "get"
        role = target.roles_ok[0] if target.roles_ok else ANONYMOUS
        for evil in EVIL:
            client = Client()
            user = world.user(role)
            if user is not None:
                client.force_login(user)
            params = dict.fromkeys(PARAMETERS, evil)
            data = {**(target.case.data(world) if target.case and method == "post" else {}), **params}
            path = target.path + ("?" + "&".join(f"{k}={evil}" for k in PARAMETERS) if method == "post" else "")
            response = getattr(client, method)(path, data=data)
            location = response.get("Location", "")
            if location and not is_local(location):
                failures.append(f"{method.upper()} {target.url_name} as {role} -> {location}")
            body = (
                response.content.decode(errors="replace")
                if response.get("Content-Type", "").startswith("text/html")
                else ""
            )
            if 'href="https://evil.example' in body or 'href="//evil.example' in body:
                failures.append(f"{method.upper()} {target.url_name} as {role}: link to evil.example in the page")
    return failures


def test_no_parameter_redirects_to_another_site(world) -> None:  # type: ignore[no-untyped-def]
    failures = redirect_failures(world)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("evil", EVIL)
def test_login_and_logout_only_return_to_our_own_pages(world, evil: str) -> None:  # type: ignore[no-untyped-def]
    user = world.user(PENVOERDER)
    user.set_password("Een-lang-wachtwoord-1")
    user.save()
    client = Client()
    response = client.post(
        f"/account/login/?next={evil}", {"login": user.email, "password": "Een-lang-wachtwoord-1", "next": evil}
    )
    assert response.status_code == 302
    assert is_local(response["Location"]), response["Location"]
    assert "_auth_user_id" in client.session
    response = client.post("/account/logout/", {"next": evil})
    assert is_local(response["Location"]), response["Location"]


@pytest.mark.parametrize("evil", EVIL)
def test_language_switch_only_returns_to_our_own_pages(evil: str) -> None:
    response = Client().post("/taal/", {"language": "en", "next": evil})
    assert response["Location"] == "/"


def test_the_walk_notices_an_open_redirect(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Proof that the walk can fail: with the check on the language switch removed, it finds it."""
    monkeypatch.setattr("cim.portal.views.url_has_allowed_host_and_scheme", lambda *a, **k: True)
    assert any("portal:set_language" in f for f in redirect_failures(world))


def test_local_return_paths_still_work(world) -> None:  # type: ignore[no-untyped-def]
    response = Client().post("/taal/", {"language": "en", "next": "/evenementen/?x=1"})
    assert response["Location"] == "/evenementen/?x=1"
