"""Problems found in a questionnaire definition, each tied to a position in the source file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a definition: where (path and line/column) and what (a Dutch message)."""

    path: Path
    message: str
    line: int | None = None
    column: int | None = None

    @property
    def where(self) -> str:
        """`regel 12, kolom 5 (sections[2].questions[0].type)` – for people editing the file."""
        dotted = dotted_path(self.path)
        if self.line is None:
            return dotted or _("het hele bestand")
        position = _("regel %(line)s, kolom %(column)s") % {"line": self.line, "column": self.column}
        return f"{position} ({dotted})" if dotted else position

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def dotted_path(path: Path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


class DefinitionInvalid(Exception):
    """The definition cannot be used; `problems` says every reason, with file positions."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.line or 0, p.column or 0, dotted_path(p.path)))
        super().__init__("; ".join(str(p) for p in self.problems[:5]))
