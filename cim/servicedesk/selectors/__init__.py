"""Reads of the service desk. `accepted_suggestions(programme)` is used by other rooms (the
questionnaire preview shows accepted suggestions beside each question)."""

from cim.servicedesk.selectors.suggestions import accepted_suggestions

__all__ = ["accepted_suggestions"]
