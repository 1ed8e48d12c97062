"""Saves based on a stale version: merge when the changes do not touch the same value, else a
conflict for the person to resolve. Never a silent overwrite. Plain Python."""

from __future__ import annotations

from typing import Any

from cim.questionnaires import model as m

Cell = tuple[str, ...]


def cells(question: m.Question, wire: Any) -> dict[Cell, Any]:
    """The independently editable parts of an answer: grid cells, or the whole answer."""
    if question.type == m.GRID:
        return {(row, col): value for row, cols in (wire or {}).items() for col, value in cols.items()}
    return {(): wire} if wire is not None else {}


def _rebuild(question: m.Question, parts: dict[Cell, Any]) -> Any:
    if question.type != m.GRID:
        return parts.get(())
    grid: dict[str, dict[str, Any]] = {}
    for row in question.rows:
        for column in question.columns:
            value = parts.get((row.key, column.key))
            if value is not None:
                grid.setdefault(row.key, {})[column.key] = value
    return grid or None


def merge(question: m.Question, base: Any, mine: Any, theirs: Any) -> tuple[bool, Any]:
    """Three-way merge of `mine` (based on `base`) into `theirs` (stored now).

    Returns (True, merged value) when no part was changed differently by both, else (False, None).
    """
    if mine == theirs:
        return True, theirs
    if base == theirs:
        return True, mine
    b, mi, th = cells(question, base), cells(question, mine), cells(question, theirs)
    if question.type != m.GRID:
        return False, None
    merged = dict(th)
    for cell in set(b) | set(mi):
        if mi.get(cell) == b.get(cell):
            continue  # not changed by me
        if th.get(cell) != b.get(cell) and th.get(cell) != mi.get(cell):
            return False, None  # changed by both, differently
        if mi.get(cell) is None:
            merged.pop(cell, None)
        else:
            merged[cell] = mi[cell]
    return True, _rebuild(question, merged)
