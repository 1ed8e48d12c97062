"""Visibility, completeness, checks and progress: plain functions on a definition."""

from __future__ import annotations

import random
from decimal import Decimal

from cim.questionnaires.loader import load_definition
from cim.questionnaires.services import SHIPPED_DIR
from cim.scan import logic, merge
from cim.scan.sample import sample_answers

DEFINITION = load_definition((SHIPPED_DIR / "monitor-2026.yaml").read_text()).definition


def test_conditional_questions_show_only_when_the_answer_has_the_value() -> None:
    hidden = logic.visible_keys(DEFINITION, {"policy_target": False})
    assert "policy_target_pct" not in hidden
    shown = logic.visible_keys(DEFINITION, {"policy_target": True})
    assert "policy_target_pct" in shown
    assert "action_plan_date" in logic.visible_keys(DEFINITION, {"action_plan": "evaluated"})
    assert "action_plan_date" not in logic.visible_keys(DEFINITION, {"action_plan": "preparing"})


def test_hidden_answers_are_not_required_nor_counted() -> None:
    answers = sample_answers(DEFINITION, population=50_000, maturity=0.9, rng=random.Random(3))
    answers["policy_target"] = False
    answers["policy_target_pct"] = "40"  # kept, but hidden
    assert not [i for i in logic.issues(DEFINITION, answers) if i.question_key.startswith("policy_target")]
    assert "policy_target_pct" not in logic.python_values(DEFINITION, answers)
    answers["policy_target"] = True
    answers.pop("policy_target_pct")
    assert any(i.question_key == "policy_target_pct" for i in logic.issues(DEFINITION, answers))


def test_circular_above_total_is_an_issue_per_row() -> None:
    grid = {"gww": {"total": "100.00", "circular": "150.00"}}
    messages = logic.row_check_messages(DEFINITION.question("category_spend"), grid)
    assert len(messages) == 1
    assert "Grond-, weg- en waterbouw" in messages[0]
    assert "groter dan" in messages[0]
    errors = logic.hard_check_errors(DEFINITION, {"category_spend": grid}, "category_spend")
    assert errors


def test_sums_are_checked_once_complete() -> None:
    answers = {"perspective_share_emvi": "50", "perspective_share_participatory": "20"}
    assert not logic.check_messages(DEFINITION, answers, logic.visible_keys(DEFINITION, answers), ["sum"])
    answers["perspective_share_innovation"] = "20"
    [(_check, message)] = logic.check_messages(DEFINITION, answers, logic.visible_keys(DEFINITION, answers), ["sum"])
    assert "90" in message
    assert "100" in message


def test_budget_cannot_exceed_total_spend() -> None:
    answers = {"procurement_spend_total": "1000.00", "budget_circular": "2000.00"}
    assert logic.hard_check_errors(DEFINITION, answers, "budget_circular")
    assert logic.hard_check_errors(DEFINITION, answers, "procurement_spend_total")
    assert not logic.hard_check_errors(DEFINITION, answers, "tenders_count")


def test_progress_per_section_and_overall() -> None:
    assert logic.progress(DEFINITION, {}).percent == 0
    answers = sample_answers(DEFINITION, population=50_000, maturity=0.5, rng=random.Random(5))
    assert logic.progress(DEFINITION, answers).percent == 100
    del answers["procurement_spend_total"]
    progress = logic.progress(DEFINITION, answers)
    assert progress.percent == 99 or progress.percent < 100
    assert progress.section_percent("organisation") < 100
    assert progress.section_percent("policy") == 100


def test_partial_grid_is_not_complete() -> None:
    question = DEFINITION.question("category_spend")
    assert not logic.is_complete(question, {"gww": {"total": "1.00"}})
    assert logic.question_issues(question, {"gww": {"total": "1.00"}})


def test_python_values_are_plain() -> None:
    answers = sample_answers(DEFINITION, population=160_000, maturity=0.7, rng=random.Random(11))
    result = logic.python_values(DEFINITION, answers)
    assert isinstance(result["procurement_spend_total"], Decimal)
    assert isinstance(result["category_spend"]["gww"]["total"], Decimal)
    assert isinstance(result["spearhead_attention"]["reuse"]["level"], int)


def test_merge_of_different_grid_cells() -> None:
    question = DEFINITION.question("category_spend")
    base = {"gww": {"total": "100.00"}}
    mine = {"gww": {"total": "100.00"}, "energy": {"total": "5.00"}}
    theirs = {"gww": {"total": "120.00"}}
    ok, merged = merge.merge(question, base, mine, theirs)
    assert ok
    assert merged == {"gww": {"total": "120.00"}, "energy": {"total": "5.00"}}
    ok, _merged = merge.merge(question, base, {"gww": {"total": "90.00"}}, theirs)
    assert not ok


def test_merge_of_simple_answers_conflicts_when_both_changed() -> None:
    question = DEFINITION.question("procurement_spend_total")
    assert merge.merge(question, "1.00", "2.00", "1.00") == (True, "2.00")
    assert merge.merge(question, "1.00", "2.00", "3.00") == (False, None)
    assert merge.merge(question, "1.00", "3.00", "3.00") == (True, "3.00")
