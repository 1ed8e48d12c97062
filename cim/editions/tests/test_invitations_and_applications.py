"""Invitations of colleagues and public applications to take part (honeypot, rate limit)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from cim.audit.models import AuditEntry
from cim.core.errors import DomainError
from cim.editions.models import Invitation, Participation, ParticipationApplication, ParticipationMember
from cim.editions.services import applications as application_services
from cim.editions.services import invitations as services
from cim.testing import factories as f

pytestmark = pytest.mark.django_db
PASSWORD = "Een-Sterk-Wachtwoord-9"


@pytest.fixture
def penvoerder():  # type: ignore[no-untyped-def]
    return f.MemberFactory(user__name="Petra Penvoerder")


def test_invitation_is_mailed_and_accepted_with_a_new_account(penvoerder, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(penvoerder.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/deelname/{penvoerder.participation.pk}/uitnodigen/", {"name": "Coen", "email": "Coen@Arnhem.nl"}
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["Coen <coen@arnhem.nl>"]
    assert "Petra Penvoerder nodigt u uit" in message.body
    link = next(line for line in message.body.splitlines() if "/uitnodiging/" in line)
    path = link[link.index("/uitnodiging/") :]
    assert Invitation.objects.get().token_hash not in message.body

    guest = Client()
    page = guest.get(path)
    assert "Maak een account aan" in page.content.decode()
    response = guest.post(
        path, {"name": "Coen Collega", "password1": PASSWORD, "password2": PASSWORD, "email": "x@evil.nl"}
    )
    assert response["Location"] == "/dashboard/"
    member = ParticipationMember.objects.get(role="contributor", is_active=True)
    assert member.user.email == "coen@arnhem.nl"  # the invited address, not what was posted
    assert member.user.emailaddress_set.get().verified  # the link proved the address
    assert AuditEntry.objects.filter(action="invitation.accepted").exists()
    # The link works once.
    assert "al gebruikt" in Client().get(path).content.decode()


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ("expired", "Deze uitnodiging is verlopen"),
        ("revoked", "Deze uitnodiging is ingetrokken"),
        ("unknown", "Deze uitnodiging kennen wij niet"),
        ("withdrawn", "Deze deelname is niet meer actief"),
    ],
)
def test_bad_invitation_links_say_why(penvoerder, state: str, message: str) -> None:  # type: ignore[no-untyped-def]
    sent = services.invitation_create(
        actor=penvoerder.user, participation=penvoerder.participation, name="Coen", email="coen@arnhem.nl"
    )
    token = sent.token
    if state == "expired":
        Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    elif state == "revoked":
        services.invitation_revoke(actor=penvoerder.user, invitation=sent.invitation)
    elif state == "unknown":
        token = "x" * 43
    elif state == "withdrawn":
        Participation.objects.update(status="withdrawn")
    response = Client().get(f"/uitnodiging/{token}/")
    assert response.status_code == 404
    assert message in response.content.decode()


def test_invite_refuses_existing_members_and_reinvite_replaces_the_old_link(penvoerder) -> None:  # type: ignore[no-untyped-def]
    participation = penvoerder.participation
    with pytest.raises(DomainError, match="werkt al mee"):
        services.invitation_create(
            actor=penvoerder.user, participation=participation, name="Ik", email=penvoerder.user.email
        )
    first = services.invitation_create(
        actor=penvoerder.user, participation=participation, name="Coen", email="coen@a.nl"
    )
    services.invitation_create(actor=penvoerder.user, participation=participation, name="Coen", email="COEN@a.nl")
    first.invitation.refresh_from_db()
    assert first.invitation.revoked_at is not None
    with pytest.raises(DomainError, match="ingetrokken"):
        services.invitation_check(token=first.token)


def test_contributor_cannot_invite(penvoerder) -> None:  # type: ignore[no-untyped-def]
    colleague = f.MemberFactory(participation=penvoerder.participation, role="contributor").user
    client = Client()
    client.force_login(colleague)
    response = client.post(f"/deelname/{penvoerder.participation.pk}/uitnodigen/", {"name": "X", "email": "x@a.nl"})
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def application_data(edition, **overrides):  # type: ignore[no-untyped-def]
    data = {
        "edition": edition.pk,
        "organisation": f.organisation("GM0228").pk,
        "contact_name": "Eva Ede",
        "contact_email": "eva@ede.nl",
        "takes_monitor": "on",
        "takes_masterclasses": "on",
        "message": "Graag!",
        "website": "",
    }
    data.update(overrides)
    return data


def test_application_is_stored_confirmed_and_approved(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    desk = f.StaffFactory()
    edition = f.EditionFactory(programme=desk.programme)
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post("/aanmelden/", application_data(edition))
    assert response["Location"] == "/aanmelden/ontvangen/"
    application = ParticipationApplication.objects.get()
    assert mail.outbox[0].subject == "Aanmelding ontvangen: Ede"
    with django_capture_on_commit_callbacks(execute=True):
        participation = application_services.application_approve(actor=desk.user, application=application)
    assert participation.organisation.cbs_code == "GM0228"
    assert participation.contact_email == "eva@ede.nl"
    assert mail.outbox[-1].subject == "Welkom: Ede doet mee"
    with pytest.raises(DomainError, match="al beoordeeld"):
        application_services.application_decline(actor=desk.user, application=application, reason="Te laat")


def test_decline_needs_a_reason_that_the_applicant_reads(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    desk = f.StaffFactory()
    application = ParticipationApplication.objects.create(
        edition=f.EditionFactory(programme=desk.programme),
        organisation=f.organisation("GM0228"),
        contact_name="Eva",
        contact_email="eva@ede.nl",
    )
    with pytest.raises(DomainError, match="Geef een reden op"):
        application_services.application_decline(actor=desk.user, application=application, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        application_services.application_decline(actor=desk.user, application=application, reason="Alleen Gelderland")
    assert "Alleen Gelderland" in mail.outbox[0].body
    assert not Participation.objects.exists()


def test_honeypot_pretends_success_and_stores_nothing() -> None:
    edition = f.EditionFactory()
    response = Client().post("/aanmelden/", application_data(edition, website="http://spam.example"))
    assert response["Location"] == "/aanmelden/ontvangen/"
    assert not ParticipationApplication.objects.exists()
    assert not mail.outbox


def test_applications_are_rate_limited_per_address() -> None:
    edition = f.EditionFactory()
    codes = ["GM0228", "GM0268", "GM0301", "GM0200", "GM0197", "GM0203"]
    for code in codes[:5]:
        Client().post(
            "/aanmelden/", application_data(edition, organisation=f.organisation(code).pk), REMOTE_ADDR="198.51.100.1"
        )
    response = Client().post(
        "/aanmelden/", application_data(edition, organisation=f.organisation(codes[5]).pk), REMOTE_ADDR="198.51.100.1"
    )
    assert "U heeft al meerdere aanmeldingen gedaan" in response.content.decode()
    assert ParticipationApplication.objects.count() == 5
    other = Client().post(
        "/aanmelden/", application_data(edition, organisation=f.organisation(codes[5]).pk), REMOTE_ADDR="198.51.100.2"
    )
    assert other.status_code == 302


def test_duplicate_application_and_closed_edition_are_refused() -> None:
    edition = f.EditionFactory()
    Client().post("/aanmelden/", application_data(edition))
    response = Client().post("/aanmelden/", application_data(edition))
    assert "is al een aanmelding ontvangen" in response.content.decode()
    assert ParticipationApplication.objects.count() == 1
    with pytest.raises(DomainError, match="niet meer mogelijk"):
        application_services.application_submit(
            edition=f.EditionFactory(status="closed"),
            organisation=f.organisation("GM0228"),
            contact_name="Eva",
            contact_email="eva@ede.nl",
        )


def test_script_payloads_are_escaped_in_html_mail_and_pages(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    payload = "<script>alert('x')</script>"
    edition = f.EditionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/aanmelden/", application_data(edition, contact_name=payload, message=payload))
    (message,) = mail.outbox
    html = message.alternatives[0].content
    assert payload not in html
    assert "&lt;script&gt;" in html
    assert payload in message.body  # plain text is not HTML: shown as typed, never run
    desk = f.StaffFactory(programme=edition.programme)
    from cim.accounts.totp import totp_activate

    totp_activate(desk.user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client = Client()
    client.force_login(desk.user)
    page = client.get(f"/beheer/aanmeldingen/{ParticipationApplication.objects.get().pk}/").content.decode()
    assert payload not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_over_long_names_get_a_message_and_change_nothing() -> None:
    edition = f.EditionFactory()
    response = Client().post("/aanmelden/", application_data(edition, contact_name="x" * 151, message="y" * 2001))
    content = response.content.decode()
    assert response.status_code == 200
    assert "niet meer dan 150 tekens" in content
    assert "niet meer dan 2000 tekens" in content
    assert not ParticipationApplication.objects.exists()
