"""Password and login-code guessing is throttled, without letting an attacker lock out staff;
the session key changes at every login (no session fixation)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from cim.accounts.totp import totp_current_code
from cim.testing.world import PENVOERDER, SERVICE_DESK

pytestmark = pytest.mark.django_db
PASSWORD = "Een-lang-wachtwoord-1"
TOO_MANY = "Te veel mislukte inlogpogingen"


def login(client: Client, email: str, password: str, ip: str = "203.0.113.5"):  # type: ignore[no-untyped-def]
    return client.post("/account/login/", {"login": email, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture
def desk(world):  # type: ignore[no-untyped-def]
    user = world.user(SERVICE_DESK)
    user.set_password(PASSWORD)
    user.save()
    return user


def too_many(response) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code in (200, 429) and (TOO_MANY in response.content.decode() or response.status_code == 429)


def test_password_guessing_is_throttled_per_address(desk) -> None:  # type: ignore[no-untyped-def]
    attacker = Client()
    responses = [login(attacker, desk.email, f"fout-{i}") for i in range(8)]
    assert not too_many(responses[0])
    assert too_many(responses[-1]), "the sixth wrong password from one address is refused"
    # Even the right password is refused from the attacker's address while throttled.
    assert too_many(login(attacker, desk.email, PASSWORD))


def test_an_attacker_cannot_lock_out_staff(desk) -> None:  # type: ignore[no-untyped-def]
    for i in range(12):
        login(Client(), desk.email, f"fout-{i}", ip="203.0.113.66")
    # The staff member, from the office, logs in as usual (password, then the TOTP code).
    client = Client()
    response = login(client, desk.email, PASSWORD, ip="198.51.100.7")
    assert response.status_code == 302, response.content.decode()[:500]
    response = client.post(response["Location"], {"code": totp_current_code(desk)}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 200


def test_addresses_behind_the_proxy_are_told_apart(desk, settings) -> None:  # type: ignore[no-untyped-def]
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for i in range(12):
        Client().post(
            "/account/login/",
            {"login": desk.email, "password": f"fout-{i}"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.66",
        )
    response = Client().post(
        "/account/login/",
        {"login": desk.email, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 302


def test_login_code_guessing_is_throttled_without_locking_anything(world) -> None:  # type: ignore[no-untyped-def]
    limit = settings.LOGIN_CODE_ATTEMPTS_PER_15_MIN
    attacker = Client()
    for _ in range(limit):
        response = attacker.post("/code/", {"code": "ACDE-FGHJ-KMNP-RTWX-YACD"}, REMOTE_ADDR="203.0.113.9")
        assert "Te veel pogingen" not in response.content.decode()
    response = attacker.post("/code/", {"code": "ACDE-FGHJ-KMNP-RTWX-YACD"}, REMOTE_ADDR="203.0.113.9")
    assert "Te veel pogingen" in response.content.decode()
    # A fresh session from the same address is throttled too (the limit is per address as well).
    response = Client().post("/code/", {"code": "ACDE-FGHJ-KMNP-RTWX-YACD"}, REMOTE_ADDR="203.0.113.9")
    assert "Te veel pogingen" in response.content.decode()
    # The real penvoerder elsewhere is not affected: the code still works.
    response = Client().post("/code/", {"code": "X" * 20}, REMOTE_ADDR="198.51.100.7")
    assert "Te veel pogingen" not in response.content.decode()


def test_session_key_changes_at_password_login(world) -> None:  # type: ignore[no-untyped-def]
    user = world.user(PENVOERDER)
    user.set_password(PASSWORD)
    user.save()
    client = Client()
    client.post("/code/", {"code": "fout"})  # the attacker plants a session before the victim logs in
    planted = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert planted
    assert login(client, user.email, PASSWORD).status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != planted
    attacker = Client()
    attacker.cookies[settings.SESSION_COOKIE_NAME] = planted
    assert attacker.get("/dashboard/").status_code == 302  # the planted session is not logged in


def test_session_key_changes_when_a_login_code_creates_an_account(world) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    assert client.post("/code/", {"code": "X" * 20}).status_code == 302
    planted = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = client.post(
        "/code/account/",
        {"name": "Nieuwe Penvoerder", "email": "nieuw@arnhem.nl", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()[:300]
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != planted
    attacker = Client()
    attacker.cookies[settings.SESSION_COOKIE_NAME] = planted
    assert attacker.get("/dashboard/").status_code == 302


def test_session_key_changes_after_the_second_factor(desk) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    response = login(client, desk.email, PASSWORD)
    halfway = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = client.post(response["Location"], {"code": totp_current_code(desk)})
    assert response.status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != halfway
