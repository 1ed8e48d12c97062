"""Form input names of questions, and parsing a posted form back into answer values.

Names: `a-<key>` for a simple question, `a-<key>-<row>-<column>` for a grid cell,
`a-<key>-<n>-<column>` for a repeating group (row n; `a-<key>-<n>-delete` removes it),
`a-<key>-url` / `a-<key>-file` / `a-<key>-clear` for evidence; `v-<key>` carries the version the
page was based on and `p-<key>` marks that the question was on the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Protocol

from django.utils.translation import gettext as _

from cim.questionnaires import model as m
from cim.questionnaires import values

KEEP = object()  # evidence: nothing new posted, keep the stored document


class PostedData(Protocol):
    def getlist(self, key: str) -> list[Any]: ...

    def __contains__(self, key: object) -> bool: ...

    def __iter__(self) -> Iterator[str]: ...


def name(key: str, *parts: str | int) -> str:
    return "-".join(["a", key, *(str(p) for p in parts)])


def version_name(key: str) -> str:
    return f"v-{key}"


def marker_name(key: str) -> str:
    return f"p-{key}"


def dom_id(key: str, *parts: str | int) -> str:
    return "-".join(["q", key, *(str(p) for p in parts)])


def _last(data: PostedData, field: str) -> str:
    items = data.getlist(field)
    return str(items[-1]) if items else ""


def posted_version(data: PostedData, key: str) -> int | None:
    raw = _last(data, version_name(key))
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


def parse_question(question: m.Question, data: PostedData) -> tuple[Any, dict[str, str]]:
    """(wire value or KEEP, {input name: message}). A message under the question key itself is
    about the answer as a whole."""
    errors: dict[str, str] = {}
    key = question.key
    if question.spec is not None:
        field = name(key)
        raw: Any = [str(v) for v in data.getlist(field)] if question.type == m.MULTI_CHOICE else _last(data, field)
        try:
            return values.parse_input(question.spec, raw), errors
        except values.InvalidValue as exc:
            errors[field] = exc.message
            return None, errors
    if question.type == m.EVIDENCE:
        if _last(data, name(key, "clear")):
            return None, errors
        url = _last(data, name(key, "url")).strip()
        if not url:
            return KEEP, errors
        try:
            return {"url": values.check_url(url)}, errors
        except values.InvalidValue as exc:
            errors[name(key, "url")] = exc.message
            return KEEP, errors
    if question.type == m.GRID:
        grid: dict[str, dict[str, Any]] = {}
        for row in question.rows:
            for column in question.columns:
                field = name(key, row.key, column.key)
                try:
                    value = values.parse_input(column.spec, _last(data, field))
                except values.InvalidValue as exc:
                    errors[field] = exc.message
                    continue
                if value is not None:
                    grid.setdefault(row.key, {})[column.key] = value
        return _whole(question, grid, errors)
    if question.type == m.REPEATING:
        pattern = re.compile(rf"^a-{re.escape(key)}-(\d{{1,4}})-([a-z][a-z0-9_]*)$")
        indices = sorted({int(match.group(1)) for k in data if (match := pattern.match(k))})
        rows = []
        for index in indices:
            if _last(data, name(key, index, "delete")):
                continue
            cells: dict[str, Any] = {}
            for column in question.columns:
                field = name(key, index, column.key)
                try:
                    value = values.parse_input(column.spec, _last(data, field))
                except values.InvalidValue as exc:
                    errors[field] = exc.message
                    continue
                if value is not None:
                    cells[column.key] = value
            if cells:
                rows.append(cells)
        if len(indices) > m.REPEATING_MAX_ROWS * 2:
            errors[key] = _("Te veel rijen.")
            return None, errors
        return _whole(question, rows, errors)
    return None, {key: _("Onbekend vraagtype.")}


def _whole(question: m.Question, wire: Any, errors: dict[str, str]) -> tuple[Any, dict[str, str]]:
    if errors:
        return None, errors
    try:
        return values.check_question(question, wire), errors
    except values.InvalidValue as exc:
        errors[question.key] = exc.message
        return None, errors


def was_posted(question: m.Question, data: PostedData) -> bool:
    return marker_name(question.key) in data
