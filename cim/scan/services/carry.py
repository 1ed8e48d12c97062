"""Copy the previous edition's answer into the scan, on request (never silently)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from cim.core.errors import DomainError
from cim.editions.models import Participation
from cim.questionnaires.selectors import edition_definition
from cim.scan.models import AnswerRevision
from cim.scan.selectors import previous_answers
from cim.scan.services.answers import SaveOutcome, answer_save


def answer_carry_forward(
    *, user: Any, participation: Participation, question_key: str, base_version: int
) -> SaveOutcome:
    definition = edition_definition(participation.edition_id)
    if definition is None or definition.question(question_key) is None:
        raise DomainError(_("Deze vraag bestaat niet in de scan van deze editie."))
    previous = previous_answers(participation, definition).get(question_key)
    if previous is None or previous.value is None:
        raise DomainError(_("Er is geen eerder antwoord dat hier kan worden overgenomen."))
    return answer_save(
        user=user,
        participation=participation,
        question_key=question_key,
        value=previous.value,
        base_version=base_version,
        source=AnswerRevision.Source.CARRY_FORWARD,
    )
