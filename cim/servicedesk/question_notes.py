"""Suggestions the service desk accepted, shown beside their question while staff prepare the
questionnaire of an edition (the preview of its draft)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from cim.core import registry
from cim.core.registry import QuestionNote
from cim.servicedesk.selectors.suggestions import accepted_suggestions


def accepted_suggestion_notes(edition: Any) -> dict[str, list[QuestionNote]]:
    """The programme's accepted suggestions made in this edition or earlier ones."""
    notes: dict[str, list[QuestionNote]] = {}
    for key, suggestions in accepted_suggestions(edition.programme).items():
        for suggestion in suggestions:
            year = suggestion.participation.edition.year
            if year > edition.year:
                continue
            heading = _("Overgenomen verbetersuggestie (%(year)s)") % {"year": year}
            notes.setdefault(key, []).append(QuestionNote(heading=heading, text=suggestion.body))
    return notes


registry.register_question_notes(accepted_suggestion_notes)
