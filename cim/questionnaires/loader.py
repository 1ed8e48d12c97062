"""Load a definition file: YAML → format check → lineage against earlier editions → registered
validators (scoring). Plain Python; the database side is in services.py."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from cim.questionnaires import hooks
from cim.questionnaires.lineage import check_lineage
from cim.questionnaires.model import Definition
from cim.questionnaires.parser import parse_definition
from cim.questionnaires.problems import DefinitionInvalid, Problem
from cim.questionnaires.yaml_source import Positions, load_with_positions, position_of


@dataclass(frozen=True)
class LoadedDefinition:
    definition: Definition
    data: dict[str, Any]
    positions: Positions
    source: str
    checksum: str


def checksum_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=32)
def _parse(text: str) -> tuple[Definition, dict[str, Any], Positions]:
    data, positions = load_with_positions(text)
    definition = parse_definition(data, positions)
    return dataclasses.replace(definition, checksum=checksum_of(text)), data, positions


def load_definition(
    text: str, *, expected_year: int | None = None, earlier: Sequence[Definition] = ()
) -> LoadedDefinition:
    """Parse and check a definition. Raises DefinitionInvalid with every problem found."""
    if not isinstance(text, str) or not text.strip():
        raise DefinitionInvalid([Problem((), _("Het bestand is leeg."))])
    definition, data, positions = _parse(text)
    problems: list[Problem] = []
    if expected_year is not None and definition.edition != expected_year:
        line, column = position_of(positions, ("edition",))
        problems.append(
            Problem(
                ("edition",),
                _("Dit bestand is voor editie %(found)s, niet voor %(expected)s.")
                % {"found": definition.edition, "expected": expected_year},
                line,
                column,
            )
        )
    problems.extend(check_lineage(definition, earlier, positions))
    problems.extend(hooks.run_validators(hooks.DefinitionContext(definition, data, positions)))
    if problems:
        raise DefinitionInvalid(problems)
    return LoadedDefinition(definition, data, positions, text, definition.checksum)


def definition_from_source(text: str) -> Definition:
    """A stored (already accepted) definition back as objects; cached per text."""
    return _parse(text)[0]
