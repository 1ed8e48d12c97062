"""The method page is generated from the definition; following what it states (weights, points,
bands, rounding) gives exactly the stored scores."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from cim.questionnaires.selectors import edition_definition
from cim.questionnaires.values import display
from cim.scan.logic import python_values
from cim.scoring.models import Score

from .factories import sample_for, submit

pytestmark = pytest.mark.django_db


class Page(HTMLParser):
    """Tables (by id, or by the id of the section around them), definition lists and headings."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.fields: dict[str, dict[str, str]] = {}
        self.stack: list[str] = []  # ids of open elements with an id
        self.open: list[tuple[str, str | None]] = []
        self.text: list[str] | None = None
        self.row: list[str] | None = None
        self.field: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.open.append((tag, attributes.get("id")))
        if attributes.get("id"):
            self.stack.append(attributes["id"] or "")
        owner = self.stack[-1] if self.stack else ""
        if tag == "table":
            self.tables[owner] = []
        elif tag == "tr" and any(t == "tbody" for t, _ in self.open):
            self.row = []
        elif tag in ("th", "td") and self.row is not None:
            self.text = []
        elif tag == "dd" and attributes.get("data-field"):
            self.field, self.text = attributes["data-field"], []

    def handle_endtag(self, tag: str) -> None:
        owner = self.stack[-1] if self.stack else ""
        if tag in ("th", "td") and self.row is not None and self.text is not None:
            self.row.append(" ".join("".join(self.text).split()))
            self.text = None
        elif tag == "tr" and self.row is not None:
            self.tables[owner].append(self.row)
            self.row = None
        elif tag == "dd" and self.field is not None and self.text is not None:
            self.fields.setdefault(owner, {})[self.field] = "".join(self.text).strip()
            self.field, self.text = None, None
        while self.open:
            closed, ident = self.open.pop()
            if ident:
                self.stack.pop()
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)


def dutch(text: str) -> Decimal:
    """A number as the page writes it: 1.000 (thousands), 12,5 (decimals), € and % around it."""
    match = re.search(r"[0-9][0-9.]*(,[0-9]+)?", text)
    assert match, text
    return Decimal(match.group(0).replace(".", "").replace(",", "."))


def rows_of(page: Page, table: str) -> dict[str, Decimal]:
    return {label: dutch(value) for label, value in page.tables[table]}


def points_from_page(page: Page, question: Any, value: Any) -> Decimal:
    """What the page says this answer earns (0 when not answered)."""
    rows = page.tables[f"regel-{question.key}"]
    maximum = dutch(page.fields[f"regel-{question.key}"]["maximum"])
    if value is None:
        return Decimal(0)
    table = {label: dutch(points) for label, points in rows}
    bands = [(dutch(label), dutch(points)) for label, points in rows if label.startswith("vanaf")]

    def band(measured: Decimal) -> Decimal:
        return max((p for start, p in bands if measured >= start), default=Decimal(0))

    if question.type == "multi_choice":
        return min(maximum, sum(table[display(question.spec, [v])] for v in value))
    if question.spec is not None and question.type in ("yes_no", "choice", "scale"):
        return table[display(question.spec, value)]
    if question.type == "repeating":
        return band(Decimal(len(value)))
    if question.type == "grid" and bands:  # the ratio of two columns over all rows
        total = sum(Decimal(str(cells.get("total") or 0)) for cells in value.values())
        part = sum(Decimal(str(cells.get("circular") or 0)) for cells in value.values())
        return band(part / total * 100 if total else Decimal(0))
    if question.type == "grid":  # the mean of one column's points
        column = question.column("level")
        cells = [display(column.spec, c["level"]) for c in value.values() if c.get("level") is not None]
        return sum(table[c] for c in cells) / len(cells)
    return band(Decimal(str(value)))


def mean(pairs: list[tuple[Decimal, Decimal]]) -> Decimal:
    return sum(w * v for w, v in pairs) / sum(w for w, _ in pairs)


def one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def test_following_the_method_page_gives_the_stored_scores(world, client) -> None:  # type: ignore[no-untyped-def]
    answers = sample_for(world.participation, maturity=0.55, seed=11)
    submit(world.participation, answers)
    score = Score.objects.get(participation=world.participation)
    definition = edition_definition(world.edition)
    values = python_values(definition, answers)

    html = client.get(reverse("scoring:method_edition", args=[world.edition.pk])).content.decode()
    page = Page()
    page.feed(html)

    level_weights = rows_of(page, "gewichten-totaal")
    levels: dict[str, Decimal] = {}
    themes: dict[str, Decimal] = {}
    for level_key, level_label in (("strategic", "Strategisch niveau"), ("operational", "Operationeel niveau")):
        group_scores = []
        for group_label, group_weight in rows_of(page, f"gewichten-{level_key}").items():
            group = next(
                t for v in ("focus_area", "aspect") for t in definition.vocabularies[v] if t.label.nl == group_label
            )
            if level_key == "strategic":
                theme_weights = {
                    next(t.key for t in definition.vocabularies["theme"] if t.label.nl == label): weight
                    for label, weight in rows_of(page, f"gewichten-{group.key}").items()
                }
            else:
                theme_weights = {group.key: Decimal(100)}
            for theme_key in theme_weights:
                tag = "theme" if level_key == "strategic" else "aspect"
                scored = [
                    q
                    for q in definition.questions
                    if q.tags.get(tag) == (theme_key,) and f"regel-{q.key}" in page.tables
                ]
                themes[theme_key] = mean(
                    [
                        (
                            dutch(page.fields[f"regel-{q.key}"]["weight"]),
                            points_from_page(page, q, values.get(q.key))
                            / dutch(page.fields[f"regel-{q.key}"]["maximum"])
                            * 100,
                        )
                        for q in scored
                    ]
                )
            group_scores.append((group_weight, mean([(w, themes[k]) for k, w in theme_weights.items()])))
        levels[level_key] = mean(group_scores)
        assert level_label in level_weights

    overall = mean(
        [
            (level_weights["Strategisch niveau"], levels["strategic"]),
            (level_weights["Operationeel niveau"], levels["operational"]),
        ]
    )
    assert one_decimal(overall) == score.overall
    assert one_decimal(levels["strategic"]) == score.strategic
    assert one_decimal(levels["operational"]) == score.operational
    assert {k: one_decimal(v) for k, v in themes.items()} == {k: Decimal(v) for k, v in score.details["themes"].items()}
    # The stage follows from the rounded score and the page's table of stages.
    stages = [(dutch(start), label) for label, start, _description in page.tables["fasen-tabel"]]
    expected_stage = [label for start, label in stages if score.overall >= start][-1]
    from cim.scoring.method import method_of

    assert method_of(definition).stage(score.stage).label.nl == expected_stage


def test_the_method_page_in_english_and_without_a_method(world, client) -> None:  # type: ignore[no-untyped-def]
    client.post(reverse("portal:set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("scoring:method")).content.decode()
    assert "How the scores are computed" in html
    assert "Strategic level" in html
    assert "Mandatory in all relevant tenders" in html  # answer labels in the chosen language
    from cim.editions.lifecycle import EditionStatus
    from cim.editions.models import Edition

    Edition.objects.update(status=EditionStatus.DRAFT)
    html = client.get(reverse("scoring:method")).content.decode()
    assert "There is no edition with a scoring method yet." in html
    assert client.get(reverse("scoring:method_edition", args=[world.edition.pk])).status_code == 404
