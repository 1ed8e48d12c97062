"""Reading definition files: positions in every message, every problem at once."""

from __future__ import annotations

import pytest

from cim.questionnaires.loader import load_definition
from cim.questionnaires.problems import DefinitionInvalid
from cim.questionnaires.services import SHIPPED_DIR
from cim.questionnaires.yaml_source import load_with_positions

MINIMAL = """\
format: 1
edition: 2030
title: {nl: Monitor, en: Monitor}
sections:
  - key: policy
    title: {nl: Beleid, en: Policy}
    questions:
      - key: has_policy
        type: yes_no
        text: {nl: Heeft u beleid?, en: Do you have a policy?}
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(DefinitionInvalid) as info:
        load_definition(text)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_shipped_definitions_load(year: int) -> None:
    definition = load_definition((SHIPPED_DIR / f"monitor-{year}.yaml").read_text(), expected_year=year).definition
    assert definition.edition == year
    assert [s.key for s in definition.sections] == [
        "organisation",
        "policy",
        "planning",
        "integration",
        "categories",
        "spearheads",
        "projects",
        "results",
    ]


def test_current_definition_covers_the_monitor_structure() -> None:
    definition = load_definition((SHIPPED_DIR / "monitor-2026.yaml").read_text()).definition
    levels = {t for q in definition.questions for t in q.tags.get("level", ())}
    focus_areas = {t for q in definition.questions for t in q.tags.get("focus_area", ())}
    assert levels == {"strategic", "operational"}
    assert focus_areas == {"policy", "planning", "integration"}
    grid = definition.question("category_spend")
    assert [r.key for r in grid.rows] == ["gww", "buildings", "facilities", "mobility", "energy"]
    assert {c.key for c in grid.columns} == {
        "total",
        "circular",
        "criteria",
        "perspective",
        "market_consultation",
        "contract",
    }
    perspective = grid.column("perspective")
    assert {o.value for o in perspective.spec.options} >= {"emvi", "participatory", "innovation"}
    assert len(definition.question("spearhead_attention").rows) == 6
    assert definition.question("projects").type == "repeating"
    types = {q.type for q in definition.questions} | {c.type for q in definition.questions for c in q.columns}
    assert types >= {
        "yes_no", "choice", "multi_choice", "scale", "integer", "euro", "percentage",
        "text", "long_text", "date", "grid", "repeating", "evidence",
    }  # fmt: skip
    assert all(q.text.en for q in definition.questions)


def test_positions_are_remembered() -> None:
    data, positions = load_with_positions(MINIMAL)
    assert data["sections"][0]["questions"][0]["type"] == "yes_no"
    assert positions[("sections", 0, "questions", 0, "type")] == (9, 15)


def test_yaml_syntax_error_names_line() -> None:
    [message] = problems_of("format: 1\nsections: [\n  - a\n")
    assert "regel" in message
    assert "geen geldige YAML" in message


def test_duplicate_keys_are_refused_with_position() -> None:
    [message] = problems_of(MINIMAL + "title: {nl: Dubbel, en: Twice}\n")
    assert "regel 11" in message
    assert "'title' komt twee keer voor" in message


def test_alias_bomb_is_refused() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for letter, previous in zip("bcdefghi", "abcdefgh", strict=True):
        bomb += f"{letter}: &{letter} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"
    [message] = problems_of(bomb)
    assert "te groot" in message


@pytest.mark.parametrize(
    "text",
    [
        "format: !!python/object/apply:os.system ['echo hacked']\n",
        "format: !!python/name:os.system\n",
        "format: !!binary aGk=\n",
    ],
)
def test_python_tags_never_run(text: str) -> None:
    messages = problems_of(text)
    assert any("regel 1" in m for m in messages)


def test_every_problem_is_reported_with_its_position() -> None:
    text = MINIMAL.replace("type: yes_no", "type: slider").replace("key: has_policy", "key: Has-Policy")
    text += "      - key: other\n        type: choice\n        text: {nl: Kies, en: Choose}\n"
    text += "extra: true\n"
    messages = problems_of(text)
    assert any("regel 9, kolom 15" in m and "Onbekend vraagtype 'slider'" in m for m in messages)
    assert any("Een keuzevraag heeft 'options' nodig" in m for m in messages)
    assert any("Onbekend veld 'extra'" in m and "regel 14" in m for m in messages)


def test_yaml_booleans_in_texts_get_a_hint() -> None:
    text = MINIMAL.replace("en: Do you have a policy?", "en: No")
    [message] = problems_of(text)
    assert "aanhalingstekens" in message
    assert "regel 10" in message


def test_conditions_must_look_back_at_a_suitable_question() -> None:
    text = MINIMAL + (
        "      - key: amount\n        type: euro\n        show_if: {question: later, equals: true}\n"
        "        text: {nl: Bedrag, en: Amount}\n"
        "      - key: later\n        type: yes_no\n        text: {nl: Later, en: Later}\n"
        "      - key: wrong_value\n        type: text\n        show_if: {question: has_policy, equals: maybe}\n"
        "        text: {nl: Tekst, en: Text}\n"
    )
    messages = problems_of(text)
    assert any("'later' komt later" in m for m in messages)
    assert any("'maybe' is geen mogelijk antwoord op 'has_policy'" in m for m in messages)


def test_duplicate_question_keys_across_sections() -> None:
    text = MINIMAL + (
        "  - key: other\n    title: {nl: Ander, en: Other}\n    questions:\n"
        "      - key: has_policy\n        type: yes_no\n        text: {nl: Nog eens, en: Again}\n"
    )
    [message] = problems_of(text)
    assert "'has_policy' komt twee keer voor" in message
    assert "regel 14" in message


def test_tags_must_come_from_a_vocabulary() -> None:
    text = MINIMAL.replace(
        "        text: {nl: Heeft u beleid?", "        tags: {level: tactical}\n        text: {nl: Heeft u beleid?"
    )
    text += "vocabularies:\n  level:\n    - {key: strategic, label: {nl: Strategisch, en: Strategic}}\n"
    [message] = problems_of(text)
    assert "'tactical' staat niet in de woordenlijst 'level'" in message


def test_checks_refer_to_numeric_questions() -> None:
    text = MINIMAL + "checks:\n  - sum: [has_policy, missing]\n    equals: 100\n"
    messages = problems_of(text)
    assert any("'has_policy' is geen vraag met een getal" in m for m in messages)
    assert any("'missing' is geen vraag met een getal" in m for m in messages)


def test_grid_checks_name_numeric_columns() -> None:
    text = MINIMAL + (
        "      - key: spend\n        type: grid\n        text: {nl: Uitgaven, en: Spend}\n"
        "        rows: [{key: a, label: {nl: A, en: A}}]\n"
        "        columns:\n          - {key: total, label: {nl: Totaal, en: Total}, type: euro}\n"
        "          - {key: note, label: {nl: Noot, en: Note}, type: text}\n"
        "        checks:\n          - lte: [note, total]\n"
    )
    [message] = problems_of(text)
    assert "'note' is geen kolom met getallen" in message


def test_reserved_keys_are_accepted_and_kept(only_test_validators) -> None:  # type: ignore[no-untyped-def]
    loaded = load_definition(MINIMAL + "scoring: {weights: {has_policy: 2}}\nrecommendations: []\n")
    assert loaded.definition.reserved == {"scoring": {"weights": {"has_policy": 2}}, "recommendations": []}


def test_wrong_year_is_refused() -> None:
    with pytest.raises(DefinitionInvalid) as info:
        load_definition(MINIMAL, expected_year=2031)
    assert "voor editie 2030, niet voor 2031" in str(info.value.problems[0])
