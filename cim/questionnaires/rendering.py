"""What a question looks like on a page: the inputs with their names, values and errors.

Used by the scan (to fill in) and by the staff preview of a draft definition, so the preview is
exactly what respondents see. Templates: questionnaires/question.html and questionnaires/inputs/.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from django.utils.translation import gettext as _

from cim.questionnaires import inputs, values
from cim.questionnaires import model as m

NUMERIC_INPUTMODE = {m.INTEGER: "numeric", m.EURO: "decimal", m.PERCENTAGE: "decimal"}


@dataclass
class Choice:
    value: str
    label: str
    id: str
    checked: bool
    description: str = ""


@dataclass
class Field:
    name: str
    id: str
    widget: str  # text, textarea, radio, checkbox, select, date, url, file
    label: str = ""
    value: str = ""
    choices: list[Choice] = dc_field(default_factory=list)
    inputmode: str = ""
    maxlength: int | None = None
    prefix: str = ""
    suffix: str = ""
    error: str = ""
    autocomplete: str = "off"


@dataclass
class GridRow:
    key: str
    label: str
    fields: list[Field]


@dataclass
class RepeatRow:
    index: int | str
    fields: list[Field]
    delete_name: str
    delete_id: str
    number: int | str


@dataclass
class EvidenceView:
    url: Field
    file: Field
    clear_name: str
    clear_id: str
    document_id: int | None = None
    document_name: str = ""
    link: str = ""


@dataclass
class QuestionView:
    question: m.Question
    visible: bool = True
    editable: bool = True
    version: int = 0
    wire: Any = None
    errors: list[str] = dc_field(default_factory=list)
    field: Field | None = None
    grid_rows: list[GridRow] = dc_field(default_factory=list)
    repeat_rows: list[RepeatRow] = dc_field(default_factory=list)
    repeat_template: RepeatRow | None = None
    evidence: EvidenceView | None = None
    condition_note: str = ""
    extras: dict[str, Any] = dc_field(default_factory=dict)  # the scan adds status, history, previous answer

    @property
    def key(self) -> str:
        return self.question.key

    @property
    def dom_id(self) -> str:
        return f"vraag-{self.question.key}"

    @property
    def first_input_id(self) -> str:
        if self.field is not None:
            return (
                self.field.choices[0].id
                if self.field.choices and self.field.widget in ("radio", "checkbox")
                else self.field.id
            )
        if self.grid_rows:
            return self.grid_rows[0].fields[0].id
        if self.repeat_rows:
            return self.repeat_rows[0].fields[0].id
        if self.evidence is not None:
            return self.evidence.url.id
        return self.dom_id

    @property
    def uses_fieldset(self) -> bool:
        return self.question.type in (m.YES_NO, m.CHOICE, m.MULTI_CHOICE, m.SCALE, m.GRID, m.REPEATING, m.EVIDENCE)

    @property
    def display(self) -> str:
        return values.display_question(self.question, self.wire)

    @property
    def version_name(self) -> str:
        return inputs.version_name(self.question.key)

    @property
    def marker_name(self) -> str:
        return inputs.marker_name(self.question.key)

    @property
    def columns(self) -> tuple[m.Column, ...]:
        return self.question.columns

    @property
    def field_errors(self) -> list[tuple[str, str]]:
        """(input id, message) of every input with an error, for the summary at the top."""
        found = []
        fields = [self.field] if self.field else []
        fields += [f for row in self.grid_rows for f in row.fields]
        fields += [f for row in self.repeat_rows for f in row.fields]
        if self.evidence:
            fields += [self.evidence.url, self.evidence.file]
        for f in fields:
            if f and f.error:
                found.append((f.choices[0].id if f.widget in ("radio", "checkbox") and f.choices else f.id, f.error))
        return found

    @property
    def has_errors(self) -> bool:
        return bool(self.errors or self.field_errors)

    @property
    def display_grid(self) -> list[tuple[str, list[str]]]:
        cells_by_row = self.wire if isinstance(self.wire, dict) else {}
        return [
            (
                row.label.get(),
                [values.display(c.spec, (cells_by_row.get(row.key) or {}).get(c.key)) for c in self.question.columns],
            )
            for row in self.question.rows
        ]

    @property
    def display_repeat(self) -> list[list[str]]:
        rows = self.wire if isinstance(self.wire, list) else []
        return [[values.display(c.spec, cells.get(c.key)) for c in self.question.columns] for cells in rows]


def _posted(posted: Any, field_name: str) -> str | None:
    if posted is None or field_name not in posted:
        return None
    items = posted.getlist(field_name)
    return str(items[-1]) if items else ""


def value_field(
    spec: m.ValueSpec,
    *,
    field_name: str,
    field_id: str,
    wire: Any,
    label: str = "",
    compact: bool = False,
    posted: Any = None,
    error: str = "",
) -> Field:
    """One input for one value. `compact` (grid and repeating cells) uses selects instead of radios."""
    raw = _posted(posted, field_name)
    vtype = spec.type
    if vtype in (m.YES_NO, m.CHOICE, m.SCALE) and compact:
        options = _options(spec)
        current = raw if raw is not None else _option_value(spec, wire)
        return Field(
            field_name,
            field_id,
            "select",
            label=label,
            choices=[Choice("", "—", "", current in ("", None))]
            + [Choice(v, text, "", current == v) for v, text, _d in options],
            error=error,
        )
    if vtype in (m.YES_NO, m.CHOICE, m.SCALE, m.MULTI_CHOICE):
        options = _options(spec)
        if vtype == m.MULTI_CHOICE:
            chosen = set(posted.getlist(field_name)) if posted is not None and field_name in posted else set(wire or [])
        else:
            chosen = {raw} if raw is not None else {_option_value(spec, wire)}
        widget = "checkbox" if vtype == m.MULTI_CHOICE else "radio"
        return Field(
            field_name,
            field_id,
            widget,
            label=label,
            choices=[
                Choice(v, text, f"{field_id}-{index}", v in chosen, description)
                for index, (v, text, description) in enumerate(options)
            ],
            error=error,
        )
    value = raw if raw is not None else values.input_text(spec, wire)
    if vtype == m.LONG_TEXT:
        return Field(field_name, field_id, "textarea", label=label, value=value, maxlength=spec.max_length, error=error)
    if vtype == m.DATE:
        return Field(field_name, field_id, "date", label=label, value=value, error=error)
    return Field(
        field_name,
        field_id,
        "text",
        label=label,
        value=value,
        inputmode=NUMERIC_INPUTMODE.get(vtype, ""),
        maxlength=spec.max_length or (20 if vtype in NUMERIC_INPUTMODE else None),
        prefix="€" if vtype == m.EURO else "",
        suffix="%" if vtype == m.PERCENTAGE else (spec.unit.get() if spec.unit else ""),
        error=error,
    )


def _options(spec: m.ValueSpec) -> list[tuple[str, str, str]]:
    if spec.type == m.YES_NO:
        return [("yes", _("Ja"), ""), ("no", _("Nee"), "")]
    if spec.type == m.SCALE:
        return [
            (str(lv.level), f"{lv.level} – {lv.label.get()}", lv.description.get() if lv.description else "")
            for lv in spec.levels
        ]
    return [(o.value, o.label.get(), o.help.get() if o.help else "") for o in spec.options]


def _option_value(spec: m.ValueSpec, wire: Any) -> str:
    if values.is_empty(wire):
        return ""
    if spec.type == m.YES_NO:
        return "yes" if wire else "no"
    return str(wire)


def condition_note(definition: m.Definition, question: m.Question) -> str:
    condition = question.show_if
    if condition is None:
        return ""
    target = definition.question(condition.question)
    if target is None or target.spec is None:
        return ""
    if condition.op == "answered":
        return _("Wordt getoond als vraag %(n)s is beantwoord.") % {"n": target.number}
    operands = condition.value if condition.op == "in" else [condition.value]
    shown = " / ".join(values.display(target.spec, o if target.type != m.YES_NO else bool(o)) for o in operands)
    return _("Wordt getoond als het antwoord op vraag %(n)s '%(value)s' is.") % {"n": target.number, "value": shown}


def question_view(
    question: m.Question,
    wire: Any,
    *,
    definition: m.Definition | None = None,
    version: int = 0,
    visible: bool = True,
    editable: bool = True,
    posted: Mapping[str, Any] | Any = None,
    field_errors: Mapping[str, str] | None = None,
    errors: list[str] | None = None,
    extra_rows: int = 1,
) -> QuestionView:
    field_errors = field_errors or {}
    view = QuestionView(
        question=question,
        visible=visible,
        editable=editable,
        version=version,
        wire=wire,
        errors=list(errors or []) + ([field_errors[question.key]] if question.key in field_errors else []),
        condition_note=condition_note(definition, question) if definition is not None else "",
    )
    key = question.key
    if question.spec is not None:
        field_name = inputs.name(key)
        view.field = value_field(
            question.spec,
            field_name=field_name,
            field_id=inputs.dom_id(key),
            wire=wire,
            label=question.text.get(),
            posted=posted,
            error=field_errors.get(field_name, ""),
        )
    elif question.type == m.GRID:
        for row in question.rows:
            cells = (wire or {}).get(row.key, {}) if isinstance(wire, dict) else {}
            view.grid_rows.append(
                GridRow(
                    row.key,
                    row.label.get(),
                    [
                        value_field(
                            column.spec,
                            field_name=inputs.name(key, row.key, column.key),
                            field_id=inputs.dom_id(key, row.key, column.key),
                            wire=cells.get(column.key),
                            label=f"{row.label.get()} – {column.label.get()}",
                            compact=True,
                            posted=posted,
                            error=field_errors.get(inputs.name(key, row.key, column.key), ""),
                        )
                        for column in question.columns
                    ],
                )
            )
    elif question.type == m.REPEATING:
        rows = list(wire or []) if isinstance(wire, list) else []
        count = len(rows) + (extra_rows if editable else 0)
        if count == 0 and not editable:
            count = 0
        for index in range(count):
            cells = rows[index] if index < len(rows) else {}
            view.repeat_rows.append(_repeat_row(question, index, cells, posted, field_errors))
        view.repeat_template = _repeat_row(question, "__n__", {}, None, {})
    elif question.type == m.EVIDENCE:
        current = wire if isinstance(wire, dict) else {}
        url_name = inputs.name(key, "url")
        raw_url = _posted(posted, url_name)
        view.evidence = EvidenceView(
            url=Field(
                url_name,
                inputs.dom_id(key, "url"),
                "url",
                label=_("Link naar het document"),
                value=raw_url if raw_url is not None else str(current.get("url", "")),
                maxlength=values.URL_MAX,
                error=field_errors.get(url_name, ""),
            ),
            file=Field(
                inputs.name(key, "file"),
                inputs.dom_id(key, "file"),
                "file",
                label=_("Of upload een document (PDF, DOCX, XLSX of ODT, hoogstens 10 MB)"),
                error=field_errors.get(inputs.name(key, "file"), ""),
            ),
            clear_name=inputs.name(key, "clear"),
            clear_id=inputs.dom_id(key, "clear"),
            document_id=current.get("document"),
            document_name=str(current.get("name", "")),
            link=str(current.get("url", "")),
        )
    return view


def _repeat_row(
    question: m.Question, index: int | str, cells: dict[str, Any], posted: Any, field_errors: Mapping[str, str]
) -> RepeatRow:
    key = question.key
    number = index + 1 if isinstance(index, int) else index
    return RepeatRow(
        index=index,
        number=number,
        delete_name=inputs.name(key, index, "delete"),
        delete_id=inputs.dom_id(key, index, "delete"),
        fields=[
            value_field(
                column.spec,
                field_name=inputs.name(key, index, column.key),
                field_id=inputs.dom_id(key, index, column.key),
                wire=cells.get(column.key),
                label=_("Rij %(n)s – %(column)s") % {"n": number, "column": column.label.get()},
                compact=True,
                posted=posted,
                error=field_errors.get(inputs.name(key, index, column.key), ""),
            )
            for column in question.columns
        ],
    )
