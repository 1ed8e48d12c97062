"""Parsing CBS reference files. Plain Python: bytes in, records out, or one error listing every problem.

Two layouts are read:
- "Gemeenten alfabetisch": Gemeentecode, GemeentecodeGM, Gemeentenaam, Provinciecode,
  ProvinciecodePV, Provincienaam (comma, semicolon or tab separated, UTF-8).
- "Bevolking per gemeente": a municipality code column and a population column.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

MUNICIPALITY_COLUMNS = (
    "Gemeentecode",
    "GemeentecodeGM",
    "Gemeentenaam",
    "Provinciecode",
    "ProvinciecodePV",
    "Provincienaam",
)
CODE_COLUMNS = ("gemeentecodegm", "gemeentecode", "regiocode", "code")
POPULATION_COLUMNS = (
    "bevolking",
    "inwoners",
    "aantal inwoners",
    "bevolking op 1 januari",
    "bevolking 1 januari",
)
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_NAME = 200
MAX_REPORTED_ERRORS = 20
DEFAULT_FILE = Path(__file__).parent / "data" / "gemeenten-2023.csv"

GM = re.compile(r"^GM\d{4}$")
PV = re.compile(r"^PV\d{2}$")


class ReferenceFileError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class MunicipalityRow:
    code: str
    name: str
    province_code: str
    province_name: str


def _decode(data: bytes) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise ReferenceFileError([_("Het bestand is groter dan 2 MB; dit is geen CBS-lijst.")])
    if b"\x00" in data[:4096]:
        raise ReferenceFileError([_("Het bestand is geen tekstbestand (CSV).")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReferenceFileError(
            [_("Het bestand is niet in UTF-8 gecodeerd. Sla het in uw spreadsheetprogramma op als 'CSV UTF-8'.")]
        ) from exc


def _reader(text: str) -> tuple[list[str], list[list[str]]]:
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ReferenceFileError([_("Het bestand is leeg.")])
    first = lines[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if len(rows) - 1 > MAX_ROWS:
        raise ReferenceFileError([_("Het bestand heeft meer dan %(max)s regels.") % {"max": MAX_ROWS}])
    header = [h.strip() for h in rows[0]]
    body = [r for r in rows[1:] if any(cell.strip() for cell in r)]
    return header, body


def parse_municipalities(data: bytes) -> list[MunicipalityRow]:
    header, body = _reader(_decode(data))
    lowered = [h.lower() for h in header]
    missing = [c for c in MUNICIPALITY_COLUMNS if c.lower() not in lowered]
    if missing:
        raise ReferenceFileError(
            [
                _("Deze kolommen ontbreken: %(missing)s. Verwacht: %(expected)s.")
                % {"missing": ", ".join(missing), "expected": ", ".join(MUNICIPALITY_COLUMNS)}
            ]
        )
    index = {c: lowered.index(c.lower()) for c in MUNICIPALITY_COLUMNS}
    problems: list[str] = []
    seen: dict[str, int] = {}
    provinces: dict[str, str] = {}
    result: list[MunicipalityRow] = []
    for line_no, row in enumerate(body, start=2):
        if len(row) < len(header):
            problems.append(_("Regel %(line)s: te weinig kolommen.") % {"line": line_no})
            continue
        cell = {c: " ".join(row[i].split()) for c, i in index.items()}
        code = cell["GemeentecodeGM"].upper()
        if not GM.match(code) or cell["Gemeentecode"].zfill(4) != code[2:]:
            problems.append(
                _("Regel %(line)s: ongeldige gemeentecode %(code)s.") % {"line": line_no, "code": code[:20]}
            )
            continue
        if not cell["Gemeentenaam"] or len(cell["Gemeentenaam"]) > MAX_NAME:
            problems.append(_("Regel %(line)s: de gemeentenaam ontbreekt of is te lang.") % {"line": line_no})
            continue
        pv = cell["ProvinciecodePV"].upper()
        if not PV.match(pv) or cell["Provinciecode"].zfill(2) != pv[2:] or not cell["Provincienaam"]:
            problems.append(_("Regel %(line)s: ongeldige provincie.") % {"line": line_no})
            continue
        if code in seen:
            problems.append(
                _("Regel %(line)s: gemeentecode %(code)s staat er al op regel %(first)s.")
                % {"line": line_no, "code": code, "first": seen[code]}
            )
            continue
        if provinces.setdefault(pv, cell["Provincienaam"]) != cell["Provincienaam"]:
            problems.append(_("Regel %(line)s: provincie %(code)s heeft twee namen.") % {"line": line_no, "code": pv})
            continue
        seen[code] = line_no
        result.append(MunicipalityRow(code, cell["Gemeentenaam"], pv, cell["Provincienaam"]))
    if problems:
        raise ReferenceFileError(problems[:MAX_REPORTED_ERRORS] + _more(problems))
    if not result:
        raise ReferenceFileError([_("Het bestand bevat geen gemeenten.")])
    return result


def parse_population(data: bytes) -> dict[str, int]:
    """Map GM code to population."""
    header, body = _reader(_decode(data))
    lowered = [h.lower() for h in header]
    code_col = next((lowered.index(c) for c in CODE_COLUMNS if c in lowered), None)
    pop_col = next((lowered.index(c) for c in POPULATION_COLUMNS if c in lowered), None)
    if code_col is None or pop_col is None:
        raise ReferenceFileError(
            [
                _(
                    "Verwacht een kolom met de gemeentecode (GemeentecodeGM of Gemeentecode) en een kolom Bevolking of Inwoners."
                )
            ]
        )
    problems: list[str] = []
    result: dict[str, int] = {}
    for line_no, row in enumerate(body, start=2):
        if len(row) <= max(code_col, pop_col):
            problems.append(_("Regel %(line)s: te weinig kolommen.") % {"line": line_no})
            continue
        raw_code = row[code_col].strip().upper()
        code = raw_code if raw_code.startswith("GM") else "GM" + raw_code.zfill(4)
        raw_pop = re.sub(r"[\s.]", "", row[pop_col])
        if not GM.match(code):
            problems.append(
                _("Regel %(line)s: ongeldige gemeentecode %(code)s.") % {"line": line_no, "code": raw_code[:20]}
            )
            continue
        if not raw_pop.isdigit() or not 0 < int(raw_pop) < 10_000_000:
            problems.append(_("Regel %(line)s: ongeldig aantal inwoners.") % {"line": line_no})
            continue
        if code in result:
            problems.append(
                _("Regel %(line)s: gemeentecode %(code)s staat er dubbel in.") % {"line": line_no, "code": code}
            )
            continue
        result[code] = int(raw_pop)
    if problems:
        raise ReferenceFileError(problems[:MAX_REPORTED_ERRORS] + _more(problems))
    if not result:
        raise ReferenceFileError([_("Het bestand bevat geen inwonertallen.")])
    return result


def _more(problems: list[str]) -> list[str]:
    extra = len(problems) - MAX_REPORTED_ERRORS
    return [_("… en nog %(n)s problemen.") % {"n": extra}] if extra > 0 else []
