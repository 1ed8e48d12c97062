"""The method page's content, built from the definition and its method (no database): every
weight, every answer's points and every band, in the words and labels respondents saw."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cim.core.formatting import format_euro, format_number, format_percent
from cim.questionnaires import model as m
from cim.questionnaires.values import display
from cim.scoring import method as mt


def plain(value: Decimal) -> str:
    """A weight or a number of points as people write it: 25, 12,5."""
    exponent = value.normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(value, min(decimals, 2))


@dataclass
class RuleView:
    question: m.Question
    rule: mt.Rule
    how: str  # one sentence: how the question earns points
    rows: list[tuple[str, str]]  # (answer or band, points)
    maximum: str
    weight: str


@dataclass
class ThemeView:
    key: str
    label: str
    weight: str
    rules: list[RuleView] = field(default_factory=list)


@dataclass
class GroupView:
    key: str
    label: str
    weight: str
    themes: list[ThemeView] = field(default_factory=list)


@dataclass
class LevelView:
    key: str
    label: str
    weight: str
    groups: list[GroupView] = field(default_factory=list)


@dataclass
class MethodPage:
    levels: list[LevelView]
    stages: list[tuple[str, str, str]]  # (from, label, description)
    circular: tuple[str, str, str] | None  # (question text, total column, circular column)


def term_label(definition: m.Definition, vocabulary: str, key: str) -> str:
    term = definition.term(vocabulary, key)
    return term.label.get() if term else key


def _answer_label(spec: m.ValueSpec, key: str) -> str:
    if spec.type == m.YES_NO:
        return display(spec, key == "true")
    if spec.type == m.SCALE:
        return display(spec, int(key))
    option = spec.option(key)
    return option.label.get() if option else key


def _points_rows(spec: m.ValueSpec, rule: mt.Rule) -> list[tuple[str, str]]:
    return [(_answer_label(spec, key), plain(rule.points[key])) for key in mt.answer_keys(spec) if key in rule.points]


def _band_value(kind: str, qtype: str, value: Decimal) -> str:
    if kind == mt.COUNT:
        count = int(value)
        return ngettext("%(n)s rij", "%(n)s rijen", count) % {"n": count}
    if kind == mt.RATIO or qtype == m.PERCENTAGE:
        return format_percent(value, 0 if value == value.to_integral() else 1)
    if qtype == m.EURO:
        return format_euro(value, 0)
    return plain(value)


def _band_rows(rule: mt.Rule, qtype: str) -> list[tuple[str, str]]:
    rows = []
    first = rule.bands[0]
    if first.start > 0:
        rows.append((_("minder dan %(value)s") % {"value": _band_value(rule.kind, qtype, first.start)}, "0"))
    for band in rule.bands:
        rows.append((_("vanaf %(value)s") % {"value": _band_value(rule.kind, qtype, band.start)}, plain(band.points)))
    return rows


def rule_view(rule: mt.Rule, question: m.Question) -> RuleView:
    if rule.kind == mt.POINTS and question.spec is not None:
        if rule.cap is not None:
            how = _("Elk gekozen antwoord telt mee; samen hoogstens %(max)s punten.") % {"max": plain(rule.cap)}
        else:
            how = _("Punten voor het gegeven antwoord.")
        rows = _points_rows(question.spec, rule)
    elif rule.kind == mt.COLUMN:
        column = question.column(rule.column)
        assert column is not None
        how = _("Het gemiddelde over de ingevulde rijen van de punten in de kolom '%(column)s'.") % {
            "column": column.label.get()
        }
        rows = _points_rows(column.spec, rule)
    elif rule.kind == mt.RATIO:
        numerator, denominator = question.column(rule.numerator), question.column(rule.denominator)
        assert numerator is not None
        assert denominator is not None
        how = _("De som van '%(numerator)s' gedeeld door de som van '%(denominator)s' over alle rijen, × 100.") % {
            "numerator": numerator.label.get(),
            "denominator": denominator.label.get(),
        }
        rows = _band_rows(rule, question.type)
    elif rule.kind == mt.COUNT:
        how = _("Het aantal ingevulde rijen.")
        rows = _band_rows(rule, question.type)
    else:
        how = _("Het ingevulde getal; de punten van de hoogste grens die het haalt.")
        rows = _band_rows(rule, question.type)
    return RuleView(question, rule, how, rows, plain(rule.maximum), plain(rule.weight))


def method_page(definition: m.Definition, method: mt.Method) -> MethodPage:
    levels = []
    for level in method.levels:
        level_view = LevelView(level.key, term_label(definition, "level", level.key), plain(level.weight))
        group_vocabulary = "focus_area" if level.key == mt.STRATEGIC else "aspect"
        for group in level.groups:
            group_view = GroupView(group.key, term_label(definition, group_vocabulary, group.key), plain(group.weight))
            for theme in group.themes:
                vocabulary = "theme" if level.key == mt.STRATEGIC else "aspect"
                theme_view = ThemeView(theme.key, term_label(definition, vocabulary, theme.key), plain(theme.weight))
                for rule in theme.rules:
                    question = definition.question(rule.question)
                    if question is not None:
                        theme_view.rules.append(rule_view(rule, question))
                group_view.themes.append(theme_view)
            level_view.groups.append(group_view)
        levels.append(level_view)
    stages = [(plain(s.start), s.label.get(), s.description.get()) for s in method.stages]
    circular = None
    if method.circular_share is not None:
        question = definition.question(method.circular_share.question)
        total = question.column(method.circular_share.total) if question else None
        part = question.column(method.circular_share.circular) if question else None
        if question and total and part:
            circular = (question.text.get(), total.label.get(), part.label.get())
    return MethodPage(levels, stages, circular)
