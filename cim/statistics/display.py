"""Published tables as the pages show them: labels for rows and columns, formatted cells, "x" for
a suppressed cell. Built from `PublicTable` only (the ledger or a preview's public side); the
staff variants add true values from `StaffTable` / recomputed cells, and only staff views call
them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cim.core.formatting import format_euro, format_number, format_percent
from cim.disclosure.release import circular_shares, growth_figures
from cim.disclosure.results import SUPPRESSED_MARK, PublicTable
from cim.disclosure.tables import GROWTH_PARTS, MARGIN, TableSpec
from cim.organisations.models import Organisation
from cim.questionnaires import model as qm
from cim.statistics import catalogue as cat


@dataclass
class Labels:
    """Names of everything a table may contain, in the active language."""

    provinces: dict[str, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    themes: dict[str, str] = field(default_factory=dict)
    questions: dict[str, str] = field(default_factory=dict)
    options: dict[str, dict[str, str]] = field(default_factory=dict)

    def row(self, code: str) -> str:
        if code == MARGIN:
            return _("Totaal programma")
        if code == "?":
            return _("Onbekend")
        return self.provinces.get(code, code)

    def measure(self, column: str) -> str:
        if column == MARGIN:
            return _("Alle categorieën")
        _kind, _sep, category = column.partition(":")
        return self.categories.get(category, category)

    def option(self, question: str, option: str) -> str:
        if option == MARGIN:
            return _("Aantal")
        return self.options.get(question, {}).get(option, option)

    def kind(self, code: str) -> str:
        if code == MARGIN:
            return _("Totaal programma")
        return str(dict(Organisation.Kind.choices).get(code, code))

    def band(self, band: str) -> str:
        return _("score %(band)s") % {"band": band.replace("-", "–")}

    def names(self) -> dict[str, str]:
        """Names for table titles: questions, themes and the three levels."""
        return {**self.questions, **self.themes, **{level: self.score(level) for level in cat.LEVELS}}

    def score(self, measure: str) -> str:
        return {
            "overall": _("Totaalscore"),
            "strategic": _("Strategisch niveau"),
            "operational": _("Operationeel niveau"),
        }.get(measure) or self.themes.get(measure, measure)


def labels_for(definition: qm.Definition | None, provinces: Mapping[str, str]) -> Labels:
    labels = Labels(provinces=dict(provinces))
    if definition is None:
        return labels
    labels.categories = {t.key: str(t.label) for t in definition.vocabularies.get("category", ())}
    for vocabulary in ("theme", "aspect", "focus_area"):
        for term in definition.vocabularies.get(vocabulary, ()):
            labels.themes.setdefault(term.key, str(term.label))
    for key in cat.KEY_QUESTIONS:
        question = definition.question(key)
        if question is None or question.spec is None:
            continue
        labels.questions[key] = str(question.text)
        if question.type == qm.YES_NO:
            labels.options[key] = {"true": _("Ja"), "false": _("Nee")}
        else:
            options = {o.value: str(o.label) for o in question.spec.options}
            options |= {str(lv.level): str(lv.label) for lv in question.spec.levels}
            labels.options[key] = options
    return labels


@dataclass(frozen=True)
class DisplayCell:
    text: str
    suppressed: bool = False
    staff: str = ""  # staff only: the true value and why it is hidden
    bar: int | None = None  # 0–100 for an accessible bar (meter), where it makes sense


@dataclass(frozen=True)
class DisplayRow:
    label: str
    cells: tuple[DisplayCell, ...]
    margin: bool = False
    highlight: bool = False


@dataclass(frozen=True)
class DisplayTable:
    key: str  # the published table to download ("" for a derived table)
    caption: str
    header: tuple[str, ...]  # the first is the row heading
    rows: tuple[DisplayRow, ...]
    note: str = ""


def euro(value: Decimal | None) -> DisplayCell:
    return DisplayCell(SUPPRESSED_MARK, True) if value is None else DisplayCell(format_euro(value, 0))


def count(value: Decimal | None) -> DisplayCell:
    return DisplayCell(SUPPRESSED_MARK, True) if value is None else DisplayCell(format_number(value, 0))


def fraction(value: Decimal | None) -> DisplayCell:
    """A share or a relative growth (a fraction) as a percentage."""
    if value is None:
        return DisplayCell(SUPPRESSED_MARK, True)
    percent = value * 100
    bar = int(max(0, min(100, round(percent)))) if 0 <= percent <= 100 else None
    return DisplayCell(format_percent(percent, 1), bar=bar)


def signed_euro(value: Decimal | None) -> DisplayCell:
    if value is None:
        return DisplayCell(SUPPRESSED_MARK, True)
    text = format_euro(abs(value), 0)
    return DisplayCell(("+" if value > 0 else "-" if value < 0 else "") + text)


def signed_fraction(value: Decimal | None) -> DisplayCell:
    if value is None:
        return DisplayCell(SUPPRESSED_MARK, True)
    text = format_percent(abs(value) * 100, 1)
    return DisplayCell(("+" if value > 0 else "-" if value < 0 else "") + text)


def grid(
    table: PublicTable,
    *,
    caption: str,
    row_label: Callable[[str], str],
    column_label: Callable[[str], str],
    cell: Callable[[Decimal | None], DisplayCell],
    columns: Sequence[str] | None = None,
    first: str = "",
    key: str = "",
    highlight: frozenset[str] = frozenset(),
    rows: Sequence[str] | None = None,
) -> DisplayTable:
    coords = {(c.row, c.column): c.value for c in table.cells}
    columns = list(columns if columns is not None else table.columns)
    shown_rows = [r for r in (rows if rows is not None else table.rows) if r in table.rows]
    return DisplayTable(
        key=key,
        caption=caption,
        header=(first or _("Provincie"), *[column_label(c) for c in columns]),
        rows=tuple(
            DisplayRow(
                row_label(r),
                tuple(cell(coords.get((r, c))) for c in columns),
                margin=r == MARGIN,
                highlight=r in highlight,
            )
            for r in shown_rows
        ),
    )


def frequency_with_shares(
    table: PublicTable,
    *,
    caption: str,
    labels: Labels,
    question: str,
    key: str,
    highlight: frozenset[str] = frozenset(),
    row_label: Callable[[str], str] | None = None,
    option_label: Callable[[str], str] | None = None,
    first: str = "",
    last: str = "",
    options: Sequence[str] | None = None,
) -> DisplayTable:
    """Counts per answer with their share of those who answered (shown only with the count)."""
    coords = {(c.row, c.column): c.value for c in table.cells}
    options = list(options) if options is not None else [c for c in table.columns if c != MARGIN]
    row_label = row_label or labels.row
    option_label = option_label or (lambda o: labels.option(question, o))
    rows = []
    for r in table.rows:
        size = coords.get((r, MARGIN))
        cells = []
        for option in options:
            value = coords.get((r, option))
            if value is None:
                cells.append(DisplayCell(SUPPRESSED_MARK, True))
            else:
                share = fraction(value / size) if size else DisplayCell("–")
                cells.append(DisplayCell(f"{format_number(value, 0)} ({share.text})", bar=share.bar))
        cells.append(count(size))
        rows.append(DisplayRow(row_label(r), tuple(cells), margin=r == MARGIN, highlight=r in highlight))
    return DisplayTable(
        key=key,
        caption=caption,
        header=(first or _("Provincie"), *[option_label(o) for o in options], last or _("Antwoordden")),
        rows=tuple(rows),
    )


@dataclass
class Section:
    key: str
    title: str
    tables: list[DisplayTable] = field(default_factory=list)
    intro: str = ""


def edition_sections(
    tables: Mapping[str, PublicTable],
    specs: Mapping[str, TableSpec],
    labels: Labels,
    *,
    highlight: frozenset[str] = frozenset(),
) -> list[Section]:
    """The statistics page of an edition, section by section, from its published tables."""
    sections = {s.key: Section(s.key, str(s.title)) for s in cat.SECTIONS}
    for key, row_label, first in (
        ("participants_by_province", labels.row, _("Provincie")),
        ("participants_by_kind", labels.kind, _("Soort organisatie")),
    ):
        participants = tables.get(key)
        if participants is None:
            continue
        sections["participants"].tables.append(
            frequency_with_shares(
                participants,
                caption=cat.table_info(key).title,
                labels=labels,
                question=cat.band_question("overall"),
                key=key,
                highlight=highlight if key == "participants_by_province" else frozenset(),
                row_label=row_label,
                option_label=labels.band,
                first=first,
                last=_("Deelnemers"),
            )
        )
    total, circular = tables.get("total_by_province"), tables.get("circular_by_province")
    for key, table in (("total_by_province", total), ("circular_by_province", circular)):
        if table is not None:
            sections["euros"].tables.append(
                grid(
                    table,
                    caption=cat.table_info(key).title,
                    row_label=labels.row,
                    column_label=labels.measure,
                    cell=euro,
                    key=key,
                    highlight=highlight,
                    columns=_in_spec_order(table, specs.get(key)),
                )
            )
    if total is not None and circular is not None:
        shares = circular_shares(_renamed(circular, total), total)
        sections["euros"].tables.append(
            grid(
                shares,
                caption=_("Circulair aandeel per inkoopcategorie, per provincie"),
                row_label=labels.row,
                column_label=labels.measure,
                cell=fraction,
                highlight=highlight,
                columns=_in_spec_order(total, specs.get("total_by_province")),
            )
        )
    for key in ("growth_total_by_province", "growth_circular_by_province"):
        table, spec = tables.get(key), specs.get(key)
        if table is None or spec is None:
            continue
        absolute, relative = growth_figures(table, spec.columns)
        title = cat.table_info(key).title
        sections["growth"].tables.append(
            grid(
                absolute,
                caption=title + " – " + _("absoluut"),
                row_label=labels.row,
                column_label=labels.measure,
                cell=signed_euro,
                key=key,
                highlight=highlight,
            )
        )
        sections["growth"].tables.append(
            grid(
                relative,
                caption=title + " – " + _("relatief"),
                row_label=labels.row,
                column_label=labels.measure,
                cell=signed_fraction,
                highlight=highlight,
            )
        )
    score_tables = [(k, t) for k, t in tables.items() if k.startswith("scores_")]
    if score_tables:
        sections["scores"].tables.append(score_distribution(score_tables, labels))
    for key, table in tables.items():
        if key.startswith("policy_"):
            question = key.removeprefix("policy_")
            sections["policy"].tables.append(
                frequency_with_shares(
                    table,
                    caption=labels.questions.get(question, question),
                    labels=labels,
                    question=question,
                    key=key,
                    highlight=highlight,
                    options=[c for c in _in_spec_order(table, specs.get(key)) if c != MARGIN],
                )
            )
    return [s for s in sections.values() if s.tables]


def _in_spec_order(table: PublicTable, spec: TableSpec | None) -> list[str]:
    """The table's columns in the order of its definition (the questionnaire's category order)."""
    if spec is None:
        return list(table.columns)
    wanted = [c for c in spec.columns if c in table.columns]
    return wanted + [c for c in table.columns if c not in wanted]


def _renamed(circular: PublicTable, total: PublicTable) -> PublicTable:
    """The circular table with the total table's column names (circular:gww -> total:gww), so
    that `circular_shares` pairs each circular cell with its total."""
    from cim.disclosure.results import PublicCell

    cells = tuple(PublicCell(c.row, c.column.replace("circular:", "total:", 1), c.value) for c in circular.cells)
    return PublicTable(circular.key, circular.edition, circular.kind, circular.rows, total.columns, cells)


def score_distribution(score_tables: Sequence[tuple[str, PublicTable]], labels: Labels) -> DisplayTable:
    order = {m: i for i, m in enumerate(cat.LEVELS)}
    ordered = sorted(score_tables, key=lambda kt: order.get(kt[0].removeprefix("scores_"), 99))
    rows = []
    for key, table in ordered:
        coords = {(c.row, c.column): c.value for c in table.cells}
        size = coords.get((MARGIN, MARGIN))
        cells = []
        for band in cat.BAND_KEYS:
            value = coords.get((MARGIN, band))
            if value is None:
                cells.append(DisplayCell(SUPPRESSED_MARK, True))
            else:
                share = fraction(value / size) if size else DisplayCell("–")
                cells.append(DisplayCell(f"{format_number(value, 0)} ({share.text})", bar=share.bar))
        cells.append(count(size))
        rows.append(DisplayRow(labels.score(key.removeprefix("scores_")), tuple(cells)))
    return DisplayTable(
        key="",
        caption=_("Aantal deelnemers per scoreklasse, per niveau en thema"),
        header=(_("Score"), *[band.replace("-", "–") for band in cat.BAND_KEYS], _("Deelnemers")),
        rows=tuple(rows),
        note=_("Per scoreklasse staat het aantal deelnemers met daarachter hun aandeel."),
    )


# --- Funder dashboard: growth per domain -----------------------------------------------------


@dataclass(frozen=True)
class GrowthRow:
    label: str
    previous: DisplayCell
    current: DisplayCell
    absolute: DisplayCell
    relative: DisplayCell
    margin: bool = False

    @property
    def cells(self) -> tuple[DisplayCell, ...]:
        return (self.previous, self.current, self.absolute, self.relative)


@dataclass(frozen=True)
class GrowthBlock:
    key: str
    title: str
    area: str  # the province's name or the programme
    rows: tuple[GrowthRow, ...]


def growth_per_domain(
    table: PublicTable, spec: TableSpec, *, row: str, labels: Labels, title: str
) -> GrowthBlock | None:
    """One row of a growth table (a province, or the programme "*") as one line per category."""
    if row not in table.rows:
        return None
    absolute, relative = growth_figures(table, spec.columns)
    coords = {(c.row, c.column): c.value for c in table.cells}
    columns = [*spec.columns, MARGIN] if len(spec.columns) > 1 else list(spec.columns)
    rows = []
    for measure in columns:
        rows.append(
            GrowthRow(
                labels.measure(measure),
                euro(coords.get((row, f"{measure}|{GROWTH_PARTS[0]}"))),
                euro(coords.get((row, f"{measure}|{GROWTH_PARTS[1]}"))),
                signed_euro(absolute.value(row, measure)),
                signed_fraction(relative.value(row, measure)),
                margin=measure == MARGIN,
            )
        )
    return GrowthBlock(spec.key, title, labels.row(row), tuple(rows))


# --- Staff: every cell of a table with its true value ----------------------------------------


@dataclass(frozen=True)
class StaffRow:
    label: str
    cells: tuple[DisplayCell, ...]


@dataclass(frozen=True)
class StaffTableView:
    key: str
    caption: str
    header: tuple[str, ...]
    rows: tuple[StaffRow, ...]
    suppressed: int
    total: int


STATUS_LABELS = {
    "published": "",
    "primary": gettext_lazy("primair onderdrukt"),
    "secondary": gettext_lazy("secundair onderdrukt"),
    "earlier_release": gettext_lazy("eerder onderdrukt"),
}


def _column_label(spec: TableSpec, column: str, labels: Labels) -> str:
    if "|" in column:
        measure, part = column.split("|", 1)
        parts = {
            "panel_previous": _("panel vorige editie"),
            "panel_current": _("panel deze editie"),
            "joiners": _("nieuwkomers"),
            "leavers": _("vertrekkers"),
        }
        return f"{labels.measure(measure)}: {parts.get(part, part)}"
    if spec.question:
        if spec.question.startswith("band:"):
            return column.replace("-", "–") if column != MARGIN else _("Aantal")
        return labels.option(spec.question, column)
    return labels.measure(column)


def staff_table(
    spec: TableSpec,
    cells: Sequence[Any],
    labels: Labels,
    *,
    reasons: bool,
) -> StaffTableView:
    """Every cell of a table for staff: the value shown (or x) and, beside a suppressed cell, its
    true value (and with `reasons`, why it is hidden). `cells` have row, column, value, and for
    a preview status and reasons (StaffCell) or `shown` (a published table with true values)."""
    rows = sorted({c.row for c in cells}, key=lambda r: (r == MARGIN, r))
    order = {column: index for index, column in enumerate(spec.columns)}

    def position(column: str) -> tuple[int, int, str]:
        measure, _sep, part = column.partition("|")
        parts = {p: i for i, p in enumerate(GROWTH_PARTS)}
        return (parts.get(part, -1), order.get(measure, len(order)), column)

    columns = sorted({c.column for c in cells}, key=position)
    by_coord = {(c.row, c.column): c for c in cells}
    is_euro = spec.kind != "frequency"
    suppressed = 0
    out_rows = []
    for r in rows:
        out = []
        for column in columns:
            c = by_coord.get((r, column))
            if c is None:
                out.append(DisplayCell(""))
                continue
            true = format_euro(c.value, 0) if is_euro else format_number(c.value, 0)
            hidden = getattr(c, "status", "published") != "published" or getattr(c, "shown", True) is False
            if hidden:
                suppressed += 1
                note = true
                if reasons and getattr(c, "reasons", None):
                    why = ", ".join(str(reason) for reason in c.reasons)
                    note = f"{true} – {STATUS_LABELS.get(c.status, c.status)} ({why})"
                out.append(DisplayCell(SUPPRESSED_MARK, True, staff=note))
            else:
                out.append(DisplayCell(true))
        label = _("Alle deelnemers") if spec.rows == "all" else labels.kind(r) if spec.rows == "kind" else labels.row(r)
        out_rows.append(StaffRow(label, tuple(out)))
    return StaffTableView(
        key=spec.key,
        caption=cat.table_info(spec.key, labels.names()).title,
        header=(_("Rij"), *[_column_label(spec, c, labels) for c in columns]),
        rows=tuple(out_rows),
        suppressed=suppressed,
        total=len(cells),
    )
