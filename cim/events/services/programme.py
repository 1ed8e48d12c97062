"""Staff write the programme: default events per edition, event content, sessions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cim.audit.log import record
from cim.core.errors import DomainError
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition
from cim.events import rules
from cim.events.defaults import DEFAULT_EVENTS
from cim.events.models import Event, Registration, Session
from cim.events.services import notifications
from cim.events.services.registrations import fill_from_waitlist_locked, lock_session, seats_taken

EVENT_FIELDS = (
    "title",
    "title_en",
    "audience",
    "audience_en",
    "description",
    "description_en",
    "half_days",
    "lunch",
    "quota_per_organisation",
    "companions_from_mc1",
    "requires_project",
    "public_registration",
    "cancel_until_hours",
    "offer_valid_hours",
)
LOGISTICS = ("starts_at", "ends_at", "location", "online_url")


def _check_edition_editable(edition: Edition) -> None:
    if edition.status == EditionStatus.ARCHIVED:
        raise DomainError(_("Een gearchiveerde editie kan niet meer worden gewijzigd."), code="archived")


@transaction.atomic
def programme_create_defaults(*, actor: Any, edition: Edition) -> list[Event]:
    """The four masterclasses and the closing meeting with the programme's default content; events
    that exist already are left as they are."""
    _check_edition_editable(edition)
    existing = set(Event.objects.filter(edition=edition).values_list("kind", flat=True))
    created = []
    for default in DEFAULT_EVENTS:
        if default.kind in existing:
            continue
        event = Event(
            edition=edition,
            kind=default.kind,
            title=default.title,
            title_en=default.title_en,
            audience=default.audience,
            audience_en=default.audience_en,
            description=default.description,
            description_en=default.description_en,
            half_days=default.half_days,
            lunch=default.lunch,
            quota_per_organisation=default.quota,
            companions_from_mc1=default.companions_from_mc1,
            requires_project=default.requires_project,
            public_registration=default.public_registration,
        )
        event.full_clean()
        event.save()
        created.append(event)
    if not created:
        raise DomainError(_("Deze editie heeft het volledige programma al."), code="exists")
    record(
        "events.programme_created",
        actor=actor,
        obj=edition,
        programme=edition.programme,
        details={"kinds": [e.kind for e in created]},
    )
    return created


@transaction.atomic
def event_update(*, actor: Any, event: Event, **changes: Any) -> Event:
    unknown = set(changes) - set(EVENT_FIELDS)
    if unknown:
        raise DomainError(_("Deze velden kunnen niet worden gewijzigd: %(f)s") % {"f": ", ".join(sorted(unknown))})
    _check_edition_editable(event.edition)
    locked = Event.objects.select_for_update().get(pk=event.pk)
    before = {f: getattr(locked, f) for f in changes}
    for field, value in changes.items():
        setattr(locked, field, value)
    locked.full_clean()
    locked.save()
    diff = {f: [str(before[f])[:200], str(v)[:200]] for f, v in changes.items() if before[f] != v}
    if diff:
        record(
            "events.event_updated",
            actor=actor,
            obj=locked,
            programme=locked.edition.programme,
            details={"changes": diff},
        )
    return locked


@transaction.atomic
def session_create(
    *,
    actor: Any,
    event: Event,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    capacity: int,
    location: str = "",
    online_url: str = "",
) -> Session:
    _check_edition_editable(event.edition)
    if starts_at <= timezone.now():
        raise DomainError(_("Een nieuwe sessie ligt in de toekomst."), code="past")
    session = Session(
        event=event,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        location=location,
        online_url=online_url.strip(),
    )
    session.full_clean()
    session.save()
    record(
        "events.session_created",
        actor=actor,
        obj=session,
        programme=event.edition.programme,
        details={"starts_at": starts_at.isoformat(), "capacity": capacity},
    )
    return session


@transaction.atomic
def session_update(
    *,
    actor: Any,
    session_id: int,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    capacity: int,
    location: str = "",
    online_url: str = "",
) -> Session:
    """Change a session. Everyone registered gets an update (with a new calendar file) when the
    time or the place changes; extra seats go to the waiting list."""
    now = timezone.now()
    session = lock_session(session_id)
    _check_edition_editable(session.event.edition)
    if session.is_cancelled:
        raise DomainError(_("Deze sessie is afgelast en kan niet meer worden gewijzigd."), code="cancelled")
    try:
        rules.CapacityChange(capacity=capacity, seats_taken=seats_taken(session)).check()
    except rules.RuleBroken as exc:
        raise DomainError(exc.message, code=exc.code) from exc
    before = {f: getattr(session, f) for f in (*LOGISTICS, "capacity")}
    session.starts_at, session.ends_at, session.capacity = starts_at, ends_at, capacity
    session.location, session.online_url = location, online_url.strip()
    session.full_clean()
    session.save()
    changed = [f for f in (*LOGISTICS, "capacity") if before[f] != getattr(session, f)]
    if not changed:
        return session
    record(
        "events.session_updated",
        actor=actor,
        obj=session,
        programme=session.event.edition.programme,
        details={"changes": {f: [str(before[f]), str(getattr(session, f))] for f in changed}},
    )
    logistics_changed = [f for f in changed if f in LOGISTICS]
    if logistics_changed:
        for registration in Registration.objects.select_for_update().filter(
            session=session, status__in=rules.ACTIVE_STATUSES
        ):
            registration.session = session
            if registration.status == Registration.Status.CONFIRMED:
                registration.ics_sequence += 1
                registration.save(update_fields=["ics_sequence", "updated_at"])
            notifications.send_update(registration, changes=logistics_changed)
    if session.capacity > before["capacity"]:
        fill_from_waitlist_locked(session, now=now)
    return session


@transaction.atomic
def session_cancel(*, actor: Any, session_id: int, reason: str) -> Session:
    """Call a session off: every registration is cancelled and told why (with a cancelling calendar file)."""
    reason = " ".join(reason.split())[:500]
    if not reason:
        raise DomainError(_("Geef een reden op; de aangemelde deelnemers krijgen die te lezen."), code="reason")
    now = timezone.now()
    session = lock_session(session_id)
    if session.is_cancelled:
        raise DomainError(_("Deze sessie is al afgelast."), code="cancelled")
    if session.ends_at <= now:
        raise DomainError(_("Deze sessie is al voorbij."), code="past")
    session.status = Session.Status.CANCELLED
    session.cancelled_at = now
    session.cancel_reason = reason
    session.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"])
    affected = list(Registration.objects.select_for_update().filter(session=session, status__in=rules.ACTIVE_STATUSES))
    for registration in affected:
        registration.session = session
        had_seat = registration.holds_seat
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.cancel_reason = reason[:300]
        registration.offer_expires_at = None
        if had_seat:
            registration.ics_sequence += 1
        registration.save()
        notifications.send_session_cancelled(registration, had_seat=had_seat, reason=reason)
    record(
        "events.session_cancelled",
        actor=actor,
        obj=session,
        programme=session.event.edition.programme,
        reason=reason,
        details={"registrations": len(affected)},
    )
    return session
