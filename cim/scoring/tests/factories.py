"""Submitted scans for tests of scores and reports (also used by cim/reports/tests)."""

from __future__ import annotations

import random
from typing import Any

from django.utils import timezone

from cim.editions.models import Participation, ScanStatus
from cim.questionnaires.models import QuestionnaireDefinition
from cim.questionnaires.selectors import parsed
from cim.scan.models import Response, Submission
from cim.scan.sample import sample_answers
from cim.testing import factories as f

_receipts = iter(range(10**6))


def sample_for(participation: Participation, maturity: float, seed: int = 1) -> dict[str, Any]:
    row = QuestionnaireDefinition.objects.get(edition=participation.edition, is_active=True)
    population = participation.organisation.population or 40_000
    return sample_answers(parsed(row), population=population, maturity=maturity, rng=random.Random(seed))


def submit(participation: Participation, answers: dict[str, Any] | None = None, *, maturity: float = 0.5) -> Submission:
    """Store `answers` (wire values; plausible sample answers when None) as the submitted scan.
    The scoring signal scores it, as with a real submission."""
    answers = answers if answers is not None else sample_for(participation, maturity, seed=participation.pk)
    row = QuestionnaireDefinition.objects.get(edition=participation.edition, is_active=True)
    response, _ = Response.objects.get_or_create(participation=participation, defaults={"definition": row})
    for earlier in Submission.objects.filter(response=response, reopened_at__isnull=True):
        earlier.reopened_at = timezone.now()  # submitted again: the earlier one counts as reopened
        earlier.save(update_fields=["reopened_at"])
    number = Submission.objects.filter(response=response).count() + 1
    submission = Submission.objects.create(
        response=response,
        number=number,
        receipt_code=f"CIM-T-{next(_receipts):08d}",
        submitted_at=timezone.now(),
        answers=answers,
    )
    Participation.objects.filter(pk=participation.pk).update(scan_status=ScanStatus.SUBMITTED, scan_progress=100)
    return submission


def participants(edition: Any, codes: list[str], *, maturity: float | None = None) -> list[Participation]:
    """Participations of these municipalities in the edition, each with a submitted scan."""
    result = []
    for index, code in enumerate(codes):
        participation = Participation.objects.filter(edition=edition, organisation__cbs_code=code).first()
        if participation is None:
            participation = f.ParticipationFactory(edition=edition, organisation=f.organisation(code))
        submit(participation, maturity=maturity if maturity is not None else (index % 10) / 10)
        result.append(participation)
    return result
