"""Upcoming dates for a person, from every registered calendar provider."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from cim.core.registry import CalendarEntry, calendar_entries


def entry_date(entry: CalendarEntry) -> dt.date:
    start = entry.start
    if isinstance(start, dt.datetime):
        return timezone.localtime(start).date() if timezone.is_aware(start) else start.date()
    return start


def upcoming_entries(user: Any, *, limit: int = 8, today: dt.date | None = None) -> list[CalendarEntry]:
    today = today or timezone.localdate()
    entries = [e for e in calendar_entries(user) if entry_date(e) >= today]
    entries.sort(key=lambda e: (entry_date(e), str(e.start)))
    return entries[:limit]
