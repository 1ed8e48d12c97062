"""The read interface other rooms use: answer_values and submitted_answer_values."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from cim.scan.sample import sample_answers
from cim.scan.selectors import answer_values, submitted_answer_values
from cim.scan.services.submission import response_reopen, response_submit

pytestmark = pytest.mark.django_db


def test_answer_values_are_plain_python(world, fill, complete_answers) -> None:  # type: ignore[no-untyped-def]
    complete_answers["policy_target"] = False
    complete_answers["projects_selected"] = True
    complete_answers["projects"] = [
        {
            "name": "Circulair viaduct",
            "category": "gww",
            "perspective": "innovation",
            "value": "2500000.00",
            "status": "tender",
        }
    ]
    fill(complete_answers)
    values = answer_values(world.participation)
    assert isinstance(values["procurement_spend_total"], Decimal)
    assert isinstance(values["category_spend"]["energy"]["circular"], Decimal)
    assert isinstance(values["projects"], list)
    assert isinstance(values["projects"][0], dict)
    assert "policy_target_pct" not in values  # hidden by its condition
    assert values["policy_target"] is False


def test_submitted_answer_values_for_an_edition(
    world, fill, complete_answers, definition, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    fill(complete_answers)
    response_submit(user=world.user("penvoerder"), participation=world.participation)
    foreign = sample_answers(definition, population=170_000, maturity=0.2, rng=random.Random(9))
    fill(foreign, participation=world.foreign_participation, user=world.user("foreign_penvoerder"))
    with django_assert_max_num_queries(2):
        result = submitted_answer_values(world.edition)
    assert set(result) == {world.participation.pk}  # the foreign scan is not submitted
    assert result[world.participation.pk]["procurement_spend_total"] == Decimal(
        complete_answers["procurement_spend_total"]
    )
    response_reopen(actor=world.user("servicedesk"), participation=world.participation, reason="Correctie")
    assert submitted_answer_values(world.edition) == {}
