"""Extension point for rooms that add meaning to a definition (scoring, recommendations).

The top-level keys `scoring` and `recommendations` are reserved: the questionnaire room accepts
them without looking inside and passes them to every registered validator, which may reject the
definition with problems that name the file position:

    from cim.questionnaires.hooks import register_definition_validator

    def check_scoring(context):
        scoring = context.data.get("scoring") or {}
        for key in scoring.get("weights", {}):
            if context.definition.question(key) is None:
                yield context.problem(("scoring", "weights", key), f"Onbekende vraag '{key}'.")

    register_definition_validator(check_scoring)   # in your AppConfig.ready()
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from cim.questionnaires.model import Definition
from cim.questionnaires.problems import Path, Problem
from cim.questionnaires.yaml_source import Positions, position_of


@dataclass(frozen=True)
class DefinitionContext:
    """What a validator gets: the parsed definition, the raw data (with the reserved keys) and
    the positions of every value in the file."""

    definition: Definition
    data: dict[str, Any]
    positions: Positions

    def problem(self, path: Path, message: str) -> Problem:
        line, column = position_of(self.positions, path)
        return Problem(tuple(path), message, line, column)


DefinitionValidator = Callable[[DefinitionContext], Iterable[Problem]]
_validators: list[DefinitionValidator] = []


def register_definition_validator(fn: DefinitionValidator) -> None:
    if fn not in _validators:
        _validators.append(fn)


def unregister_definition_validator(fn: DefinitionValidator) -> None:
    if fn in _validators:
        _validators.remove(fn)


def run_validators(context: DefinitionContext) -> list[Problem]:
    problems: list[Problem] = []
    for validator in list(_validators):
        problems.extend(validator(context) or ())
    return problems
