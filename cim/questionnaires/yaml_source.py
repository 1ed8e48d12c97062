"""Read a YAML definition into plain data and remember where every value stands in the file.

Plain Python (PyYAML's safe composer, no object construction from tags), so a definition can
never run code. Duplicate keys, alias bombs and oversized files are refused with a position.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from django.utils.translation import gettext as _
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cim.questionnaires.problems import DefinitionInvalid, Path, Problem

MAX_SOURCE_BYTES = 1_000_000
MAX_NODES = 50_000

Positions = dict[Path, tuple[int, int]]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Converter:
    def __init__(self) -> None:
        self.positions: Positions = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.constructor = yaml.constructor.SafeConstructor()

    def convert(self, node: Node, path: Path) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise DefinitionInvalid(
                [Problem(path, _("Het bestand is te groot of verwijst te vaak naar zichzelf."), *_mark(node))]
            )
        self.positions[path] = _mark(node)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.convert(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        try:
            value = self.constructor.construct_object(node)
        except yaml.YAMLError:
            self.problems.append(Problem(path, _("Dit soort waarde wordt niet ondersteund."), *_mark(node)))
            return None
        if isinstance(value, dt.date | dt.datetime):
            return value.isoformat()
        if isinstance(value, bytes | set):
            self.problems.append(Problem(path, _("Dit soort waarde wordt niet ondersteund."), *_mark(node)))
            return None
        return value

    def _mapping(self, node: MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problems.append(Problem(path, _("Een sleutel moet een eenvoudige tekst zijn."), *_mark(key_node)))
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(
                    Problem(
                        path, _("Samenvoegen met '<<' wordt niet ondersteund; schrijf de velden uit."), *_mark(key_node)
                    )
                )
                continue
            key = str(self.constructor.construct_object(key_node))
            if key in result:
                self.problems.append(
                    Problem(
                        (*path, key), _("De sleutel '%(key)s' komt twee keer voor.") % {"key": key}, *_mark(key_node)
                    )
                )
                continue
            result[key] = self.convert(value_node, (*path, key))
        return result


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def load_with_positions(text: str) -> tuple[Any, Positions]:
    """Parse YAML text into plain data and a map from each value's path to (line, column)."""
    if len(text.encode("utf-8", errors="replace")) > MAX_SOURCE_BYTES:
        raise DefinitionInvalid([Problem((), _("Het bestand is groter dan 1 MB."))])
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise DefinitionInvalid(
            [
                Problem(
                    (),
                    _("Dit is geen geldige YAML: %(problem)s.") % {"problem": exc.problem or exc.context or ""},
                    line,
                    column,
                )
            ]
        ) from exc
    except yaml.YAMLError as exc:
        raise DefinitionInvalid([Problem((), _("Dit is geen geldige YAML."))]) from exc
    if node is None:
        raise DefinitionInvalid([Problem((), _("Het bestand is leeg."))])
    converter = _Converter()
    data = converter.convert(node, ())
    if converter.problems:
        raise DefinitionInvalid(converter.problems)
    return data, converter.positions


def position_of(positions: Positions, path: Path) -> tuple[int | None, int | None]:
    """The position of `path`, or of its nearest ancestor that is in the file."""
    probe = tuple(path)
    while True:
        if probe in positions:
            return positions[probe]
        if not probe:
            return None, None
        probe = probe[:-1]
