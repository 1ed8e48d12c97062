"""Accounts: two-factor for programme staff, the profile, e-mail records for allauth."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.test import Client

from cim.accounts.totp import totp_current_code
from cim.testing import factories as f
from cim.testing.world import ANALYST, PENVOERDER, SERVICE_DESK

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["servicedesk", "analyst"])
def test_staff_without_totp_are_sent_to_two_factor_setup(role: str) -> None:
    staff = f.StaffFactory(role=role)
    client = Client()
    client.force_login(staff.user)
    for path in ("/dashboard/", "/beheer/edities/", "/account/profiel/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/account/2fa/totp/activate/?verplicht=1", path
    # The set-up page itself, logout and the health check stay reachable.
    assert client.get("/healthz").status_code == 200
    assert client.get("/account/2fa/").status_code == 200


def test_staff_can_set_up_totp_and_then_work(settings) -> None:  # type: ignore[no-untyped-def]
    staff = f.StaffFactory()
    client = Client()
    client.force_login(staff.user)
    # allauth asks to confirm the password first (a recent login), then shows the QR code.
    response = client.get("/account/2fa/totp/activate/", follow=True)
    if "reauthenticate" in response.request["PATH_INFO"]:
        client.post(response.request["PATH_INFO"] + "?next=/account/2fa/totp/activate/", {"password": f.TEST_PASSWORD})
        response = client.get("/account/2fa/totp/activate/")
    assert response.status_code == 200
    secret = client.session["mfa.totp.secret"]
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    if 30 - time.time() % 30 < 5:  # let the code stay valid until the server checks it
        time.sleep(30 - time.time() % 30 + 0.1)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/account/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff.user, type="totp").exists()
    assert client.get("/beheer/edities/").status_code == 200


def test_staff_with_totp_are_allowed(world, client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for(SERVICE_DESK).get("/beheer/edities/").status_code == 200
    assert client_for(ANALYST).get("/dashboard/").status_code == 200
    assert len(totp_current_code(world.user(SERVICE_DESK))) == 6


def test_members_are_not_forced_into_two_factor(world, client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for(PENVOERDER).get("/dashboard/").status_code == 200


def test_login_with_totp_asks_for_the_code(world) -> None:  # type: ignore[no-untyped-def]
    desk = world.user(SERVICE_DESK)
    client = Client()
    response = client.post("/account/login/", {"login": desk.email, "password": f.TEST_PASSWORD})
    assert response["Location"] == "/account/2fa/authenticate/"
    response = client.post("/account/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200  # wrong code: stays, not logged in
    assert client.get("/dashboard/").status_code == 302
    client.post("/account/2fa/authenticate/", {"code": totp_current_code(desk, min_seconds_left=5)})
    assert client.get("/dashboard/").status_code == 200


def test_every_new_user_has_a_primary_email_record() -> None:
    user = f.UserFactory(email="nieuw@arnhem.nl")
    address = EmailAddress.objects.get(user=user)
    assert address.primary
    assert address.email == "nieuw@arnhem.nl"


def test_profile_rejects_bad_input_and_saves_good_input(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(PENVOERDER)
    response = client.post("/account/profiel/", {"name": "x" * 151, "language": "nl"})
    assert "niet meer dan 150 tekens" in response.content.decode()
    response = client.post("/account/profiel/", {"name": "Petra", "language": "fr"})
    assert "Selecteer een geldige keuze" in response.content.decode()
    response = client.post("/account/profiel/", {"name": "  Petra   de   Vries ", "language": "en"})
    assert response.status_code == 302
    assert response.cookies["cim_language"].value == "en"
    user = world.user(PENVOERDER)
    user.refresh_from_db()
    assert (user.name, user.language) == ("Petra de Vries", "en")


def test_open_signup_is_closed() -> None:
    response = Client().post(
        "/account/signup/",
        {"email": "x@y.nl", "password1": "Een-Sterk-Wachtwoord-9", "password2": "Een-Sterk-Wachtwoord-9"},
    )
    assert "Het spijt ons" in response.content.decode()
    assert not EmailAddress.objects.filter(email="x@y.nl").exists()


def test_allauth_pages_use_nl_design_system_and_formal_dutch() -> None:
    import re

    html = Client().get("/account/login/").content.decode()
    login_input = re.search(r'<input[^>]*name="login"[^>]*>', html)[0]  # type: ignore[index]
    assert "utrecht-textbox" in login_input
    reset = Client().get("/account/password/reset/").content.decode()
    assert "Wachtwoord vergeten? Vul hieronder uw e-mailadres in." in reset
    assert not re.search(r"\b(je|jij|jouw)\b", reset)
