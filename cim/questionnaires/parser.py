"""Check a definition's data against the format and build the plain model from it.

Every problem is collected (not only the first) with the position in the source file, so the
person editing the YAML can fix them in one go. Messages are Dutch (English when chosen).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from cim.questionnaires import model as m
from cim.questionnaires.problems import DefinitionInvalid, Path, Problem
from cim.questionnaires.yaml_source import Positions, position_of

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
VALUE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,59}$")
TEXT_MAX_CHARS = 5000

COMMON_QUESTION_FIELDS = {"key", "type", "text", "help", "required", "show_if", "continues", "tags"}
TYPE_FIELDS: dict[str, set[str]] = {
    m.YES_NO: set(),
    m.CHOICE: {"options"},
    m.MULTI_CHOICE: {"options"},
    m.SCALE: {"levels"},
    m.INTEGER: {"min", "max", "unit"},
    m.EURO: {"max"},
    m.PERCENTAGE: set(),
    m.TEXT: {"max_length"},
    m.LONG_TEXT: {"max_length"},
    m.DATE: {"min", "max"},
    m.GRID: {"rows", "rows_from", "columns", "checks"},
    m.REPEATING: {"columns", "min_rows", "max_rows"},
    m.EVIDENCE: set(),
}
COLUMN_FIELDS = {"key", "label", "type", "help", "required", "options", "levels", "min", "max", "max_length", "unit"}


def _names(items: Any) -> str:
    return ", ".join(sorted(items))


class Parser:
    def __init__(self, data: Any, positions: Positions) -> None:
        self.data = data
        self.positions = positions
        self.problems: list[Problem] = []
        self.vocabularies: dict[str, tuple[m.Term, ...]] = {}

    # --- helpers ------------------------------------------------------------------------------
    def problem(self, path: Path, message: str) -> None:
        line, column = position_of(self.positions, path)
        self.problems.append(Problem(tuple(path), message, line, column))

    def mapping(self, value: Any, path: Path, *, required: set[str], optional: set[str]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(path, _("Hier hoort een lijst van velden (naam: waarde)."))
            return None
        allowed = required | optional
        for key in value:
            if key not in allowed:
                self.problem(
                    (*path, key),
                    _("Onbekend veld '%(key)s'. Toegestaan zijn: %(allowed)s.")
                    % {"key": key, "allowed": _names(allowed)},
                )
        for key in sorted(required - set(value)):
            self.problem(path, _("Het veld '%(key)s' ontbreekt.") % {"key": key})
        return value

    def sequence(self, value: Any, path: Path, *, minimum: int = 0) -> list[Any]:
        if not isinstance(value, list):
            self.problem(path, _("Hier hoort een lijst (regels die beginnen met '-')."))
            return []
        if len(value) < minimum:
            self.problem(path, _("Hier horen minstens %(n)s onderdelen.") % {"n": minimum})
        return value

    def key(self, value: Any, path: Path) -> str:
        if not isinstance(value, str) or not KEY_PATTERN.match(value):
            self.problem(
                path,
                _(
                    "Een sleutel bestaat uit kleine letters, cijfers en '_', begint met een letter en is hoogstens 60 tekens lang."
                ),
            )
            return str(value)
        return value

    def text(self, value: Any, path: Path) -> m.Text:
        if isinstance(value, str):
            self.problem(path, _("Geef de tekst in het Nederlands (nl) en het Engels (en)."))
            return m.Text(value, value)
        spec = self.mapping(value, path, required={"nl", "en"}, optional=set())
        if spec is None:
            return m.Text("?", "?")
        texts = {}
        for language in ("nl", "en"):
            item = spec.get(language, "")
            if isinstance(item, bool):
                self.problem(
                    (*path, language),
                    _(
                        "Zet deze tekst tussen aanhalingstekens: YAML leest woorden als yes, no, on en off als true of false."
                    ),
                )
                item = ""
            elif language in spec and (not isinstance(item, str) or not item.strip()):
                self.problem((*path, language), _("Hier hoort een tekst die niet leeg is."))
                item = ""
            elif isinstance(item, str) and len(item) > TEXT_MAX_CHARS:
                self.problem((*path, language), _("Deze tekst is langer dan %(n)s tekens.") % {"n": TEXT_MAX_CHARS})
            texts[language] = str(item).strip()
        return m.Text(texts["nl"], texts["en"])

    def optional_text(self, value: Any, path: Path) -> m.Text | None:
        return None if value is None else self.text(value, path)

    def boolean(self, value: Any, path: Path, default: bool) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problem(path, _("Hier hoort true of false."))
            return default
        return value

    def integer(self, value: Any, path: Path, *, minimum: int | None = None, maximum: int | None = None) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(path, _("Hier hoort een geheel getal."))
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self.problem(path, _("Dit getal moet tussen %(min)s en %(max)s liggen.") % {"min": minimum, "max": maximum})
            return None
        return value

    def decimal(self, value: Any, path: Path) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.problem(path, _("Hier hoort een getal."))
            return None
        try:
            return Decimal(str(value))
        except InvalidOperation:
            self.problem(path, _("Hier hoort een getal."))
            return None

    # --- the definition -----------------------------------------------------------------------
    def parse(self) -> m.Definition:
        root = self.mapping(
            self.data,
            (),
            required={"format", "edition", "title", "sections"},
            optional={"introduction", "vocabularies", "checks", *m.RESERVED_KEYS},
        )
        if root is None:
            raise DefinitionInvalid(self.problems)
        if root.get("format") != m.FORMAT_VERSION and "format" in root:
            self.problem(("format",), _("Dit formaat wordt niet ondersteund; gebruik format: 1."))
        edition = self.integer(root.get("edition"), ("edition",), minimum=2015, maximum=2100) or 0
        title = self.text(root.get("title"), ("title",))
        introduction = self.optional_text(root.get("introduction"), ("introduction",))
        self.vocabularies = self.parse_vocabularies(root.get("vocabularies"))
        sections = self.parse_sections(root.get("sections"))
        definition = m.Definition(
            edition=edition,
            title=title,
            introduction=introduction,
            sections=tuple(sections),
            vocabularies=self.vocabularies,
            reserved={k: root[k] for k in m.RESERVED_KEYS if k in root},
        )
        self.check_question_references(definition)
        checks = tuple(self.parse_checks(root.get("checks"), definition))
        if self.problems:
            raise DefinitionInvalid(self.problems)
        return m.Definition(
            edition=definition.edition,
            title=definition.title,
            introduction=definition.introduction,
            sections=definition.sections,
            vocabularies=definition.vocabularies,
            checks=checks,
            reserved=definition.reserved,
        )

    def parse_vocabularies(self, value: Any) -> dict[str, tuple[m.Term, ...]]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(("vocabularies",), _("Hier hoort een lijst van woordenlijsten (naam: termen)."))
            return {}
        result: dict[str, tuple[m.Term, ...]] = {}
        for name, items in value.items():
            path: Path = ("vocabularies", name)
            self.key(name, path)
            terms = []
            seen: set[str] = set()
            for index, item in enumerate(self.sequence(items, path, minimum=1)):
                item_path = (*path, index)
                spec = self.mapping(item, item_path, required={"key", "label"}, optional={"parent"})
                if spec is None:
                    continue
                key = self.key(spec.get("key"), (*item_path, "key"))
                if key in seen:
                    self.problem((*item_path, "key"), _("De term '%(key)s' komt twee keer voor.") % {"key": key})
                seen.add(key)
                parent = spec.get("parent", "")
                terms.append(m.Term(key, self.text(spec.get("label"), (*item_path, "label")), str(parent or "")))
            result[str(name)] = tuple(terms)
        all_keys = {t.key for terms in result.values() for t in terms}
        for name, vocabulary in result.items():
            for index, term in enumerate(vocabulary):
                if term.parent and term.parent not in all_keys:
                    self.problem(
                        ("vocabularies", name, index, "parent"),
                        _("De bovenliggende term '%(key)s' bestaat niet.") % {"key": term.parent},
                    )
        return result

    def parse_sections(self, value: Any) -> list[m.Section]:
        sections = []
        section_keys: set[str] = set()
        question_keys: set[str] = set()
        for index, item in enumerate(self.sequence(value, ("sections",), minimum=1)):
            path: Path = ("sections", index)
            spec = self.mapping(item, path, required={"key", "title", "questions"}, optional={"intro"})
            if spec is None:
                continue
            key = self.key(spec.get("key"), (*path, "key"))
            if key in section_keys:
                self.problem((*path, "key"), _("Het onderdeel '%(key)s' komt twee keer voor.") % {"key": key})
            section_keys.add(key)
            questions = []
            for q_index, q_item in enumerate(self.sequence(spec.get("questions"), (*path, "questions"), minimum=1)):
                q_path = (*path, "questions", q_index)
                question = self.parse_question(q_item, q_path, section_key=key, number=f"{index + 1}.{q_index + 1}")
                if question is None:
                    continue
                if question.key in question_keys:
                    self.problem(
                        (*q_path, "key"),
                        _("De vraag '%(key)s' komt twee keer voor; elke vraag heeft een eigen sleutel.")
                        % {"key": question.key},
                    )
                question_keys.add(question.key)
                questions.append(question)
            sections.append(
                m.Section(
                    key=key,
                    title=self.text(spec.get("title"), (*path, "title")),
                    intro=self.optional_text(spec.get("intro"), (*path, "intro")),
                    number=index + 1,
                    questions=tuple(questions),
                )
            )
        return sections

    def parse_question(self, value: Any, path: Path, *, section_key: str, number: str) -> m.Question | None:
        if not isinstance(value, dict):
            self.problem(path, _("Hier hoort een vraag (key, type, text, …)."))
            return None
        qtype = value.get("type")
        if qtype not in m.QUESTION_TYPES:
            self.problem(
                (*path, "type") if "type" in value else path,
                _("Onbekend vraagtype '%(type)s'. Mogelijk zijn: %(types)s.")
                % {"type": qtype or "", "types": ", ".join(m.QUESTION_TYPES)},
            )
            self.mapping(
                value,
                path,
                required={"key", "type", "text"},
                optional=COMMON_QUESTION_FIELDS
                | {
                    "options",
                    "levels",
                    "min",
                    "max",
                    "unit",
                    "max_length",
                    "rows",
                    "rows_from",
                    "columns",
                    "checks",
                    "min_rows",
                    "max_rows",
                },
            )
            return None
        spec = self.mapping(
            value, path, required={"key", "type", "text"}, optional=COMMON_QUESTION_FIELDS | TYPE_FIELDS[qtype]
        )
        if spec is None:
            return None
        key = self.key(spec.get("key"), (*path, "key"))
        fields: dict[str, Any] = {
            "key": key,
            "type": qtype,
            "text": self.text(spec.get("text"), (*path, "text")),
            "help": self.optional_text(spec.get("help"), (*path, "help")),
            "required": self.boolean(spec.get("required"), (*path, "required"), True),
            "section_key": section_key,
            "number": number,
            "tags": self.parse_tags(spec.get("tags"), (*path, "tags")),
            "continues": self.parse_continues(spec.get("continues"), (*path, "continues")),
            "show_if": self.parse_condition_shape(spec.get("show_if"), (*path, "show_if")),
        }
        if qtype in m.SCALAR_TYPES:
            fields["spec"] = self.parse_value_spec(qtype, spec, path)
        elif qtype == m.GRID:
            columns = self.parse_columns(spec.get("columns"), (*path, "columns"))
            fields["columns"] = columns
            fields["rows"] = self.parse_rows(spec, path)
            fields["row_checks"] = self.parse_row_checks(spec.get("checks"), (*path, "checks"), columns)
        elif qtype == m.REPEATING:
            fields["columns"] = self.parse_columns(spec.get("columns"), (*path, "columns"))
            min_rows = self.integer(spec.get("min_rows"), (*path, "min_rows"), minimum=0, maximum=m.REPEATING_MAX_ROWS)
            max_rows = self.integer(spec.get("max_rows"), (*path, "max_rows"), minimum=1, maximum=m.REPEATING_MAX_ROWS)
            fields["min_rows"] = min_rows or 0
            fields["max_rows"] = max_rows or m.REPEATING_MAX_ROWS
            if fields["min_rows"] > fields["max_rows"]:
                self.problem((*path, "min_rows"), _("min_rows is groter dan max_rows."))
        question = m.Question(**fields)
        self.check_continuation_values(question, (*path, "continues"))
        return question

    def parse_value_spec(self, vtype: str, spec: dict[str, Any], path: Path) -> m.ValueSpec:
        options: tuple[m.Option, ...] = ()
        levels: tuple[m.Level, ...] = ()
        minimum: Any = None
        maximum: Any = None
        max_length = 0
        unit = None
        if vtype in (m.CHOICE, m.MULTI_CHOICE):
            if "options" not in spec:
                self.problem(path, _("Een keuzevraag heeft 'options' nodig."))
            options = self.parse_options(spec.get("options"), (*path, "options"))
        elif vtype == m.SCALE:
            if "levels" not in spec:
                self.problem(path, _("Een schaalvraag heeft 'levels' nodig."))
            levels = self.parse_levels(spec.get("levels"), (*path, "levels"))
        elif vtype == m.INTEGER:
            minimum = self.integer(spec.get("min"), (*path, "min"), minimum=-m.INTEGER_MAX, maximum=m.INTEGER_MAX)
            maximum = self.integer(spec.get("max"), (*path, "max"), minimum=-m.INTEGER_MAX, maximum=m.INTEGER_MAX)
            minimum = 0 if minimum is None else minimum
            maximum = m.INTEGER_MAX if maximum is None else maximum
            if minimum > maximum:
                self.problem((*path, "min"), _("min is groter dan max."))
            unit = self.optional_text(spec.get("unit"), (*path, "unit"))
        elif vtype == m.EURO:
            maximum = self.decimal(spec.get("max"), (*path, "max"))
            if maximum is not None and not (0 < maximum <= m.EURO_MAX):
                self.problem((*path, "max"), _("Het maximum ligt tussen 0 en 10^12 euro."))
                maximum = None
            maximum = maximum if maximum is not None else m.EURO_MAX
        elif vtype in (m.TEXT, m.LONG_TEXT):
            limit = m.TEXT_MAX if vtype == m.TEXT else m.LONG_TEXT_MAX
            max_length = self.integer(spec.get("max_length"), (*path, "max_length"), minimum=1, maximum=limit) or limit
        elif vtype == m.DATE:
            minimum = self.date(spec.get("min"), (*path, "min"))
            maximum = self.date(spec.get("max"), (*path, "max"))
            if minimum and maximum and minimum > maximum:
                self.problem((*path, "min"), _("min ligt na max."))
        return m.ValueSpec(
            type=vtype, options=options, levels=levels, min=minimum, max=maximum, max_length=max_length, unit=unit
        )

    def date(self, value: Any, path: Path) -> str | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            self.problem(path, _("Hier hoort een datum als 2026-01-31."))
            return None

    def parse_options(self, value: Any, path: Path) -> tuple[m.Option, ...]:
        options = []
        seen: set[str] = set()
        for index, item in enumerate(self.sequence(value, path, minimum=2)):
            item_path = (*path, index)
            spec = self.mapping(item, item_path, required={"value", "label"}, optional={"help"})
            if spec is None:
                continue
            option_value = spec.get("value")
            if not isinstance(option_value, str) or not VALUE_PATTERN.match(option_value):
                self.problem(
                    (*item_path, "value"),
                    _("Een antwoordwaarde bestaat uit kleine letters, cijfers, '_' en '-' (hoogstens 60 tekens)."),
                )
                option_value = str(option_value)
            if option_value in seen:
                self.problem((*item_path, "value"), _("De waarde '%(v)s' komt twee keer voor.") % {"v": option_value})
            seen.add(option_value)
            options.append(
                m.Option(
                    option_value,
                    self.text(spec.get("label"), (*item_path, "label")),
                    self.optional_text(spec.get("help"), (*item_path, "help")),
                )
            )
        return tuple(options)

    def parse_levels(self, value: Any, path: Path) -> tuple[m.Level, ...]:
        levels = []
        previous: int | None = None
        for index, item in enumerate(self.sequence(value, path, minimum=2)):
            item_path = (*path, index)
            spec = self.mapping(item, item_path, required={"level", "label"}, optional={"description"})
            if spec is None:
                continue
            level = self.integer(spec.get("level"), (*item_path, "level"), minimum=0, maximum=100)
            if level is None:
                continue
            if previous is not None and level <= previous:
                self.problem((*item_path, "level"), _("De niveaus lopen op: elk niveau is hoger dan het vorige."))
            previous = level
            levels.append(
                m.Level(
                    level,
                    self.text(spec.get("label"), (*item_path, "label")),
                    self.optional_text(spec.get("description"), (*item_path, "description")),
                )
            )
        return tuple(levels)

    def parse_columns(self, value: Any, path: Path) -> tuple[m.Column, ...]:
        columns = []
        seen: set[str] = set()
        for index, item in enumerate(self.sequence(value, path, minimum=1)):
            item_path = (*path, index)
            if not isinstance(item, dict):
                self.problem(item_path, _("Hier hoort een kolom (key, label, type)."))
                continue
            ctype = item.get("type")
            if ctype not in m.CELL_TYPES:
                self.problem(
                    (*item_path, "type") if "type" in item else item_path,
                    _("Een kolom heeft een van deze typen: %(types)s.") % {"types": ", ".join(m.CELL_TYPES)},
                )
                continue
            spec = self.mapping(item, item_path, required={"key", "label", "type"}, optional=COLUMN_FIELDS)
            if spec is None:
                continue
            key = self.key(spec.get("key"), (*item_path, "key"))
            if key in seen:
                self.problem((*item_path, "key"), _("De kolom '%(key)s' komt twee keer voor.") % {"key": key})
            seen.add(key)
            allowed = TYPE_FIELDS[ctype] | {"key", "label", "type", "help", "required"}
            for name in spec:
                if name not in allowed:
                    self.problem(
                        (*item_path, name),
                        _("Het veld '%(key)s' hoort niet bij een kolom van type %(type)s.")
                        % {"key": name, "type": ctype},
                    )
            columns.append(
                m.Column(
                    key=key,
                    label=self.text(spec.get("label"), (*item_path, "label")),
                    spec=self.parse_value_spec(ctype, spec, item_path),
                    help=self.optional_text(spec.get("help"), (*item_path, "help")),
                    required=self.boolean(spec.get("required"), (*item_path, "required"), True),
                )
            )
        return tuple(columns)

    def parse_rows(self, spec: dict[str, Any], path: Path) -> tuple[m.Row, ...]:
        if ("rows" in spec) == ("rows_from" in spec):
            self.problem(path, _("Een tabelvraag heeft óf 'rows' óf 'rows_from' (een woordenlijst)."))
            return ()
        if "rows_from" in spec:
            name = spec["rows_from"]
            if name not in self.vocabularies:
                self.problem((*path, "rows_from"), _("De woordenlijst '%(name)s' bestaat niet.") % {"name": name})
                return ()
            return tuple(m.Row(t.key, t.label, {name: (t.key,)}) for t in self.vocabularies[name])
        rows = []
        seen: set[str] = set()
        for index, item in enumerate(self.sequence(spec["rows"], (*path, "rows"), minimum=1)):
            item_path = (*path, "rows", index)
            row = self.mapping(item, item_path, required={"key", "label"}, optional={"tags"})
            if row is None:
                continue
            key = self.key(row.get("key"), (*item_path, "key"))
            if key in seen:
                self.problem((*item_path, "key"), _("De rij '%(key)s' komt twee keer voor.") % {"key": key})
            seen.add(key)
            rows.append(
                m.Row(
                    key,
                    self.text(row.get("label"), (*item_path, "label")),
                    self.parse_tags(row.get("tags"), (*item_path, "tags")),
                )
            )
        return tuple(rows)

    def parse_row_checks(self, value: Any, path: Path, columns: tuple[m.Column, ...]) -> tuple[m.RowCheck, ...]:
        if value is None:
            return ()
        checks = []
        numeric = {c.key for c in columns if c.type in m.NUMERIC_TYPES}
        for index, item in enumerate(self.sequence(value, path)):
            item_path = (*path, index)
            spec = self.mapping(item, item_path, required={"lte"}, optional={"message"})
            if spec is None:
                continue
            pair = spec.get("lte")
            if not isinstance(pair, list) or len(pair) != 2:
                self.problem((*item_path, "lte"), _("'lte' noemt twee kolommen: [kleinste, grootste]."))
                continue
            for position, column_key in enumerate(pair):
                if column_key not in numeric:
                    self.problem(
                        (*item_path, "lte", position),
                        _("'%(key)s' is geen kolom met getallen in deze tabel.") % {"key": column_key},
                    )
            checks.append(
                m.RowCheck(str(pair[0]), str(pair[1]), self.optional_text(spec.get("message"), (*item_path, "message")))
            )
        return tuple(checks)

    def parse_tags(self, value: Any, path: Path) -> dict[str, tuple[str, ...]]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(path, _("Labels schrijft u als woordenlijst: term (bijvoorbeeld level: strategic)."))
            return {}
        tags: dict[str, tuple[str, ...]] = {}
        for name, terms in value.items():
            keys = terms if isinstance(terms, list) else [terms]
            if name not in self.vocabularies:
                self.problem(
                    (*path, name),
                    _("De woordenlijst '%(name)s' bestaat niet; voeg haar toe onder 'vocabularies'.") % {"name": name},
                )
                continue
            known = {t.key for t in self.vocabularies[name]}
            for index, key in enumerate(keys):
                if key not in known:
                    self.problem(
                        (*path, name) if not isinstance(terms, list) else (*path, name, index),
                        _("'%(key)s' staat niet in de woordenlijst '%(name)s'.") % {"key": key, "name": name},
                    )
            tags[str(name)] = tuple(str(k) for k in keys)
        return tags

    def parse_continues(self, value: Any, path: Path) -> tuple[m.Continuation, ...]:
        if value is None:
            return ()
        result = []
        for index, item in enumerate(self.sequence(value, path, minimum=1)):
            item_path = (*path, index)
            if isinstance(item, str):
                result.append(m.Continuation(self.key(item, item_path)))
                continue
            spec = self.mapping(item, item_path, required={"key"}, optional={"values"})
            if spec is None:
                continue
            values = spec.get("values") or {}
            if not isinstance(values, dict):
                self.problem(
                    (*item_path, "values"), _("'values' vertaalt oude antwoordwaarden naar nieuwe: oud: nieuw.")
                )
                values = {}
            result.append(
                m.Continuation(
                    self.key(spec.get("key"), (*item_path, "key")), {str(k): str(v) for k, v in values.items()}
                )
            )
        return tuple(result)

    def check_continuation_values(self, question: m.Question, path: Path) -> None:
        if question.spec is None:
            allowed: set[str] = set()
        else:
            allowed = {o.value for o in question.spec.options} | {str(lv.level) for lv in question.spec.levels}
        if question.type == m.YES_NO:
            allowed = {"true", "false"}
        for index, continuation in enumerate(question.continues):
            for old, new in continuation.values.items():
                if new not in allowed:
                    self.problem(
                        (*path, index, "values", old),
                        _("'%(new)s' is geen antwoordwaarde van deze vraag.") % {"new": new},
                    )

    def parse_condition_shape(self, value: Any, path: Path) -> m.Condition | None:
        if value is None:
            return None
        spec = self.mapping(value, path, required={"question"}, optional={"equals", "in", "contains", "answered"})
        if spec is None:
            return None
        ops = [op for op in ("equals", "in", "contains", "answered") if op in spec]
        if len(ops) != 1:
            self.problem(path, _("Een voorwaarde heeft precies één van: equals, in, contains, answered."))
            return None
        op = ops[0]
        operand = spec[op]
        if op == "in" and not isinstance(operand, list):
            self.problem((*path, "in"), _("Bij 'in' hoort een lijst van waarden."))
            return None
        if op == "answered" and operand is not True:
            self.problem((*path, "answered"), _("Schrijf 'answered: true'."))
            return None
        return m.Condition(str(spec.get("question")), op, operand)

    def check_question_references(self, definition: m.Definition) -> None:
        """Conditions look back at earlier questions of a suitable type, with valid values."""
        order = {q.key: i for i, q in enumerate(definition.questions)}
        for s_index, section in enumerate(definition.sections):
            for q_index, question in enumerate(section.questions):
                condition = question.show_if
                if condition is None:
                    continue
                path: Path = ("sections", s_index, "questions", q_index, "show_if")
                target = definition.question(condition.question)
                if target is None:
                    self.problem(
                        (*path, "question"), _("De vraag '%(key)s' bestaat niet.") % {"key": condition.question}
                    )
                    continue
                if order[target.key] >= order[question.key]:
                    self.problem(
                        (*path, "question"),
                        _("Een voorwaarde kijkt naar een eerdere vraag; '%(key)s' komt later.") % {"key": target.key},
                    )
                    continue
                if target.type not in m.CONDITION_TYPES or target.spec is None:
                    self.problem(
                        (*path, "question"),
                        _("Een voorwaarde kan niet kijken naar een vraag van type %(type)s.") % {"type": target.type},
                    )
                    continue
                if condition.op == "contains" and target.type != m.MULTI_CHOICE:
                    self.problem((*path, "contains"), _("'contains' hoort bij een meerkeuzevraag."))
                operands = condition.value if condition.op == "in" else [condition.value]
                if condition.op in ("equals", "in", "contains"):
                    for operand in operands:
                        if not _value_fits(target.spec, operand):
                            self.problem(
                                (*path, condition.op),
                                _("'%(v)s' is geen mogelijk antwoord op '%(key)s'.")
                                % {"v": operand, "key": target.key},
                            )

    def parse_checks(self, value: Any, definition: m.Definition) -> list[m.Check]:
        if value is None:
            return []
        checks = []
        for index, item in enumerate(self.sequence(value, ("checks",))):
            path: Path = ("checks", index)
            if not isinstance(item, dict):
                self.problem(path, _("Hier hoort een controle (lte of sum)."))
                continue
            kind = "lte" if "lte" in item else "sum" if "sum" in item else ""
            if not kind:
                self.problem(path, _("Een controle is 'lte' (kleiner of gelijk) of 'sum' (optelling)."))
                continue
            optional = {"message"} | ({"equals", "equals_question", "at_most_question"} if kind == "sum" else set())
            spec = self.mapping(item, path, required={kind}, optional=optional)
            if spec is None:
                continue
            keys = spec.get(kind)
            if not isinstance(keys, list) or len(keys) < 2 or (kind == "lte" and len(keys) != 2):
                self.problem((*path, kind), _("Noem de vragen als lijst: [vraag_a, vraag_b]."))
                continue
            for position, key in enumerate(keys):
                question = definition.question(str(key))
                if question is None or question.type not in (m.INTEGER, m.EURO, m.PERCENTAGE):
                    self.problem(
                        (*path, kind, position),
                        _("'%(key)s' is geen vraag met een getal, bedrag of percentage.") % {"key": key},
                    )
            equals: Decimal | None = None
            target = ""
            if kind == "sum":
                targets = [k for k in ("equals", "equals_question", "at_most_question") if k in spec]
                if len(targets) != 1:
                    self.problem(
                        path, _("Een optelling heeft precies één van: equals, equals_question, at_most_question.")
                    )
                    continue
                if targets[0] == "equals":
                    equals = self.decimal(spec["equals"], (*path, "equals"))
                else:
                    target = str(spec[targets[0]])
                    question = definition.question(target)
                    if question is None or question.type not in (m.INTEGER, m.EURO, m.PERCENTAGE):
                        self.problem((*path, targets[0]), _("'%(key)s' is geen vraag met een getal.") % {"key": target})
                    kind = "sum_at_most" if targets[0] == "at_most_question" else "sum"
            checks.append(
                m.Check(
                    kind=kind,
                    questions=tuple(str(k) for k in keys),
                    equals=equals,
                    equals_question=target,
                    message=self.optional_text(spec.get("message"), (*path, "message")),
                )
            )
        return checks


def _value_fits(spec: m.ValueSpec, value: Any) -> bool:
    if spec.type == m.YES_NO:
        return isinstance(value, bool)
    if spec.type in (m.CHOICE, m.MULTI_CHOICE):
        return spec.option(str(value)) is not None
    if spec.type == m.SCALE:
        return isinstance(value, int) and spec.level_of(value) is not None
    if spec.type in (m.INTEGER, m.EURO, m.PERCENTAGE):
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, str)


def parse_definition(data: Any, positions: Positions) -> m.Definition:
    return Parser(data, positions).parse()
