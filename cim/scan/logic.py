"""What the answers mean together: which questions show, what is complete, which checks fail,
how far along the scan is. Plain Python on a definition and a dict of wire values."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cim.core.formatting import format_number
from cim.questionnaires import model as m
from cim.questionnaires import values


@dataclass(frozen=True)
class Issue:
    """A missing or invalid answer, shown beside the question and on the review page."""

    question_key: str
    section_key: str
    message: str
    kind: str = "missing"  # missing | invalid


@dataclass
class Progress:
    sections: dict[str, tuple[int, int]] = field(default_factory=dict)  # key -> (complete, required)

    @property
    def done(self) -> int:
        return sum(d for d, _ in self.sections.values())

    @property
    def total(self) -> int:
        return sum(t for _, t in self.sections.values())

    @property
    def percent(self) -> int:
        return percent(self.done, self.total)

    def section_percent(self, key: str) -> int:
        done, total = self.sections.get(key, (0, 0))
        return percent(done, total)


def percent(done: int, total: int) -> int:
    if total == 0:
        return 100
    if done >= total:
        return 100
    return min(99, int(done * 100 / total))


def condition_met(condition: m.Condition, target: m.Question, wire: Any) -> bool:
    if condition.op == "answered":
        return not values.is_empty(wire)
    if values.is_empty(wire):
        return False
    if condition.op == "contains":
        return isinstance(wire, list) and condition.value in wire
    operands = condition.value if condition.op == "in" else [condition.value]
    return any(_same(target, wire, operand) for operand in operands)


def _same(target: m.Question, wire: Any, operand: Any) -> bool:
    if target.type in (m.EURO, m.PERCENTAGE, m.INTEGER):
        try:
            return Decimal(str(wire)) == Decimal(str(operand))
        except ArithmeticError:
            return False
    return bool(wire == operand)


def visible_keys(definition: m.Definition, answers: Mapping[str, Any]) -> set[str]:
    """Questions shown given the answers; a question whose condition looks at a hidden question
    is hidden too."""
    shown: set[str] = set()
    for question in definition.questions:
        condition = question.show_if
        if condition is None:
            shown.add(question.key)
            continue
        target = definition.question(condition.question)
        if target is not None and target.key in shown and condition_met(condition, target, answers.get(target.key)):
            shown.add(question.key)
    return shown


def _missing_cells(question: m.Question, wire: Any) -> list[str]:
    missing = []
    if question.type == m.GRID:
        grid = wire or {}
        for row in question.rows:
            cells = grid.get(row.key) or {}
            for column in question.columns:
                if column.required and values.is_empty(cells.get(column.key)):
                    missing.append(f"{row.label} – {column.label}")
    elif question.type == m.REPEATING:
        for index, cells in enumerate(wire or [], start=1):
            for column in question.columns:
                if column.required and values.is_empty(cells.get(column.key)):
                    missing.append(_("rij %(n)s – %(column)s") % {"n": index, "column": column.label})
    return missing


def is_complete(question: m.Question, wire: Any) -> bool:
    if values.is_empty(wire):
        return False
    if question.type == m.REPEATING and len(wire) < question.min_rows:
        return False
    return not _missing_cells(question, wire)


def question_issues(question: m.Question, wire: Any) -> list[Issue]:
    """Missing answers and failed checks within one question (visible questions only)."""
    issues: list[Issue] = []
    section = question.section_key
    if values.is_empty(wire):
        if question.required:
            issues.append(Issue(question.key, section, _("Deze vraag is nog niet beantwoord.")))
        return issues
    if question.type == m.REPEATING and len(wire) < question.min_rows:
        issues.append(
            Issue(
                question.key,
                section,
                ngettext("Vul minstens %(n)s rij in.", "Vul minstens %(n)s rijen in.", question.min_rows)
                % {"n": question.min_rows},
            )
        )
    missing = _missing_cells(question, wire)
    if missing:
        shown = ", ".join(missing[:4]) + (" …" if len(missing) > 4 else "")
        issues.append(Issue(question.key, section, _("Nog niet ingevuld: %(cells)s.") % {"cells": shown}))
    issues.extend(Issue(question.key, section, message, "invalid") for message in row_check_messages(question, wire))
    return issues


def row_check_messages(question: m.Question, wire: Any) -> list[str]:
    """Grid rows where a check such as circular ≤ total fails."""
    messages: list[str] = []
    if question.type != m.GRID or not question.row_checks or values.is_empty(wire):
        return messages
    for row in question.rows:
        cells = wire.get(row.key) or {}
        for check in question.row_checks:
            left, right = cells.get(check.left), cells.get(check.right)
            if values.is_empty(left) or values.is_empty(right):
                continue
            if Decimal(str(left)) > Decimal(str(right)):
                left_column, right_column = question.column(check.left), question.column(check.right)
                assert left_column is not None
                assert right_column is not None
                detail = _("%(left)s (%(a)s) is groter dan %(right)s (%(b)s)") % {
                    "left": left_column.label,
                    "a": values.display(left_column.spec, left),
                    "right": right_column.label,
                    "b": values.display(right_column.spec, right),
                }
                text = f"{check.message}: {detail}" if check.message else detail
                messages.append(f"{row.label}: {text}.")
    return messages


def check_messages(
    definition: m.Definition, answers: Mapping[str, Any], visible: set[str], kinds: Iterable[str]
) -> list[tuple[m.Check, str]]:
    """Failed checks across questions, with a message each."""
    failed = []
    wanted = set(kinds)
    for check in definition.checks:
        if check.kind not in wanted:
            continue
        keys = [k for k in check.questions if k in visible]
        numbers = {k: Decimal(str(answers[k])) for k in keys if not values.is_empty(answers.get(k))}
        if check.kind == "lte":
            a, b = check.questions
            if a in numbers and b in numbers and numbers[a] > numbers[b]:
                qa, qb = definition.question(a), definition.question(b)
                assert qa is not None
                assert qb is not None
                assert qa.spec is not None
                assert qb.spec is not None
                detail = _("%(a)s is groter dan %(b)s") % {
                    "a": values.display(qa.spec, answers[a]),
                    "b": values.display(qb.spec, answers[b]),
                }
                intro = str(check.message) if check.message else _("Deze antwoorden passen niet bij elkaar")
                failed.append((check, f"{intro}: {detail}."))
            continue
        if len(numbers) < len(keys) or not keys:
            continue  # sums are checked once every part is filled in
        total = sum(numbers.values(), Decimal(0))
        if check.equals_question:
            target = answers.get(check.equals_question)
            if check.equals_question not in visible or values.is_empty(target):
                continue
            limit = Decimal(str(target))
        else:
            assert check.equals is not None
            limit = check.equals
        broken = total > limit if check.kind == "sum_at_most" else total != limit
        if broken:
            detail = _("de som is %(total)s, dat moet %(relation)s %(limit)s zijn") % {
                "total": format_number(total, 2 if total != total.to_integral() else 0),
                "relation": _("hoogstens") if check.kind == "sum_at_most" else _("precies"),
                "limit": format_number(limit, 2 if limit != limit.to_integral() else 0),
            }
            intro = str(check.message) if check.message else _("De antwoorden tellen niet goed op")
            failed.append((check, f"{intro} ({detail})."))
    return failed


def issues(definition: m.Definition, answers: Mapping[str, Any]) -> list[Issue]:
    """Every missing or invalid answer of the scan, in questionnaire order."""
    visible = visible_keys(definition, answers)
    found: list[Issue] = []
    for question in definition.questions:
        if question.key in visible:
            found.extend(question_issues(question, answers.get(question.key)))
    for check, message in check_messages(definition, answers, visible, ("lte", "sum", "sum_at_most")):
        first = definition.question(check.questions[0])
        assert first is not None
        found.append(Issue(first.key, first.section_key, message, "invalid"))
    return found


def hard_check_errors(definition: m.Definition, answers: Mapping[str, Any], changed: str) -> list[str]:
    """Checks enforced when saving (a change that breaks them is refused): grid rows such as
    circular ≤ total, and `lte` checks between questions that involve the changed question."""
    question = definition.question(changed)
    errors: list[str] = []
    if question is not None:
        errors.extend(row_check_messages(question, answers.get(changed)))
    visible = visible_keys(definition, answers)
    errors.extend(
        message
        for check, message in check_messages(definition, answers, visible, ("lte",))
        if changed in check.questions
    )
    return errors


def progress(definition: m.Definition, answers: Mapping[str, Any]) -> Progress:
    """Complete required questions per section (only questions that are shown count)."""
    visible = visible_keys(definition, answers)
    result = Progress()
    for section in definition.sections:
        required = [q for q in section.questions if q.key in visible and q.required]
        done = sum(1 for q in required if is_complete(q, answers.get(q.key)))
        result.sections[section.key] = (done, len(required))
    return result


def python_values(definition: m.Definition, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Plain Python values of the answered, shown questions (for scoring and statistics)."""
    visible = visible_keys(definition, answers)
    result: dict[str, Any] = {}
    for question in definition.questions:
        wire = answers.get(question.key)
        if question.key in visible and not values.is_empty(wire):
            result[question.key] = values.question_to_python(question, wire)
    return result
