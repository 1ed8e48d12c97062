"""Answer values per question type: parse what people type, check stored values, convert to
Python, and show them. Plain Python, no database.

Values are stored in a JSON-safe "wire" form:

| type | wire | Python (answer_values) |
|---|---|---|
| yes_no | true / false | bool |
| choice | "option-value" | str |
| multi_choice | ["a", "b"] (definition order) | list[str] |
| scale | 3 | int |
| integer | 1234 | int |
| euro | "1234567.89" | Decimal |
| percentage | "12.5" | Decimal |
| text, long_text | "…" | str |
| date | "2026-01-31" | datetime.date |
| grid | {"row": {"column": wire}} | dict[str, dict[str, value]] |
| repeating | [{"column": wire}, …] | list[dict[str, value]] |
| evidence | {"url": "https://…"} or {"document": 12, "name": "beleid.pdf"} | dict |

An empty answer is `None` (never stored as an empty string or list).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from contextlib import nullcontext
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from django.utils import formats, translation
from django.utils.translation import gettext as _

from cim.core.formatting import AmountError, format_euro, format_number, format_percent, parse_amount
from cim.questionnaires import model as m

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INTEGER = re.compile(r"^-?\d{1,3}(\.\d{3})+$|^-?\d+$")
_DATE_NL = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
URL_MAX = 500
YES_WORDS = {"yes", "ja", "true", "1", "j", "y"}
NO_WORDS = {"no", "nee", "false", "0", "n"}


class InvalidValue(ValueError):
    """A value that does not fit the question; `message` is shown beside the field."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def is_empty(wire: Any) -> bool:
    return wire is None or wire == "" or wire == [] or wire == {}


# --- parsing what people type (forms and workbook cells) ---------------------------------------
def parse_input(spec: m.ValueSpec, raw: Any) -> Any:
    """Text (or a list of texts for multiple choice) typed by a person → wire value or None."""
    if isinstance(raw, list) and spec.type != m.MULTI_CHOICE:
        raw = raw[-1] if raw else ""
    if raw is None:
        return None
    if isinstance(raw, str):
        raw = raw.strip()
        if raw == "":
            return None
    parser = _PARSERS[spec.type]
    return check_wire(spec, parser(spec, raw))


def _parse_yes_no(spec: m.ValueSpec, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise InvalidValue(_("Kies ja of nee."))


def _match_option(spec: m.ValueSpec, raw: str) -> str:
    text = str(raw).strip()
    lowered = text.lower()
    for option in spec.options:
        if lowered in (option.value, option.label.nl.lower(), option.label.en.lower()):
            return option.value
    raise InvalidValue(_("'%(value)s' is geen van de mogelijke antwoorden.") % {"value": text[:60]})


def _parse_choice(spec: m.ValueSpec, raw: Any) -> str:
    return _match_option(spec, str(raw))


def _parse_multi(spec: m.ValueSpec, raw: Any) -> list[str]:
    items = raw if isinstance(raw, list) else re.split(r"[;\n]", str(raw))
    return [_match_option(spec, item) for item in items if str(item).strip()]


def _parse_scale(spec: m.ValueSpec, raw: Any) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, float):  # a workbook cell; inf and nan are not whole numbers
        return int(raw) if raw.is_integer() else -1
    text = str(raw).strip()
    match = re.match(r"^(\d+)\b", text)
    if match:
        return int(match.group(1))
    lowered = text.lower()
    for level in spec.levels:
        if lowered in (level.label.nl.lower(), level.label.en.lower()):
            return level.level
    raise InvalidValue(_("Kies een van de niveaus."))


def _parse_integer(spec: m.ValueSpec, raw: Any) -> int:
    if isinstance(raw, bool):
        raise InvalidValue(_("Vul een geheel getal in."))
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if not raw.is_integer():  # also inf and nan, which a workbook cell can hold
            raise InvalidValue(_("Vul een geheel getal in, zonder komma."))
        return int(raw)
    text = str(raw).replace(" ", "").replace("\u00a0", "")
    if not _INTEGER.match(text):
        raise InvalidValue(_("Vul een geheel getal in, zonder komma."))
    return int(text.replace(".", ""))


def _parse_euro(spec: m.ValueSpec, raw: Any) -> str:
    if isinstance(raw, bool):
        raise InvalidValue(_("Vul een bedrag in cijfers in, bijvoorbeeld 1.234.567,89."))
    if isinstance(raw, float):
        raw = Decimal(repr(raw))
    try:
        amount = parse_amount(raw if isinstance(raw, Decimal | int) else str(raw), max_value=spec.max or m.EURO_MAX)
    except AmountError as exc:
        raise InvalidValue(str(exc)) from exc
    return str(amount)


def _parse_percentage(spec: m.ValueSpec, raw: Any) -> str:
    if isinstance(raw, bool):
        raise InvalidValue(_("Vul een percentage in tussen 0 en 100."))
    if isinstance(raw, int | float):
        value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    else:
        text = str(raw).replace("%", "").replace(" ", "").replace("\u00a0", "").replace(",", ".")
        try:
            value = Decimal(text)
        except InvalidOperation as exc:
            raise InvalidValue(_("Vul een percentage in tussen 0 en 100, bijvoorbeeld 12,5.")) from exc
    return str(value)


def _parse_text(spec: m.ValueSpec, raw: Any) -> str:
    return str(raw)


def _parse_date(spec: m.ValueSpec, raw: Any) -> str:
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    text = str(raw).strip()
    match = _DATE_NL.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day).isoformat()
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError as exc:
        raise InvalidValue(_("Vul een datum in als 31-01-2026.")) from exc


_PARSERS: dict[str, Callable[[m.ValueSpec, Any], Any]] = {
    m.YES_NO: _parse_yes_no,
    m.CHOICE: _parse_choice,
    m.MULTI_CHOICE: _parse_multi,
    m.SCALE: _parse_scale,
    m.INTEGER: _parse_integer,
    m.EURO: _parse_euro,
    m.PERCENTAGE: _parse_percentage,
    m.TEXT: _parse_text,
    m.LONG_TEXT: _parse_text,
    m.DATE: _parse_date,
}


# --- checking wire values (everything stored passes here) ------------------------------------
def check_wire(spec: m.ValueSpec, wire: Any) -> Any:
    """Return the normalised wire value, None for empty, or raise InvalidValue."""
    if is_empty(wire):
        return None
    vtype = spec.type
    if vtype == m.YES_NO:
        if not isinstance(wire, bool):
            raise InvalidValue(_("Kies ja of nee."))
        return wire
    if vtype == m.CHOICE:
        if not isinstance(wire, str) or spec.option(wire) is None:
            raise InvalidValue(_("Kies een van de mogelijke antwoorden."))
        return wire
    if vtype == m.MULTI_CHOICE:
        if not isinstance(wire, list) or not all(isinstance(v, str) and spec.option(v) for v in wire):
            raise InvalidValue(_("Kies uit de mogelijke antwoorden."))
        chosen = set(wire)
        return [o.value for o in spec.options if o.value in chosen] or None
    if vtype == m.SCALE:
        if isinstance(wire, bool) or not isinstance(wire, int) or spec.level_of(wire) is None:
            raise InvalidValue(_("Kies een van de niveaus."))
        return wire
    if vtype == m.INTEGER:
        if isinstance(wire, bool) or not isinstance(wire, int):
            raise InvalidValue(_("Vul een geheel getal in."))
        if (spec.min is not None and wire < spec.min) or (spec.max is not None and wire > spec.max):
            raise InvalidValue(
                _("Vul een getal in van %(min)s tot en met %(max)s.")
                % {"min": format_number(spec.min), "max": format_number(spec.max)}
            )
        return wire
    if vtype == m.EURO:
        amount = _decimal(wire, _("Vul een bedrag in cijfers in, bijvoorbeeld 1.234.567,89."))
        if amount < 0:
            raise InvalidValue(_("Een bedrag kan niet negatief zijn."))
        limit = spec.max or m.EURO_MAX
        if amount > limit:
            raise InvalidValue(
                _("Dit bedrag is groter dan %(max)s; controleer het aantal cijfers.") % {"max": format_euro(limit, 0)}
            )
        if amount != amount.quantize(Decimal("0.01")):
            raise InvalidValue(_("Een bedrag heeft hoogstens twee cijfers achter de komma."))
        return str(amount.quantize(Decimal("0.01")))
    if vtype == m.PERCENTAGE:
        value = _decimal(wire, _("Vul een percentage in tussen 0 en 100."))
        if not Decimal(0) <= value <= Decimal(100):
            raise InvalidValue(_("Een percentage ligt tussen 0 en 100."))
        if value != value.quantize(Decimal("0.01")):
            raise InvalidValue(_("Een percentage heeft hoogstens twee cijfers achter de komma."))
        return _plain_decimal(value)
    if vtype in (m.TEXT, m.LONG_TEXT):
        if not isinstance(wire, str):
            raise InvalidValue(_("Vul een tekst in."))
        text = wire.replace("\r\n", "\n").strip()
        if "\x00" in text:
            raise InvalidValue(_("Deze tekst bevat tekens die niet zijn toegestaan."))
        text = _CONTROL.sub("", text)
        if vtype == m.TEXT:
            text = " ".join(text.split())
        if len(text) > spec.max_length:
            raise InvalidValue(
                _("Deze tekst is %(n)s tekens lang; hoogstens %(max)s mag.")
                % {"n": format_number(len(text)), "max": format_number(spec.max_length)}
            )
        return text or None
    if vtype == m.DATE:
        try:
            date = dt.date.fromisoformat(str(wire))
        except ValueError as exc:
            raise InvalidValue(_("Vul een datum in als 31-01-2026.")) from exc
        if (spec.min and date < dt.date.fromisoformat(spec.min)) or (
            spec.max and date > dt.date.fromisoformat(spec.max)
        ):
            raise InvalidValue(
                _("Vul een datum in tussen %(min)s en %(max)s.")
                % {"min": _date_text(spec.min or "1900-01-01"), "max": _date_text(spec.max or "2100-12-31")}
            )
        return date.isoformat()
    raise InvalidValue(_("Onbekend vraagtype."))


def _decimal(wire: Any, message: str) -> Decimal:
    if isinstance(wire, bool) or not isinstance(wire, str | int):
        raise InvalidValue(message)
    try:
        value = Decimal(str(wire))
    except InvalidOperation as exc:
        raise InvalidValue(message) from exc
    if not value.is_finite():
        raise InvalidValue(message)
    return value


def _plain_decimal(value: Decimal) -> str:
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def check_evidence(wire: Any) -> Any:
    if is_empty(wire):
        return None
    if not isinstance(wire, dict):
        raise InvalidValue(_("Geef een link of upload een document."))
    if set(wire) == {"url"}:
        return {"url": check_url(wire["url"])}
    if set(wire) == {"document", "name"} and isinstance(wire["document"], int) and isinstance(wire["name"], str):
        return {"document": wire["document"], "name": wire["name"][:150]}
    raise InvalidValue(_("Geef een link of upload een document."))


def check_url(raw: Any) -> str:
    text = str(raw or "").strip()
    parts = urlsplit(text)
    if len(text) > URL_MAX or parts.scheme not in ("http", "https") or not parts.netloc or _CONTROL.search(text):
        raise InvalidValue(
            _("Geef een volledige link die begint met https://, bijvoorbeeld https://www.gemeente.nl/beleid.")
        )
    return text


def check_question(question: m.Question, wire: Any) -> Any:
    """Check a whole answer to a question; return its normalised wire form (None if empty)."""
    if is_empty(wire):
        return None
    if question.spec is not None:
        return check_wire(question.spec, wire)
    if question.type == m.EVIDENCE:
        return check_evidence(wire)
    if question.type == m.GRID:
        if not isinstance(wire, dict):
            raise InvalidValue(_("Dit antwoord past niet bij de tabel."))
        result: dict[str, dict[str, Any]] = {}
        for row_key, cells in wire.items():
            row = question.row(str(row_key))
            if row is None or not isinstance(cells, dict):
                raise InvalidValue(_("De tabel heeft geen rij '%(row)s'.") % {"row": str(row_key)[:60]})
            checked: dict[str, Any] = {}
            for column_key, value in cells.items():
                column = question.column(str(column_key))
                if column is None:
                    raise InvalidValue(_("De tabel heeft geen kolom '%(column)s'.") % {"column": str(column_key)[:60]})
                try:
                    normalised = check_wire(column.spec, value)
                except InvalidValue as exc:
                    raise InvalidValue(f"{row.label} – {column.label}: {exc.message}") from exc
                if normalised is not None:
                    checked[column.key] = normalised
            if checked:
                result[row.key] = {c.key: checked[c.key] for c in question.columns if c.key in checked}
        return {r.key: result[r.key] for r in question.rows if r.key in result} or None
    if question.type == m.REPEATING:
        if not isinstance(wire, list):
            raise InvalidValue(_("Dit antwoord past niet bij de lijst."))
        rows = []
        for index, cells in enumerate(wire, start=1):
            if not isinstance(cells, dict):
                raise InvalidValue(_("Rij %(n)s past niet bij de lijst.") % {"n": index})
            checked = {}
            for column_key, value in cells.items():
                column = question.column(str(column_key))
                if column is None:
                    raise InvalidValue(_("De lijst heeft geen kolom '%(column)s'.") % {"column": str(column_key)[:60]})
                try:
                    normalised = check_wire(column.spec, value)
                except InvalidValue as exc:
                    raise InvalidValue(
                        _("Rij %(n)s, %(column)s: %(message)s")
                        % {"n": index, "column": column.label, "message": exc.message}
                    ) from exc
                if normalised is not None:
                    checked[column.key] = normalised
            if checked:
                rows.append({c.key: checked[c.key] for c in question.columns if c.key in checked})
        if len(rows) > question.max_rows:
            raise InvalidValue(_("Hoogstens %(n)s rijen.") % {"n": question.max_rows})
        return rows or None
    raise InvalidValue(_("Onbekend vraagtype."))


# --- converting and showing --------------------------------------------------------------------
def to_python(spec: m.ValueSpec, wire: Any) -> Any:
    if is_empty(wire):
        return None
    if spec.type in (m.EURO, m.PERCENTAGE):
        return Decimal(str(wire))
    if spec.type == m.DATE:
        return dt.date.fromisoformat(wire)
    if spec.type == m.MULTI_CHOICE:
        return list(wire)
    return wire


def question_to_python(question: m.Question, wire: Any) -> Any:
    if is_empty(wire):
        return None
    if question.spec is not None:
        return to_python(question.spec, wire)
    if question.type == m.GRID:
        return {
            row: {col: to_python(question.column(col).spec, v) for col, v in cells.items() if question.column(col)}  # type: ignore[union-attr]
            for row, cells in wire.items()
        }
    if question.type == m.REPEATING:
        return [
            {col: to_python(question.column(col).spec, v) for col, v in cells.items() if question.column(col)}  # type: ignore[union-attr]
            for cells in wire
        ]
    return dict(wire)


def _date_text(iso: str) -> str:
    return formats.date_format(dt.date.fromisoformat(iso), "j F Y")


def display(spec: m.ValueSpec, wire: Any, language: str | None = None) -> str:
    """A value as people read it, in the active (or given) language."""
    if is_empty(wire):
        return ""
    with translation.override(language) if language else nullcontext():
        vtype = spec.type
        if vtype == m.YES_NO:
            return _("Ja") if wire else _("Nee")
        if vtype == m.CHOICE:
            option = spec.option(wire)
            return option.label.get() if option else str(wire)
        if vtype == m.MULTI_CHOICE:
            return "; ".join(o.label.get() for o in spec.options if o.value in wire)
        if vtype == m.SCALE:
            level = spec.level_of(wire)
            return f"{wire} – {level.label.get()}" if level else str(wire)
        if vtype == m.INTEGER:
            unit = f" {spec.unit.get()}" if spec.unit else ""
            return format_number(wire) + unit
        if vtype == m.EURO:
            return format_euro(Decimal(wire))
        if vtype == m.PERCENTAGE:
            text = str(wire)
            return format_percent(Decimal(text), len(text.partition(".")[2]))
        if vtype == m.DATE:
            return _date_text(wire)
        return str(wire)


def input_text(spec: m.ValueSpec, wire: Any) -> str:
    """The text to put back into an input box (Dutch number style, no currency sign)."""
    if is_empty(wire):
        return ""
    if spec.type == m.EURO:
        return format_number(Decimal(wire), 2)
    if spec.type == m.PERCENTAGE:
        return str(wire).replace(".", ",")
    return str(wire)


def display_question(question: m.Question, wire: Any, language: str | None = None) -> str:
    """A whole answer as one line of text (history, conflicts, e-mail)."""
    if is_empty(wire):
        return ""
    if question.spec is not None:
        return display(question.spec, wire, language)
    if question.type == m.EVIDENCE:
        return str(wire.get("url") or wire.get("name") or "")
    if question.type == m.GRID:
        parts = []
        for row in question.rows:
            cells = wire.get(row.key) or {}
            shown = [
                f"{c.label.get(language)}: {display(c.spec, cells[c.key], language)}"
                for c in question.columns
                if c.key in cells
            ]
            if shown:
                parts.append(f"{row.label.get(language)} ({', '.join(shown)})")
        return "; ".join(parts)
    if question.type == m.REPEATING:
        return " | ".join(
            ", ".join(display(c.spec, cells[c.key], language) for c in question.columns if c.key in cells)
            for cells in wire
        )
    return str(wire)
