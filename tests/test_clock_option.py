"""The `--today` option that moves the suite's clock (cim/testing/clock.py). `parse_today` takes
"today" as an argument, so these cases build it from the real date's year."""

from __future__ import annotations

import datetime as dt

import pytest

from cim.testing.clock import parse_today

YEAR = dt.date.today().year
BASE = dt.date(YEAR, 12, 7)


def leap_year_after(year: int) -> int:
    return next(y for y in range(year + 1, year + 9) if y % 4 == 0 and (y % 100 or y % 400 == 0))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (f"{leap_year_after(YEAR)}-02-29", dt.date(leap_year_after(YEAR), 2, 29)),
        ("+6m", dt.date(YEAR + 1, 6, 7)),
        ("+14m", dt.date(YEAR + 2, 2, 7)),
        ("+30d", dt.date(YEAR + 1, 1, 6)),
    ],
)
def test_dates_and_offsets(value: str, expected: dt.date) -> None:
    assert parse_today(value, BASE) == expected


def test_a_month_offset_keeps_the_day_within_the_month() -> None:
    leap = leap_year_after(YEAR)
    assert parse_today("+1m", dt.date(leap, 1, 31)) == dt.date(leap, 2, 29)
    assert parse_today("+1m", dt.date(leap + 1, 1, 31)) == dt.date(leap + 1, 2, 28)


def test_nonsense_is_refused() -> None:
    with pytest.raises(pytest.UsageError):
        parse_today("volgende week", BASE)
