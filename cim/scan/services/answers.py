"""Saving answers: one question (autosave), a whole section (form post), carry-forward.

Every change keeps a revision (who, when, old → new). A save based on a stale version is merged
when it touches other parts of the answer, and otherwise returned as a conflict to be resolved
by the person: never a silent overwrite. Checks such as circular ≤ total refuse the change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cim.access.actor import load_actor
from cim.core.errors import DomainError
from cim.editions.models import Participation, ScanStatus
from cim.questionnaires import model as m
from cim.questionnaires import values
from cim.questionnaires.selectors import active_definition_row, parsed
from cim.scan import logic, rules
from cim.scan.merge import merge
from cim.scan.models import Answer, AnswerRevision, EvidenceDocument, Response


class AnswerRejected(DomainError):
    """The value does not fit the question or breaks a check; nothing was saved."""


@dataclass
class Conflict:
    question_key: str
    mine: Any
    theirs: Any
    version: int
    changed_by: str
    changed_at: Any


@dataclass
class SaveOutcome:
    status: str  # saved | unchanged | conflict
    question_key: str
    version: int
    answer: Answer | None = None
    conflict: Conflict | None = None
    progress: logic.Progress | None = None
    shown: list[str] = field(default_factory=list)  # questions that appeared because of this change
    hidden: list[str] = field(default_factory=list)  # questions that disappeared


@dataclass
class EditContext:
    """Everything a save needs, loaded and checked once."""

    participation: Participation
    definition: m.Definition
    definition_id: int
    role: str
    sections: tuple[str, ...]


def edit_context(*, user: Any, participation: Participation) -> EditContext:
    """Check that `user` may change this scan now; raise DomainError with the reason otherwise."""
    actor = load_actor(user)
    membership = actor.membership(participation.pk)
    if membership is None:
        raise DomainError(
            _("Alleen de penvoerder en de collega's van deze organisatie kunnen de scan invullen."), code="forbidden"
        )
    reason = rules.edit_block_reason(
        edition_status=participation.edition.status,
        participation_active=participation.status == Participation.Status.ACTIVE,
        takes_monitor=participation.takes_monitor,
        scan_status=participation.scan_status,
        opens_at=participation.edition.opens_at,
        deadline=participation.deadline,
        now=timezone.now(),
    )
    if reason:
        raise DomainError(reason, code="closed")
    row = active_definition_row(participation.edition_id)
    if row is None:
        raise DomainError(_("De vragenlijst van deze editie is nog niet beschikbaar."), code="closed")
    return EditContext(participation, parsed(row), row.pk, str(membership.role), membership.sections)


def check_section_allowed(ctx: EditContext, question: m.Question) -> None:
    if not rules.may_edit_section(role=ctx.role, sections=ctx.sections, section_key=question.section_key):
        raise DomainError(
            _("U kunt dit onderdeel niet wijzigen; de penvoerder heeft u andere onderdelen toegewezen."),
            code="section",
        )


def _question(ctx: EditContext, key: str) -> m.Question:
    question = ctx.definition.question(key)
    if question is None:
        raise DomainError(_("Deze vraag bestaat niet in de scan van deze editie."), code="unknown")
    return question


def _lock_response(ctx: EditContext) -> Response:
    # The usual case (the response exists): one locking read, no savepoint round trips.
    response = Response.objects.select_for_update().filter(participation=ctx.participation).first()
    if response is not None:
        return response
    try:
        with transaction.atomic():
            response, _created = Response.objects.select_for_update().get_or_create(
                participation=ctx.participation, defaults={"definition_id": ctx.definition_id}
            )
    except IntegrityError:  # created concurrently
        response = Response.objects.select_for_update().get(participation=ctx.participation)
    return response


def _base_value(answer: Answer | None, base_version: int) -> Any:
    if answer is None or base_version == 0:
        return None
    revision = AnswerRevision.objects.filter(answer=answer, version=base_version).only("new_value").first()
    return revision.new_value if revision else None


def _label(user: Any) -> str:
    return (getattr(user, "display_name", "") or getattr(user, "email", "") or "")[:200]


def _save_one(
    ctx: EditContext,
    *,
    user: Any,
    response: Response,
    current: dict[str, Answer],
    pending: dict[str, Any],
    question: m.Question,
    value: Any,
    base_version: int,
    source: str,
    now: Any,
) -> SaveOutcome:
    """Save one answer in an open transaction with the response locked. `pending` holds values
    saved earlier in the same call (a section post) so that checks see the new state."""
    try:
        value = values.check_question(question, value)
    except values.InvalidValue as exc:
        raise AnswerRejected(exc.message, code="invalid") from exc
    if (
        question.type == m.EVIDENCE
        and isinstance(value, dict)
        and "document" in value
        and not EvidenceDocument.objects.filter(pk=value["document"], response=response).exists()
    ):
        raise AnswerRejected(_("Dit document hoort niet bij deze scan."), code="invalid")
    answer = current.get(question.key)
    stored = answer.value if answer else None
    version = answer.version if answer else 0
    if base_version != version:
        ok, merged = merge(question, _base_value(answer, base_version), value, stored)
        if not ok:
            return SaveOutcome(
                "conflict",
                question.key,
                version,
                answer,
                conflict=Conflict(
                    question.key,
                    value,
                    stored,
                    version,
                    answer.updated_by.display_name if answer and answer.updated_by else "",
                    answer.updated_at if answer else None,
                ),
            )
        value = merged
    if value == stored:
        return SaveOutcome("unchanged", question.key, version, answer)
    state = {**{k: a.value for k, a in current.items()}, **pending, question.key: value}
    errors = logic.hard_check_errors(ctx.definition, state, question.key)
    if errors:
        raise AnswerRejected(" ".join(errors), code="check")
    if answer is None:
        answer = Answer(response=response, question_key=question.key)
    answer.value = value
    answer.version = version + 1
    answer.updated_at = now
    answer.updated_by = user
    answer.save()
    AnswerRevision.objects.create(
        answer=answer,
        version=answer.version,
        old_value=stored,
        new_value=value,
        changed_at=now,
        changed_by=user,
        changed_by_label=_label(user),
        source=source,
    )
    current[question.key] = answer
    pending[question.key] = value
    return SaveOutcome("saved", question.key, answer.version, answer)


def _update_progress(ctx: EditContext, current: dict[str, Answer]) -> logic.Progress:
    progress = logic.progress(ctx.definition, {k: a.value for k, a in current.items()})
    participation = ctx.participation
    status = participation.scan_status
    if status == ScanStatus.NOT_STARTED:
        status = ScanStatus.IN_PROGRESS
    Participation.objects.filter(pk=participation.pk).update(scan_progress=progress.percent, scan_status=status)
    participation.scan_progress, participation.scan_status = progress.percent, status
    return progress


@transaction.atomic
def answer_save(
    *,
    user: Any,
    participation: Participation,
    question_key: str,
    value: Any,
    base_version: int,
    source: str = AnswerRevision.Source.AUTOSAVE,
) -> SaveOutcome:
    """Save one answer (wire value, checked here). Raises DomainError when the scan cannot be
    changed and AnswerRejected when the value is refused; returns a conflict outcome for a stale
    save that cannot be merged."""
    ctx = edit_context(user=user, participation=participation)
    question = _question(ctx, question_key)
    check_section_allowed(ctx, question)
    response = _lock_response(ctx)
    current = {a.question_key: a for a in Answer.objects.filter(response=response).select_related("updated_by")}
    before = logic.visible_keys(ctx.definition, {k: a.value for k, a in current.items()})
    outcome = _save_one(
        ctx,
        user=user,
        response=response,
        current=current,
        pending={},
        question=question,
        value=value,
        base_version=base_version,
        source=source,
        now=timezone.now(),
    )
    if outcome.status == "saved":
        outcome.progress = _update_progress(ctx, current)
        after = logic.visible_keys(ctx.definition, {k: a.value for k, a in current.items()})
        outcome.shown = sorted(after - before)
        outcome.hidden = sorted(before - after)
    return outcome


@dataclass
class SectionOutcome:
    saved: list[str] = field(default_factory=list)
    conflicts: dict[str, Conflict] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


@transaction.atomic
def answers_save(
    *,
    user: Any,
    participation: Participation,
    changes: Mapping[str, tuple[Any, int]],
    source: str = AnswerRevision.Source.FORM,
    all_or_nothing: bool = False,
) -> SectionOutcome:
    """Save several answers at once (a section form, a workbook): {key: (value, base version)}.

    Each answer is saved or refused on its own, unless `all_or_nothing`: then any refusal or
    conflict raises DomainError and nothing is saved."""
    ctx = edit_context(user=user, participation=participation)
    questions = [_question(ctx, key) for key in changes]
    for question in questions:
        check_section_allowed(ctx, question)
    response = _lock_response(ctx)
    current = {a.question_key: a for a in Answer.objects.filter(response=response).select_related("updated_by")}
    pending: dict[str, Any] = {}
    for question in questions:
        try:
            pending[question.key] = values.check_question(question, changes[question.key][0])
        except values.InvalidValue:
            continue
    result = SectionOutcome()
    now = timezone.now()
    order = {q.key: i for i, q in enumerate(ctx.definition.questions)}
    for question in sorted(questions, key=lambda q: order[q.key]):
        value, base_version = changes[question.key]
        others = {k: v for k, v in pending.items() if k != question.key}
        try:
            with transaction.atomic():
                outcome = _save_one(
                    ctx,
                    user=user,
                    response=response,
                    current=current,
                    pending=others,
                    question=question,
                    value=value,
                    base_version=base_version,
                    source=source,
                    now=now,
                )
        except AnswerRejected as exc:
            result.errors[question.key] = exc.message
            pending.pop(question.key, None)
            continue
        if outcome.status == "conflict" and outcome.conflict is not None:
            result.conflicts[question.key] = outcome.conflict
        elif outcome.status == "saved":
            result.saved.append(question.key)
    if all_or_nothing and (result.errors or result.conflicts):
        raise DomainError(
            _("Er is niets opgeslagen: %(n)s antwoorden konden niet worden verwerkt.")
            % {"n": len(result.errors) + len(result.conflicts)},
            code="not_applied",
        )
    if result.saved:
        _update_progress(ctx, current)
    return result
