"""The registration rules, as plain Python (no database): quotas, seats, the waiting list, the
cancellation deadline, offers, and what a name may contain. Services call these while holding the
row locks; the tests exercise them directly."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

CONFIRMED, WAITLISTED, OFFERED, CANCELLED = "confirmed", "waitlisted", "offered", "cancelled"
ACTIVE_STATUSES = (CONFIRMED, WAITLISTED, OFFERED)  # count towards the quota and block a second e-mail
SEAT_STATUSES = (CONFIRMED, OFFERED)  # hold a seat of the session

MAX_OFFER_HOURS = 14 * 24
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_MARKUP = re.compile(r"[<>]")


class RuleBroken(ValueError):
    """A rule was broken; the message is shown to the user. `code` lets views react (e.g. 'full')."""

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class Placement(StrEnum):
    CONFIRMED = CONFIRMED
    WAITLISTED = WAITLISTED


def clean_text_line(value: str, *, label: str, max_length: int, required: bool = True) -> str:
    """One line of plain text (a name, a function, an organisation): no line breaks or other control
    characters (they would end up in e-mail headers and calendar files), no angle brackets."""
    raw = str(value or "")
    if _CONTROL.search(raw):
        raise RuleBroken(_("%(label)s: vul dit in op één regel, zonder regeleinden.") % {"label": label})
    if _MARKUP.search(raw):
        raise RuleBroken(_("%(label)s: de tekens < en > zijn niet toegestaan.") % {"label": label})
    text = " ".join(raw.split())
    if required and not text:
        raise RuleBroken(_("%(label)s: vul dit in.") % {"label": label})
    if len(text) > max_length:
        raise RuleBroken(
            _("%(label)s: gebruik hoogstens %(n)s tekens.") % {"label": label, "n": max_length},
        )
    return text


def check_quota(*, quota: int | None, used: int, organisation_name: str) -> None:
    """`used`: the organisation's active registrations that count towards the quota."""
    if quota is not None and used >= quota:
        raise RuleBroken(
            _(
                "%(org)s heeft al %(n)s aanmeldingen voor deze bijeenkomst; meer dan %(n)s personen per organisatie kan niet. Annuleer eerst een aanmelding als u iemand anders wilt aanmelden."
            )
            % {"org": organisation_name, "n": quota},
            code="quota",
        )


def counts_towards_quota(*, is_companion: bool, companions_count: bool) -> bool:
    return companions_count or not is_companion


def place(*, capacity: int, seats_taken: int, waiting: int, join_waitlist: bool) -> Placement:
    """Where a new registration goes. Nobody jumps the waiting list: while people wait, a new
    registration waits too (seats that free up are offered to the waiting list first)."""
    if seats_taken < capacity and waiting == 0:
        return Placement.CONFIRMED
    if join_waitlist:
        return Placement.WAITLISTED
    raise RuleBroken(
        _(
            "Deze sessie is vol. U kunt zich op de wachtlijst laten zetten; komt er een plaats vrij, dan krijgt u bericht."
        ),
        code="full",
    )


def seats_left(*, capacity: int, seats_taken: int) -> int:
    return max(capacity - seats_taken, 0)


def check_session_open(*, starts_at: dt.datetime, now: dt.datetime, cancelled: bool) -> None:
    if cancelled:
        raise RuleBroken(_("Deze sessie gaat niet door; aanmelden kan niet meer."), code="cancelled")
    if starts_at <= now:
        raise RuleBroken(_("Deze sessie is al begonnen of voorbij; aanmelden kan niet meer."), code="past")


def cancel_deadline(*, starts_at: dt.datetime, hours_before: int) -> dt.datetime:
    return starts_at - dt.timedelta(hours=hours_before)


def check_self_cancel(*, starts_at: dt.datetime, hours_before: int, now: dt.datetime) -> None:
    if now >= cancel_deadline(starts_at=starts_at, hours_before=hours_before):
        raise RuleBroken(
            _(
                "Annuleren kan tot %(h)s uur voor het begin. Neem contact op met de servicedesk als u toch niet kunt komen."
            )
            % {"h": hours_before},
            code="deadline",
        )


def offer_expiry(*, now: dt.datetime, valid_hours: int, starts_at: dt.datetime) -> dt.datetime:
    """An offer is valid for `valid_hours`, but never beyond the start of the session."""
    hours = min(max(valid_hours, 1), MAX_OFFER_HOURS)
    return min(now + dt.timedelta(hours=hours), starts_at)


def check_attendance_window(*, starts_at_local_date: dt.date, today: dt.date) -> None:
    if today < starts_at_local_date:
        raise RuleBroken(_("Aanwezigheid registreren kan vanaf de dag van de sessie."), code="too_early")


@dataclass(frozen=True)
class CapacityChange:
    capacity: int
    seats_taken: int

    def check(self) -> None:
        if self.capacity < self.seats_taken:
            raise RuleBroken(
                _(
                    "Er hebben al %(n)s personen een plaats (of een aanbod); de capaciteit kan niet lager zijn dan dat aantal."
                )
                % {"n": self.seats_taken},
                code="capacity",
            )


def summarise_dietary(wishes: list[str]) -> list[tuple[str, int]]:
    """Dietary wishes grouped case-insensitively, most frequent first; empty wishes left out."""
    counts: dict[str, tuple[str, int]] = {}
    for wish in wishes:
        text = " ".join((wish or "").split())
        if not text:
            continue
        key = text.casefold()
        shown, n = counts.get(key, (text, 0))
        counts[key] = (shown, n + 1)
    return sorted(counts.values(), key=lambda item: (-item[1], item[0].casefold()))
