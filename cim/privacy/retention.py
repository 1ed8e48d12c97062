"""Retention rules that belong to no room: expired login sessions."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.models import Session
from django.utils.translation import gettext_lazy as _

from cim.core.registry import RetentionRule, register_retention


def _sessions(now: Any, dry_run: bool) -> int:
    due = Session.objects.filter(expire_date__lt=now)
    count = due.count()
    if not dry_run and count:
        due.delete()
    return count


register_retention(
    RetentionRule(
        "sessions",
        _("Verlopen inlogsessies"),
        _("tot de sessie verloopt (SESSION_IDLE_MINUTES zonder activiteit); daarna verwijderd"),
        _sessions,
        order=1,
    )
)
