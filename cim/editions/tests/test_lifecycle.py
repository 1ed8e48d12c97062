"""The edition lifecycle: draft → open → closed → results released → archived, no skipping."""

import pytest
from django.utils import translation

from cim.editions.lifecycle import (
    ORDER,
    EditionStatus,
    InvalidTransition,
    accepts_answers,
    check_transition,
    next_status,
    results_visible,
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
        ("closed", "open"),  # backwards
        ("released", "closed"),
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
        "statussen volgen elkaar op zonder stappen over te slaan."
    )
    with translation.override("en"):
        assert "cannot move to 'closed'" in str(InvalidTransition("draft", "closed"))


def test_what_each_status_allows() -> None:
    assert [accepts_answers(s) for s in ORDER] == [False, True, False, False, False]
    assert [results_visible(s) for s in ORDER] == [False, False, False, True, True]
