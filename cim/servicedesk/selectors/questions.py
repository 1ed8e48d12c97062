"""The scan question a conversation or suggestion is about, in words."""

from __future__ import annotations

from typing import Any

from cim.questionnaires.selectors import active_definition_row, parsed


def question_label(participations: list[Any], key: str) -> str:
    """'3.2 The question's text' for a scan question key, from the questionnaire of the first of
    the participations (newest first) that has the question; '' when none does."""
    if not key:
        return ""
    for participation in participations:
        row = active_definition_row(participation.edition)
        question = parsed(row).question(key) if row else None
        if question is not None:
            return f"{question.number} {question.text}"
    return ""
