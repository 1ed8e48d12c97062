"""`pytest --today=…`: run the suite as if it were another day, to prove it passes on any date.

The value is a date (`2028-02-29`) or an offset from today (`+6m`, `+14m`, `+30d`); the
environment variable CIM_TEST_TODAY does the same. The clock starts at noon (Amsterdam) on that
day and keeps ticking, in every xdist worker. Tests that need a particular moment set it
themselves with `time_machine.travel`, which nests inside this one. The browser keeps the real
clock, so CI moves the clock for `-m "calendar and not e2e"` only.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest

AMS = ZoneInfo("Europe/Amsterdam")
# The date-sensitive tests (marked `calendar`; CI runs them again with the clock moved): demo
# seeding, the edition lifecycle and timeline, deadlines, reminders, events, the Top 10 embargo.
CALENDAR = (
    "tests/test_demo_any_date.py",
    "cim/editions/tests/",
    "cim/scan/tests/test_submission.py",
    "cim/scan/tests/test_team_and_demo.py",
    "cim/servicedesk/tests/test_reminders.py",
    "cim/servicedesk/tests/test_calendar.py",
    "cim/events/tests/",
    "cim/topten/tests/",
    "cim/statistics/tests/test_publish_timeline.py",
    "cim/cases/tests/test_demo_and_dashboard.py",
)
OFFSET = re.compile(r"^\+(\d+)([dm])$")


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def parse_today(value: str, today: dt.date) -> dt.date:
    value = value.strip()
    match = OFFSET.match(value)
    if match:
        amount, unit = int(match.group(1)), match.group(2)
        return today + dt.timedelta(days=amount) if unit == "d" else add_months(today, amount)
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise pytest.UsageError(f"--today expects YYYY-MM-DD, +Nd or +Nm, not {value!r}") from exc


def pytest_addoption(parser: Any) -> None:
    parser.addoption(
        "--today",
        default=os.environ.get("CIM_TEST_TODAY", ""),
        help="run as if it were this day: YYYY-MM-DD, +6m, +30d (or CIM_TEST_TODAY)",
    )


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    root = str(config.rootpath) + "/"
    for item in items:
        path = str(item.path).removeprefix(root)
        if path.startswith(CALENDAR):
            item.add_marker(pytest.mark.calendar)


def pytest_configure(config: Any) -> None:
    value = config.getoption("--today")
    if not value:
        return
    import time_machine

    day = parse_today(value, dt.date.today())
    traveller = time_machine.travel(dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=AMS), tick=True)
    traveller.start()
    config._cim_clock = traveller


def pytest_unconfigure(config: Any) -> None:
    traveller = getattr(config, "_cim_clock", None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config: Any) -> str | None:
    value = config.getoption("--today")
    return f"clock moved: --today={value} (now {dt.datetime.now(AMS):%Y-%m-%d %H:%M})" if value else None
