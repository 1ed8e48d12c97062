"""The scoring method of an edition, as declared in its questionnaire definition (`scoring:`).

Plain Python, no database. `parse_method` checks the `scoring` section against the definition
and collects every problem with its position in the file; `method_of(definition)` gives the
method of an accepted definition as frozen dataclasses, read by the engine (engine.py), the
method page and the report. The format is described in docs/scoring.md.

The shape of a method:

    overall = weighted mean of the levels (strategic, operational; weights add up to 100)
    strategic = weighted mean of the focus areas (weights add up to 100)
    focus area = weighted mean of its themes (weights add up to 100 within each focus area)
    operational = weighted mean of the aspects (actions, results, attention; add up to 100)
    theme or aspect = weighted mean of the scores of its questions (question weight, default 1)
    question score = points earned / maximum points × 100
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.utils.translation import gettext as _

from cim.questionnaires import model as m
from cim.questionnaires.parser import Parser
from cim.questionnaires.problems import Path

STRATEGIC = "strategic"
OPERATIONAL = "operational"
LEVELS = (STRATEGIC, OPERATIONAL)
HUNDRED = Decimal(100)
MAX_POINTS = Decimal(1000)
STAGE_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

# How a question earns points (see Rule).
POINTS = "points"  # points per answer: yes/no, choice, scale; multiple choice: sum of the chosen, capped
BANDS = "bands"  # a number (integer, amount, percentage): the points of the highest band reached
COLUMN = "column"  # a grid: the mean over its answered rows of the points of one column
RATIO = "ratio"  # a grid: sum of one column / sum of another × 100, then bands
COUNT = "count"  # a repeating group: the number of rows, then bands

ROOT_FIELDS = {"levels", "focus_areas", "themes", "aspects", "questions", "stages", "circular_share"}


@dataclass(frozen=True)
class Band:
    start: Decimal  # from this value (inclusive) on
    points: Decimal


@dataclass(frozen=True)
class Rule:
    """How one scored question earns points."""

    question: str
    kind: str
    theme: str  # the theme (strategic) or aspect (operational) it counts towards
    weight: Decimal = Decimal(1)
    points: dict[str, Decimal] = field(default_factory=dict)  # answer key ("true", option, level) -> points
    bands: tuple[Band, ...] = ()
    cap: Decimal | None = None  # multiple choice: at most this many points
    column: str = ""  # COLUMN
    numerator: str = ""  # RATIO
    denominator: str = ""  # RATIO

    @property
    def maximum(self) -> Decimal:
        if self.kind in (BANDS, RATIO, COUNT):
            return max(b.points for b in self.bands)
        if self.cap is not None:
            return self.cap
        return max(self.points.values())


@dataclass(frozen=True)
class Theme:
    """A theme of a focus area (strategic level), or an aspect (operational level)."""

    key: str
    level: str
    group: str  # the focus area, or (operational) the aspect itself
    weight: Decimal  # within its group
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Group:
    """A focus area (strategic level) or an aspect (operational level)."""

    key: str
    level: str
    weight: Decimal  # within its level
    themes: tuple[Theme, ...]


@dataclass(frozen=True)
class Level:
    key: str
    weight: Decimal  # within the overall score
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Stage:
    key: str
    start: Decimal  # the lowest score of this stage
    label: m.Text
    description: m.Text


@dataclass(frozen=True)
class CircularShare:
    """Circular € / total € per row (category) of a grid and overall."""

    question: str
    total: str
    circular: str


@dataclass(frozen=True)
class Method:
    levels: tuple[Level, ...]
    stages: tuple[Stage, ...]
    circular_share: CircularShare | None = None

    @cached_property
    def groups(self) -> tuple[Group, ...]:
        return tuple(g for level in self.levels for g in level.groups)

    @cached_property
    def themes(self) -> tuple[Theme, ...]:
        return tuple(t for g in self.groups for t in g.themes)

    @cached_property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r for t in self.themes for r in t.rules)

    def level(self, key: str) -> Level | None:
        return next((lv for lv in self.levels if lv.key == key), None)

    def theme(self, key: str) -> Theme | None:
        return next((t for t in self.themes if t.key == key), None)

    def rule(self, question_key: str) -> Rule | None:
        return next((r for r in self.rules if r.question == question_key), None)

    def stage_for(self, score: Decimal) -> Stage:
        current = self.stages[0]
        for stage in self.stages:
            if score >= stage.start:
                current = stage
        return current

    def stage(self, key: str) -> Stage | None:
        return next((s for s in self.stages if s.key == key), None)


def answer_keys(spec: m.ValueSpec) -> list[str]:
    """The answers a points table must cover, as the strings used as its keys."""
    if spec.type == m.YES_NO:
        return ["true", "false"]
    if spec.type in (m.CHOICE, m.MULTI_CHOICE):
        return [o.value for o in spec.options]
    if spec.type == m.SCALE:
        return [str(lv.level) for lv in spec.levels]
    return []


def answer_key(value: Any) -> str:
    """The key of one answer in a points table: booleans as "true"/"false", levels as digits."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class MethodParser(Parser):
    """Checks the `scoring` section; reuses the questionnaire parser's helpers and positions."""

    def __init__(self, data: Any, positions: Any, definition: m.Definition) -> None:
        super().__init__(data, positions)
        self.definition = definition
        self.vocabularies = definition.vocabularies
        self.unusable: set[Path] = set()  # weight mappings with a value that is not a number

    # --- helpers ------------------------------------------------------------------------------
    def weights(self, value: Any, path: Path, vocabulary: str) -> dict[str, Decimal]:
        """A mapping term -> weight (> 0) whose terms exist in `vocabulary`."""
        if not isinstance(value, dict) or not value:
            self.problem(path, _("Hier hoort een lijst van gewichten (term: getal)."))
            return {}
        known = {t.key for t in self.vocabularies.get(vocabulary, ())}
        result: dict[str, Decimal] = {}
        for key, raw in value.items():
            if key not in known:
                self.problem(
                    (*path, key),
                    _("'%(key)s' staat niet in de woordenlijst '%(name)s'.") % {"key": key, "name": vocabulary},
                )
                continue
            weight = self.positive(raw, (*path, key))
            if weight is None:  # reported; keep the term so that nothing else fails because of it
                self.unusable.add(path)
            result[str(key)] = weight if weight is not None else Decimal(0)
        return result

    def positive(self, value: Any, path: Path, *, allow_zero: bool = False) -> Decimal | None:
        number = self.decimal(value, path)
        if number is None:
            if value is None:
                self.problem(path, _("Hier hoort een getal."))
            return None
        if number < 0 or (number == 0 and not allow_zero) or number > MAX_POINTS:
            low = 0 if allow_zero else _("meer dan 0")
            self.problem(path, _("Dit getal moet tussen %(min)s en %(max)s liggen.") % {"min": low, "max": MAX_POINTS})
            return None
        return number

    def adds_up(self, weights: dict[str, Decimal], path: Path, what: str) -> None:
        total = sum(weights.values(), Decimal(0))
        if weights and total != HUNDRED and not any(p == path[: len(p)] for p in self.unusable):
            self.problem(
                path,
                _("De gewichten van %(what)s tellen op tot %(total)s; dat moet 100 zijn.")
                % {"what": what, "total": f"{total.normalize():f}"},
            )

    # --- the method ---------------------------------------------------------------------------
    def parse_method(self, value: Any) -> Method | None:
        root: Path = ("scoring",)
        spec = self.mapping(value, root, required={"levels", "questions", "stages"}, optional=ROOT_FIELDS)
        if spec is None:
            return None
        level_weights = self.weights(spec.get("levels"), (*root, "levels"), "level")
        for key in level_weights:
            if key not in LEVELS:
                self.problem((*root, "levels", key), _("Alleen strategic en operational zijn niveaus met een score."))
        self.adds_up(level_weights, (*root, "levels"), _("de niveaus"))
        themes_of, focus_weights, aspect_weights = self.parse_structure(spec, level_weights)
        weighted = {t for themes in themes_of.values() for t in themes} | set(aspect_weights)
        rules = self.parse_rules(spec.get("questions"), weighted)
        levels = self.build_levels(level_weights, focus_weights, themes_of, aspect_weights, rules)
        stages = self.parse_stages(spec.get("stages"))
        circular = self.parse_circular(spec.get("circular_share"))
        return Method(levels=levels, stages=stages, circular_share=circular)

    def parse_structure(
        self, spec: dict[str, Any], level_weights: dict[str, Decimal]
    ) -> tuple[dict[str, dict[str, Decimal]], dict[str, Decimal], dict[str, Decimal]]:
        """Focus areas with their theme weights (strategic) and aspect weights (operational)."""
        root: Path = ("scoring",)
        themes_of: dict[str, dict[str, Decimal]] = {}
        focus_weights: dict[str, Decimal] = {}
        aspect_weights: dict[str, Decimal] = {}
        for name, level in (("focus_areas", STRATEGIC), ("themes", STRATEGIC), ("aspects", OPERATIONAL)):
            if level in level_weights and name not in spec:
                self.problem(root, _("Het veld '%(key)s' ontbreekt.") % {"key": name})
            elif level not in level_weights and name in spec:
                self.problem(
                    (*root, name),
                    _("'%(key)s' wordt niet gebruikt: het niveau %(level)s heeft geen gewicht.")
                    % {"key": name, "level": level},
                )
        if STRATEGIC in level_weights and "focus_areas" in spec:
            focus_weights = self.weights(spec["focus_areas"], (*root, "focus_areas"), "focus_area")
            self.adds_up(focus_weights, (*root, "focus_areas"), _("de focusgebieden"))
            theme_weights = self.weights(spec.get("themes"), (*root, "themes"), "theme") if "themes" in spec else {}
            for key, weight in theme_weights.items():
                term = self.definition.term("theme", key)
                parent = term.parent if term else ""
                if parent not in focus_weights:
                    self.problem(
                        (*root, "themes", key),
                        _("Het thema '%(key)s' hoort bij focusgebied '%(parent)s', dat geen gewicht heeft.")
                        % {"key": key, "parent": parent or "?"},
                    )
                    continue
                themes_of.setdefault(parent, {})[key] = weight
            for focus in focus_weights:
                if focus not in themes_of:
                    self.problem(
                        (*root, "focus_areas", focus),
                        _("Het focusgebied '%(key)s' heeft geen thema's met een gewicht.") % {"key": focus},
                    )
                else:
                    self.adds_up(
                        themes_of[focus],
                        (*root, "themes"),
                        _("de thema's van focusgebied '%(key)s'") % {"key": focus},
                    )
        if OPERATIONAL in level_weights and "aspects" in spec:
            aspect_weights = self.weights(spec["aspects"], (*root, "aspects"), "aspect")
            self.adds_up(aspect_weights, (*root, "aspects"), _("de aspecten"))
            strategic = {t for themes in themes_of.values() for t in themes}
            for key in aspect_weights:
                if key in strategic:
                    self.problem(
                        (*root, "aspects", key),
                        _("'%(key)s' is zowel een thema als een aspect; geef ze verschillende sleutels.")
                        % {"key": key},
                    )
        return themes_of, focus_weights, aspect_weights

    def theme_of(self, question: m.Question, path: Path, weighted: set[str]) -> str | None:
        """The theme (or aspect) a scored question counts towards, from its tags."""
        levels = question.tags.get("level", ())
        if len(levels) != 1 or levels[0] not in LEVELS:
            self.problem(
                path,
                _("De vraag '%(key)s' heeft geen label level (strategic of operational) en telt dus nergens mee.")
                % {"key": question.key},
            )
            return None
        vocabulary = "theme" if levels[0] == STRATEGIC else "aspect"
        terms = question.tags.get(vocabulary, ())
        if len(terms) != 1:
            self.problem(
                path,
                _("De vraag '%(key)s' moet precies één label %(name)s hebben om mee te tellen.")
                % {"key": question.key, "name": vocabulary},
            )
            return None
        if terms[0] not in weighted:
            self.problem(
                path,
                _("De vraag '%(key)s' hoort bij '%(theme)s', dat geen gewicht heeft.")
                % {"key": question.key, "theme": terms[0]},
            )
            return None
        return terms[0]

    def parse_rules(self, value: Any, weighted: set[str]) -> list[Rule]:
        path: Path = ("scoring", "questions")
        if not isinstance(value, dict) or not value:
            self.problem(path, _("Hier hoort een lijst van vragen met hun punten (sleutel: regel)."))
            return []
        rules: list[Rule] = []
        scored: set[str] = set()
        for key, spec in value.items():
            question = self.definition.question(str(key))
            if question is None:
                self.problem((*path, key), _("De vraag '%(key)s' bestaat niet in deze vragenlijst.") % {"key": key})
                continue
            theme = self.theme_of(question, (*path, key), weighted)
            rule = self.parse_rule(question, spec, (*path, key))
            if theme is not None:
                scored.add(theme)  # also when the rule itself has a problem (reported already)
                if rule is not None:
                    rules.append(replace(rule, theme=theme))  # the theme comes from the question's tags
        for theme in sorted(weighted - scored):
            self.problem(path, _("'%(key)s' heeft een gewicht maar geen enkele vraag met punten.") % {"key": theme})
        return rules

    def parse_rule(self, question: m.Question, value: Any, path: Path) -> Rule | None:
        qtype = question.type
        extra: dict[str, Any]
        if qtype in (m.YES_NO, m.CHOICE, m.SCALE, m.MULTI_CHOICE):
            optional = {"weight", "max"} if qtype == m.MULTI_CHOICE else {"weight"}
            spec = self.mapping(
                value, path, required={"points"} | ({"max"} if qtype == m.MULTI_CHOICE else set()), optional=optional
            )
            if spec is None or question.spec is None:
                return None
            points = self.points_table(spec.get("points"), (*path, "points"), question.spec)
            cap = self.positive(spec.get("max"), (*path, "max")) if qtype == m.MULTI_CHOICE else None
            kind, extra = POINTS, {"points": points, "cap": cap}
        elif qtype in (m.INTEGER, m.EURO, m.PERCENTAGE, m.REPEATING):
            spec = self.mapping(value, path, required={"bands"}, optional={"weight"})
            if spec is None:
                return None
            kind = COUNT if qtype == m.REPEATING else BANDS
            extra = {"bands": self.parse_bands(spec.get("bands"), (*path, "bands"))}
        elif qtype == m.GRID:
            spec = self.mapping(value, path, required=set(), optional={"weight", "column", "points", "ratio", "bands"})
            if spec is None:
                return None
            parsed = self.parse_grid_rule(question, spec, path)
            if parsed is None:
                return None
            kind, extra = parsed
        else:
            self.problem(path, _("Een vraag van het type %(type)s kan geen punten opleveren.") % {"type": qtype})
            return None
        weight = self.positive(spec.get("weight", 1), (*path, "weight")) or Decimal(1)
        rule = Rule(question=question.key, kind=kind, theme="", weight=weight, **extra)
        if (rule.points or rule.bands) and rule.maximum <= 0:
            self.problem(path, _("Met deze regel zijn geen punten te verdienen; geef minstens één antwoord punten."))
            return None
        return rule if (rule.points or rule.bands) else None

    def parse_grid_rule(
        self, question: m.Question, spec: dict[str, Any], path: Path
    ) -> tuple[str, dict[str, Any]] | None:
        if "column" in spec:
            for extra in ("ratio", "bands"):
                if extra in spec:
                    self.problem((*path, extra), _("Kies 'column' met 'points', of 'ratio' met 'bands'."))
            column = question.column(str(spec["column"]))
            if column is None or column.type not in (m.YES_NO, m.CHOICE, m.SCALE):
                self.problem(
                    (*path, "column"),
                    _("Kies een kolom van deze tabel met ja/nee, een keuze of een schaal."),
                )
                return None
            if "points" not in spec:
                self.problem(path, _("Het veld '%(key)s' ontbreekt.") % {"key": "points"})
                return None
            return COLUMN, {
                "column": column.key,
                "points": self.points_table(spec["points"], (*path, "points"), column.spec),
            }
        if "ratio" in spec:
            if "points" in spec:
                self.problem((*path, "points"), _("Kies 'column' met 'points', of 'ratio' met 'bands'."))
            ratio = self.mapping(spec["ratio"], (*path, "ratio"), required={"numerator", "denominator"}, optional=set())
            if ratio is None:
                return None
            columns = {}
            for part in ("numerator", "denominator"):
                column = question.column(str(ratio.get(part)))
                if column is None or column.type not in (m.EURO, m.INTEGER, m.PERCENTAGE):
                    self.problem((*path, "ratio", part), _("Kies een kolom van deze tabel met een getal of bedrag."))
                    return None
                columns[part] = column.key
            if "bands" not in spec:
                self.problem(path, _("Het veld '%(key)s' ontbreekt.") % {"key": "bands"})
                return None
            return RATIO, {**columns, "bands": self.parse_bands(spec["bands"], (*path, "bands"))}
        self.problem(path, _("Geef voor een tabel 'column' met 'points', of 'ratio' met 'bands'."))
        return None

    def points_table(self, value: Any, path: Path, spec: m.ValueSpec) -> dict[str, Decimal]:
        if not isinstance(value, dict):
            self.problem(path, _("Hier hoort een lijst van antwoorden met hun punten (antwoord: punten)."))
            return {}
        expected = answer_keys(spec)
        table: dict[str, Decimal] = {}
        for raw_key, raw_points in value.items():
            key = str(raw_key).lower() if spec.type == m.YES_NO else str(raw_key)
            if key not in expected:
                self.problem(
                    (*path, raw_key),
                    _("'%(key)s' is geen antwoord op deze vraag. Mogelijk zijn: %(allowed)s.")
                    % {"key": raw_key, "allowed": ", ".join(expected)},
                )
                continue
            points = self.positive(raw_points, (*path, raw_key), allow_zero=True)
            if points is not None:
                table[key] = points
        missing = [k for k in expected if k not in table and k not in {str(r).lower() for r in value}]
        if missing:
            self.problem(path, _("Geef ook punten voor: %(keys)s.") % {"keys": ", ".join(missing)})
        return table

    def parse_bands(self, value: Any, path: Path) -> tuple[Band, ...]:
        bands: list[Band] = []
        for index, item in enumerate(self.sequence(value, path, minimum=1)):
            spec = self.mapping(item, (*path, index), required={"from", "points"}, optional=set())
            if spec is None:
                continue
            start = self.positive(spec.get("from"), (*path, index, "from"), allow_zero=True)
            points = self.positive(spec.get("points"), (*path, index, "points"), allow_zero=True)
            if start is None or points is None:
                continue
            if bands and start <= bands[-1].start:
                self.problem((*path, index, "from"), _("De grenzen moeten oplopen."))
                continue
            bands.append(Band(start, points))
        return tuple(bands)

    def build_levels(
        self,
        level_weights: dict[str, Decimal],
        focus_weights: dict[str, Decimal],
        themes_of: dict[str, dict[str, Decimal]],
        aspect_weights: dict[str, Decimal],
        rules: list[Rule],
    ) -> tuple[Level, ...]:
        def theme(key: str, level: str, group: str, weight: Decimal) -> Theme:
            return Theme(key, level, group, weight, tuple(r for r in rules if r.theme == key))

        levels = []
        for key in LEVELS:
            if key not in level_weights:
                continue
            if key == STRATEGIC:
                groups = tuple(
                    Group(
                        focus, key, weight, tuple(theme(t, key, focus, w) for t, w in themes_of.get(focus, {}).items())
                    )
                    for focus, weight in focus_weights.items()
                )
            else:
                groups = tuple(
                    Group(aspect, key, weight, (theme(aspect, key, aspect, HUNDRED),))
                    for aspect, weight in aspect_weights.items()
                )
            levels.append(Level(key, level_weights[key], groups))
        return tuple(levels)

    def parse_stages(self, value: Any) -> tuple[Stage, ...]:
        path: Path = ("scoring", "stages")
        stages: list[Stage] = []
        seen: set[str] = set()
        for index, item in enumerate(self.sequence(value, path, minimum=2)):
            spec = self.mapping(item, (*path, index), required={"key", "from", "label", "description"}, optional=set())
            if spec is None:
                continue
            key = str(spec.get("key"))
            if not STAGE_KEY.match(key) or key in seen:
                self.problem((*path, index, "key"), _("Geef elke fase een eigen sleutel (kleine letters, cijfers, _)."))
            seen.add(key)
            start = self.positive(spec.get("from"), (*path, index, "from"), allow_zero=True)
            label = self.text(spec.get("label"), (*path, index, "label"))
            description = self.text(spec.get("description"), (*path, index, "description"))
            if start is None:
                continue
            if start > HUNDRED:
                self.problem((*path, index, "from"), _("Een score ligt tussen 0 en 100."))
            elif not stages and start != 0:
                self.problem((*path, index, "from"), _("De eerste fase begint bij 0."))
            elif stages and start <= stages[-1].start:
                self.problem((*path, index, "from"), _("De grenzen moeten oplopen."))
            stages.append(Stage(key, start, label, description))
        if len(stages) > 10:
            self.problem(path, _("Gebruik hoogstens 10 fasen."))
        return tuple(stages)

    def parse_circular(self, value: Any) -> CircularShare | None:
        path: Path = ("scoring", "circular_share")
        if value is None:
            return None
        spec = self.mapping(value, path, required={"question", "total", "circular"}, optional=set())
        if spec is None:
            return None
        question = self.definition.question(str(spec.get("question")))
        if question is None or question.type != m.GRID:
            self.problem((*path, "question"), _("Kies een tabelvraag (grid) van deze vragenlijst."))
            return None
        for part in ("total", "circular"):
            column = question.column(str(spec.get(part)))
            if column is None or column.type != m.EURO:
                self.problem((*path, part), _("Kies een kolom van deze tabel met een bedrag."))
                return None
        return CircularShare(question.key, str(spec["total"]), str(spec["circular"]))


def parse_method(data: dict[str, Any], positions: Any, definition: m.Definition) -> tuple[Method | None, list[Any]]:
    """The method and every problem found (empty when the method is sound)."""
    if "scoring" not in data:
        return None, []
    parser = MethodParser(data, positions, definition)
    method = parser.parse_method(data["scoring"])
    return (None if parser.problems else method), parser.problems


_methods: dict[str, Method | None] = {}


def method_of(definition: m.Definition) -> Method | None:
    """The method of an accepted definition (None when it declares none); cached per checksum."""
    key = definition.checksum or str(id(definition))
    if key not in _methods:
        if len(_methods) > 64:
            _methods.clear()
        method, problems = parse_method(definition.reserved, {}, definition)
        if problems:
            raise ValueError(f"the scoring method of edition {definition.edition} is invalid: {problems[0]}")
        _methods[key] = method
    return _methods[key]
