"""Login codes: issue, revoke, re-issue; redeeming with every kind of bad code; throttling that
never locks an account."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from cim.access.scoping import actor_of
from cim.audit.models import AuditEntry
from cim.core.errors import DomainError
from cim.editions.codes import hash_secret, normalise_code
from cim.editions.models import LoginCode, ParticipationMember
from cim.editions.services import login_codes as services
from cim.testing import factories as f

pytestmark = pytest.mark.django_db
REDEEM = "/code/"


@pytest.fixture
def desk():  # type: ignore[no-untyped-def]
    return f.StaffFactory().user


@pytest.fixture
def participation(desk):  # type: ignore[no-untyped-def]
    return f.ParticipationFactory(edition__programme=desk.programme_roles.get().programme, contact_name="Petra")


def test_code_is_stored_hashed_and_mailed_once(desk, participation, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        issued = services.login_code_issue(actor=desk, participation=participation, send_to="petra@arnhem.nl")
    stored = LoginCode.objects.get()
    assert stored.code_hash == hash_secret(normalise_code(issued.code))
    assert issued.code not in str(list(LoginCode.objects.values()))
    assert stored.expires_at - timezone.now() > dt.timedelta(days=29)
    (message,) = mail.outbox
    assert message.to == ["Petra <petra@arnhem.nl>"]
    assert issued.code in message.body
    entry = AuditEntry.objects.get(action="logincode.issued")
    assert issued.code not in str(entry.details)


def test_reissue_revokes_earlier_unused_codes(desk, participation) -> None:  # type: ignore[no-untyped-def]
    first = services.login_code_issue(actor=desk, participation=participation)
    second = services.login_code_issue(actor=desk, participation=participation)
    first.login_code.refresh_from_db()
    assert first.login_code.state == "revoked"
    assert second.login_code.state == "valid"
    with pytest.raises(services.CodeRejected) as caught:
        services.login_code_check(code=first.code)
    assert caught.value.code == "revoked"
    assert services.login_code_check(code=second.code.lower()).pk == second.login_code.pk


def test_revoke(desk, participation) -> None:  # type: ignore[no-untyped-def]
    issued = services.login_code_issue(actor=desk, participation=participation)
    services.login_code_revoke(actor=desk, login_code=issued.login_code)
    with pytest.raises(DomainError, match="niet meer geldig"):
        services.login_code_revoke(actor=desk, login_code=issued.login_code)
    assert AuditEntry.objects.filter(action="logincode.revoked").count() == 1


def test_no_codes_for_withdrawn_participations_or_archived_editions(desk, participation) -> None:  # type: ignore[no-untyped-def]
    participation.status = "withdrawn"
    participation.save()
    with pytest.raises(DomainError, match="teruggetrokken"):
        services.login_code_issue(actor=desk, participation=participation)
    archived = f.ParticipationFactory(edition__status="archived")
    with pytest.raises(DomainError, match="gearchiveerde"):
        services.login_code_issue(actor=desk, participation=archived)
    assert not LoginCode.objects.exists()


def test_bulk_issue_by_email_skips_participations_without_address(desk, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    edition = f.EditionFactory(programme=desk.programme_roles.get().programme)
    with_mail = f.ParticipationFactory(edition=edition, organisation=f.organisation("GM0202"))
    without = f.ParticipationFactory(edition=edition, organisation=f.organisation("GM0268"), contact_email="")
    with django_capture_on_commit_callbacks(execute=True):
        result = services.login_codes_issue_bulk(actor=desk, participations=[with_mail, without], by_email=True)
    assert [i.participation for i in result.issued] == [with_mail]
    assert result.skipped_without_email == [without]
    assert len(mail.outbox) == 1


def post_code(client: Client, code: str, **extra):  # type: ignore[no-untyped-def]
    return client.post(REDEEM, {"code": code}, **extra)


def test_redeem_creates_account_and_makes_penvoerder(desk, participation) -> None:  # type: ignore[no-untyped-def]
    old = f.MemberFactory(participation=participation)
    issued = services.login_code_issue(actor=desk, participation=participation)
    client = Client()
    response = post_code(client, issued.code.lower().replace("-", " "))
    assert response.status_code == 302
    assert response["Location"] == "/code/account/"
    page = client.get("/code/account/")
    assert "Uw code is geldig" in page.content.decode()
    response = client.post(
        "/code/account/",
        {
            "name": "Petra",
            "email": "Petra@Arnhem.nl",
            "password1": "Een-Sterk-Wachtwoord-9",
            "password2": "Een-Sterk-Wachtwoord-9",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    member = ParticipationMember.objects.get(participation=participation, is_active=True, role="penvoerder")
    assert member.user.email == "petra@arnhem.nl"
    old.refresh_from_db()
    assert not old.is_active  # the previous penvoerder's role ended and stays as history
    issued.login_code.refresh_from_db()
    assert issued.login_code.state == "redeemed"
    assert issued.login_code.redeemed_by == member.user
    assert AuditEntry.objects.filter(action="logincode.redeemed").exists()
    # Single use.
    response = post_code(Client(), issued.code)
    assert "Deze code is al gebruikt" in response.content.decode()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p, d: "ABCD", "Dit is geen geldige code"),
        (lambda p, d: "<script>alert(1)</script>", "Dit is geen geldige code"),
        (lambda p, d: "X" * 5000, "niet meer dan 40 tekens"),
        (lambda p, d: "ACDE-FGHJ-KMNP-RTWX-YACD", "Deze code kennen wij niet"),
        ("expired", "Deze code is verlopen"),
        ("revoked", "Deze code is ingetrokken"),
        ("redeemed", "Deze code is al gebruikt"),
        ("withdrawn", "Deze deelname is niet meer actief"),
    ],
)
def test_redeem_refuses_bad_codes_with_a_clear_message(desk, participation, make, message) -> None:  # type: ignore[no-untyped-def]
    if callable(make):
        code = make(participation, desk)
    else:
        issued = services.login_code_issue(actor=desk, participation=participation)
        code = issued.code
        if make == "expired":
            LoginCode.objects.filter(pk=issued.login_code.pk).update(
                expires_at=timezone.now() - dt.timedelta(seconds=1)
            )
        elif make == "revoked":
            services.login_code_revoke(actor=desk, login_code=issued.login_code)
        elif make == "redeemed":
            services.login_code_redeem(login_code_id=issued.login_code.pk, user=f.UserFactory())
        elif make == "withdrawn":
            participation.status = "withdrawn"
            participation.save()
    members_before = ParticipationMember.objects.count()
    client = Client()
    response = post_code(client, code)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert ParticipationMember.objects.count() == members_before
    assert client.get("/code/account/")["Location"] == "/code/"  # nothing was accepted


def test_foreign_organisation_member_and_staff_cannot_take_a_code(desk, participation) -> None:  # type: ignore[no-untyped-def]
    issued = services.login_code_issue(actor=desk, participation=participation)
    foreign = f.MemberFactory(participation__organisation=f.organisation("GM0268")).user
    client = Client()
    client.force_login(foreign)
    response = post_code(client, issued.code)
    assert "hoort bij een andere organisatie" in response.content.decode()
    client.force_login(desk)
    response = post_code(client, issued.code, follow=False)
    assert response.status_code in (200, 302)
    with pytest.raises(services.CodeRejected) as caught:
        services.login_code_redeem(login_code_id=issued.login_code.pk, user=desk)
    assert caught.value.code == "foreign"
    issued.login_code.refresh_from_db()
    assert issued.login_code.state == "valid"


def test_logged_in_member_of_same_organisation_confirms(desk, participation) -> None:  # type: ignore[no-untyped-def]
    earlier = f.MemberFactory(
        participation__edition__programme=participation.edition.programme,
        participation__edition__year=2020,
        participation__organisation=participation.organisation,
    ).user
    issued = services.login_code_issue(actor=desk, participation=participation)
    client = Client()
    client.force_login(earlier)
    post_code(client, issued.code)
    assert "Penvoerder worden" in client.get("/code/account/").content.decode()
    response = client.post("/code/account/")
    assert response["Location"] == "/dashboard/"
    assert participation.pk in actor_of(type(earlier).objects.get(pk=earlier.pk)).memberships


def test_guessing_is_throttled_per_session(settings, desk, participation) -> None:  # type: ignore[no-untyped-def]
    settings.LOGIN_CODE_ATTEMPTS_PER_15_MIN = 3
    issued = services.login_code_issue(actor=desk, participation=participation)
    client = Client()
    for i in range(3):
        # Different addresses: only the session counter reaches the limit.
        post_code(client, "ACDE-FGHJ-KMNP-RTWX-YAC" + "DEF"[i], REMOTE_ADDR=f"10.0.0.{i}")
    response = post_code(client, issued.code, REMOTE_ADDR="10.0.0.9")
    assert "Te veel pogingen" in response.content.decode()
    assert client.get("/code/account/")["Location"] == "/code/"  # even the right code is refused now
    # A fresh session from another address is not affected: nobody is locked out.
    assert post_code(Client(), issued.code, REMOTE_ADDR="10.0.0.10")["Location"] == "/code/account/"


def test_guessing_is_throttled_per_ip_without_locking_accounts(settings, desk, participation) -> None:  # type: ignore[no-untyped-def]
    settings.LOGIN_CODE_ATTEMPTS_PER_15_MIN = 3
    issued = services.login_code_issue(actor=desk, participation=participation)
    for _ in range(3):
        post_code(Client(), "ACDE-FGHJ-KMNP-RTWX-YACD", REMOTE_ADDR="192.0.2.7")  # new session each time
    response = post_code(Client(), issued.code, REMOTE_ADDR="192.0.2.7")
    assert "Te veel pogingen" in response.content.decode()
    # The code itself still works from elsewhere, and existing accounts can still log in.
    assert post_code(Client(), issued.code, REMOTE_ADDR="192.0.2.8")["Location"] == "/code/account/"
    issued.login_code.refresh_from_db()
    assert issued.login_code.state == "valid"
    user = f.UserFactory(email="bestaand@arnhem.nl")
    login = Client(REMOTE_ADDR="192.0.2.7").post("/account/login/", {"login": user.email, "password": f.TEST_PASSWORD})
    assert login.status_code == 302


def test_session_step_expires_and_ignores_tampering(desk, participation) -> None:  # type: ignore[no-untyped-def]
    issued = services.login_code_issue(actor=desk, participation=participation)
    client = Client()
    post_code(client, issued.code)
    session = client.session
    session["redeem_code"] = {"id": "1 OR 1=1", "at": 0}
    session.save()
    response = client.get("/code/account/")
    assert response["Location"] == "/code/"
