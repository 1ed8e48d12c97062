"""The questionnaire of one edition as plain Python objects (no database).

Built by `cim.questionnaires.parser` from a validated definition file; read by the scan (to show
and check answers), by the workbook, and by scoring (tags, option values, scale levels).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.utils import translation

FORMAT_VERSION = 1

YES_NO = "yes_no"
CHOICE = "choice"
MULTI_CHOICE = "multi_choice"
SCALE = "scale"
INTEGER = "integer"
EURO = "euro"
PERCENTAGE = "percentage"
TEXT = "text"
LONG_TEXT = "long_text"
DATE = "date"
GRID = "grid"
REPEATING = "repeating"
EVIDENCE = "evidence"

SCALAR_TYPES = (YES_NO, CHOICE, MULTI_CHOICE, SCALE, INTEGER, EURO, PERCENTAGE, TEXT, LONG_TEXT, DATE)
CELL_TYPES = (YES_NO, CHOICE, MULTI_CHOICE, SCALE, INTEGER, EURO, PERCENTAGE, TEXT, DATE)
COMPOUND_TYPES = (GRID, REPEATING)
QUESTION_TYPES = (*SCALAR_TYPES, GRID, REPEATING, EVIDENCE)
NUMERIC_TYPES = (INTEGER, EURO, PERCENTAGE, SCALE)
# Types a condition may look at.
CONDITION_TYPES = (YES_NO, CHOICE, MULTI_CHOICE, SCALE, INTEGER, EURO, PERCENTAGE, TEXT, DATE)

EURO_MAX = Decimal("1000000000000")  # 10^12
INTEGER_MAX = 1_000_000_000_000
TEXT_MAX = 300
LONG_TEXT_MAX = 5000
REPEATING_MAX_ROWS = 100

# Reserved top-level keys, passed through to registered validators (see cim.questionnaires.hooks).
RESERVED_KEYS = ("scoring", "recommendations")


@dataclass(frozen=True)
class Text:
    """A text in Dutch and English; `str()` gives the active language."""

    nl: str
    en: str = ""

    def get(self, language: str | None = None) -> str:
        language = language or translation.get_language() or "nl"
        if language.startswith("en") and self.en:
            return self.en
        return self.nl

    def __str__(self) -> str:
        return self.get()


@dataclass(frozen=True)
class Option:
    value: str
    label: Text
    help: Text | None = None


@dataclass(frozen=True)
class Level:
    level: int
    label: Text
    description: Text | None = None


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary (a focus area, a procurement category, a spearhead, …)."""

    key: str
    label: Text
    parent: str = ""


@dataclass(frozen=True)
class ValueSpec:
    """What a single value may be: shared by scalar questions and the columns of grids and
    repeating groups."""

    type: str
    options: tuple[Option, ...] = ()
    levels: tuple[Level, ...] = ()
    min: Any = None
    max: Any = None
    max_length: int = 0
    unit: Text | None = None

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def level_of(self, level: int) -> Level | None:
        return next((lv for lv in self.levels if lv.level == level), None)


@dataclass(frozen=True)
class Column:
    key: str
    label: Text
    spec: ValueSpec
    help: Text | None = None
    required: bool = True

    @property
    def type(self) -> str:
        return self.spec.type


@dataclass(frozen=True)
class Row:
    key: str
    label: Text
    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class RowCheck:
    """Within each row of a grid: column `left` ≤ column `right` (e.g. circular ≤ total)."""

    left: str
    right: str
    message: Text | None = None


@dataclass(frozen=True)
class Condition:
    """Show a question only when another answer has a value: `equals`, `in`, `contains`
    (multiple choice) or `answered`."""

    question: str
    op: str
    value: Any = None


@dataclass(frozen=True)
class Continuation:
    """This question continues `key` of an earlier edition; `values` maps old option values."""

    key: str
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    """A rule across questions. `lte`: questions[0] ≤ questions[1] (enforced on save).
    `sum`: the questions add up to `equals` (a number) or to the question `equals_question`;
    `sum_at_most`: the sum is at most the question `equals_question` (both checked on review)."""

    kind: str
    questions: tuple[str, ...]
    equals: Decimal | None = None
    equals_question: str = ""
    message: Text | None = None


@dataclass(frozen=True)
class Question:
    key: str
    type: str
    text: Text
    section_key: str
    number: str  # "2.3": shown to people, not stable across editions
    help: Text | None = None
    required: bool = True
    show_if: Condition | None = None
    continues: tuple[Continuation, ...] = ()
    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    spec: ValueSpec | None = None  # scalar types
    rows: tuple[Row, ...] = ()  # grid
    columns: tuple[Column, ...] = ()  # grid, repeating
    row_checks: tuple[RowCheck, ...] = ()  # grid
    min_rows: int = 0  # repeating
    max_rows: int = REPEATING_MAX_ROWS  # repeating

    @property
    def is_compound(self) -> bool:
        return self.type in COMPOUND_TYPES

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    def row(self, key: str) -> Row | None:
        return next((r for r in self.rows if r.key == key), None)

    @property
    def continued_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.continues)


@dataclass(frozen=True)
class Section:
    key: str
    title: Text
    number: int
    questions: tuple[Question, ...]
    intro: Text | None = None


@dataclass(frozen=True)
class Definition:
    edition: int
    title: Text
    sections: tuple[Section, ...]
    introduction: Text | None = None
    vocabularies: dict[str, tuple[Term, ...]] = field(default_factory=dict)
    checks: tuple[Check, ...] = ()
    reserved: dict[str, Any] = field(default_factory=dict)  # scoring, recommendations
    checksum: str = ""

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    @cached_property
    def _by_key(self) -> dict[str, Question]:
        return {q.key: q for q in self.questions}

    def question(self, key: str) -> Question | None:
        return self._by_key.get(key)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    @cached_property
    def section_keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sections)

    def term(self, vocabulary: str, key: str) -> Term | None:
        return next((t for t in self.vocabularies.get(vocabulary, ()) if t.key == key), None)

    @cached_property
    def dependants(self) -> dict[str, tuple[str, ...]]:
        """question key -> keys of the questions whose display depends on it."""
        result: dict[str, list[str]] = {}
        for q in self.questions:
            if q.show_if:
                result.setdefault(q.show_if.question, []).append(q.key)
        return {k: tuple(v) for k, v in result.items()}
