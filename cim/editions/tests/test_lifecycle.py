"""The edition lifecycle: draft → open → closed → results released → archived, no skipping, with
one way back (closed → open) until the results are released."""

import pytest
from django.utils import translation

from cim.editions.lifecycle import (
    ORDER,
    EditionStatus,
    InvalidTransition,
    accepts_answers,
    action_label,
    check_transition,
    next_status,
    results_visible,
    steps_from,
)


def test_order_and_next_status() -> None:
    assert [s.value for s in ORDER] == ["draft", "open", "closed", "released", "archived"]
    assert next_status("draft") == EditionStatus.OPEN
    assert next_status("released") == EditionStatus.ARCHIVED
    assert next_status("archived") is None


@pytest.mark.parametrize(
    ("current", "target"), list(zip([s.value for s in ORDER], [s.value for s in ORDER[1:]], strict=False))
)
def test_each_step_forward_is_allowed(current: str, target: str) -> None:
    check_transition(current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("draft", "closed"),  # skips open
        ("draft", "archived"),
        ("open", "released"),  # skips closed
        ("released", "closed"),  # backwards after the results are out
        ("released", "open"),
        ("archived", "draft"),
        ("open", "open"),
        ("open", "gehackt"),  # not a status at all
        ("open", ""),
    ],
)
def test_skips_backwards_and_unknown_targets_are_refused(current: str, target: str) -> None:
    with pytest.raises(InvalidTransition):
        check_transition(current, target)


def test_refusal_explains_in_dutch_and_english() -> None:
    with translation.override("nl"):
        message = str(InvalidTransition("draft", "closed"))
    assert message == (
        "Een editie met status 'in voorbereiding' kan niet naar 'gesloten'; "
        "statussen volgen elkaar op zonder stappen over te slaan (alleen een gesloten editie kan terug naar open)."
    )
    with translation.override("en"):
        assert "cannot move to 'closed'" in str(InvalidTransition("draft", "closed"))


def test_a_closed_edition_can_be_reopened_and_the_label_says_so() -> None:
    check_transition("closed", "open")
    assert steps_from("closed") == (EditionStatus.RESULTS_RELEASED, EditionStatus.OPEN)
    with translation.override("nl"):
        assert action_label("closed", "open") == "Editie heropenen"
        assert action_label("draft", "open") == "Editie openen"


def test_what_each_status_allows() -> None:
    assert [accepts_answers(s) for s in ORDER] == [False, True, False, False, False]
    assert [results_visible(s) for s in ORDER] == [False, False, False, True, True]
