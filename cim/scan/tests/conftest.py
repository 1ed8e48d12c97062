from __future__ import annotations

import random

import pytest

from cim.questionnaires.selectors import edition_definition
from cim.scan.models import Answer
from cim.scan.sample import sample_answers
from cim.scan.services.answers import answers_save


@pytest.fixture
def definition(world):  # type: ignore[no-untyped-def]
    return edition_definition(world.edition)


@pytest.fixture
def penvoerder(world):  # type: ignore[no-untyped-def]
    return world.user("penvoerder")


@pytest.fixture
def contributor(world):  # type: ignore[no-untyped-def]
    return world.user("contributor")


@pytest.fixture
def complete_answers(definition):  # type: ignore[no-untyped-def]
    return sample_answers(definition, population=160_000, maturity=0.6, rng=random.Random(7))


@pytest.fixture
def fill(world, penvoerder):  # type: ignore[no-untyped-def]
    """fill(answers) saves wire values for the world's participation (as the penvoerder)."""

    def save(answers, participation=None, user=None):  # type: ignore[no-untyped-def]
        participation = participation or world.participation
        versions = dict(
            Answer.objects.filter(response__participation=participation).values_list("question_key", "version")
        )
        return answers_save(
            user=user or penvoerder,
            participation=participation,
            changes={key: (value, versions.get(key, 0)) for key, value in answers.items()},
        )

    return save
