"""The `--today` option that moves the suite's clock (cim/testing/clock.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from cim.testing.clock import parse_today


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2028-02-29", dt.date(2028, 2, 29)),
        ("+6m", dt.date(2027, 6, 7)),
        ("+14m", dt.date(2028, 2, 7)),
        ("+30d", dt.date(2027, 1, 6)),
    ],
)
def test_dates_and_offsets(value: str, expected: dt.date) -> None:
    assert parse_today(value, dt.date(2026, 12, 7)) == expected


def test_a_month_offset_keeps_the_day_within_the_month() -> None:
    assert parse_today("+1m", dt.date(2027, 1, 31)) == dt.date(2027, 2, 28)
    assert parse_today("+13m", dt.date(2027, 1, 31)) == dt.date(2028, 2, 29)


def test_nonsense_is_refused() -> None:
    with pytest.raises(pytest.UsageError):
        parse_today("volgende week", dt.date(2026, 12, 7))
