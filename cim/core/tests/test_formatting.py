"""Dutch-first number and money formatting, and parsing what people type as an amount."""

from decimal import Decimal

import pytest
from django.utils import translation

from cim.core.formatting import EURO_MAX, AmountError, format_euro, format_number, format_percent, parse_amount


@pytest.mark.parametrize(
    ("value", "decimals", "language", "expected"),
    [
        (1234567, 0, "nl", "1.234.567"),
        (Decimal("1234567.891"), 2, "nl", "1.234.567,89"),
        (Decimal("1234567.895"), 2, "nl", "1.234.567,90"),  # half up, not banker's rounding
        (Decimal("-1234.5"), 1, "nl", "-1.234,5"),
        (1234567, 0, "en", "1,234,567"),
        (Decimal("0.5"), 0, "nl", "1"),
        (999, 0, "nl", "999"),
        (None, 0, "nl", ""),
    ],
)
def test_format_number(value, decimals, language, expected) -> None:  # type: ignore[no-untyped-def]
    assert format_number(value, decimals, language) == expected


def test_format_euro_dutch_and_english() -> None:
    amount = Decimal("2345678901.5")  # more than 2^31 cents would overflow a 32-bit integer
    assert format_euro(amount, language="nl") == "€\u00a02.345.678.901,50"
    assert format_euro(amount, language="en") == "€2,345,678,901.50"
    assert format_euro(Decimal("-12.5"), language="en") == "-€12.50"
    assert format_euro(None) == ""


def test_format_follows_active_language() -> None:
    with translation.override("en"):
        assert format_euro(Decimal("1000")) == "€1,000.00"
    with translation.override("nl"):
        assert format_euro(Decimal("1000")) == "€\u00a01.000,00"
        assert format_percent(Decimal("12.34")) == "12,3\u00a0%"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1.234.567,89", "1234567.89"),
        ("1234567,89", "1234567.89"),
        ("1234567.89", "1234567.89"),
        ("1,234,567.89", "1234567.89"),
        ("1.234", "1234.00"),  # Dutch grouping: one thousand two hundred and thirty-four
        ("12,5", "12.50"),
        ("€ 12,50", "12.50"),
        ("€\u00a01.000", "1000.00"),
        ("  42  ", "42.00"),
        ("0", "0.00"),
        ("1000000000000", "1000000000000.00"),  # the maximum itself is allowed
        (Decimal("3.10"), "3.10"),
        (7, "7.00"),
    ],
)
def test_parse_amount_accepts(typed, expected) -> None:  # type: ignore[no-untyped-def]
    assert parse_amount(typed) == Decimal(expected)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Vul een bedrag in."),
        ("   ", "Vul een bedrag in."),
        ("twaalf", "Vul een bedrag in cijfers in"),
        ("<script>alert(1)</script>", "Vul een bedrag in cijfers in"),
        ("=1+1", "Vul een bedrag in cijfers in"),
        ("1e9", "Vul een bedrag in cijfers in"),
        ("-5", "Een bedrag kan niet negatief zijn."),
        ("1000000000000,01", "groter dan"),
        ("99999999999999999999", "groter dan"),
        ("12,345", "hoogstens twee cijfers achter de komma"),
        ("1.23.4", "De scheidingstekens in dit bedrag kloppen niet."),
        ("1,2,3", "De scheidingstekens in dit bedrag kloppen niet."),
        ("1.2345,00", "De scheidingstekens in dit bedrag kloppen niet."),
        (".", "Vul een bedrag in cijfers in"),
    ],
)
def test_parse_amount_refuses_with_a_clear_message(typed, message) -> None:  # type: ignore[no-untyped-def]
    with translation.override("nl"), pytest.raises(AmountError) as caught:
        parse_amount(typed)
    assert message in str(caught.value)


def test_parse_amount_messages_are_translated() -> None:
    with translation.override("en"), pytest.raises(AmountError) as caught:
        parse_amount("-5")
    assert str(caught.value) == "An amount cannot be negative."


def test_parse_amount_custom_maximum() -> None:
    with pytest.raises(AmountError):
        parse_amount("101", max_value=Decimal(100))
    assert parse_amount("100", max_value=Decimal(100)) == Decimal("100.00")
    assert Decimal(10) ** 12 == EURO_MAX
