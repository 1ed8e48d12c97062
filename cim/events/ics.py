"""iCalendar files for invitations (`METHOD:REQUEST`) and cancellations (`METHOD:CANCEL`).

Plain data in, bytes out. Times are written in Europe/Amsterdam with a VTIMEZONE that carries the
EU summer-time rules, so every calendar shows the right local time. The UID of a registration
never changes; every new version of it carries a higher SEQUENCE.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vText

from cim.core.mail import one_line

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TZID = "Europe/Amsterdam"
PRODID = "-//Circulair Inkopen Monitor//Masterclasses//NL"
REQUEST, CANCEL = "REQUEST", "CANCEL"


@dataclass(frozen=True)
class Invitation:
    uid: str
    sequence: int
    start: dt.datetime
    end: dt.datetime
    summary: str
    description: str
    location: str
    url: str
    organizer_email: str
    organizer_name: str
    attendee_email: str
    attendee_name: str


def _param(text: str) -> str:
    """A parameter value (CN) on one line, without double quotes (they cannot be escaped there)."""
    return one_line(text).replace('"', "'")[:150]


def amsterdam_timezone() -> Timezone:
    tz = Timezone()
    tz.add("tzid", TZID)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("dtstart", dt.datetime(1981, 3, 29, 2, 0))
    summer.add("tzoffsetfrom", dt.timedelta(hours=1))
    summer.add("tzoffsetto", dt.timedelta(hours=2))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("dtstart", dt.datetime(1996, 10, 27, 3, 0))
    winter.add("tzoffsetfrom", dt.timedelta(hours=2))
    winter.add("tzoffsetto", dt.timedelta(hours=1))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


def build(invitation: Invitation, *, method: str, now: dt.datetime) -> bytes:
    if method not in (REQUEST, CANCEL):
        raise ValueError(method)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(amsterdam_timezone())

    event = Event()
    event.add("uid", invitation.uid)
    event.add("sequence", invitation.sequence)
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("dtstart", invitation.start.astimezone(AMSTERDAM))
    event.add("dtend", invitation.end.astimezone(AMSTERDAM))
    event.add("summary", one_line(invitation.summary))
    event.add("description", invitation.description)
    if invitation.location:
        event.add("location", one_line(invitation.location))
    if invitation.url:
        event.add("url", invitation.url)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("transp", "OPAQUE")
    organizer = vCalAddress(f"mailto:{one_line(invitation.organizer_email)}")
    organizer.params["cn"] = vText(_param(invitation.organizer_name))
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{one_line(invitation.attendee_email)}")
    attendee.params["cn"] = vText(_param(invitation.attendee_name))
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("ACCEPTED")
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee)
    calendar.add_component(event)
    return calendar.to_ical()
