"""Check-in on the day: present, no-show, and the certificate that attendance earns."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cim.audit.log import record
from cim.core.errors import DomainError
from cim.events import rules
from cim.events.models import Registration
from cim.events.services.registrations import lock_session

Attendance = Registration.Attendance


@transaction.atomic
def attendance_mark(*, actor: Any, registration_id: int, attendance: str) -> Registration:
    if attendance not in Attendance.values:
        raise DomainError(_("Kies aanwezig of niet verschenen."), code="invalid")
    session_id = Registration.objects.filter(pk=registration_id).values_list("session_id", flat=True).first()
    if session_id is None:
        raise DomainError(_("Deze aanmelding bestaat niet (meer)."), code="unknown")
    session = lock_session(session_id)
    registration = Registration.objects.select_for_update().get(pk=registration_id)
    if registration.status != Registration.Status.CONFIRMED:
        raise DomainError(_("Alleen wie een bevestigde plaats heeft, kan worden ingecheckt."), code="not_confirmed")
    if session.is_cancelled:
        raise DomainError(_("Deze sessie is afgelast."), code="cancelled")
    try:
        rules.check_attendance_window(
            starts_at_local_date=timezone.localtime(session.starts_at).date(),
            today=timezone.localdate(),
        )
    except rules.RuleBroken as exc:
        raise DomainError(exc.message, code=exc.code) from exc
    if registration.attendance == attendance:
        return registration
    registration.attendance = attendance
    registration.attendance_marked_at = timezone.now() if attendance else None
    registration.attendance_marked_by = actor if attendance else None
    registration.save(update_fields=["attendance", "attendance_marked_at", "attendance_marked_by", "updated_at"])
    record(
        "events.attendance_marked",
        actor=actor,
        obj=session,
        organisation=registration.organisation,
        programme=session.event.edition.programme,
        details={"registration": registration.pk, "attendance": attendance or "unknown"},
    )
    return registration


@transaction.atomic
def no_shows_mark(*, actor: Any, session_id: int) -> int:
    """After the start: everyone confirmed and not checked in is marked as not present."""
    session = lock_session(session_id)
    if session.starts_at > timezone.now():
        raise DomainError(
            _("Niet-verschenen deelnemers markeren kan pas na het begin van de sessie."), code="too_early"
        )
    now = timezone.now()
    count = Registration.objects.filter(
        session=session, status=Registration.Status.CONFIRMED, attendance=Attendance.UNKNOWN
    ).update(attendance=Attendance.ABSENT, attendance_marked_at=now, attendance_marked_by=actor, updated_at=now)
    if count:
        record(
            "events.attendance_marked",
            actor=actor,
            obj=session,
            programme=session.event.edition.programme,
            details={"no_shows": count},
        )
    return count
