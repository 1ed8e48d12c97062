"""Lineage: how a question relates to the questions of earlier editions. Plain Python.

A question keeps its key across editions ("same key, same meaning"); when wording, options or
structure change it may get a new key and declare `continues: [old_key]`. Loading checks that
continued keys exist in an earlier edition and that a reused key keeps its type, so answers stay
comparable (never silently reinterpreted). Carry-forward uses the same links.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from cim.questionnaires import model as m
from cim.questionnaires import values
from cim.questionnaires.problems import Path, Problem
from cim.questionnaires.yaml_source import Positions, position_of


def _question_paths(definition: m.Definition) -> dict[str, Path]:
    return {
        q.key: ("sections", s_index, "questions", q_index)
        for s_index, section in enumerate(definition.sections)
        for q_index, q in enumerate(section.questions)
    }


def check_lineage(definition: m.Definition, earlier: Sequence[m.Definition], positions: Positions) -> list[Problem]:
    """Problems with continued keys and reused keys, compared with the earlier editions' definitions
    (newest first)."""
    problems: list[Problem] = []
    if not earlier:
        return problems
    paths = _question_paths(definition)
    lineage_keys = {c.key for d in earlier for q in d.questions for c in q.continues}

    def problem(path: Path, message: str) -> None:
        line, column = position_of(positions, path)
        problems.append(Problem(path, message, line, column))

    for question in definition.questions:
        path = paths[question.key]
        old_same = _find(earlier, question.key)
        if old_same is not None:
            old_question, year = old_same
            reason = _incompatible(question, old_question)
            if reason:
                problem(
                    (*path, "type"),
                    _(
                        "De sleutel '%(key)s' had in %(year)s een ander soort antwoord (%(reason)s). Geef de vraag een nieuwe sleutel en verwijs met 'continues' naar de oude."
                    )
                    % {"key": question.key, "year": year, "reason": reason},
                )
        for index, continuation in enumerate(question.continues):
            found = _find(earlier, continuation.key)
            if found is None and continuation.key in lineage_keys:
                continue  # an older key that an earlier edition continued as well
            if found is None:
                problem(
                    (*path, "continues", index),
                    _("De vraag '%(key)s' komt in geen eerdere editie voor.") % {"key": continuation.key},
                )
                continue
            old_question, _year = found
            if continuation.values and old_question.spec is not None:
                known = {o.value for o in old_question.spec.options} | {
                    str(lv.level) for lv in old_question.spec.levels
                }
                if old_question.type == m.YES_NO:
                    known = {"true", "false"}
                for old in continuation.values:
                    if old not in known:
                        problem(
                            (*path, "continues", index, "values", old),
                            _("'%(old)s' was geen antwoordwaarde van '%(key)s'.")
                            % {"old": old, "key": continuation.key},
                        )
    return problems


def _find(earlier: Sequence[m.Definition], key: str) -> tuple[m.Question, int] | None:
    for definition in earlier:
        question = definition.question(key)
        if question is not None:
            return question, definition.edition
    return None


def _incompatible(new: m.Question, old: m.Question) -> str:
    if new.type != old.type:
        return _("was %(old)s, nu %(new)s") % {"old": old.type, "new": new.type}
    for column in new.columns:
        old_column = old.column(column.key)
        if old_column is not None and old_column.type != column.type:
            return _("kolom %(key)s was %(old)s, nu %(new)s") % {
                "key": column.key,
                "old": old_column.type,
                "new": column.type,
            }
    return ""


def predecessor(question: m.Question, previous: m.Definition | None) -> tuple[m.Question, m.Continuation] | None:
    """The question of the previous edition this one continues: an explicit `continues` first,
    else the same key."""
    if previous is None:
        return None
    for continuation in question.continues:
        old = previous.question(continuation.key)
        if old is not None:
            return old, continuation
    old = previous.question(question.key)
    if old is not None:
        return old, m.Continuation(question.key)
    return None


def _map_value(value: Any, continuation: m.Continuation) -> Any:
    if not continuation.values:
        return value
    key = str(value).lower() if isinstance(value, bool) else str(value)
    mapped = continuation.values.get(key, value)
    return mapped


def carry_value(question: m.Question, old: m.Question, continuation: m.Continuation, old_wire: Any) -> Any:
    """The previous answer converted to this question, or None when it cannot be copied as is
    (it is then only shown)."""
    if values.is_empty(old_wire):
        return None
    try:
        if question.spec is not None and old.spec is not None:
            return _carry_scalar(question, old, continuation, old_wire)
        if question.type == old.type == m.GRID:
            cells = {
                row.key: {
                    c.key: old_wire[row.key][c.key] for c in question.columns if c.key in old_wire.get(row.key, {})
                }
                for row in question.rows
                if row.key in old_wire
            }
            return values.check_question(question, cells)
        if question.type == old.type == m.REPEATING:
            rows = [{c.key: r[c.key] for c in question.columns if c.key in r} for r in old_wire]
            return values.check_question(question, rows)
        if question.type == old.type == m.EVIDENCE and "url" in old_wire:
            return values.check_question(question, old_wire)
    except values.InvalidValue:
        return None
    return None


def _carry_scalar(question: m.Question, old: m.Question, continuation: m.Continuation, old_wire: Any) -> Any:
    assert question.spec is not None
    assert old.spec is not None
    same_family = question.type == old.type or {question.type, old.type} <= {m.TEXT, m.LONG_TEXT}
    if question.type == m.MULTI_CHOICE and old.type in (m.MULTI_CHOICE, m.CHOICE):
        items = old_wire if isinstance(old_wire, list) else [old_wire]
        mapped = [_map_value(v, continuation) for v in items]
        kept = [v for v in mapped if question.spec.option(str(v))]
        return values.check_wire(question.spec, kept) if kept else None
    if question.type in (m.CHOICE, m.SCALE) and continuation.values:
        single = _map_value(old_wire, continuation)
        return values.check_wire(question.spec, int(single) if question.type == m.SCALE else single)
    if not same_family:
        return None
    return values.check_wire(question.spec, old_wire)
