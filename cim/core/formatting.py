"""Dutch-first number and money formatting and parsing. Plain Python, no database.

Money is Decimal in euros. On screen: `€ 1.234.567,89` in Dutch, `€1,234,567.89` in English.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import translation

EURO_MAX = Decimal("1000000000000")  # 10^12: far above any municipal budget, below any overflow
_CENTS = Decimal("0.01")


class AmountError(ValueError):
    """A text that is not a valid amount; the message is shown to the user."""


def _group(digits: str, sep: str) -> str:
    out: list[str] = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def format_number(value: Decimal | int | float | None, decimals: int = 0, language: str | None = None) -> str:
    if value is None or value == "":
        return ""
    language = language or translation.get_language() or "nl"
    dec = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if dec < 0 else ""
    whole, _, frac = f"{abs(dec):f}".partition(".")
    thousands, point = (".", ",") if language.startswith("nl") else (",", ".")
    text = _group(whole, thousands)
    if decimals:
        text += point + frac.ljust(decimals, "0")[:decimals]
    return sign + text


def format_euro(value: Decimal | int | None, decimals: int = 2, language: str | None = None) -> str:
    if value is None or value == "":
        return ""
    language = language or translation.get_language() or "nl"
    number = format_number(value, decimals, language)
    if language.startswith("nl"):
        return f"€\u00a0{number}"
    return f"€{number}" if not number.startswith("-") else f"-€{number[1:]}"


def format_percent(value: Decimal | float | None, decimals: int = 1, language: str | None = None) -> str:
    if value is None or value == "":
        return ""
    return f"{format_number(value, decimals, language)}\u00a0%"


_AMOUNT_CHARS = re.compile(r"^-?[0-9.,]+$")


def parse_amount(text: str | int | Decimal, *, max_value: Decimal = EURO_MAX) -> Decimal:
    """Parse a euro amount typed in Dutch or English style.

    Accepts `1.234.567,89`, `1234567,89`, `1234567.89`, `1.234` (one thousand two hundred and
    thirty-four: Dutch grouping), `€ 12,50`. Rejects negative amounts and amounts above 10^12.
    """
    if isinstance(text, Decimal | int):
        raw = str(text)
    else:
        raw = str(text).strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
        raw = raw.replace("EUR", "").replace("eur", "")
    if raw == "":
        raise AmountError(translation.gettext("Vul een bedrag in."))
    if not _AMOUNT_CHARS.match(raw):
        raise AmountError(translation.gettext("Vul een bedrag in cijfers in, bijvoorbeeld 1.234.567,89."))
    if raw.startswith("-"):
        raise AmountError(translation.gettext("Een bedrag kan niet negatief zijn."))
    normalised = _normalise_separators(raw)
    try:
        amount = Decimal(normalised)
    except InvalidOperation as exc:
        raise AmountError(translation.gettext("Vul een bedrag in cijfers in, bijvoorbeeld 1.234.567,89.")) from exc
    if amount > max_value:
        raise AmountError(
            translation.gettext("Dit bedrag is groter dan %(max)s; controleer het aantal cijfers.")
            % {"max": format_euro(max_value, 0)}
        )
    if amount != amount.quantize(_CENTS):
        raise AmountError(translation.gettext("Een bedrag heeft hoogstens twee cijfers achter de komma."))
    return amount.quantize(_CENTS)


def _normalise_separators(raw: str) -> str:
    dots, commas = raw.count("."), raw.count(",")
    if dots and commas:
        decimal_sep = "," if raw.rfind(",") > raw.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        whole, _, frac = raw.rpartition(decimal_sep)
        _check_groups(whole, group_sep)
        return whole.replace(group_sep, "") + "." + frac
    if commas:
        if commas == 1:
            return raw.replace(",", ".")
        _check_groups(raw, ",")
        return raw.replace(",", "")
    if dots:
        if dots > 1:
            _check_groups(raw, ".")
            return raw.replace(".", "")
        whole, _, frac = raw.partition(".")
        if len(frac) == 3 and whole:
            return whole + frac  # Dutch thousands: 1.234 means one thousand two hundred and thirty-four
        return raw
    return raw


def _check_groups(whole: str, sep: str) -> None:
    parts = whole.split(sep)
    if not parts[0] or len(parts[0]) > 3 or any(len(p) != 3 for p in parts[1:]):
        raise AmountError(translation.gettext("De scheidingstekens in dit bedrag kloppen niet."))
