"""An iCalendar (RFC 5545) document from calendar entries. Plain Python: no database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Event

from cim.core.registry import CalendarEntry

PRODID = "-//Circulair Inkopen Monitor//Agenda//NL"


def build_calendar(entries: Iterable[CalendarEntry], *, name: str, now: dt.datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", now.astimezone(dt.UTC))
        event.add("summary", entry.title)
        event.add("dtstart", entry.start)
        end = entry.end
        if end is None:
            if isinstance(entry.start, dt.datetime):
                end = entry.start + dt.timedelta(hours=1)
            else:
                end = entry.start + dt.timedelta(days=1)
        event.add("dtend", end)
        if entry.location:
            event.add("location", entry.location)
        if entry.description:
            event.add("description", entry.description)
        if entry.url:
            event.add("url", entry.url)
        calendar.add_component(event)
    return calendar.to_ical()
