"""Lineage across editions and the validator hook for scoring."""

from __future__ import annotations

import pytest

from cim.questionnaires import lineage
from cim.questionnaires.hooks import register_definition_validator, unregister_definition_validator
from cim.questionnaires.loader import load_definition
from cim.questionnaires.problems import DefinitionInvalid
from cim.questionnaires.services import SHIPPED_DIR

from .test_yaml_and_schema import MINIMAL


def shipped(year: int):  # type: ignore[no-untyped-def]
    return load_definition((SHIPPED_DIR / f"monitor-{year}.yaml").read_text()).definition


def test_shipped_editions_have_valid_lineage() -> None:
    d2024, d2025 = shipped(2024), shipped(2025)
    load_definition((SHIPPED_DIR / "monitor-2026.yaml").read_text(), earlier=[d2025, d2024])


def test_continued_key_must_exist_earlier() -> None:
    text = MINIMAL.replace("        type: yes_no\n", "        type: yes_no\n        continues: [never_existed]\n", 1)
    with pytest.raises(DefinitionInvalid) as info:
        load_definition(text, earlier=[shipped(2024)])
    assert "'never_existed' komt in geen eerdere editie voor" in str(info.value.problems[0])
    assert "regel 10" in str(info.value.problems[0])


def test_reused_key_must_keep_its_type() -> None:
    text = MINIMAL.replace("key: has_policy", "key: policy_circular").replace("type: yes_no", "type: text")
    with pytest.raises(DefinitionInvalid) as info:
        load_definition(text, earlier=[shipped(2024)])
    message = str(info.value.problems[0])
    assert "had in 2024 een ander soort antwoord" in message
    assert "continues" in message


def test_carry_forward_maps_values_across_changes() -> None:
    d2024, d2025, d2026 = shipped(2024), shipped(2025), shipped(2026)
    # yes/no became a maturity scale: the definition maps true -> 3
    question = d2025.question("policy_general_maturity")
    old, continuation = lineage.predecessor(question, d2024)
    assert old.key == "policy_circular"
    assert lineage.carry_value(question, old, continuation, True) == 3
    # one multiple-choice question split into two: each keeps the options it still has
    internal = d2025.question("communication_internal")
    old, continuation = lineage.predecessor(internal, d2024)
    assert lineage.carry_value(internal, old, continuation, ["intranet", "website", "council"]) == [
        "intranet",
        "council",
    ]
    # options added between years: old answers still fit
    regional = d2026.question("regional_cooperation")
    old, continuation = lineage.predecessor(regional, d2025)
    assert lineage.carry_value(regional, old, continuation, ["province"]) == ["province"]
    # a grid that gained columns keeps the cells it had
    grid = d2026.question("category_spend")
    old, continuation = lineage.predecessor(grid, d2025)
    value = {"gww": {"total": "1000.00", "circular": "100.00", "criteria": True, "perspective": "emvi"}}
    assert lineage.carry_value(grid, old, continuation, value) == value
    # a question that did not exist has no predecessor
    assert lineage.predecessor(d2026.question("staff_trained"), d2025) is None


def test_registered_validator_can_reject_scoring_with_a_position(only_test_validators) -> None:  # type: ignore[no-untyped-def]
    def check_scoring(context):  # type: ignore[no-untyped-def]
        weights = (context.data.get("scoring") or {}).get("weights", {})
        for key in weights:
            if context.definition.question(key) is None:
                yield context.problem(("scoring", "weights", key), f"Onbekende vraag '{key}' in de weging.")

    register_definition_validator(check_scoring)
    try:
        load_definition(MINIMAL + "scoring:\n  weights:\n    has_policy: 1\n")
        with pytest.raises(DefinitionInvalid) as info:
            load_definition(MINIMAL + "scoring:\n  weights:\n    unknown_key: 1\n")
    finally:
        unregister_definition_validator(check_scoring)
    message = str(info.value.problems[0])
    assert "regel 13" in message
    assert "scoring.weights.unknown_key" in message
    assert "Onbekende vraag 'unknown_key'" in message
