"""Recommendations in the definition: checked at load, and applied to answers and scores."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cim.questionnaires.loader import load_definition
from cim.questionnaires.problems import DefinitionInvalid
from cim.reports.recommendations import applicable, recommendations_of
from cim.scoring.engine import compute
from cim.scoring.selectors import CategorySpend, ScoreRecord
from cim.scoring.tests.helpers import grid, shipped, shipped_text


def record(**overrides) -> ScoreRecord:  # type: ignore[no-untyped-def]
    base = {
        "participation_id": 1,
        "organisation_id": 1,
        "edition_id": 1,
        "overall": Decimal(50),
        "strategic": Decimal(50),
        "operational": Decimal(50),
        "stage": "applying",
        "focus_areas": {},
        "themes": {"chain": Decimal(80), "embedding": Decimal(80), "attention": Decimal(80)},
        "stages": {},
        "categories": {"gww": CategorySpend(Decimal(100), Decimal(20), Decimal(20))},
        "spend_total": Decimal(100),
        "spend_circular": Decimal(20),
        "circular_share": Decimal(20),
        "complete": True,
    }
    return ScoreRecord(**{**base, **overrides})


def keys(year: int, values: dict, score: ScoreRecord) -> list[str]:  # type: ignore[type-arg]
    definition, _ = shipped(year)
    return [r.key for r in applicable(recommendations_of(definition), values, score)]


def test_no_market_consultation_in_civil_engineering() -> None:
    spend = grid({"gww": ("1000", "100")}, market_consultation=False)
    assert "market_consultation_gww" in keys(2026, {"category_spend": spend, "policy_target": True}, record())
    spend = grid({"gww": ("1000", "100")}, market_consultation=True)
    assert "market_consultation_gww" not in keys(2026, {"category_spend": spend}, record())
    # 2025 asked it in a separate question, shown only after some market dialogue.
    assert "market_consultation_gww" in keys(2025, {"market_dialogue": "never"}, record())
    assert "market_consultation_gww" in keys(2025, {"market_consultation_categories": ["buildings"]}, record())
    assert "market_consultation_gww" not in keys(2025, {"market_consultation_categories": ["gww"]}, record())


def test_conditions_on_answers_and_scores() -> None:
    assert "measurable_target" in keys(2026, {"policy_target": False}, record())
    assert "measurable_target" not in keys(2026, {}, record())  # not answered: equals does not hold
    assert "action_plan" in keys(2026, {"action_plan": "preparing"}, record())
    assert "action_plan" not in keys(2026, {"action_plan": "evaluated"}, record())
    assert "circular_share" in keys(2026, {}, record(circular_share=Decimal("9.9")))
    assert "circular_share" not in keys(2026, {}, record(circular_share=None))  # nothing to judge
    assert "chain_collaboration" in keys(2026, {}, record(themes={"chain": Decimal(49)}))
    assert "other_perspectives" in keys(2026, {"perspective_share_emvi": Decimal(80)}, record())
    assert "other_perspectives" not in keys(2026, {"perspective_share_emvi": Decimal("79.5")}, record())


def test_the_shipped_recommendations_apply_to_computed_scores() -> None:
    definition, method = shipped(2026)
    result = compute(method, definition, {"policy_target": False})
    score = record(themes=result.themes, circular_share=result.circular_share)
    assert keys(2026, {"policy_target": False}, score)[:1] == ["measurable_target"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("masterclass: 4", "masterclass: 7", "Dit getal moet tussen 1 en 4 liggen."),
        ("tags: [beleid-ambitie]", "tags: [beleid]", "'beleid' is geen label van lessen en materiaal."),
        ("{theme: chain, below: 50}", "{theme: ketting, below: 50}", "'ketting' heeft geen score in deze vragenlijst."),
        (
            "{question: policy_target, equals: false}",
            "{question: policy_target, equals: misschien}",
            "'misschien' is geen antwoord op deze vraag.",
        ),
        (
            "{question: policy_target, equals: false}",
            "{question: policy_target, contains: x}",
            "Geef precies één toets: answered, equals, in.",
        ),
        (
            "row: gww, column: market_consultation",
            "row: gww, column: colour",
            "Geef bij een tabelvraag een bestaande rij (row) en kolom (column).",
        ),
        ("{circular_share: overall, below: 10}", "{score: total, below: 10}", "'total' heeft geen score"),
        (
            "    perspective: innovation\n    masterclass: 1",
            "    perspective: sideways\n    masterclass: 1",
            "'sideways' staat niet in de woordenlijst 'perspective'.",
        ),
        ("  - key: circular_share\n", "  - key: measurable_target\n", "Geef elke aanbeveling een eigen sleutel"),
        (
            "    title: {nl: Maak uw ambitie meetbaar, en: Make your ambition measurable}\n",
            "    title: Maak uw ambitie meetbaar\n",
            "Geef de tekst in het Nederlands (nl) en het Engels (en).",
        ),
    ],
)
def test_inconsistent_recommendations_are_refused_at_load(old: str, new: str, message: str) -> None:
    text = shipped_text(2026)
    assert old in text, old
    with pytest.raises(DefinitionInvalid) as info:
        load_definition(text.replace(old, new, 1))
    found = [str(p) for p in info.value.problems]
    assert any(message in p for p in found), found
    assert all("regel " in p for p in found)
