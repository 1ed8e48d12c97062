"""Inviting colleagues for chosen sections; the demo data."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from cim.editions.models import Edition, Invitation, Participation, ParticipationMember, ScanStatus
from cim.editions.services.invitations import invitation_accept
from cim.scan.models import Submission
from cim.testing import factories as f

pytestmark = pytest.mark.django_db


def test_penvoerder_invites_a_colleague_for_chosen_sections(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    page = client.get(reverse("editions:participation", args=[world.participation.pk])).content.decode()
    assert "Onderdelen die uw collega mag invullen" in page
    assert "5. Inkoopcategorieën" in page
    response = client.post(
        reverse("editions:invite", args=[world.participation.pk]),
        {"name": "Ingrid Inkoop", "email": "ingrid@arnhem.nl", "sections": ["categories", "projects"]},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="ingrid@arnhem.nl")
    assert invitation.sections == ["categories", "projects"]
    member = invitation_accept(token=_token_for(invitation), user=f.UserFactory(email="ingrid@arnhem.nl"))
    assert member.sections == ["categories", "projects"]
    team = client.get(reverse("editions:participation", args=[world.participation.pk])).content.decode()
    assert "5. Inkoopcategorieën, 7. Projecten" in team


def test_unknown_sections_are_refused(world, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("penvoerder").post(
        reverse("editions:invite", args=[world.participation.pk]),
        {"name": "X", "email": "x@arnhem.nl", "sections": ["admin"]},
    )
    assert response.status_code == 400
    assert not Invitation.objects.filter(email="x@arnhem.nl").exists()


def _token_for(invitation: Invitation) -> str:
    from cim.editions.codes import generate_token, hash_secret

    token = generate_token()
    invitation.token_hash = hash_secret(token)
    invitation.save()
    return token


def test_demo_has_complete_closed_editions_and_a_partial_open_one() -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    oldest, previous, latest = sorted(Edition.objects.values_list("year", flat=True))
    for year in (oldest, previous):
        statuses = set(Participation.objects.filter(edition__year=year).values_list("scan_status", flat=True))
        assert statuses == {ScanStatus.SUBMITTED}
    current = list(Participation.objects.filter(edition__year=latest).values_list("scan_status", "scan_progress"))
    assert {s for s, _ in current} >= {ScanStatus.NOT_STARTED, ScanStatus.IN_PROGRESS}
    assert len({p for _, p in current}) > 5  # varied progress
    arnhem = Submission.objects.get(
        response__participation__edition__year=previous, response__participation__organisation__cbs_code="GM0202"
    )
    rozendaal = Submission.objects.filter(response__participation__organisation__cbs_code="GM0277").first()
    spend = float(arnhem.answers["procurement_spend_total"])
    assert 150_000_000 < spend < 600_000_000
    if rozendaal is not None:
        assert float(rozendaal.answers["procurement_spend_total"]) < 10_000_000
    before = Submission.objects.count()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Submission.objects.count() == before
    assert ParticipationMember.objects.filter(role="contributor").exists()
