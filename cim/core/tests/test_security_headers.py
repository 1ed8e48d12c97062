"""Security headers on every page, the health check, and the session idle setting."""

import pytest
from django.conf import settings
from django.test import Client

from cim.testing.world import PENVOERDER

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/account/login/", "/code/", "/aanmelden/"])
def test_security_headers_on_pages(path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Language"] == "nl"


def test_pages_have_no_inline_script_or_style(world, client_for) -> None:  # type: ignore[no-untyped-def]
    import re

    for path in ("/", "/dashboard/", f"/deelname/{world.participation.pk}/", "/account/profiel/"):
        html = client_for(PENVOERDER).get(path).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert " style=" not in html, path
        assert "<style" not in html, path


def test_healthz_checks_the_database() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_session_expires_after_idle_minutes(world, client_for) -> None:  # type: ignore[no-untyped-def]
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    client = client_for(PENVOERDER)
    html = client.get("/dashboard/").content.decode()
    assert f'data-session-idle="{settings.SESSION_IDLE_MINUTES * 60}"' in html
    assert client.post("/sessie/verlengen/").status_code == 204
    assert Client().post("/sessie/verlengen/").status_code == 401
    # Anonymous pages carry no session timer.
    assert "data-session-idle" not in Client().get("/").content.decode()


def test_language_switch_sets_cookie_and_profile_and_refuses_foreign_redirects(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(PENVOERDER)
    response = client.post("/taal/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert response.cookies["cim_language"].value == "en"
    world.user(PENVOERDER).refresh_from_db()
    assert world.user(PENVOERDER).language == "en"
    page = client.get("/dashboard/")
    assert page["Content-Language"] == "en"
    assert "Welcome, Petra Penvoerder" in page.content.decode()
    client.post("/taal/", {"language": "xx", "next": "/dashboard/"})
    assert client.cookies["cim_language"].value == "en"  # unknown language ignored
