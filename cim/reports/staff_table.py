"""The staff score table of an edition: sortable columns and the XLSX export (programme staff)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from cim.editions.models import Edition
from cim.organisations.size_classes import size_class_label
from cim.questionnaires.selectors import edition_definition
from cim.reports.selectors import SORTS, staff_score_rows
from cim.scoring import method as mt


def slug(text: str) -> str:
    return slugify(text) or "rapport"


@dataclass
class Column:
    key: str  # the sort key
    label: str
    numeric: bool
    sorted: str = ""  # "ascending" / "descending" (aria-sort) when the table is sorted on it
    next_direction: str = "af"


@dataclass(frozen=True)
class StaffRow:
    participation: Any
    record: Any
    stage_label: str


@dataclass
class StaffTable:
    edition: Edition
    rows: list[StaffRow]
    sort: str
    descending: bool
    columns: list[Column] = field(default_factory=list)
    method: mt.Method | None = None
    theme_labels: dict[str, str] = field(default_factory=dict)
    category_labels: dict[str, str] = field(default_factory=dict)

    def stage_label(self, key: str) -> str:
        stage = self.method.stage(key) if self.method else None
        return stage.label.get() if stage else key


def table(edition: Edition, params: Mapping[str, Any]) -> StaffTable:
    sort = params.get("sorteer") if params.get("sorteer") in SORTS else "totaal"
    descending = params.get("richting", "af" if sort != "naam" else "op") != "op"
    found = StaffTable(edition, [], str(sort), descending)
    for key, label, numeric in (
        ("naam", _("Organisatie"), False),
        ("totaal", _("Totaalscore"), True),
        ("strategisch", _("Strategisch"), True),
        ("operationeel", _("Operationeel"), True),
        ("aandeel", _("Circulair aandeel"), True),
    ):
        column = Column(key, label, numeric)
        if key == sort:
            column.sorted = "descending" if descending else "ascending"
            column.next_direction = "op" if descending else "af"
        else:
            column.next_direction = "af" if numeric else "op"
        found.columns.append(column)
    definition = edition_definition(edition)
    found.method = mt.method_of(definition) if definition else None
    found.rows = [
        StaffRow(r.participation, r.record, found.stage_label(r.record.stage))
        for r in staff_score_rows(edition, sort=str(sort), descending=descending)
    ]
    if definition is not None and found.method is not None:
        for theme in found.method.themes:
            term = definition.term("theme", theme.key) or definition.term("aspect", theme.key)
            found.theme_labels[theme.key] = term.label.get() if term else theme.key
        share = found.method.circular_share
        question = definition.question(share.question) if share else None
        for row in question.rows if question else ():
            found.category_labels[row.key] = row.label.get()
    return found


def export_rows(found: StaffTable) -> tuple[list[str], list[list[Any]]]:
    header = [
        _("Organisatie"),
        _("CBS-code"),
        _("Provincie"),
        _("Grootteklasse"),
        _("Totaalscore"),
        _("Fase"),
        _("Strategisch niveau"),
        _("Operationeel niveau"),
        *found.theme_labels.values(),
        _("Totaal inkoopvolume (€)"),
        _("Circulair inkoopvolume (€)"),
        _("Circulair aandeel (%)"),
        *(_("Circulair aandeel %(category)s (%%)") % {"category": label} for label in found.category_labels.values()),
        _("Volledig"),
    ]
    rows = []
    for row in found.rows:
        record, participation = row.record, row.participation
        shares = record.circular_shares()
        rows.append(
            [
                participation.organisation.name,
                participation.organisation.cbs_code or "",
                participation.province.name if participation.province else "",
                size_class_label(participation.size_class) if participation.size_class else "",
                record.overall,
                row.stage_label,
                record.strategic,
                record.operational,
                *(record.themes.get(key) for key in found.theme_labels),
                record.spend_total,
                record.spend_circular,
                record.circular_share,
                *(shares.get(key) for key in found.category_labels),
                _("ja") if record.complete else _("nee"),
            ]
        )
    return header, rows
