"""Recommendations as content in the questionnaire definition (`recommendations:`), tied to the
answers and scores of a participation. Plain Python: parse and check at load (every problem with
its position), and decide which apply to a report. Format: docs/reports.md.

    recommendations:
      - key: market_consultation_gww
        when: {question: category_spend, row: gww, column: market_consultation, equals: false}
        title: {nl: …, en: …}
        text: {nl: …, en: …}
        perspective: participatory      # optional: a term of the vocabulary `perspective`
        masterclass: 3                  # optional: 1–4
        tags: [gww, marktconsultatie]   # optional: tags of shared lessons and programme material
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from cim.questionnaires import model as m
from cim.questionnaires.hooks import DefinitionContext
from cim.questionnaires.parser import Parser
from cim.questionnaires.problems import Path, Problem
from cim.scoring import method as mt
from cim.scoring.selectors import ScoreRecord

logger = logging.getLogger(__name__)
KEY = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
MAX_RECOMMENDATIONS = 100
QUESTION_OPS = ("equals", "in", "contains", "lacks", "answered", "below", "at_least")
SCORE_SUBJECTS = ("score", "theme", "focus_area", "circular_share")
NUMERIC = (m.INTEGER, m.EURO, m.PERCENTAGE, m.SCALE)


@dataclass(frozen=True)
class Condition:
    """One test. `subject` is "question" or a SCORE_SUBJECTS name; `target` the question key or
    the score's key; `any`/`all` combine `parts`."""

    subject: str
    target: str = ""
    op: str = ""
    value: Any = None
    row: str = ""
    column: str = ""
    parts: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class Recommendation:
    key: str
    when: Condition
    title: m.Text
    text: m.Text
    perspective: str = ""
    masterclass: int | None = None
    tags: tuple[str, ...] = ()


def _tag_keys() -> frozenset[str]:
    from cim.cases.vocabulary import TAG_KEYS  # the shared words of lessons and material

    return TAG_KEYS


class RecommendationParser(Parser):
    def __init__(self, data: Any, positions: Any, definition: m.Definition, method: mt.Method | None) -> None:
        super().__init__(data, positions)
        self.definition = definition
        self.vocabularies = definition.vocabularies
        self.method = method

    def parse_all(self, value: Any) -> list[Recommendation]:
        path: Path = ("recommendations",)
        result: list[Recommendation] = []
        seen: set[str] = set()
        items = self.sequence(value, path)
        if len(items) > MAX_RECOMMENDATIONS:
            self.problem(path, _("Gebruik hoogstens %(n)s aanbevelingen.") % {"n": MAX_RECOMMENDATIONS})
        for index, item in enumerate(items):
            item_path = (*path, index)
            spec = self.mapping(
                item,
                item_path,
                required={"key", "when", "title", "text"},
                optional={"perspective", "masterclass", "tags"},
            )
            if spec is None:
                continue
            key = str(spec.get("key"))
            if not KEY.match(key) or key in seen:
                self.problem(
                    (*item_path, "key"), _("Geef elke aanbeveling een eigen sleutel (kleine letters, cijfers, _).")
                )
            seen.add(key)
            when = self.condition(spec.get("when"), (*item_path, "when"))
            title = self.text(spec.get("title"), (*item_path, "title"))
            text = self.text(spec.get("text"), (*item_path, "text"))
            perspective = str(spec.get("perspective") or "")
            if perspective and self.definition.term("perspective", perspective) is None:
                self.problem(
                    (*item_path, "perspective"),
                    _("'%(key)s' staat niet in de woordenlijst '%(name)s'.")
                    % {"key": perspective, "name": "perspective"},
                )
            masterclass = self.integer(spec.get("masterclass"), (*item_path, "masterclass"), minimum=1, maximum=4)
            tags = self.tags(spec.get("tags"), (*item_path, "tags"))
            if when is not None:
                result.append(Recommendation(key, when, title, text, perspective, masterclass, tags))
        return result

    def tags(self, value: Any, path: Path) -> tuple[str, ...]:
        if value is None:
            return ()
        known = _tag_keys()
        result = []
        for index, tag in enumerate(self.sequence(value, path)):
            if str(tag) not in known:
                self.problem(
                    (*path, index),
                    _("'%(key)s' is geen label van lessen en materiaal. Mogelijk zijn: %(allowed)s.")
                    % {"key": tag, "allowed": ", ".join(sorted(known))},
                )
            else:
                result.append(str(tag))
        return tuple(result)

    def condition(self, value: Any, path: Path) -> Condition | None:
        if isinstance(value, list):
            parts = [self.condition(item, (*path, i)) for i, item in enumerate(value)]
            return Condition("all", parts=tuple(p for p in parts if p is not None)) if value else None
        if not isinstance(value, dict) or not value:
            self.problem(path, _("Hier hoort een voorwaarde, bijvoorbeeld {question: policy_target, equals: false}."))
            return None
        for combinator in ("any", "all"):
            if combinator in value:
                self.mapping(value, path, required={combinator}, optional=set())
                items = self.sequence(value[combinator], (*path, combinator), minimum=1)
                parts = [self.condition(item, (*path, combinator, i)) for i, item in enumerate(items)]
                return Condition(combinator, parts=tuple(p for p in parts if p is not None))
        subject = next((s for s in ("question", *SCORE_SUBJECTS) if s in value), None)
        if subject is None:
            self.problem(
                path,
                _(
                    "Een voorwaarde gaat over een vraag (question) of een score (score, theme, focus_area, circular_share)."
                ),
            )
            return None
        if subject == "question":
            return self.question_condition(value, path)
        return self.score_condition(subject, value, path)

    def operator(self, value: dict[str, Any], path: Path, allowed: tuple[str, ...]) -> str | None:
        ops = [op for op in QUESTION_OPS if op in value]
        if len(ops) != 1 or ops[0] not in allowed:
            self.problem(
                path,
                _("Geef precies één toets: %(allowed)s.") % {"allowed": ", ".join(allowed)},
            )
            return None
        return ops[0]

    def score_condition(self, subject: str, value: dict[str, Any], path: Path) -> Condition | None:
        self.mapping(value, path, required={subject}, optional={"below", "at_least"})
        target = str(value.get(subject))
        method = self.method
        known: set[str] = set()
        if method is not None:
            known = {
                "score": {"overall", *(lv.key for lv in method.levels)},
                "theme": {t.key for t in method.themes},
                "focus_area": {g.key for g in method.groups},
                "circular_share": {"overall", *(self._categories())},
            }[subject]
        if target not in known:
            self.problem(
                (*path, subject),
                _("'%(key)s' heeft geen score in deze vragenlijst. Mogelijk zijn: %(allowed)s.")
                % {"key": target, "allowed": ", ".join(sorted(known)) or "–"},
            )
            return None
        op = self.operator(value, path, ("below", "at_least"))
        number = self.decimal(value.get(op), (*path, op)) if op else None
        if op is None or number is None:
            return None
        return Condition(subject, target, op, number)

    def _categories(self) -> list[str]:
        share = self.method.circular_share if self.method else None
        question = self.definition.question(share.question) if share else None
        return [row.key for row in question.rows] if question else []

    def question_condition(self, value: dict[str, Any], path: Path) -> Condition | None:
        self.mapping(value, path, required={"question"}, optional={"row", "column", *QUESTION_OPS})
        question = self.definition.question(str(value.get("question")))
        if question is None:
            self.problem(
                (*path, "question"),
                _("De vraag '%(key)s' bestaat niet in deze vragenlijst.") % {"key": value.get("question")},
            )
            return None
        spec, row, column = question.spec, "", ""
        if question.type == m.GRID:
            row, column = str(value.get("row", "")), str(value.get("column", ""))
            found = question.column(column)
            if question.row(row) is None or found is None:
                self.problem(path, _("Geef bij een tabelvraag een bestaande rij (row) en kolom (column)."))
                return None
            spec = found.spec
        elif "row" in value or "column" in value:
            self.problem(path, _("Rij en kolom horen alleen bij een tabelvraag."))
        if spec is None:
            self.problem((*path, "question"), _("Over deze vraag kan geen voorwaarde gaan."))
            return None
        allowed: tuple[str, ...] = ("answered",)
        if spec.type in (m.YES_NO, m.CHOICE, m.SCALE):
            allowed += ("equals", "in")
        if spec.type == m.MULTI_CHOICE:
            allowed += ("contains", "lacks")
        if spec.type in NUMERIC:
            allowed += ("below", "at_least")
        op = self.operator(value, path, allowed)
        if op is None:
            return None
        operand = self.operand(spec, op, value[op], (*path, op))
        return Condition("question", question.key, op, operand, row, column)

    def operand(self, spec: m.ValueSpec, op: str, raw: Any, path: Path) -> Any:
        if op == "answered":
            return self.boolean(raw, path, True)
        if op in ("below", "at_least"):
            return self.decimal(raw, path)
        values = raw if op == "in" else [raw]
        if op == "in" and not isinstance(raw, list):
            self.problem(path, _("Hier hoort een lijst van antwoorden."))
            return ()
        possible = mt.answer_keys(spec)
        for item in values:
            if mt.answer_key(item) not in possible:
                self.problem(
                    path,
                    _("'%(key)s' is geen antwoord op deze vraag. Mogelijk zijn: %(allowed)s.")
                    % {"key": item, "allowed": ", ".join(possible)},
                )
        keys = tuple(mt.answer_key(v) for v in values)
        return keys if op == "in" else keys[0]


def check_recommendations(context: DefinitionContext) -> list[Problem]:
    """The questionnaire validator for the `recommendations` section (registered in apps.py)."""
    if "recommendations" not in context.data:
        return []
    method, method_problems = mt.parse_method(context.data, context.positions, context.definition)
    parser = RecommendationParser(context.data, context.positions, context.definition, method)
    parser.parse_all(context.data["recommendations"])
    return [] if method_problems and not method else parser.problems


_parsed: dict[str, tuple[Recommendation, ...]] = {}


def recommendations_of(definition: m.Definition) -> tuple[Recommendation, ...]:
    """The recommendations of an accepted definition (cached per checksum)."""
    if "recommendations" not in definition.reserved:
        return ()
    key = definition.checksum or str(id(definition))
    if key not in _parsed:
        if len(_parsed) > 64:
            _parsed.clear()
        parser = RecommendationParser(definition.reserved, {}, definition, mt.method_of(definition))
        items = parser.parse_all(definition.reserved["recommendations"])
        if parser.problems:  # accepted once, refused by newer code: show none rather than fail the report
            logger.error("recommendations of edition %s are invalid: %s", definition.edition, parser.problems[0])
            items = []
        _parsed[key] = tuple(items)
    return _parsed[key]


# --- which apply ---------------------------------------------------------------------------------
def _score_value(condition: Condition, score: ScoreRecord) -> Decimal | None:
    if condition.subject == "score":
        return {"overall": score.overall, "strategic": score.strategic, "operational": score.operational}.get(
            condition.target
        )
    if condition.subject == "theme":
        return score.themes.get(condition.target)
    if condition.subject == "focus_area":
        return score.focus_areas.get(condition.target)
    if condition.target == "overall":
        return score.circular_share
    category = score.categories.get(condition.target)
    return category.share if category else None


def _answer(condition: Condition, values: Mapping[str, Any]) -> Any:
    value = values.get(condition.target)
    if condition.row and value is not None:
        value = (value.get(condition.row) or {}).get(condition.column)
    return value


def holds(condition: Condition, values: Mapping[str, Any], score: ScoreRecord) -> bool:
    """Whether the condition holds for these answers (plain Python values, hidden questions left
    out) and scores. An unanswered question meets only `lacks` and `answered: false`."""
    if condition.subject == "any":
        return any(holds(part, values, score) for part in condition.parts)
    if condition.subject == "all":
        return all(holds(part, values, score) for part in condition.parts)
    if condition.subject != "question":
        number = _score_value(condition, score)
        if number is None:
            return False
        return number < condition.value if condition.op == "below" else number >= condition.value
    value = _answer(condition, values)
    if condition.op == "answered":
        return (value is not None) == condition.value
    if condition.op == "lacks":
        return value is None or condition.value not in value
    if value is None:
        return False
    if condition.op == "contains":
        return condition.value in value
    if condition.op in ("below", "at_least"):
        number = Decimal(str(value))
        return number < condition.value if condition.op == "below" else number >= condition.value
    if condition.op == "in":
        return mt.answer_key(value) in condition.value
    return mt.answer_key(value) == condition.value


def applicable(
    recommendations: tuple[Recommendation, ...], values: Mapping[str, Any], score: ScoreRecord
) -> list[Recommendation]:
    return [r for r in recommendations if holds(r.when, values, score)]
