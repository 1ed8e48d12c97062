"""A definition with an inconsistent scoring method is refused when it is loaded, with the position
of every problem in the file."""

from __future__ import annotations

import pytest

from cim.questionnaires.loader import load_definition
from cim.questionnaires.problems import DefinitionInvalid

from .helpers import shipped_text


def problems_of(text: str) -> list[str]:
    with pytest.raises(DefinitionInvalid) as info:
        load_definition(text)
    return [str(p) for p in info.value.problems]


def changed(old: str, new: str, year: int = 2026) -> str:
    text = shipped_text(year)
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_the_shipped_methods_are_accepted(year: int) -> None:
    assert "scoring" in load_definition(shipped_text(year)).definition.reserved


def test_weights_that_do_not_add_up_are_refused_with_their_line() -> None:
    text = changed("levels: {strategic: 50, operational: 50}", "levels: {strategic: 60, operational: 50}")
    [message] = problems_of(text)
    assert f"regel {line_of(text, 'levels: {strategic: 60')}" in message
    assert "De gewichten van de niveaus tellen op tot 110; dat moet 100 zijn." in message


def test_theme_weights_add_up_per_focus_area() -> None:
    [message] = problems_of(changed("    general_policy: 40\n", "    general_policy: 45\n"))
    assert "de thema's van focusgebied 'policy' tellen op tot 105" in message


def test_unknown_keys_are_refused() -> None:
    messages = problems_of(changed("  aspects: {actions: 40", "  weights: {x: 1}\n  aspects: {actions: 40"))
    assert any("Onbekend veld 'weights'" in m for m in messages)
    [message] = problems_of(changed("    staff_trained: {bands:", "    staff_count: {bands:"))
    assert "De vraag 'staff_count' bestaat niet in deze vragenlijst." in message
    [message] = problems_of(
        changed("council_reporting: {points: {never: 0,", "council_reporting: {points: {nooit: 0, never: 0,")
    )
    assert "'nooit' is geen antwoord op deze vraag. Mogelijk zijn: never, adhoc, yearly, more." in message
    messages = problems_of(changed("attention: 20}\n  questions:", "care: 20}\n  questions:"))
    assert any("'care' staat niet in de woordenlijst 'aspect'" in m for m in messages)


def test_every_answer_needs_points_and_multiple_choice_a_maximum() -> None:
    [message] = problems_of(
        changed("council_reporting: {points: {never: 0, adhoc: 40,", "council_reporting: {points: {never: 0,")
    )
    assert "Geef ook punten voor: adhoc." in message
    text = changed("none: 0}, max: 100}\n    communication_external", "none: 0}}\n    communication_external")
    assert any("Het veld 'max' ontbreekt." in m for m in problems_of(text))


def test_a_weighted_theme_needs_a_scored_question_and_a_scored_question_a_theme() -> None:
    messages = problems_of(changed("    approach_maturity: {points: {1: 0, 2: 25, 3: 50, 4: 75, 5: 100}}\n", ""))
    assert any("'approach' heeft een gewicht maar geen enkele vraag met punten." in m for m in messages)
    [message] = problems_of(
        changed(
            "    staff_trained: {bands:",
            "    procurement_fte: {bands: [{from: 0, points: 1}]}\n    staff_trained: {bands:",
        )
    )
    assert "De vraag 'procurement_fte' heeft geen label level" in message


def test_questions_that_cannot_earn_points_and_wrong_grid_columns() -> None:
    messages = problems_of(
        changed("    staff_trained: {bands:", "    lessons: {points: {a: 1}}\n    staff_trained: {bands:")
    )
    assert "Een vraag van het type long_text kan geen punten opleveren." in messages[-1]
    [message] = problems_of(changed("spearhead_attention: {column: level,", "spearhead_attention: {column: example,"))
    assert "Kies een kolom van deze tabel met ja/nee, een keuze of een schaal." in message
    [message] = problems_of(changed("ratio: {numerator: circular,", "ratio: {numerator: criteria,"))
    assert "Kies een kolom van deze tabel met een getal of bedrag." in message


def test_stages_start_at_0_and_go_up() -> None:
    [message] = problems_of(changed("      from: 40\n", "      from: 10\n"))
    assert "De grenzen moeten oplopen." in message
    [message] = problems_of(changed("      from: 0\n", "      from: 5\n"))
    assert "De eerste fase begint bij 0." in message


def test_bands_go_up_and_numbers_are_numbers() -> None:
    [message] = problems_of(
        changed(
            "{from: 5, points: 50}, {from: 10, points: 75}, {from: 25",
            "{from: 5, points: 50}, {from: 4, points: 75}, {from: 25",
        )
    )
    assert "De grenzen moeten oplopen." in message
    [message] = problems_of(changed("levels: {strategic: 50,", "levels: {strategic: veel,"))
    assert "Hier hoort een getal." in message
