"""Writes of scores: on submission (signals.py), when a scan is reopened, and for a whole edition
(`manage.py rescore_edition YEAR`). The computing itself is pure (engine.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from cim.audit.log import record
from cim.editions.models import Edition, Participation
from cim.questionnaires import model as m
from cim.questionnaires.selectors import edition_definition
from cim.scan.logic import python_values
from cim.scan.models import Submission
from cim.scan.selectors import submitted_answer_values
from cim.scoring.engine import Result, compute
from cim.scoring.method import Method, method_of
from cim.scoring.models import Score


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def details_of(result: Result) -> dict[str, Any]:
    """The parts of a result that have no column of their own, as JSON (decimals as strings)."""
    return {
        "levels": {k: str(v) for k, v in result.levels.items()},
        "groups": {k: str(v) for k, v in result.groups.items()},
        "themes": {k: str(v) for k, v in result.themes.items()},
        "stages": dict(result.stages),
        "questions": {
            k: {
                "points": str(q.points),
                "maximum": str(q.maximum),
                "answered": q.answered,
                "measured": _text(q.measured),
            }
            for k, q in result.questions.items()
        },
        "categories": {
            k: {"total": _text(c.total), "circular": _text(c.circular), "share": _text(c.share)}
            for k, c in result.categories.items()
        },
        "missing": list(result.missing),
    }


def _score_row(
    participation_id: int, edition_id: int, definition: m.Definition, result: Result, submission_id: int | None
) -> Score:
    return Score(
        participation_id=participation_id,
        edition_id=edition_id,
        submission_id=submission_id,
        definition_checksum=definition.checksum,
        overall=result.overall,
        strategic=result.levels.get("strategic"),
        operational=result.levels.get("operational"),
        stage=result.stage,
        spend_total=result.spend_total,
        spend_circular=result.spend_circular,
        circular_share=result.circular_share,
        complete=result.complete,
        details=details_of(result),
        computed_at=timezone.now(),
    )


def _method(edition_id: int) -> tuple[m.Definition, Method] | None:
    definition = edition_definition(edition_id)
    method = method_of(definition) if definition is not None else None
    return (definition, method) if definition is not None and method is not None else None


def score_submission(*, submission: Submission) -> Score | None:
    """Compute and store the score of a submitted scan (replacing an earlier one). Called inside
    the submit transaction; None when the edition's questionnaire declares no scoring method."""
    participation = Participation.objects.only("id", "edition_id").get(scan_response__id=submission.response_id)
    found = _method(participation.edition_id)
    if found is None:
        return None
    definition, method = found
    result = compute(method, definition, python_values(definition, submission.answers or {}))
    row = _score_row(participation.pk, participation.edition_id, definition, result, submission.pk)
    Score.objects.filter(participation_id=participation.pk).delete()
    row.full_clean(exclude=["participation", "edition", "submission"])
    row.save()
    return row


def score_withdraw(*, submission: Submission) -> int:
    """A reopened scan has no score until it is submitted again."""
    deleted, _ = Score.objects.filter(submission=submission).delete()
    return deleted


@transaction.atomic
def rescore_edition(*, edition: Edition, actor: Any = None) -> int:
    """Recompute every score of an edition from the submitted answers (scans submitted and not
    reopened, participations not withdrawn); removes scores that no longer belong to one.
    Returns the number of scores stored."""
    found = _method(edition.pk)
    Score.objects.filter(edition=edition).delete()
    if found is None:
        return 0
    definition, method = found
    values = submitted_answer_values(edition)
    submissions = dict(
        Submission.objects.filter(response__participation_id__in=list(values), reopened_at__isnull=True).values_list(
            "response__participation_id", "pk"
        )
    )
    rows = [
        _score_row(pid, edition.pk, definition, compute(method, definition, answers), submissions.get(pid))
        for pid, answers in values.items()
    ]
    Score.objects.bulk_create(rows, batch_size=500)
    record(
        "scoring.edition_rescored",
        actor=actor,
        obj=edition,
        programme=edition.programme,
        details={"year": edition.year, "scores": len(rows), "checksum": definition.checksum[:12]},
    )
    return len(rows)
