"""Plausible answers for any definition: for the demo, the tests and the benchmarks.

Amounts scale with the municipality's population (a city of 150,000 buys for a few hundred
million euros a year; a village of 1,700 for a few million) and answers lean towards the
organisation's maturity (0 = just starting, 1 = leading), so the demo is varied but coherent.
Plain Python; every value passes the definition's checks.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone

from cim.questionnaires import model as m
from cim.questionnaires import values
from cim.scan import logic

CATEGORY_SHARE = {"gww": 0.30, "buildings": 0.28, "facilities": 0.17, "mobility": 0.10, "energy": 0.15}
ROLES = [
    "Inkoopadviseur",
    "Strategisch inkoper",
    "Beleidsmedewerker duurzaamheid",
    "Coördinator circulaire economie",
    "Teamleider inkoop",
]
PROJECTS = [
    "Herinrichting centrumplein",
    "Vervanging openbare verlichting",
    "Nieuwbouw brede school",
    "Renovatie gemeentehuis",
    "Aanbesteding kantoormeubilair",
    "Elektrische dienstvoertuigen",
    "Groenonderhoud buitengebied",
    "Circulair viaduct",
    "Zonnepanelen op sporthallen",
    "Werkkleding buitendienst",
    "Beheer riolering",
    "ICT-hardware met terugname",
]
LESSONS = [
    "Een marktconsultatie vooraf leverde veel betere inschrijvingen op dan verwacht.",
    "Circulaire eisen moeten vroeg in het project op tafel liggen, niet pas bij de aanbesteding.",
    "Samenwerken met buurgemeenten maakt kleinere opdrachten interessanter voor de markt.",
    "Het meten van het circulaire aandeel kost meer tijd dan gedacht; we werken aan een vaste registratie.",
    "Bestuurlijke steun bleek doorslaggevend om hogere aanschafkosten te verantwoorden.",
]


def _money(value: float) -> str:
    return str(Decimal(str(max(0.0, value))).quantize(Decimal("1"), rounding=ROUND_HALF_UP)) + ".00"


def _pick(rng: random.Random, options: list[Any], maturity: float) -> Any:
    index = round(maturity * (len(options) - 1) + rng.uniform(-1.0, 1.0))
    return options[min(len(options) - 1, max(0, index))]


class Generator:
    def __init__(
        self, definition: m.Definition, *, population: int, maturity: float, rng: random.Random, slug: str = "gemeente"
    ) -> None:
        self.definition = definition
        self.population = max(1000, population)
        self.maturity = min(1.0, max(0.0, maturity))
        self.rng = rng
        self.slug = slug
        self.spend = round(self.population * rng.uniform(1500, 2600), -3)

    def value(self, spec: m.ValueSpec, key: str) -> Any:
        rng, maturity = self.rng, self.maturity
        vtype = spec.type
        if vtype == m.YES_NO:
            return rng.random() < 0.25 + 0.65 * maturity
        if vtype == m.CHOICE:
            options = [o.value for o in spec.options if o.value != "none"] or [spec.options[0].value]
            return _pick(rng, options, maturity)
        if vtype == m.MULTI_CHOICE:
            options = [o.value for o in spec.options if o.value != "none"]
            if rng.random() > 0.15 + maturity and any(o.value == "none" for o in spec.options):
                return ["none"]
            count = max(1, round(len(options) * (0.2 + 0.7 * maturity * rng.uniform(0.6, 1.2))))
            return sorted(rng.sample(options, min(count, len(options))), key=[o.value for o in spec.options].index)
        if vtype == m.SCALE:
            return _pick(rng, [lv.level for lv in spec.levels], maturity)
        if vtype == m.INTEGER:
            guesses = {
                "procurement_fte": round(self.population / 12000 + rng.uniform(0.5, 3)),
                "tenders_count": round(self.population / 1500 * rng.uniform(0.6, 1.4)),
                "staff_trained": round(maturity * self.population / 4000 * rng.uniform(0.5, 1.5)),
                "policy_target_year": timezone.localdate().year + rng.choice([2, 4, 4, 9]),
            }
            low = spec.min if spec.min is not None else 0
            high = spec.max if spec.max is not None else 1000
            return min(high, max(low, guesses.get(key, rng.randint(low, min(high, low + 100)))))
        if vtype == m.EURO:
            if key == "procurement_spend_total":
                return _money(self.spend)
            if key == "budget_circular":
                return _money(self.spend * rng.uniform(0.0005, 0.004) * (0.3 + maturity))
            if key == "value":
                return _money(self.spend * rng.uniform(0.002, 0.03))
            return _money(rng.uniform(10_000, 1_000_000))
        if vtype == m.PERCENTAGE:
            if key == "circular_share_estimate":
                return str(round(min(80.0, 2 + 35 * maturity * rng.uniform(0.6, 1.3)), 1))
            if key == "policy_target_pct":
                return str(rng.choice([10, 20, 25, 30, 50, 100]))
            return str(rng.randint(0, 100))
        if vtype == m.TEXT:
            return rng.choice(ROLES) if key == "respondent_role" else rng.choice(PROJECTS)
        if vtype == m.LONG_TEXT:
            return " ".join(rng.sample(LESSONS, 2))
        if vtype == m.DATE:
            today = timezone.localdate()
            low = (
                dt.date.fromisoformat(spec.min)
                if spec.min
                else today.replace(month=1, day=1) - dt.timedelta(days=8 * 365)
            )
            high = dt.date.fromisoformat(spec.max) if spec.max else today
            return (low + dt.timedelta(days=rng.randint(0, (high - low).days))).isoformat()
        return None

    def answer(self, question: m.Question) -> Any:
        rng = self.rng
        if question.spec is not None:
            return self.value(question.spec, question.key)
        if question.type == m.EVIDENCE:
            return {"url": f"https://www.{self.slug}.nl/beleid/circulair-inkopen"} if rng.random() < 0.6 else None
        if question.type == m.GRID:
            return self._grid(question)
        if question.type == m.REPEATING:
            count = max(question.min_rows, min(question.max_rows, round(1 + 4 * self.maturity * rng.uniform(0.5, 1.3))))
            rows = []
            for _ in range(count):
                row = {}
                for column in question.columns:
                    if not column.required and rng.random() < 0.4:
                        continue
                    row[column.key] = self.value(column.spec, column.key)
                rows.append(row)
            return rows
        return None

    def _grid(self, question: m.Question) -> dict[str, dict[str, Any]]:
        rng, maturity = self.rng, self.maturity
        grid: dict[str, dict[str, Any]] = {}
        for row in question.rows:
            cells: dict[str, Any] = {}
            total = self.spend * CATEGORY_SHARE.get(row.key, 0.2) * rng.uniform(0.7, 1.3)
            for column in question.columns:
                if column.key == "total" and column.type == m.EURO:
                    cells["total"] = _money(total)
                elif column.key == "circular" and column.type == m.EURO:
                    cells["circular"] = _money(total * min(0.9, maturity * rng.uniform(0.05, 0.45)))
                elif not column.required and rng.random() < 0.5:
                    continue
                else:
                    cells[column.key] = self.value(column.spec, column.key)
            grid[row.key] = cells
        return grid


def _fix_sums(definition: m.Definition, answers: dict[str, Any], rng: random.Random) -> None:
    for check in definition.checks:
        if check.kind == "sum" and check.equals is not None and all(k in answers for k in check.questions):
            target = int(check.equals)
            cuts = sorted(rng.randint(0, target) for _ in range(len(check.questions) - 1))
            parts = [b - a for a, b in zip([0, *cuts], [*cuts, target], strict=True)]
            for key, part in zip(check.questions, parts, strict=True):
                answers[key] = str(part)
        if check.kind == "lte":
            small, large = check.questions
            if small in answers and large in answers and Decimal(answers[small]) > Decimal(answers[large]):
                answers[small] = answers[large]


def sample_answers(
    definition: m.Definition,
    *,
    population: int,
    maturity: float,
    rng: random.Random,
    completeness: float = 1.0,
    slug: str = "gemeente",
) -> dict[str, Any]:
    """Wire values for the definition. With completeness 1 every shown question is answered and
    every check passes; lower values leave later sections (and some questions) empty."""
    generator = Generator(definition, population=population, maturity=maturity, rng=rng, slug=slug)
    answers: dict[str, Any] = {}
    sections = definition.sections
    filled_sections = len(sections) if completeness >= 1 else int(len(sections) * completeness + 0.5)
    for index, section in enumerate(sections):
        if index >= filled_sections + (1 if completeness < 1 else 0):
            break
        partial = index >= filled_sections
        for question in section.questions:
            if partial and rng.random() < 0.5:
                continue
            value = generator.answer(question)
            if not values.is_empty(value):
                answers[question.key] = values.check_question(question, value)
    _fix_sums(definition, answers, rng)
    visible = logic.visible_keys(definition, answers)
    return {k: v for k, v in answers.items() if k in visible}
