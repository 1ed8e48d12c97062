"""Attendees' personal data is kept for a limited time (EVENTS_RETENTION_DAYS after the session
ended), then anonymised: the registration stays (counts and attendance per organisation remain
correct), the person does not."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone

from cim.audit.log import record
from cim.events.models import Registration

ANONYMOUS_NAME = "Geanonimiseerd"


def due_for_anonymisation(*, now: dt.datetime, retention_days: int):  # type: ignore[no-untyped-def]
    cutoff = now - dt.timedelta(days=retention_days)
    return Registration.objects.filter(anonymised_at__isnull=True, session__ends_at__lt=cutoff)


@transaction.atomic
def registrations_anonymise(*, now: dt.datetime | None = None, retention_days: int, dry_run: bool = False) -> int:
    if retention_days < 0:
        raise ValueError("retention_days must not be negative")
    now = now or timezone.now()
    pks = list(due_for_anonymisation(now=now, retention_days=retention_days).values_list("pk", flat=True))
    if dry_run or not pks:
        return len(pks)
    for pk in pks:
        Registration.objects.filter(pk=pk).update(
            uuid=uuid.uuid4(),  # personal links stop working
            name=ANONYMOUS_NAME,
            email=f"geanonimiseerd-{pk}@example.invalid",
            function="",
            dietary="",
            listed_consent=False,
            anonymised_at=now,
            updated_at=now,
        )
    record(
        "events.attendees_anonymised",
        details={"registrations": len(pks), "retention_days": retention_days},
    )
    return len(pks)
