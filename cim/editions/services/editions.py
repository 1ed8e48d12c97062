"""Writes to editions: create, update, status transitions, feedback moments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cim.audit.log import record
from cim.core.errors import DomainError
from cim.editions.lifecycle import EditionStatus, InvalidTransition, check_transition
from cim.editions.models import Edition, FeedbackMoment, Programme


@transaction.atomic
def edition_create(
    *,
    actor: Any,
    programme: Programme,
    year: int,
    title: str,
    opens_at: dt.datetime,
    submission_deadline: dt.datetime,
    closing_meeting_date: dt.date | None = None,
    title_en: str = "",
) -> Edition:
    if Edition.objects.filter(programme=programme, year=year).exists():
        raise DomainError(_("Er bestaat al een editie voor %(year)s.") % {"year": year})
    edition = Edition(
        programme=programme,
        year=year,
        title=title,
        title_en=title_en,
        opens_at=opens_at,
        submission_deadline=submission_deadline,
        closing_meeting_date=closing_meeting_date,
    )
    edition.full_clean()
    edition.save()
    record("edition.created", actor=actor, obj=edition, programme=programme)
    return edition


EDITABLE_FIELDS = ("title", "title_en", "opens_at", "submission_deadline", "closing_meeting_date")


@transaction.atomic
def edition_update(*, actor: Any, edition: Edition, **changes: Any) -> Edition:
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("Deze velden kunnen niet worden gewijzigd: %(f)s") % {"f": ", ".join(sorted(unknown))})
    before = {f: getattr(edition, f) for f in changes}
    for field, value in changes.items():
        setattr(edition, field, value)
    edition.full_clean()
    edition.save()
    diff = {f: [str(before[f]), str(v)] for f, v in changes.items() if before[f] != v}
    if diff:
        record(
            "edition.updated",
            actor=actor,
            obj=edition,
            programme=edition.programme,
            details={"changes": diff},
        )
    return edition


@transaction.atomic
def edition_change_status(*, actor: Any, edition: Edition, to_status: str) -> Edition:
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    try:
        check_transition(locked.status, to_status)
    except InvalidTransition as exc:
        raise DomainError(str(exc), code="invalid_transition") from exc
    previous = locked.status
    locked.status = to_status
    locked.status_changed_at = timezone.now()
    locked.save(update_fields=["status", "status_changed_at", "updated_at"])
    record(
        "edition.status_changed",
        actor=actor,
        obj=locked,
        programme=locked.programme,
        details={"from": previous, "to": to_status},
    )
    edition.refresh_from_db()
    return locked


@transaction.atomic
def feedback_moment_add(
    *, actor: Any, edition: Edition, date: dt.date, description: str, description_en: str = ""
) -> FeedbackMoment:
    if edition.status == EditionStatus.ARCHIVED:
        raise DomainError(_("Een gearchiveerde editie kan niet meer worden gewijzigd."))
    moment = FeedbackMoment(edition=edition, date=date, description=description, description_en=description_en)
    moment.full_clean()
    moment.save()
    record(
        "edition.feedback_moment_added",
        actor=actor,
        obj=moment,
        programme=edition.programme,
        details={"date": str(date)},
    )
    return moment


@transaction.atomic
def feedback_moment_remove(*, actor: Any, moment: FeedbackMoment) -> None:
    edition = moment.edition
    record(
        "edition.feedback_moment_removed",
        actor=actor,
        obj=moment,
        programme=edition.programme,
        details={"date": str(moment.date), "description": moment.description},
    )
    moment.delete()
