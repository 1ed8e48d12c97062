"""Reminder e-mails from the service desk to the penvoerders of chosen participations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from cim.audit.log import record
from cim.core.errors import DomainError
from cim.core.mail import Recipient, send_mail
from cim.editions.models import Edition, Participation, ParticipationMember, ScanStatus

MAX_REMINDERS = 500
MESSAGE_MAX = 2000


@dataclass
class ReminderResult:
    sent: list[Participation] = field(default_factory=list)
    skipped_submitted: list[Participation] = field(default_factory=list)
    skipped_no_address: list[Participation] = field(default_factory=list)


@transaction.atomic
def reminders_send(*, actor: Any, edition: Edition, participation_ids: list[int], message: str = "") -> ReminderResult:
    """E-mail the penvoerder (or the known contact) of each chosen participation that has not
    submitted. Each reminder is audited."""
    if not participation_ids:
        raise DomainError(_("Kies een of meer deelnemers."))
    if len(participation_ids) > MAX_REMINDERS:
        raise DomainError(_("Stuur hoogstens %(n)s herinneringen tegelijk.") % {"n": MAX_REMINDERS})
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise DomainError(_("Het bericht is langer dan %(n)s tekens.") % {"n": MESSAGE_MAX})
    participations = list(
        Participation.objects.filter(edition=edition, pk__in=participation_ids, status=Participation.Status.ACTIVE)
        .select_related("organisation", "edition__programme")
        .prefetch_related("members__user")
    )
    if len(participations) != len(set(participation_ids)):
        raise DomainError(_("Een of meer gekozen deelnemers horen niet bij deze editie."))
    result = ReminderResult()
    for participation in participations:
        if participation.scan_status == ScanStatus.SUBMITTED:
            result.skipped_submitted.append(participation)
            continue
        penvoerder = next(
            (m for m in participation.members.all() if m.is_active and m.role == ParticipationMember.Role.PENVOERDER),
            None,
        )
        if penvoerder is not None:
            recipient = Recipient(penvoerder.user.email, penvoerder.user.display_name)
            language = penvoerder.user.language or "nl"
        elif participation.contact_email:
            recipient = Recipient(participation.contact_email, participation.contact_name)
            language = "nl"
        else:
            result.skipped_no_address.append(participation)
            continue
        send_mail(
            to=[recipient],
            template="scan/mail/reminder",
            context={"participation": participation, "message": message, "has_account": penvoerder is not None},
            language=language,
            reply_to=edition.programme.contact_email,
        )
        record(
            "scan.reminder_sent",
            actor=actor,
            obj=participation,
            organisation=participation.organisation,
            programme=edition.programme,
            details={
                "to": recipient.email,
                "progress": participation.scan_progress,
                "status": participation.scan_status,
            },
        )
        result.sent.append(participation)
    return result
