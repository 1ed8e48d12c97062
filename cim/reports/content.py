"""What a feedback report shows, as plain objects for the page and the PDF (one template each,
sharing the same includes). Built in the active language."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from cim.disclosure.benchmark import BenchmarkResult, Position
from cim.disclosure.params import DisclosureParams
from cim.editions.models import Edition, Participation
from cim.questionnaires import model as m
from cim.questionnaires.selectors import edition_definition
from cim.reports import comparisons as cmp
from cim.reports.recommendations import Recommendation, applicable, recommendations_of
from cim.reports.selectors import edition_scores, size_class_name, submitted_values, trend_editions
from cim.scoring import method as mt
from cim.scoring.selectors import ScoreRecord, score_of

STRENGTHS = 3


@dataclass
class Scored:
    key: str
    label: str
    score: Decimal
    stage: mt.Stage | None
    group_label: str = ""
    level_label: str = ""


@dataclass
class CategoryRow:
    key: str
    label: str
    total: Decimal | None
    circular: Decimal | None
    share: Decimal | None


@dataclass
class PositionRow:
    group_label: str
    result: BenchmarkResult
    text: str  # the position in words, or that the group is too small


@dataclass
class PositionBlock:
    measure: str
    label: str
    own: Decimal
    percent: bool  # a circular share (0–100 %) rather than a score
    rows: list[PositionRow] = field(default_factory=list)
    chart: Any = None  # set by attach_charts


@dataclass
class TrendPoint:
    year: int
    edition: Edition
    overall: Decimal
    overall_median: Decimal | None
    share: Decimal | None
    share_median: Decimal | None


@dataclass
class RecommendationItem:
    recommendation: Recommendation
    title: str
    text: str
    perspective: str
    masterclass: int | None
    related: Any = None  # cim.cases.selectors.RelatedContent


@dataclass
class Report:
    participation: Participation
    edition: Edition
    definition: m.Definition
    method: mt.Method
    score: ScoreRecord
    overall: Scored
    levels: list[Scored]
    themes: list[Scored]
    strengths: list[Scored]
    weaknesses: list[Scored]
    categories: list[CategoryRow]
    positions: list[PositionBlock]
    trend: list[TrendPoint]
    recommendations: list[RecommendationItem]
    charts: dict[str, Any] = field(default_factory=dict)  # filled by charts_for (cached)

    @property
    def has_trend(self) -> bool:
        return len(self.trend) > 1

    def attach_charts(self, charts: dict[str, Any]) -> None:
        self.charts = charts
        for block in self.positions:
            block.chart = charts.get(f"position_{block.measure}")


def _label(definition: m.Definition, vocabulary: str, key: str) -> str:
    term = definition.term(vocabulary, key)
    return term.label.get() if term else key


def position_text(result: BenchmarkResult) -> str:
    if not result.shown:
        return _("te weinig deelnemers in deze groep om te vergelijken")
    return {
        Position.BELOW_LOWER_QUARTILE: _("onder de middelste helft van de anderen"),
        Position.BELOW_MEDIAN: _("onder de mediaan van de anderen"),
        Position.AT_MEDIAN: _("op de mediaan van de anderen"),
        Position.ABOVE_MEDIAN: _("boven de mediaan van de anderen"),
        Position.ABOVE_UPPER_QUARTILE: _("boven de middelste helft van de anderen"),
    }[result.position]


def group_label(classification: str, participation: Participation) -> str:
    if classification == "all":
        return _("Alle deelnemers")
    if classification == "province":
        name = participation.province.name if participation.province_id and participation.province else ""
        return _("Provincie %(name)s") % {"name": name} if name else _("Uw provincie")
    if participation.size_class:
        return _("Grootteklasse: %(name)s") % {"name": size_class_name(participation.size_class)}
    return _("Uw grootteklasse")


def measure_label(measure: str) -> str:
    return {
        "overall": _("Totaalscore"),
        "strategic": _("Strategisch niveau"),
        "operational": _("Operationeel niveau"),
        "circular_share": _("Circulair aandeel"),
    }[measure]


def _scored_parts(definition: m.Definition, method: mt.Method, score: ScoreRecord) -> tuple[list[Scored], list[Scored]]:
    levels, themes = [], []
    for level in method.levels:
        value = score.strategic if level.key == mt.STRATEGIC else score.operational
        level_label = _label(definition, "level", level.key)
        if value is not None:
            levels.append(Scored(level.key, level_label, value, method.stage_for(value)))
        for group in level.groups:
            vocabulary = "focus_area" if level.key == mt.STRATEGIC else "aspect"
            for theme in group.themes:
                if theme.key not in score.themes:
                    continue
                theme_vocabulary = "theme" if level.key == mt.STRATEGIC else "aspect"
                themes.append(
                    Scored(
                        theme.key,
                        _label(definition, theme_vocabulary, theme.key),
                        score.themes[theme.key],
                        method.stage(score.stages.get(theme.key, "")),
                        _label(definition, vocabulary, group.key),
                        level_label,
                    )
                )
    return levels, themes


def _categories(definition: m.Definition, method: mt.Method, score: ScoreRecord) -> list[CategoryRow]:
    share = method.circular_share
    question = definition.question(share.question) if share else None
    if question is None:
        return []
    rows = []
    for row in question.rows:
        spend = score.categories.get(row.key)
        rows.append(
            CategoryRow(
                row.key,
                row.label.get(),
                spend.total if spend else None,
                spend.circular if spend else None,
                spend.share if spend else None,
            )
        )
    return rows


def _positions(participation: Participation, score: ScoreRecord, params: DisclosureParams) -> list[PositionBlock]:
    found = edition_scores(participation.edition)
    data = cmp.microdata(participation.edition_id, found.records, found.groups)
    blocks: dict[str, PositionBlock] = {}
    for comparison in cmp.compare(
        data,
        edition_id=participation.edition_id,
        organisation_id=participation.organisation_id,
        own=score,
        params=params,
    ):
        block = blocks.get(comparison.measure)
        if block is None:
            block = blocks[comparison.measure] = PositionBlock(
                comparison.measure,
                measure_label(comparison.measure),
                comparison.result.own_value,
                comparison.measure == "circular_share",
            )
        block.rows.append(
            PositionRow(
                group_label(comparison.classification, participation),
                comparison.result,
                position_text(comparison.result),
            )
        )
    return list(blocks.values())


def _median(
    data: Any, edition_id: int, organisation_id: int, measure: str, own: Decimal | None, params: DisclosureParams
) -> Decimal | None:
    if own is None:
        return None
    return cmp.median_of_others(
        data, edition_id=edition_id, organisation_id=organisation_id, measure=measure, own=own, params=params
    )


def _trend(participation: Participation, params: DisclosureParams) -> list[TrendPoint]:
    points = []
    for edition, own in trend_editions(participation):
        found = edition_scores(edition)
        data = cmp.microdata(edition.pk, found.records, found.groups)

        points.append(
            TrendPoint(
                edition.year,
                edition,
                own.overall,
                _median(data, edition.pk, participation.organisation_id, "overall", own.overall, params),
                own.circular_share,
                _median(data, edition.pk, participation.organisation_id, "circular_share", own.circular_share, params),
            )
        )
    return points


def _recommendations(
    definition: m.Definition, values: dict[str, Any], score: ScoreRecord, user: Any
) -> list[RecommendationItem]:
    from cim.cases.selectors import related_content

    items = []
    for recommendation in applicable(recommendations_of(definition), values, score):
        items.append(
            RecommendationItem(
                recommendation,
                recommendation.title.get(),
                recommendation.text.get(),
                _label(definition, "perspective", recommendation.perspective) if recommendation.perspective else "",
                recommendation.masterclass,
                related_content(tags=recommendation.tags, user=user, limit=3) if recommendation.tags else None,
            )
        )
    return items


def build_report(
    participation: Participation, score: ScoreRecord, values: dict[str, Any], *, user: Any
) -> Report | None:
    """The whole report of a scored participation; None when its edition has no scoring method.
    `values`: the answers as submitted (plain Python), for the recommendations."""
    definition = edition_definition(participation.edition_id)
    method = mt.method_of(definition) if definition is not None else None
    if definition is None or method is None:
        return None
    params = DisclosureParams.from_settings()
    levels, themes = _scored_parts(definition, method, score)
    ranked = sorted(themes, key=lambda t: (-t.score, t.label))
    count = min(STRENGTHS, len(ranked) // 2)
    return Report(
        participation=participation,
        edition=participation.edition,
        definition=definition,
        method=method,
        score=score,
        overall=Scored("overall", _("Totaalscore"), score.overall, method.stage(score.stage)),
        levels=levels,
        themes=themes,
        strengths=ranked[:count],
        weaknesses=list(reversed(ranked[-count:])) if count else [],
        categories=_categories(definition, method, score),
        positions=_positions(participation, score, params),
        trend=_trend(participation, params),
        recommendations=_recommendations(definition, values, score, user),
    )


def report_of(participation: Participation, *, user: Any) -> Report | None:
    """The report of a participation fetched through scoping; None without a (current) score or
    for a withdrawn participation (it is left out of every comparison)."""
    if participation.status != Participation.Status.ACTIVE:
        return None
    score = score_of(participation)
    if score is None:
        return None
    return build_report(participation, score, submitted_values(participation), user=user)
