"""Personal API tokens: making, revoking (services, audited) and authenticating with them.

A token is `cim_` + 43 random URL-safe characters (256 bits); the database keeps its SHA-256
(a plain hash is enough for a random key of that length). Send it as
`Authorization: Bearer cim_…`. It authenticates the user for the own-data endpoints only; what
the user may read is decided by cim.access as for a session."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.request import Request

from cim.access.scoping import actor_of
from cim.api.models import ApiToken
from cim.audit.log import record
from cim.core.errors import DomainError

PREFIX = "cim_"
LIFETIME = dt.timedelta(days=365)
MAX_ACTIVE = 5
USE_RECORDED_EVERY = dt.timedelta(minutes=5)  # last_used_at is not written on every request


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def may_hold_tokens(user: Any) -> bool:
    """Only penvoerders: the tokens read the own-data API, which serves them alone."""
    return actor_of(user).is_penvoerder


def token_create(*, user: Any, name: str) -> tuple[ApiToken, str]:
    """Make a token; returns it and the key (shown once, never stored)."""
    name = " ".join((name or "").split())[:100]
    if not may_hold_tokens(user):
        raise DomainError(_("Alleen een penvoerder kan een API-sleutel maken."))
    if not name:
        raise DomainError(_("Geef de sleutel een naam, zodat u hem later herkent."))
    with transaction.atomic():
        active = ApiToken.objects.select_for_update().filter(
            user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        if len(active) >= MAX_ACTIVE:
            raise DomainError(_("U hebt al %(count)s geldige sleutels. Trek er eerst een in.") % {"count": MAX_ACTIVE})
        key = PREFIX + secrets.token_urlsafe(32)
        token = ApiToken(
            user=user, name=name, prefix=key[:12], key_hash=_hash(key), expires_at=timezone.now() + LIFETIME
        )
        token.full_clean()
        token.save()
        record("api.token_created", actor=user, obj=token, details={"name": name, "prefix": token.prefix})
    return token, key


def token_revoke(*, user: Any, token_id: Any) -> ApiToken:
    """Revoke one of the user's own tokens; someone else's or an unknown id is a DomainError."""
    try:
        token = ApiToken.objects.get(pk=int(token_id), user=user)
    except (ApiToken.DoesNotExist, TypeError, ValueError) as exc:
        raise DomainError(_("Deze sleutel bestaat niet.")) from exc
    if token.revoked_at is None:
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
        token.refresh_from_db()
        record("api.token_revoked", actor=user, obj=token, details={"prefix": token.prefix})
    return token


class BearerTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer cim_…`. A wrong, revoked or expired key, or one of an inactive
    user, is refused (403, as the session scheme comes first), never silently anonymous."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = request.headers.get("Authorization", "")
        if not header.startswith(f"{self.keyword} "):
            return None
        key = header[len(self.keyword) + 1 :].strip()
        if not key.startswith(PREFIX) or len(key) > 100:
            raise exceptions.AuthenticationFailed(_("Deze API-sleutel is ongeldig."))
        token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key)).first()
        if token is None or not token.is_active or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Deze API-sleutel is ongeldig, verlopen of ingetrokken."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > USE_RECORDED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword
