"""Reminder kinds for the service desk's `send_reminders`: the day before a session, and a nudge
to penvoerders who have not registered for masterclass 1 in the three weeks before it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cim.core.registry import DueReminder, ReminderKind, register_reminder_kind
from cim.editions.models import ParticipationMember
from cim.events import selectors
from cim.events.models import Event, EventKind, Registration, Session
from cim.events.services.notifications import manage_url

MC1_NUDGE_DAYS = 21


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def session_tomorrow_due(today: dt.date) -> Iterable[DueReminder]:
    start, end = _day_bounds(today + dt.timedelta(days=1))
    registrations = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        session__status=Session.Status.SCHEDULED,
        session__starts_at__gte=start,
        session__starts_at__lt=end,
        anonymised_at__isnull=True,
    ).select_related("session__event__edition__programme")
    for registration in registrations:
        session = registration.session
        yield DueReminder(
            key=f"{registration.pk}:{timezone.localtime(session.starts_at):%Y-%m-%d}",
            email=registration.email,
            name=registration.name,
            language=registration.language,
            programme_id=session.event.edition.programme_id,
            context={
                "registration": registration,
                "session": session,
                "event": session.event,
                "manage_url": manage_url(registration),
            },
        )


def penvoerder_mc1_due(today: dt.date) -> Iterable[DueReminder]:
    start, _end = _day_bounds(today)
    horizon = start + dt.timedelta(days=MC1_NUDGE_DAYS + 1)
    events = (
        Event.objects.filter(
            kind=EventKind.MASTERCLASS_1,
            sessions__status=Session.Status.SCHEDULED,
            sessions__starts_at__gt=start,
            sessions__starts_at__lt=horizon,
        )
        .distinct()
        .select_related("edition__programme")
    )
    for event in events:
        missing = selectors.penvoerders_missing_mc1(event.edition)
        penvoerders = {
            m.participation_id: m.user
            for m in ParticipationMember.objects.filter(
                participation__in=missing, role=ParticipationMember.Role.PENVOERDER, is_active=True
            ).select_related("user")
        }
        for participation in missing:
            user = penvoerders.get(participation.pk)
            if user is None:
                continue  # nobody has redeemed the login code yet; the service desk follows that up
            yield DueReminder(
                key=f"{participation.pk}:{event.pk}",
                email=user.email,
                name=user.display_name,
                language=user.language,
                programme_id=event.edition.programme_id,
                context={"event": event, "participation": participation, "organisation": participation.organisation},
            )


register_reminder_kind(
    ReminderKind(
        code="events.session_tomorrow",
        label=_("Bijeenkomst morgen"),
        description=_("Aan iedereen met een bevestigde plaats, de dag voor de sessie."),
        template="events/mail/reminder_session",
        due=session_tomorrow_due,
    )
)
register_reminder_kind(
    ReminderKind(
        code="events.penvoerder_mc1",
        label=_("Penvoerder nog niet aangemeld voor masterclass 1"),
        description=_(
            "Eén keer aan penvoerders die nog niet zijn aangemeld, in de drie weken voor een sessie van masterclass 1."
        ),
        template="events/mail/reminder_penvoerder_mc1",
        due=penvoerder_mc1_due,
    )
)
