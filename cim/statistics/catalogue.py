"""The table catalogue of an edition: which tables the statistics pages publish, and what each
means (title, unit, definition) for the pages and the downloads. Plain Python, no database.

Every table is a `cim.disclosure.tables.TableSpec`; rows come only from the fixed
classifications (here: `province`, with the programme total as the margin row "*", and `all`).
Keys are stable across editions, so a table can be followed over the years.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cim.disclosure.tables import Kind, TableSpec

# Score bands of the distributions (lower bound inclusive; the last band includes 100).
BANDS: tuple[tuple[str, Decimal], ...] = (
    ("0-25", Decimal(0)),
    ("25-50", Decimal(25)),
    ("50-75", Decimal(50)),
    ("75-100", Decimal(75)),
)
BAND_KEYS = tuple(key for key, _lower in BANDS)
# The key policy questions whose answers are published as shares (those the edition's definition
# has, as choice, scale or yes/no questions). 2024 asked `action_plan_exists`, later editions
# `action_plan` (see the lineage in the definitions).
KEY_QUESTIONS = ("procurement_policy_circular", "policy_target", "action_plan", "action_plan_exists")
LEVELS = ("overall", "strategic", "operational")


def band_of(score: Decimal) -> str:
    found = BANDS[0][0]
    for key, lower in BANDS:
        if score >= lower:
            found = key
    return found


def band_question(measure: str) -> str:
    return f"band:{measure}"


def total_measure(category: str) -> str:
    return f"total:{category}"


def circular_measure(category: str) -> str:
    return f"circular:{category}"


@dataclass(frozen=True)
class Section:
    key: str
    title: Promise


SECTIONS = (
    Section("participants", _("Deelnemers")),
    Section("euros", _("Inkoopvolume per inkoopcategorie")),
    Section("growth", _("Groei ten opzichte van de vorige editie")),
    Section("scores", _("Verdeling van de scores")),
    Section("policy", _("Beleid")),
)


@dataclass(frozen=True)
class TableInfo:
    """What a published table means: for the pages and the downloads' metadata."""

    key: str
    section: str
    title: str
    unit: str
    definition: str


def _title_of(key: str, labels: dict[str, str]) -> tuple[str, str, str, str]:
    """(section, title, unit, definition) for a table key; `labels` names questions and themes."""
    count = str(_("aantal organisaties"))
    euro = str(_("euro"))
    if key in ("participants_by_province", "participants_by_kind"):
        return (
            "participants",
            str(
                _("Deelnemers met een ingediende scan per provincie, met de verdeling van de totaalscore")
                if key == "participants_by_province"
                else _("Deelnemers met een ingediende scan per soort organisatie, met de verdeling van de totaalscore")
            ),
            count,
            str(
                _(
                    "Aantal deelnemende organisaties waarvan de scan is ingediend (kolom *), en hoeveel daarvan "
                    "een totaalscore in elke scoreklasse hebben."
                )
            ),
        )
    if key == "total_by_province":
        return (
            "euros",
            str(_("Totaal inkoopvolume per inkoopcategorie, per provincie")),
            euro,
            str(_("Som van het opgegeven inkoopvolume (excl. btw) van de deelnemers, per inkoopcategorie.")),
        )
    if key == "circular_by_province":
        return (
            "euros",
            str(_("Circulair inkoopvolume per inkoopcategorie, per provincie")),
            euro,
            str(
                _("Som van het circulair ingekochte deel van het inkoopvolume van de deelnemers, per inkoopcategorie.")
            ),
        )
    if key.startswith("growth_"):
        measure = _("totaal inkoopvolume") if key == "growth_total_by_province" else _("circulair inkoopvolume")
        return (
            "growth",
            str(_("Groei van het %(measure)s per inkoopcategorie (panel), per provincie") % {"measure": measure}),
            euro,
            str(
                _(
                    "Het %(measure)s van de organisaties die aan beide edities deelnamen (het panel), in de vorige "
                    "en in deze editie, plus dat van de nieuwkomers en van de vertrekkers. De groei is het verschil "
                    "tussen de twee panelbedragen, absoluut en als percentage."
                )
                % {"measure": measure}
            ),
        )
    if key.startswith("scores_"):
        scored = key.removeprefix("scores_")
        return (
            "scores",
            str(_("Verdeling van de score: %(name)s") % {"name": labels.get(scored, scored)}),
            count,
            str(_("Aantal deelnemers per scoreklasse (0–100; ondergrens telt mee, 100 valt in de hoogste klasse).")),
        )
    if key.startswith("policy_"):
        question = key.removeprefix("policy_")
        return (
            "policy",
            labels.get(question, question),
            count,
            str(
                _(
                    "Aantal deelnemers per antwoord, per provincie; het aandeel is het aantal gedeeld door het aantal dat antwoordde."
                )
            ),
        )
    return ("", key, "", "")


def table_info(key: str, labels: dict[str, str] | None = None) -> TableInfo:
    section, title, unit, definition = _title_of(key, labels or {})
    return TableInfo(key, section, title, unit, definition)


@dataclass(frozen=True)
class KeyQuestion:
    key: str
    options: tuple[str, ...]


def edition_specs(
    edition: int,
    *,
    categories: Sequence[str],
    kinds: Iterable[str],
    themes: Sequence[str],
    questions: Sequence[KeyQuestion],
    previous: int | None = None,
) -> list[TableSpec]:
    """The tables published for an edition, given its questionnaire's categories and key questions."""
    specs: list[TableSpec] = []
    # Participants per province and per kind: the group sizes ("*" column) of the overall score's
    # distribution. Who takes part is public; a table of the kinds themselves would be 0 % or
    # 100 % in every small group, which the frequency rules cannot publish.
    overall = band_question("overall")
    specs.append(
        TableSpec("participants_by_province", Kind.FREQUENCY, edition, "province", BAND_KEYS, question=overall)
    )
    if len(set(kinds)) > 1:
        specs.append(TableSpec("participants_by_kind", Kind.FREQUENCY, edition, "kind", BAND_KEYS, question=overall))
    if categories:
        totals = tuple(total_measure(c) for c in categories)
        circular = tuple(circular_measure(c) for c in categories)
        specs.append(TableSpec("total_by_province", Kind.MAGNITUDE, edition, "province", totals))
        specs.append(TableSpec("circular_by_province", Kind.MAGNITUDE, edition, "province", circular))
        if previous is not None:
            specs.append(
                TableSpec("growth_total_by_province", Kind.GROWTH, edition, "province", totals, previous=previous)
            )
            specs.append(
                TableSpec("growth_circular_by_province", Kind.GROWTH, edition, "province", circular, previous=previous)
            )
    for measure in (*LEVELS, *themes):
        specs.append(
            TableSpec(f"scores_{measure}", Kind.FREQUENCY, edition, "all", BAND_KEYS, question=band_question(measure))
        )
    for question in questions:
        if question.options:
            specs.append(
                TableSpec(
                    f"policy_{question.key}",
                    Kind.FREQUENCY,
                    edition,
                    "province",
                    question.options,
                    question=question.key,
                )
            )
    return specs
