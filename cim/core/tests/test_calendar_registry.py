import datetime as dt

from cim.core import registry
from cim.core.registry import CalendarEntry


def test_a_specific_entry_replaces_the_general_one(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    general = CalendarEntry(uid="edition-1-closing", title="Slotbijeenkomst", start=dt.date(2027, 3, 12))
    session = CalendarEntry(
        uid="session-9", title="Slotbijeenkomst 14:00", start=dt.date(2027, 3, 12), replaces="edition-1-closing"
    )
    other = CalendarEntry(uid="deadline", title="Deadline", start=dt.date(2027, 1, 15))
    monkeypatch.setattr(registry, "_calendar_providers", [lambda user: [general, other], lambda user: [session]])

    entries = registry.calendar_entries(user=None)

    assert [e.uid for e in entries] == ["deadline", "session-9"]
