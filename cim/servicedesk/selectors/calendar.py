"""Upcoming dates for a person, from every registered calendar provider."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from cim.core.registry import CalendarEntry, calendar_entries


def entry_date(entry: CalendarEntry) -> dt.date:
    start = entry.start
    if isinstance(start, dt.datetime):
        return timezone.localtime(start).date() if timezone.is_aware(start) else start.date()
    return start


@dataclass(frozen=True)
class Upcoming:
    entry: CalendarEntry
    date: dt.date
    all_day: bool


def upcoming_entries(user: Any, *, limit: int = 8, today: dt.date | None = None) -> list[Upcoming]:
    today = today or timezone.localdate()
    entries = [
        Upcoming(e, entry_date(e), not isinstance(e.start, dt.datetime))
        for e in calendar_entries(user)
        if entry_date(e) >= today
    ]
    entries.sort(key=lambda u: (u.date, str(u.entry.start)))
    return entries[:limit]
