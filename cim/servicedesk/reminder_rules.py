"""When a deadline reminder is due. Plain Python: no database.

The 14-day reminder is due from 14 days before the deadline, the 3-day reminder from 3 days
before. A run that was missed catches up the next day; a participation added late gets only the
reminder of the window it is in, never both on one day.
"""

from __future__ import annotations

import datetime as dt

DEADLINE_WINDOWS = {"scan.deadline_14": (4, 14), "scan.deadline_3": (1, 3)}  # days left, inclusive
RESULTS_RELEASED_GRACE_DAYS = 14  # released longer ago than this: too late to announce


def days_left(deadline_date: dt.date, today: dt.date) -> int:
    return (deadline_date - today).days


def deadline_reminder_due(code: str, *, deadline_date: dt.date, today: dt.date) -> bool:
    low, high = DEADLINE_WINDOWS[code]
    return low <= days_left(deadline_date, today) <= high


def results_reminder_due(*, released_on: dt.date | None, today: dt.date) -> bool:
    if released_on is None:
        return False
    return 0 <= (today - released_on).days <= RESULTS_RELEASED_GRACE_DAYS
