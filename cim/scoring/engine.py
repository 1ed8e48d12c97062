"""Scores from a definition and answers: pure functions, no database.

`compute(method, definition, values)` takes the plain Python answer values of one participation
(`cim.scan.selectors.answer_values` / `submitted_answer_values`: hidden questions left out) and
returns every score of the method. The rules, in the words the method page uses:

- A question earns points by its rule (method.Rule); its score is points / maximum × 100.
  A question that is not answered, or not shown because of an earlier answer, earns 0 points.
- A theme (or aspect) is the weighted mean of its questions' scores (question weights).
- A focus area is the weighted mean of its themes, a level of its focus areas (or aspects), the
  overall score of the levels; the weights add up to 100.
- Scores are computed exactly and rounded to one decimal at the end (half up); the maturity
  stage follows from the rounded score.
- Circular share: circular € / total € × 100 per category and over all categories.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from cim.questionnaires import model as m
from cim.scan.logic import visible_keys
from cim.scoring import method as mt

ZERO = Decimal(0)
ONE_DECIMAL = Decimal("0.1")


def rounded(value: Decimal) -> Decimal:
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class QuestionResult:
    points: Decimal  # earned
    maximum: Decimal
    answered: bool
    measured: Decimal | None = None  # what bands were applied to (a number, a share, a count)

    @property
    def score(self) -> Decimal:
        return self.points / self.maximum * 100


@dataclass(frozen=True)
class CategoryShare:
    total: Decimal | None  # None: not answered
    circular: Decimal | None
    share: Decimal | None  # percent, one decimal; None when total is 0 or missing


@dataclass
class Result:
    """Every score of one participation (rounded to one decimal)."""

    overall: Decimal = ZERO
    levels: dict[str, Decimal] = field(default_factory=dict)
    groups: dict[str, Decimal] = field(default_factory=dict)  # focus areas and aspects
    themes: dict[str, Decimal] = field(default_factory=dict)  # themes and aspects
    stage: str = ""  # of the overall score
    stages: dict[str, str] = field(default_factory=dict)  # theme -> stage key
    questions: dict[str, QuestionResult] = field(default_factory=dict)
    categories: dict[str, CategoryShare] = field(default_factory=dict)
    spend_total: Decimal | None = None
    spend_circular: Decimal | None = None
    circular_share: Decimal | None = None  # overall, percent
    complete: bool = True
    missing: list[str] = field(default_factory=list)  # scored questions shown but not answered


def band_points(bands: tuple[mt.Band, ...], value: Decimal) -> Decimal:
    """The points of the highest band whose start the value reaches; below the first: 0."""
    points = ZERO
    for band in bands:
        if value >= band.start:
            points = band.points
    return points


def _grid_sum(grid: Mapping[str, Mapping[str, Any]], column: str) -> Decimal:
    return sum((Decimal(str(cells.get(column))) for cells in grid.values() if cells.get(column) is not None), ZERO)


def question_result(rule: mt.Rule, question: m.Question, value: Any) -> QuestionResult:
    """Points for one answer under its rule (value None: not answered or not shown)."""
    if value is None:
        return QuestionResult(ZERO, rule.maximum, False)
    measured: Decimal | None = None
    if rule.kind == mt.POINTS:
        if isinstance(value, list):  # multiple choice: the chosen options add up, up to the cap
            earned = sum((rule.points.get(mt.answer_key(v), ZERO) for v in value), ZERO)
            points = min(earned, rule.maximum)
        else:
            points = rule.points.get(mt.answer_key(value), ZERO)
    elif rule.kind == mt.BANDS:
        measured = Decimal(str(value))
        points = band_points(rule.bands, measured)
    elif rule.kind == mt.COUNT:
        measured = Decimal(len(value))
        points = band_points(rule.bands, measured)
    elif rule.kind == mt.RATIO:
        denominator = _grid_sum(value, rule.denominator)
        measured = _grid_sum(value, rule.numerator) / denominator * 100 if denominator > 0 else ZERO
        points = band_points(rule.bands, measured)
    else:  # COLUMN: the mean over the rows that have an answer in the column
        cells = [cells.get(rule.column) for cells in value.values()]
        answered = [rule.points.get(mt.answer_key(c), ZERO) for c in cells if c is not None]
        points = sum(answered, ZERO) / len(answered) if answered else ZERO
    return QuestionResult(points, rule.maximum, True, measured)


def weighted_mean(pairs: list[tuple[Decimal, Decimal]]) -> Decimal:
    """Σ weight × value / Σ weight."""
    total_weight = sum((w for w, _ in pairs), ZERO)
    return sum((w * v for w, v in pairs), ZERO) / total_weight if total_weight else ZERO


def circular_shares(spec: mt.CircularShare, question: m.Question, grid: Any, result: Result) -> None:
    grid = grid or {}
    totals: list[Decimal] = []
    circulars: list[Decimal] = []
    for row in question.rows:
        cells = grid.get(row.key) or {}
        total, circular = cells.get(spec.total), cells.get(spec.circular)
        total = Decimal(str(total)) if total is not None else None
        circular = Decimal(str(circular)) if circular is not None else None
        share = rounded(circular / total * 100) if total and circular is not None else None
        result.categories[row.key] = CategoryShare(total, circular, share)
        if total is not None:
            totals.append(total)
            circulars.append(circular or ZERO)
    if totals:
        result.spend_total, result.spend_circular = sum(totals, ZERO), sum(circulars, ZERO)
        if result.spend_total > 0:
            result.circular_share = rounded(result.spend_circular / result.spend_total * 100)


def compute(method: mt.Method, definition: m.Definition, values: Mapping[str, Any]) -> Result:
    """All scores of one participation's answers (plain Python values, hidden questions left out)."""
    result = Result()
    shown = visible_keys(definition, values)
    exact_themes: dict[str, Decimal] = {}
    for theme in method.themes:
        pairs = []
        for rule in theme.rules:
            question = definition.question(rule.question)
            assert question is not None  # checked when the definition was loaded
            outcome = question_result(rule, question, values.get(rule.question))
            result.questions[rule.question] = outcome
            if not outcome.answered and rule.question in shown:
                result.missing.append(rule.question)
            pairs.append((rule.weight, outcome.score))
        exact_themes[theme.key] = weighted_mean(pairs)
    exact_levels: dict[str, Decimal] = {}
    for level in method.levels:
        group_pairs = []
        for group in level.groups:
            exact = weighted_mean([(t.weight, exact_themes[t.key]) for t in group.themes])
            result.groups[group.key] = rounded(exact)
            group_pairs.append((group.weight, exact))
        exact_levels[level.key] = weighted_mean(group_pairs)
        result.levels[level.key] = rounded(exact_levels[level.key])
    result.overall = rounded(weighted_mean([(lv.weight, exact_levels[lv.key]) for lv in method.levels]))
    result.themes = {key: rounded(value) for key, value in exact_themes.items()}
    result.stage = method.stage_for(result.overall).key
    result.stages = {key: method.stage_for(value).key for key, value in result.themes.items()}
    result.complete = not result.missing
    if method.circular_share is not None:
        question = definition.question(method.circular_share.question)
        if question is not None:
            circular_shares(method.circular_share, question, values.get(question.key), result)
    return result
