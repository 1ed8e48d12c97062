"""The questionnaire validator for the `scoring` section (registered in apps.py)."""

from __future__ import annotations

from collections.abc import Iterable

from cim.questionnaires.hooks import DefinitionContext
from cim.questionnaires.problems import Problem
from cim.scoring.method import parse_method


def check_scoring(context: DefinitionContext) -> Iterable[Problem]:
    _method, problems = parse_method(context.data, context.positions, context.definition)
    return problems
