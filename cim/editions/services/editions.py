"""Writes to editions: create, update, status steps along the timeline, feedback moments."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cim.audit.log import record
from cim.core.errors import DomainError
from cim.editions import timeline
from cim.editions.lifecycle import EditionStatus, results_visible
from cim.editions.models import Edition, FeedbackMoment, Participation, Programme, ScanStatus
from cim.editions.services.login_codes import codes_follow_opening


def _validation_message(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


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
    allow_past: bool = False,
) -> Edition:
    """A new edition in preparation. A deadline in the past is refused unless `allow_past`
    (recording an earlier edition, as the demo does)."""
    if Edition.objects.filter(programme=programme, year=year).exists():
        raise DomainError(_("Er bestaat al een editie voor %(year)s.") % {"year": year})
    if not allow_past and submission_deadline <= timezone.now():
        raise DomainError(_("De inleverdatum ligt in het verleden. Kies een datum in de toekomst."))
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
DATE_FIELDS = ("opens_at", "submission_deadline", "closing_meeting_date")


def _check_date_changes(edition: Edition, before: dict[str, Any], now: dt.datetime) -> None:
    changed = {f for f in DATE_FIELDS if f in before and before[f] != getattr(edition, f)}
    if not changed:
        return
    if results_visible(edition.status):
        raise DomainError(_("De resultaten zijn vrijgegeven; de planning van deze editie ligt vast."))
    if "opens_at" in changed and edition.status != EditionStatus.DRAFT:
        raise DomainError(
            _(
                "De editie is al geopend; de openingsdatum ligt vast. Sluit of verleng in plaats daarvan de inleverdatum."
            )
        )
    if "submission_deadline" in changed and edition.submission_deadline <= now:
        raise DomainError(_("De inleverdatum ligt in het verleden. Kies een datum in de toekomst."))


@transaction.atomic
def edition_update(*, actor: Any, edition: Edition, **changes: Any) -> Edition:
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("Deze velden kunnen niet worden gewijzigd: %(f)s") % {"f": ", ".join(sorted(unknown))})
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    before = {f: getattr(edition, f) for f in changes}
    for field, value in changes.items():
        setattr(edition, field, value)
    _check_date_changes(edition, before, timezone.now())
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
    if "opens_at" in diff:
        codes_follow_opening(edition=edition)
    return edition


def latest_extension(edition: Edition) -> dt.datetime | None:
    """The latest extended deadline of an active participation that has not submitted."""
    value = (
        Participation.objects.filter(
            edition=edition,
            status=Participation.Status.ACTIVE,
            takes_monitor=True,
            deadline_extended_to__gt=edition.submission_deadline,
        )
        .exclude(scan_status=ScanStatus.SUBMITTED)
        .aggregate(latest=Max("deadline_extended_to"))["latest"]
    )
    return value if isinstance(value, dt.datetime) else None


def step_check(edition: Edition, to_status: str, now: dt.datetime | None = None) -> timeline.StepCheck:
    """What the timeline says about this step now (shown before staff confirm)."""
    dates = edition.dates()
    if edition.status == EditionStatus.OPEN:
        dates = dataclasses.replace(dates, extensions_until=latest_extension(edition))
    return timeline.check_step(edition.status, to_status, dates, now or timezone.now())


@transaction.atomic
def edition_change_status(
    *,
    actor: Any,
    edition: Edition,
    to_status: str,
    reason: str = "",
    expected_status: str = "",
    new_deadline: dt.datetime | None = None,
) -> Edition:
    """Take one step in the edition's life. A step against the timeline (opening before the
    opening date, closing before the deadline, releasing before the results moment, reopening)
    needs a `reason`, recorded with the step. `expected_status` (the status the person saw)
    refuses a stale or repeated submit; `new_deadline` goes with a reopening."""
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    if expected_status and expected_status != locked.status:
        raise DomainError(
            _("De status van deze editie is intussen gewijzigd in '%(status)s'. Bekijk de pagina opnieuw.")
            % {"status": locked.get_status_display()},
            code="stale",
        )
    now = timezone.now()
    reason = " ".join((reason or "").split())[:500]
    check = step_check(locked, to_status, now)
    if not check.allowed:
        raise DomainError(check.refusal, code="invalid_transition")
    if check.needs_reason and not reason:
        raise DomainError(check.needs_reason + " " + _("Geef een reden op."), code="reason_required")
    previous = locked.status
    details: dict[str, Any] = {"from": previous, "to": to_status}
    update = ["status", "status_changed_at", "updated_at"]
    if to_status == EditionStatus.OPEN and previous == EditionStatus.DRAFT and now < locked.opens_at:
        details["opens_at"] = [locked.opens_at.isoformat(), now.isoformat()]
        locked.opens_at = now
        update.append("opens_at")
    if to_status == EditionStatus.OPEN and previous == EditionStatus.CLOSED:
        if new_deadline is not None:
            if new_deadline <= now:
                raise DomainError(_("De nieuwe inleverdatum moet in de toekomst liggen."))
            details["deadline"] = [locked.submission_deadline.isoformat(), new_deadline.isoformat()]
            locked.submission_deadline = new_deadline
            update.append("submission_deadline")
        elif locked.submission_deadline <= now:
            raise DomainError(
                _(
                    "De inleverdatum is voorbij; na heropenen zou niemand kunnen invullen. Geef een nieuwe inleverdatum op."
                )
            )
    elif new_deadline is not None:
        raise DomainError(_("Een nieuwe inleverdatum hoort alleen bij het heropenen van een editie."))
    locked.status = to_status
    locked.status_changed_at = now
    try:
        locked.full_clean()
    except ValidationError as exc:
        raise DomainError(_validation_message(exc)) from exc
    locked.save(update_fields=update)
    if check.needs_reason:
        details["override"] = check.needs_reason
    record(
        "edition.status_changed",
        actor=actor,
        obj=locked,
        programme=locked.programme,
        reason=reason,
        details=details,
    )
    if "opens_at" in update:
        codes_follow_opening(edition=locked)
    edition.refresh_from_db()
    return locked


@transaction.atomic
def feedback_moment_add(
    *,
    actor: Any,
    edition: Edition,
    date: dt.date,
    description: str,
    description_en: str = "",
    kind: str = FeedbackMoment.Kind.PROGRESS,
) -> FeedbackMoment:
    if edition.status == EditionStatus.ARCHIVED:
        raise DomainError(_("Een gearchiveerde editie kan niet meer worden gewijzigd."))
    if kind not in FeedbackMoment.Kind.values:
        raise DomainError(_("Kies het soort terugkoppelmoment: tussentijds of resultaten."))
    moment = FeedbackMoment(
        edition=edition, date=date, kind=kind, description=description, description_en=description_en
    )
    moment.full_clean()
    dates = edition.dates()
    problems = timeline.moment_problems(
        moment.as_moment(),
        dates,
        opens=timeline.local_date(dates.opens_at),
        deadline=timeline.local_date(dates.deadline),
    )
    if problems:
        raise DomainError(" ".join(problems))
    moment.save()
    record(
        "edition.feedback_moment_added",
        actor=actor,
        obj=moment,
        programme=edition.programme,
        details={"date": str(date), "kind": kind},
    )
    return moment


@transaction.atomic
def feedback_moment_remove(*, actor: Any, moment: FeedbackMoment) -> None:
    edition = moment.edition
    if results_visible(edition.status) and moment.kind == FeedbackMoment.Kind.RESULTS:
        raise DomainError(_("De resultaten zijn op dit moment vrijgegeven; het blijft in de planning staan."))
    record(
        "edition.feedback_moment_removed",
        actor=actor,
        obj=moment,
        programme=edition.programme,
        details={"date": str(moment.date), "description": moment.description},
    )
    moment.delete()
