"""Open data: every published table as CSV, XLSX and JSON, with its metadata (title, definition,
unit, edition, method, the suppression marker). Only ledger values: a suppressed cell is "x".
Text that a spreadsheet would run as a formula is neutralised (cim.core.exports)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from cim.core.exports import Sheet, csv_bytes, neutralise, xlsx_bytes
from cim.disclosure.results import SUPPRESSED_MARK, PublicTable
from cim.disclosure.tables import MARGIN
from cim.statistics import catalogue as cat
from cim.statistics.display import Labels, _column_label
from cim.statistics.selectors import PublishedRelease

FORMATS = ("csv", "xlsx", "json")


@dataclass(frozen=True)
class Download:
    key: str
    title: str


def catalogue(release: PublishedRelease, labels: Labels) -> list[Download]:
    names = labels.names()
    return [Download(key, cat.table_info(key, names).title) for key in sorted(release.tables)]


def method_text() -> str:
    return _(
        "Geaggregeerd over de deelnemers met een ingediende scan en beschermd tegen onthulling "
        "(minimumaantallen, p%-regel, secundaire onderdrukking, gecontroleerd met lineaire "
        "programmering tegen alles wat eerder is gepubliceerd). Een onderdrukte cel staat als x."
    )


def metadata(release: PublishedRelease, key: str, labels: Labels) -> dict[str, Any]:
    edition = release.edition
    info = cat.table_info(key, labels.names())
    return {
        "table": key,
        "title": info.title,
        "definition": info.definition,
        "unit": info.unit,
        "edition": {"year": edition.year, "title": edition.display_title, "programme": edition.programme.name},
        "released_at": timezone.localtime(release.released_at).isoformat(timespec="seconds"),
        "method": method_text(),
        "suppression_marker": SUPPRESSED_MARK,
        "margin_marker": MARGIN,
    }


def _rows(release: PublishedRelease, key: str, labels: Labels) -> list[list[Any]]:
    table: PublicTable = release.tables[key]
    spec = release.specs[key]
    out = []
    for cell in sorted(table.cells, key=lambda c: (c.row == MARGIN, c.row, c.column)):
        out.append(
            [
                cell.row,
                _("Alle deelnemers")
                if spec.rows == "all"
                else labels.kind(cell.row)
                if spec.rows == "kind"
                else labels.row(cell.row),
                cell.column,
                _column_label(spec, cell.column, labels),
                SUPPRESSED_MARK if cell.value is None else cell.value,
            ]
        )
    return out


def _header() -> list[str]:
    return [_("rij"), _("rij (naam)"), _("kolom"), _("kolom (naam)"), _("waarde")]


def response(release: PublishedRelease, key: str, fmt: str, labels: Labels) -> HttpResponse:
    meta = metadata(release, key, labels)
    rows = _rows(release, key, labels)
    name = f"statistieken-{release.edition.year}-{key}.{fmt}"
    if fmt == "json":
        body = json.dumps(
            {
                "metadata": meta,
                "columns": ["row", "row_label", "column", "column_label", "value"],
                "cells": [
                    {
                        "row": r[0],
                        "row_label": r[1],
                        "column": r[2],
                        "column_label": r[3],
                        "value": r[4] if r[4] == SUPPRESSED_MARK else str(r[4]),
                    }
                    for r in rows
                ],
            },
            ensure_ascii=False,
            indent=1,
        ).encode()
        result = HttpResponse(body, content_type="application/json; charset=utf-8")
    elif fmt == "csv":
        result = HttpResponse(_csv(meta, rows), content_type="text/csv; charset=utf-8")
    else:
        meta_rows = [[field, _flat(value)] for field, value in meta.items()]
        result = HttpResponse(
            xlsx_bytes([Sheet(_("Tabel"), _header(), rows), Sheet(_("Metadata"), [_("veld"), _("waarde")], meta_rows)]),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    result["Content-Disposition"] = f'attachment; filename="{name}"'
    result["Access-Control-Allow-Origin"] = "*"  # open data
    return result


def _flat(value: Any) -> Any:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return value


def _csv(meta: dict[str, Any], rows: list[list[Any]]) -> bytes:
    """Metadata as comment lines ("# field: value"), then the table with a header row."""
    prefix = "".join(f"# {field}: {' '.join(str(_flat(value)).split())}\r\n" for field, value in meta.items())
    body = csv_bytes(_header(), rows).decode("utf-8").lstrip("\ufeff")
    return ("\ufeff" + prefix + body).encode("utf-8")


__all__ = ["FORMATS", "catalogue", "neutralise", "response"]
