"""Personal API tokens: made and revoked by the penvoerder, used as `Authorization: Bearer`."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cim.api.models import ApiToken
from cim.api.tokens import MAX_ACTIVE, token_create, token_revoke
from cim.audit.models import AuditEntry
from cim.core.errors import DomainError
from cim.testing.world import CONTRIBUTOR, FOREIGN_PENVOERDER, PENVOERDER, SERVICE_DESK

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/participations/"


def bearer(key: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {key}"})


def test_a_token_reads_the_own_data_api(world):  # type: ignore[no-untyped-def]
    token, key = token_create(user=world.user(PENVOERDER), name="Dashboard")
    assert key.startswith("cim_")
    assert key not in token.key_hash
    body = bearer(key).get(ME).json()
    assert [p["id"] for p in body["results"]] == [world.participation.pk]
    assert bearer(key).get(f"{ME}{world.foreign_participation.pk}/").status_code == 404
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert AuditEntry.objects.filter(action="api.token_created", actor=world.user(PENVOERDER)).count() == 1


@pytest.mark.parametrize(
    "header",
    ["Bearer cim_wrong", "Bearer nietcim", "Bearer " + "cim_" + "a" * 200, "Bearer "],
)
def test_a_wrong_token_is_refused_not_anonymous(world, header):  # type: ignore[no-untyped-def]
    response = Client(headers={"Authorization": header}).get(ME)
    assert response.status_code in (401, 403)
    assert response.json()["detail"]


def test_revoked_and_expired_tokens_are_refused(world):  # type: ignore[no-untyped-def]
    user = world.user(PENVOERDER)
    revoked, revoked_key = token_create(user=user, name="Oud")
    token_revoke(user=user, token_id=revoked.pk)
    expired, expired_key = token_create(user=user, name="Verlopen")
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    for key in (revoked_key, expired_key):
        response = bearer(key).get(ME)
        assert response.status_code == 403  # DRF answers 403 when the first scheme (session) has no challenge
        assert "ongeldig" in response.json()["detail"]
    assert AuditEntry.objects.filter(action="api.token_revoked").count() == 1


def test_an_inactive_user_s_token_is_refused(world):  # type: ignore[no-untyped-def]
    user = world.user(PENVOERDER)
    _token, key = token_create(user=user, name="Script")
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert bearer(key).get(ME).status_code == 403


def test_tokens_do_not_open_the_public_api_differently(world):  # type: ignore[no-untyped-def]
    _token, key = token_create(user=world.user(PENVOERDER), name="Script")
    assert bearer(key).get("/api/v1/editions/?province=PV25").status_code == 400


@pytest.mark.parametrize("role", [CONTRIBUTOR, SERVICE_DESK])
def test_only_penvoerders_make_tokens(world, role):  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError, match="penvoerder"):
        token_create(user=world.user(role), name="Script")
    assert not ApiToken.objects.exists()


def test_names_and_limits(world):  # type: ignore[no-untyped-def]
    user = world.user(PENVOERDER)
    with pytest.raises(DomainError, match="naam"):
        token_create(user=user, name="   ")
    token, _key = token_create(user=user, name='=HYPERLINK("x")  <script>' + "x" * 200)
    assert len(token.name) == 100
    for n in range(MAX_ACTIVE - 1):
        token_create(user=user, name=f"Script {n}")
    with pytest.raises(DomainError, match="geldige sleutels"):
        token_create(user=user, name="Eén te veel")
    assert ApiToken.objects.count() == MAX_ACTIVE


def test_nobody_revokes_someone_else_s_token(world):  # type: ignore[no-untyped-def]
    token, key = token_create(user=world.user(PENVOERDER), name="Script")
    with pytest.raises(DomainError):
        token_revoke(user=world.user(FOREIGN_PENVOERDER), token_id=token.pk)
    with pytest.raises(DomainError):
        token_revoke(user=world.user(PENVOERDER), token_id="abc")
    assert bearer(key).get(ME).status_code == 200


def test_the_page_shows_a_new_key_once(world, client_for):  # type: ignore[no-untyped-def]
    client = client_for(PENVOERDER)
    response = client.post("/api/sleutels/", {"naam": "Dashboard"})
    assert response.status_code == 200
    token = ApiToken.objects.get()
    content = response.content.decode()
    assert 'id="nieuwe-sleutel">cim_' in content
    again = client.get("/api/sleutels/").content.decode()
    assert "nieuwe-sleutel" not in again
    assert token.prefix in again
    empty = client.post("/api/sleutels/", {"naam": ""})
    assert empty.status_code == 400
    assert "Geef de sleutel een naam" in empty.content.decode()
    revoked = client.post(f"/api/sleutels/{token.pk}/intrekken/")
    assert revoked.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_anonymising_a_person_revokes_their_tokens(world):  # type: ignore[no-untyped-def]
    from cim.api.data_rights import _anonymise, _count
    from cim.core.registry import DataSubject

    user = world.user(PENVOERDER)
    _token, key = token_create(user=user, name="Script van Petra")
    subject = DataSubject(email=user.email, user=user)
    assert _count(subject) == 1
    assert _anonymise(subject, timezone.now()) == 1
    token = ApiToken.objects.get()
    assert token.revoked_at is not None
    assert token.name == "—"
    assert bearer(key).get(ME).status_code == 403


def test_the_profile_links_penvoerders_to_their_api_tokens(world, client_for) -> None:  # type: ignore[no-untyped-def]
    assert "/api/sleutels/" in client_for("penvoerder").get(reverse("accounts:profile")).content.decode()
    for role in ("contributor", "servicedesk", "funder"):
        assert "/api/sleutels/" not in client_for(role).get(reverse("accounts:profile")).content.decode(), role
