"""Titles, descriptions, units and the method text of published tables, from their definition
(the ledger's `spec`). Never mentions rule parameters or why a cell is hidden."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from cim.disclosure.results import SUPPRESSED_MARK


def classification_label(code: str) -> str:
    return {
        "all": _("alle deelnemers"),
        "province": _("provincie"),
        "size_class": _("grootteklasse"),
        "kind": _("soort organisatie"),
    }.get(code, code)


def unit(kind: str) -> str:
    """EUR for euro and growth tables, count (of organisations) for frequency tables."""
    return "count" if kind == "frequency" else "EUR"


def title(spec: dict[str, Any]) -> str:
    kind, rows = spec.get("kind", ""), classification_label(str(spec.get("rows", "")))
    if kind == "frequency":
        return _("Aantal deelnemers per antwoord op %(question)s, per %(rows)s") % {
            "question": spec.get("question", ""),
            "rows": rows,
        }
    if kind == "growth":
        return _("Groei in euro's per %(rows)s") % {"rows": rows}
    return _("Euro's per %(rows)s") % {"rows": rows}


def description(spec: dict[str, Any]) -> str:
    kind = spec.get("kind", "")
    columns = ", ".join(str(c) for c in spec.get("columns", []))
    rows = classification_label(str(spec.get("rows", "")))
    parts = {
        "magnitude": _(
            "Som van de bedragen (euro's) die de deelnemers opgaven voor %(columns)s, per %(rows)s. Rij * is het totaal over alle groepen, kolom * de som over de kolommen."
        ),
        "frequency": _(
            "Aantal deelnemers dat elk antwoord gaf, per %(rows)s. Kolom * is het aantal deelnemers dat de vraag beantwoordde; rij * is het totaal."
        ),
        "growth": _(
            "Bedragen (euro's) voor %(columns)s over het panel van deelnemers die aan beide edities meededen (panel_previous: vorige editie, panel_current: deze editie), en van nieuwe (joiners) en vertrokken deelnemers (leavers), per %(rows)s."
        ),
    }
    return parts.get(kind, parts["magnitude"]) % {"columns": columns, "rows": rows}


def method() -> str:
    return _(
        "Gepubliceerd na controle op herleidbaarheid: een cel waaruit het cijfer van één organisatie (bij benadering) te halen is, is onderdrukt, net als cellen waarmee een onderdrukte cel terug te rekenen zou zijn, ook in combinatie met eerder gepubliceerde tabellen. Een onderdrukte cel heeft geen waarde en het teken %(mark)s. Een eenmaal onderdrukte cel blijft onderdrukt. Groepen komen alleen uit vaste indelingen (provincie, grootteklasse, soort organisatie)."
    ) % {"mark": SUPPRESSED_MARK}
