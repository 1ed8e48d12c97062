from typing import Any

from django import template

from cim.questionnaires.values import display_question

register = template.Library()


@register.filter
def answer_text(wire: Any, question: Any) -> str:
    """{{ value|answer_text:question }}: a stored answer as people read it."""
    if question is None:
        return ""
    return display_question(question, wire)
