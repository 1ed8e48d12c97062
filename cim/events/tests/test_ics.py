"""The calendar files: parsed back and checked field by field."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from cim.events import ics

AMS = ZoneInfo("Europe/Amsterdam")
NOW = dt.datetime(2030, 3, 1, 12, 0, tzinfo=dt.UTC)


def invitation(**changes) -> ics.Invitation:  # type: ignore[no-untyped-def]
    values = {
        "uid": "cim-registration-abc@circulair-inkopen-monitor",
        "sequence": 0,
        "start": dt.datetime(2030, 6, 4, 14, 0, tzinfo=AMS),
        "end": dt.datetime(2030, 6, 4, 17, 0, tzinfo=AMS),
        "summary": "Masterclass 2: bestuur, beleid; en meer",
        "description": "Regel één\nRegel twee, met komma; en puntkomma",
        "location": "Stadhuis, Arnhem",
        "url": "https://monitor.example.nl/evenementen/inschrijving/x/",
        "organizer_email": "servicedesk@example.nl",
        "organizer_name": "Circulair Inkopen Gelderland",
        "attendee_email": "anna@arnhem.nl",
        "attendee_name": "Anna de Vries",
    }
    values.update(changes)
    return ics.Invitation(**values)


def parse(data: bytes):  # type: ignore[no-untyped-def]
    calendar = icalendar.Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def test_request_in_amsterdam_time_with_its_timezone() -> None:
    calendar, event = parse(ics.build(invitation(), method=ics.REQUEST, now=NOW))
    assert calendar["METHOD"] == "REQUEST"
    assert calendar["VERSION"] == "2.0"
    assert event["STATUS"] == "CONFIRMED"
    start = event.decoded("DTSTART")
    assert start == dt.datetime(2030, 6, 4, 14, 0, tzinfo=AMS)
    assert str(start.tzinfo) == "Europe/Amsterdam"
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    timezones = calendar.walk("VTIMEZONE")
    assert [tz["TZID"] for tz in timezones] == ["Europe/Amsterdam"]
    rules = {str(c.name): set(c["RRULE"].to_ical().decode().split(";")) for c in timezones[0].subcomponents}
    assert rules == {
        "DAYLIGHT": {"FREQ=YEARLY", "BYMONTH=3", "BYDAY=-1SU"},  # last Sunday of March
        "STANDARD": {"FREQ=YEARLY", "BYMONTH=10", "BYDAY=-1SU"},  # last Sunday of October
    }
    assert str(event["ORGANIZER"]) == "mailto:servicedesk@example.nl"
    assert str(event["ATTENDEE"]) == "mailto:anna@arnhem.nl"
    assert event["ATTENDEE"].params["CN"] == "Anna de Vries"


def test_a_winter_session_is_in_winter_time() -> None:
    raw = ics.build(
        invitation(start=dt.datetime(2030, 1, 10, 9, 30, tzinfo=AMS), end=dt.datetime(2030, 1, 10, 16, 30, tzinfo=AMS)),
        method=ics.REQUEST,
        now=NOW,
    )
    assert b"DTSTART;TZID=Europe/Amsterdam:20300110T093000" in raw
    _calendar, event = parse(raw)
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(hours=1)


def test_uid_stays_and_sequence_grows_through_update_and_cancel() -> None:
    first = parse(ics.build(invitation(), method=ics.REQUEST, now=NOW))[1]
    update = parse(ics.build(invitation(sequence=1, location="Elders"), method=ics.REQUEST, now=NOW))[1]
    cancel_cal, cancel = parse(ics.build(invitation(sequence=2), method=ics.CANCEL, now=NOW))
    assert first["UID"] == update["UID"] == cancel["UID"]
    assert (first["SEQUENCE"], update["SEQUENCE"], cancel["SEQUENCE"]) == (0, 1, 2)
    assert cancel_cal["METHOD"] == "CANCEL"
    assert cancel["STATUS"] == "CANCELLED"


def test_text_is_escaped_and_round_trips() -> None:
    raw = ics.build(invitation(), method=ics.REQUEST, now=NOW)
    assert b"SUMMARY:Masterclass 2: bestuur\\, beleid\\; en meer" in raw
    _calendar, event = parse(raw)
    assert str(event["DESCRIPTION"]) == "Regel één\nRegel twee, met komma; en puntkomma"
    assert str(event["LOCATION"]) == "Stadhuis, Arnhem"


@pytest.mark.parametrize(
    "name",
    [
        "Anna\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:gehackt",
        'Anna "de" Vries',
        "<script>alert(1)</script>",
        "Anna;ROLE=CHAIR:mailto:evil@example.com",
    ],
)
def test_a_hostile_name_cannot_add_lines_or_properties(name: str) -> None:
    raw = ics.build(invitation(attendee_name=name, summary=name), method=ics.REQUEST, now=NOW)
    calendar, event = parse(raw)  # exactly one event, so no VEVENT was injected
    lines = raw.decode().replace("\r\n ", "").split("\r\n")
    assert not any(line.startswith(("SUMMARY:gehackt", "END:VEVENT\\", "ROLE=CHAIR")) for line in lines)
    cn = event["ATTENDEE"].params["CN"]
    assert "\n" not in cn
    assert "\r" not in cn
    assert '"' not in cn
    assert "ROLE" not in event["ATTENDEE"].params or event["ATTENDEE"].params["ROLE"] == "REQ-PARTICIPANT"
    assert "\n" not in str(event["SUMMARY"])
    assert calendar["METHOD"] == "REQUEST"


def test_unknown_method_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="PUBLISH"):
        ics.build(invitation(), method="PUBLISH", now=NOW)
