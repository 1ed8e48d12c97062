"""Submitting the scan (idempotent), reopening it and extending the deadline (service desk)."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cim.access.actor import load_actor
from cim.audit.log import record
from cim.core.errors import DomainError
from cim.core.mail import Recipient, send_mail
from cim.editions.models import Participation, ParticipationMember, ScanStatus
from cim.scan import logic
from cim.scan.models import Answer, Response, Submission
from cim.scan.services.answers import edit_context

RECEIPT_ALPHABET = "ACDEFGHJKMNPRTWXY34679"


@dataclass
class SubmitOutcome:
    submission: Submission
    created: bool


def _receipt_code(year: int) -> str:
    return f"CIM-{year}-" + "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(8))


@transaction.atomic
def response_submit(*, user: Any, participation: Participation, language: str = "nl") -> SubmitOutcome:
    """Submit the scan. A second submit (double click, retry, another tab) finds the submission
    already made and changes nothing."""
    locked = (
        Participation.objects.select_for_update()
        .select_related("edition__programme", "organisation")
        .get(pk=participation.pk)
    )
    existing = Submission.objects.filter(response__participation=locked, reopened_at__isnull=True).first()
    if existing is not None:
        return SubmitOutcome(existing, False)
    membership = load_actor(user).membership(locked.pk)
    if membership is None or membership.role != ParticipationMember.Role.PENVOERDER:
        raise DomainError(_("Alleen de penvoerder kan de scan indienen."), code="forbidden")
    ctx = edit_context(user=user, participation=locked)
    response = Response.objects.filter(participation=locked).first()
    answers = dict(Answer.objects.filter(response=response).values_list("question_key", "value")) if response else {}
    problems = logic.issues(ctx.definition, answers)
    if response is None or problems:
        raise DomainError(
            ngettext(
                "De scan kan nog niet worden ingediend: %(n)s antwoord ontbreekt of klopt niet. De controlepagina laat zien welk.",
                "De scan kan nog niet worden ingediend: %(n)s antwoorden ontbreken of kloppen niet. De controlepagina laat zien welke.",
                len(problems) or 1,
            )
            % {"n": len(problems) or 1},
            code="incomplete",
        )
    now = timezone.now()
    number = (Submission.objects.filter(response=response).aggregate(n=Max("number"))["n"] or 0) + 1
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                response=response,
                number=number,
                receipt_code=_receipt_code(locked.edition.year),
                submitted_at=now,
                submitted_by=user,
                answers={k: v for k, v in answers.items() if v is not None},
            )
    except IntegrityError:  # submitted concurrently: the other request won
        return SubmitOutcome(Submission.objects.get(response=response, reopened_at__isnull=True), False)
    Participation.objects.filter(pk=locked.pk).update(
        scan_status=ScanStatus.SUBMITTED, submitted_at=now, scan_progress=100
    )
    participation.scan_status, participation.submitted_at, participation.scan_progress = ScanStatus.SUBMITTED, now, 100
    record(
        "scan.submitted",
        actor=user,
        obj=locked,
        organisation=locked.organisation,
        programme=locked.edition.programme,
        details={"receipt": submission.receipt_code, "number": number, "answers": len(submission.answers)},
    )
    _mail_receipt(locked, submission, user, language)
    return SubmitOutcome(submission, True)


def _mail_receipt(participation: Participation, submission: Submission, user: Any, language: str) -> None:
    recipients = {user.email.lower(): Recipient(user.email, getattr(user, "display_name", ""))}
    penvoerder = (
        participation.members.filter(is_active=True, role=ParticipationMember.Role.PENVOERDER)
        .select_related("user")
        .first()
    )
    if penvoerder is not None:
        recipients.setdefault(
            penvoerder.user.email.lower(), Recipient(penvoerder.user.email, penvoerder.user.display_name)
        )
    send_mail(
        to=list(recipients.values()),
        template="scan/mail/submitted",
        context={"participation": participation, "submission": submission, "submitter": user},
        language=getattr(user, "language", "") or language,
        reply_to=participation.edition.programme.contact_email,
    )


@transaction.atomic
def response_reopen(
    *, actor: Any, participation: Participation, reason: str, extend_to: dt.datetime | None = None
) -> Submission:
    """The service desk reopens a submitted scan (reason required, audited); optionally with a
    later deadline for this participation."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError(_("Geef een reden op; de penvoerder krijgt die te lezen."))
    locked = (
        Participation.objects.select_for_update()
        .select_related("edition__programme", "organisation")
        .get(pk=participation.pk)
    )
    submission = Submission.objects.filter(response__participation=locked, reopened_at__isnull=True).first()
    if submission is None:
        raise DomainError(_("Deze scan is niet ingediend en hoeft dus niet te worden heropend."))
    now = timezone.now()
    if extend_to is not None:
        _check_extension(locked, extend_to, now)
    submission.reopened_at = now
    submission.reopened_by = actor
    submission.reopen_reason = reason[:500]
    submission.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
    changes: dict[str, Any] = {"scan_status": ScanStatus.REOPENED, "submitted_at": None}
    if extend_to is not None:
        changes["deadline_extended_to"] = extend_to
    Participation.objects.filter(pk=locked.pk).update(**changes)
    for field, value in changes.items():
        setattr(participation, field, value)
    record(
        "scan.reopened",
        actor=actor,
        obj=locked,
        organisation=locked.organisation,
        programme=locked.edition.programme,
        reason=reason,
        details={"receipt": submission.receipt_code, "deadline": extend_to.isoformat() if extend_to else None},
    )
    _mail_penvoerder(locked, "scan/mail/reopened", {"reason": reason, "deadline": extend_to or locked.deadline})
    return submission


@transaction.atomic
def deadline_extend(*, actor: Any, participation: Participation, until: dt.datetime, reason: str) -> Participation:
    """A later deadline for one participation (reason required, audited)."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError(_("Geef een reden op voor het verlengen van de inleverdatum."))
    locked = (
        Participation.objects.select_for_update()
        .select_related("edition__programme", "organisation")
        .get(pk=participation.pk)
    )
    _check_extension(locked, until, timezone.now())
    previous = locked.deadline
    Participation.objects.filter(pk=locked.pk).update(deadline_extended_to=until)
    participation.deadline_extended_to = until
    record(
        "scan.deadline_extended",
        actor=actor,
        obj=locked,
        organisation=locked.organisation,
        programme=locked.edition.programme,
        reason=reason,
        details={"from": previous.isoformat(), "to": until.isoformat()},
    )
    _mail_penvoerder(locked, "scan/mail/deadline_extended", {"reason": reason, "deadline": until})
    return participation


def _check_extension(participation: Participation, until: dt.datetime, now: dt.datetime) -> None:
    """An extension lies in the future and never shortens the deadline that applies now."""
    if until <= now:
        raise DomainError(_("De nieuwe inleverdatum moet in de toekomst liggen."))
    current = participation.deadline
    if until <= current:
        raise DomainError(
            _(
                "De nieuwe inleverdatum moet na de inleverdatum liggen die nu geldt (%(date)s); verlengen kan de termijn niet korter maken."
            )
            % {"date": formats.date_format(timezone.localtime(current), "j F Y H:i")}
        )


def _mail_penvoerder(participation: Participation, template: str, context: dict[str, Any]) -> None:
    penvoerder = (
        participation.members.filter(is_active=True, role=ParticipationMember.Role.PENVOERDER)
        .select_related("user")
        .first()
    )
    if penvoerder is not None:
        recipient = Recipient(penvoerder.user.email, penvoerder.user.display_name)
        language = penvoerder.user.language or "nl"
    elif participation.contact_email:
        recipient = Recipient(participation.contact_email, participation.contact_name)
        language = "nl"
    else:
        return
    send_mail(
        to=[recipient],
        template=template,
        context={"participation": participation, **context},
        language=language,
        reply_to=participation.edition.programme.contact_email,
    )
