"""Personal calendar feeds: a secret URL per person, stored hashed, revocable."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from cim.audit.log import record
from cim.core.registry import calendar_entries
from cim.editions.codes import generate_token, hash_secret
from cim.servicedesk.ical import build_calendar
from cim.servicedesk.models import CalendarFeed


@transaction.atomic
def calendar_link_create(*, actor: Any) -> str:
    """A new secret token for the actor's feed; earlier links stop working. Returns the token,
    which exists only in this response."""
    CalendarFeed.objects.filter(user=actor, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token = generate_token()
    CalendarFeed.objects.create(user=actor, token_hash=hash_secret(token))
    record("servicedesk.calendar_link_created", actor=actor)
    return token


@transaction.atomic
def calendar_link_revoke(*, actor: Any) -> int:
    revoked = CalendarFeed.objects.filter(user=actor, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if revoked:
        record("servicedesk.calendar_link_revoked", actor=actor)
    return revoked


def calendar_feed_user(token: str) -> Any | None:
    """The person whose active feed this token opens, or None."""
    if not token or len(token) > 100:
        return None
    feed = (
        CalendarFeed.objects.filter(token_hash=hash_secret(token), revoked_at__isnull=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    if feed is None:
        return None
    now = timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at > dt.timedelta(hours=1):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    return feed.user


def calendar_document(user: Any, *, name: str) -> bytes:
    return build_calendar(calendar_entries(user), name=name, now=timezone.now())


def active_feed(user: Any) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()
