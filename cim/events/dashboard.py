"""Dashboard panels: the organisation's masterclass attendance (with a warning while the
penvoerder is not registered for masterclass 1), and the staff's overview of the same warning."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest

from cim.access.roles import Perm
from cim.access.scoping import actor_of, editions_managed
from cim.core.registry import Panel, register_dashboard
from cim.editions.lifecycle import EditionStatus
from cim.editions.selectors import member_participations
from cim.events import selectors
from cim.events.models import Event, Registration


def member_panels(request: HttpRequest) -> Iterable[Panel]:
    actor = actor_of(request)
    if not actor.is_member:
        return []
    participations = [
        p for p in member_participations(actor) if p.takes_masterclasses and p.edition.status != EditionStatus.ARCHIVED
    ]
    if not participations:
        return []
    events_by_edition: dict[int, list[Event]] = {}
    for event in Event.objects.filter(edition_id__in={p.edition_id for p in participations}):
        events_by_edition.setdefault(event.edition_id, []).append(event)
    attendance = selectors.attendance_by_participation([p.pk for p in participations])
    own = [p for p in participations if (m := actor.membership(p.pk)) is not None and m.role == "penvoerder"]
    missing = selectors.penvoerders_missing_mc1_among(own)
    items = []
    for participation in participations:
        events = sorted(events_by_edition.get(participation.edition_id, []), key=lambda e: e.order)
        if not events:
            continue
        membership = actor.membership(participation.pk)
        is_penvoerder = membership is not None and membership.role == "penvoerder"
        items.append(
            {
                "participation": participation,
                "is_penvoerder": is_penvoerder,
                "mc1_missing": participation.pk in missing,
                "rows": [
                    (event, attendance.get(participation.pk, {}).get(event.pk, selectors.Attendance()))
                    for event in events
                ],
            }
        )
    if not items:
        return []
    return [Panel("events/panels/member.html", {"items": items}, order=25)]


def staff_panels(request: HttpRequest) -> Iterable[Panel]:
    actor = actor_of(request)
    if not actor.programmes_with(Perm.MANAGE_PROGRAMME):
        return []
    editions = list(
        editions_managed(actor)
        .filter(status__in=[EditionStatus.DRAFT, EditionStatus.OPEN, EditionStatus.CLOSED])
        .filter(events__isnull=False)
        .distinct()
        .order_by("-year")[:3]
    )
    if not editions:
        return []
    rows = []
    for edition in editions:
        rows.append(
            {
                "edition": edition,
                "registrations": Registration.objects.filter(
                    event__edition=edition, status=Registration.Status.CONFIRMED
                ).count(),
                "waiting": Registration.objects.filter(
                    event__edition=edition, status=Registration.Status.WAITLISTED
                ).count(),
                "missing": selectors.penvoerders_missing_mc1(edition),
            }
        )
    return [Panel("events/panels/staff.html", {"rows": rows}, order=15)]


register_dashboard(member_panels)
register_dashboard(staff_panels)
