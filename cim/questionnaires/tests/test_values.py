"""What people type, per question type: parsed, checked, shown."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from cim.questionnaires import model as m
from cim.questionnaires import values
from cim.questionnaires.values import InvalidValue

EURO = m.ValueSpec(m.EURO, max=m.EURO_MAX)
PERCENT = m.ValueSpec(m.PERCENTAGE)
INTEGER = m.ValueSpec(m.INTEGER, min=0, max=10_000)
TEXT = m.ValueSpec(m.TEXT, max_length=20)
LONG = m.ValueSpec(m.LONG_TEXT, max_length=5000)
DATE = m.ValueSpec(m.DATE, min="2015-01-01", max="2026-12-31")
CHOICE = m.ValueSpec(
    m.CHOICE,
    options=(
        m.Option("emvi", m.Text("EMVI", "MEAT")),
        m.Option("participatory", m.Text("Participatief", "Participatory")),
    ),
)
SCALE = m.ValueSpec(
    m.SCALE, levels=(m.Level(1, m.Text("Niet aanwezig", "Absent")), m.Level(2, m.Text("Verkennend", "Exploring")))
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1.234.567,89", "1234567.89"),
        ("1234567,89", "1234567.89"),
        ("1234567.89", "1234567.89"),
        ("€ 2.500.000.000", "2500000000.00"),
        ("0", "0.00"),
        (Decimal("12.5"), "12.50"),
        (1234.5, "1234.50"),
    ],
)
def test_euro_accepts_dutch_and_english_notation(typed, stored) -> None:  # type: ignore[no-untyped-def]
    assert values.parse_input(EURO, typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-5", "niet negatief"),
        ("1000000000000,01", "groter dan"),
        ("9" * 40, "groter dan"),
        ("twaalf", "in cijfers"),
        ("1,2,3", "scheidingstekens"),
        ("12,345", "twee cijfers"),
        (True, "in cijfers"),
    ],
)
def test_euro_refuses_bad_amounts(typed, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidValue) as info:
        values.parse_input(EURO, typed)
    assert message in info.value.message


def test_euro_amounts_beyond_32_bits_stay_exact() -> None:
    stored = values.parse_input(EURO, "987.654.321.098,76")
    assert values.to_python(EURO, stored) == Decimal("987654321098.76")
    assert values.display(EURO, stored, "nl") == "€\u00a0987.654.321.098,76"


@pytest.mark.parametrize(("typed", "stored"), [("12,5", "12.5"), ("100", "100"), ("0 %", "0"), (33.33, "33.33")])
def test_percentages(typed, stored) -> None:  # type: ignore[no-untyped-def]
    assert values.parse_input(PERCENT, typed) == stored


@pytest.mark.parametrize("typed", ["100,5", "-1", "abc", "12,345"])
def test_percentages_outside_0_100_are_refused(typed) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidValue):
        values.parse_input(PERCENT, typed)


def test_integers() -> None:
    assert values.parse_input(INTEGER, "1.234") == 1234
    assert values.parse_input(INTEGER, "42") == 42
    for bad in ("12,5", "10001", "-3", "3e5"):
        with pytest.raises(InvalidValue):
            values.parse_input(INTEGER, bad)


@pytest.mark.parametrize("spec", [SCALE, INTEGER, EURO, PERCENT], ids=["scale", "integer", "euro", "percentage"])
@pytest.mark.parametrize("cell", [float("inf"), float("-inf"), float("nan"), 1.7976931348623157e308])
def test_workbook_cells_holding_non_finite_or_huge_floats_are_refused(spec, cell) -> None:  # type: ignore[no-untyped-def]
    # openpyxl gives a cell of 1.8e308 back as inf; the importer must say so, not crash
    with pytest.raises(InvalidValue):
        values.parse_input(spec, cell)


def test_whole_floats_from_workbook_cells_are_accepted() -> None:
    assert values.parse_input(SCALE, 2.0) == 2
    assert values.parse_input(INTEGER, 42.0) == 42


def test_text_is_kept_verbatim_but_limited() -> None:
    payload = "<script>alert(1)</script>"
    assert values.parse_input(m.ValueSpec(m.TEXT, max_length=300), payload) == payload
    assert values.parse_input(TEXT, "  twee   woorden ") == "twee woorden"
    with pytest.raises(InvalidValue):
        values.parse_input(TEXT, "x" * 21)
    with pytest.raises(InvalidValue):
        values.check_wire(TEXT, "nul\x00byte")
    assert values.parse_input(LONG, "regel 1\r\nregel 2") == "regel 1\nregel 2"


def test_dates_in_both_notations_within_range() -> None:
    assert values.parse_input(DATE, "31-01-2026") == "2026-01-31"
    assert values.parse_input(DATE, "2026-01-31") == "2026-01-31"
    assert values.parse_input(DATE, dt.datetime(2020, 5, 1, 12, 0)) == "2020-05-01"
    for bad in ("31-02-2026", "2027-01-01", "gisteren"):
        with pytest.raises(InvalidValue):
            values.parse_input(DATE, bad)


def test_choices_by_value_or_label() -> None:
    assert values.parse_input(CHOICE, "emvi") == "emvi"
    assert values.parse_input(CHOICE, "Participatief") == "participatory"
    assert values.parse_input(CHOICE, "participatory") == "participatory"
    with pytest.raises(InvalidValue):
        values.parse_input(CHOICE, "anders")
    assert values.parse_input(SCALE, "2 – Verkennend") == 2
    with pytest.raises(InvalidValue):
        values.parse_input(SCALE, "7")


def test_yes_no_words() -> None:
    spec = m.ValueSpec(m.YES_NO)
    assert values.parse_input(spec, "Ja") is True
    assert values.parse_input(spec, "no") is False
    with pytest.raises(InvalidValue):
        values.parse_input(spec, "misschien")


def test_links_must_be_web_addresses() -> None:
    assert values.check_url("https://www.arnhem.nl/beleid") == "https://www.arnhem.nl/beleid"
    for bad in ("javascript:alert(1)", "ftp://x.nl/a", "www.arnhem.nl", "https://" + "a" * 600):
        with pytest.raises(InvalidValue):
            values.check_url(bad)


def test_display_in_both_languages() -> None:
    assert values.display(EURO, "1234567.89", "nl") == "€\u00a01.234.567,89"
    assert values.display(EURO, "1234567.89", "en") == "€1,234,567.89"
    assert values.display(PERCENT, "12.5", "nl") == "12,5\u00a0%"
    with translation.override("en"):
        assert values.display(CHOICE, "emvi") == "MEAT"
        assert values.display(m.ValueSpec(m.YES_NO), True) == "Yes"
