"""Reads of scans. Views first fetch the participation through cim.access.scoping; these
functions then load what belongs to it in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from cim.editions.models import Edition, Participation
from cim.questionnaires import model as m
from cim.questionnaires.lineage import carry_value, predecessor
from cim.questionnaires.selectors import active_definition_row, parsed, previous_edition
from cim.questionnaires.values import display_question, is_empty
from cim.scan import logic
from cim.scan.models import Answer, AnswerRevision, Response, Submission


@dataclass
class PreviousAnswer:
    """The answer the same organisation gave in the previous edition, offered for copying."""

    year: int
    text: str
    value: Any  # wire value converted to this question, or None when it cannot be copied as is


@dataclass
class ScanData:
    participation: Participation
    definition: m.Definition | None
    definition_id: int | None
    response: Response | None
    answers: dict[str, Answer] = field(default_factory=dict)

    @property
    def values(self) -> dict[str, Any]:
        return {key: a.value for key, a in self.answers.items()}

    def version(self, key: str) -> int:
        answer = self.answers.get(key)
        return answer.version if answer else 0


def scan_data(participation: Participation) -> ScanData:
    """The definition (cached), the response and every current answer with who changed it:
    three queries whatever the size of the scan."""
    row = active_definition_row(participation.edition_id)
    definition = parsed(row) if row is not None else None
    response = (
        Response.objects.filter(participation=participation).only("id", "participation_id", "definition_id").first()
    )
    answers: dict[str, Answer] = {}
    if response is not None:
        for answer in Answer.objects.filter(response=response).select_related("updated_by"):
            answers[answer.question_key] = answer
    return ScanData(participation, definition, row.pk if row else None, response, answers)


def answer_values(participation: Participation) -> dict[str, Any]:
    """The participation's current answers as plain Python values, keyed by question key: euros as
    Decimal, dates as date, grids as {row: {column: value}}, repeating groups as lists of dicts.
    Questions hidden by a condition and empty answers are left out."""
    data = scan_data(participation)
    if data.definition is None:
        return {}
    return logic.python_values(data.definition, data.values)


def submitted_answer_values(edition: Edition) -> dict[int, dict[str, Any]]:
    """participation id → the values as submitted (see answer_values), for every participation
    of the edition whose scan is submitted (not reopened). Two queries."""
    row = active_definition_row(edition.pk)
    if row is None:
        return {}
    definition = parsed(row)
    submissions = Submission.objects.filter(
        response__participation__edition=edition,
        response__participation__status=Participation.Status.ACTIVE,
        reopened_at__isnull=True,
    ).values_list("response__participation_id", "answers")
    return {pid: logic.python_values(definition, answers or {}) for pid, answers in submissions}


def previous_answers(participation: Participation, definition: m.Definition) -> dict[str, PreviousAnswer]:
    """For each question with a predecessor, the organisation's answer in the previous edition
    (only when that scan was submitted). A constant number of queries."""
    edition = participation.edition
    earlier = previous_edition(edition)
    if earlier is None:
        return {}
    previous_participation = (
        Participation.objects.filter(edition=earlier, organisation_id=participation.organisation_id).only("id").first()
    )
    if previous_participation is None:
        return {}
    submission = (
        Submission.objects.filter(response__participation=previous_participation)
        .order_by("reopened_at", "-number")
        .only("answers")
        .first()
    )
    row = active_definition_row(earlier.pk)
    if submission is None or row is None:
        return {}
    old_definition = parsed(row)
    result = {}
    for question in definition.questions:
        link = predecessor(question, old_definition)
        if link is None:
            continue
        old_question, continuation = link
        old_wire = (submission.answers or {}).get(old_question.key)
        if is_empty(old_wire):
            continue
        result[question.key] = PreviousAnswer(
            year=earlier.year,
            text=display_question(old_question, old_wire),
            value=carry_value(question, old_question, continuation, old_wire),
        )
    return result


def answer_history(participation: Participation, question_key: str) -> list[AnswerRevision]:
    return list(
        AnswerRevision.objects.filter(answer__response__participation=participation, answer__question_key=question_key)
        .select_related("changed_by")
        .order_by("-version")
    )


def open_submission(participation: Participation) -> Submission | None:
    return (
        Submission.objects.filter(response__participation=participation, reopened_at__isnull=True)
        .select_related("submitted_by")
        .first()
    )


def submissions_of(participation: Participation) -> list[Submission]:
    return list(
        Submission.objects.filter(response__participation=participation)
        .select_related("submitted_by", "reopened_by")
        .order_by("-number")
    )


def edition_progress_rows(
    edition: Edition,
    *,
    status: str = "",
    query: str = "",
    min_progress: int | None = None,
    max_progress: int | None = None,
) -> list[Participation]:
    """Every participation of an edition with its scan state and penvoerder: two queries."""
    from cim.editions.models import ParticipationMember

    qs = (
        Participation.objects.filter(edition=edition, takes_monitor=True)
        .select_related("organisation", "edition")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=ParticipationMember.objects.filter(is_active=True, role="penvoerder").select_related("user"),
                to_attr="penvoerders",
            )
        )
        .order_by("organisation__name")
    )
    if status:
        qs = qs.filter(scan_status=status)
    if query:
        qs = qs.filter(organisation__name__icontains=query[:100])
    if min_progress is not None:
        qs = qs.filter(scan_progress__gte=min_progress)
    if max_progress is not None:
        qs = qs.filter(scan_progress__lte=max_progress)
    return list(qs)
