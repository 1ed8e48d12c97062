"""The service desk's own reminder kinds: the scan deadline (14 and 3 days before) for
participations that have not submitted, results released, and a feedback moment tomorrow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cim.core.registry import DueReminder, ReminderKind, register_reminder_kind
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import FeedbackMoment, Participation, ParticipationMember, ScanStatus
from cim.servicedesk import reminder_rules


def _with_penvoerder(queryset: Any) -> Any:
    return queryset.select_related("organisation", "edition__programme").prefetch_related(
        Prefetch(
            "members",
            queryset=ParticipationMember.objects.filter(
                is_active=True, role=ParticipationMember.Role.PENVOERDER, user__is_active=True
            ).select_related("user"),
            to_attr="active_penvoerders",
        )
    )


def _addressee(participation: Participation) -> tuple[str, str, str] | None:
    """(e-mail, name, language) of the penvoerder, or of the contact while nobody registered."""
    penvoerders = getattr(participation, "active_penvoerders", [])
    if penvoerders:
        user = penvoerders[0].user
        return user.email, user.display_name, user.language
    if participation.contact_email:
        return participation.contact_email, participation.contact_name, "nl"
    return None


def _deadline_due(code: str) -> Any:
    def due(today: dt.date) -> Iterator[DueReminder]:
        participations = _with_penvoerder(
            Participation.objects.filter(
                status=Participation.Status.ACTIVE,
                takes_monitor=True,
                edition__status=EditionStatus.OPEN,
            ).exclude(scan_status=ScanStatus.SUBMITTED)
        )
        for participation in participations:
            deadline = timezone.localtime(participation.deadline)
            if not reminder_rules.deadline_reminder_due(code, deadline_date=deadline.date(), today=today):
                continue
            addressee = _addressee(participation)
            if addressee is None:
                continue
            email, name, language = addressee
            yield DueReminder(
                key=f"{participation.pk}:{deadline.date().isoformat()}",
                email=email,
                name=name,
                language=language,
                programme_id=participation.edition.programme_id,
                context={
                    "participation": participation,
                    "organisation": participation.organisation,
                    "edition": participation.edition,
                    "deadline": deadline,
                    "days_left": reminder_rules.days_left(deadline.date(), today),
                    "progress": participation.scan_progress,
                },
            )

    return due


def _results_released_due(today: dt.date) -> Iterable[DueReminder]:
    participations = _with_penvoerder(
        Participation.objects.filter(
            status=Participation.Status.ACTIVE,
            takes_monitor=True,
            edition__status=EditionStatus.RESULTS_RELEASED,
        )
    )
    for participation in participations:
        changed = participation.edition.status_changed_at
        released_on = timezone.localtime(changed).date() if changed else None
        if not reminder_rules.results_reminder_due(released_on=released_on, today=today):
            continue
        addressee = _addressee(participation)
        if addressee is None:
            continue
        email, name, language = addressee
        yield DueReminder(
            key=f"{participation.pk}",
            email=email,
            name=name,
            language=language,
            programme_id=participation.edition.programme_id,
            context={
                "participation": participation,
                "organisation": participation.organisation,
                "edition": participation.edition,
            },
        )


def _feedback_moment_due(today: dt.date) -> Iterable[DueReminder]:
    tomorrow = today + dt.timedelta(days=1)
    moments = list(
        FeedbackMoment.objects.filter(date=tomorrow)
        .exclude(edition__status__in=[EditionStatus.DRAFT, EditionStatus.ARCHIVED])
        .select_related("edition__programme")
    )
    for moment in moments:
        participations = _with_penvoerder(
            Participation.objects.filter(edition=moment.edition, status=Participation.Status.ACTIVE)
        )
        for participation in participations:
            addressee = _addressee(participation)
            if addressee is None:
                continue
            email, name, language = addressee
            yield DueReminder(
                key=f"{moment.pk}:{moment.date.isoformat()}:{participation.pk}",
                email=email,
                name=name,
                language=language,
                programme_id=moment.edition.programme_id,
                context={
                    "moment": moment,
                    "participation": participation,
                    "organisation": participation.organisation,
                    "edition": moment.edition,
                },
            )


register_reminder_kind(
    ReminderKind(
        code="scan.deadline_14",
        label=_("Inleverdatum over 14 dagen"),
        description=_(
            "Aan penvoerders van deelnemers aan de monitor die nog niet hebben ingediend, vanaf 14 dagen voor hun inleverdatum."
        ),
        template="servicedesk/mail/reminder_deadline",
        due=_deadline_due("scan.deadline_14"),
    )
)
register_reminder_kind(
    ReminderKind(
        code="scan.deadline_3",
        label=_("Inleverdatum over 3 dagen"),
        description=_(
            "Aan penvoerders van deelnemers aan de monitor die nog niet hebben ingediend, vanaf 3 dagen voor hun inleverdatum."
        ),
        template="servicedesk/mail/reminder_deadline",
        due=_deadline_due("scan.deadline_3"),
    )
)
register_reminder_kind(
    ReminderKind(
        code="results.released",
        label=_("Resultaten vrijgegeven"),
        description=_(
            "Aan penvoerders van deelnemers aan de monitor, in de twee weken nadat de resultaten van hun editie zijn vrijgegeven."
        ),
        template="servicedesk/mail/reminder_results",
        due=_results_released_due,
    )
)
register_reminder_kind(
    ReminderKind(
        code="edition.feedback_moment",
        label=_("Terugkoppelmoment morgen"),
        description=_("Aan alle penvoerders van de editie, de dag voor een terugkoppelmoment."),
        template="servicedesk/mail/reminder_feedback_moment",
        due=_feedback_moment_due,
    )
)
