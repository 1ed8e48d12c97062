"""Reads of events and registrations. Callers pass objects they obtained through cim.access
(a participation from `access_participation`, an edition from `access_edition`); nothing here
decides on its own whose registrations someone may see."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition, Participation, ParticipationMember
from cim.events import rules
from cim.events.models import Event, EventKind, EventProject, Registration, Session, SignupLink

Status = Registration.Status
PUBLIC_EDITION_STATUSES = (EditionStatus.OPEN, EditionStatus.CLOSED, EditionStatus.RESULTS_RELEASED)


@dataclass
class SessionStats:
    confirmed: int = 0
    offered: int = 0
    waitlisted: int = 0
    present: int = 0
    capacity: int = 0

    @property
    def seats_taken(self) -> int:
        return self.confirmed + self.offered

    @property
    def seats_left(self) -> int:
        return rules.seats_left(capacity=self.capacity, seats_taken=self.seats_taken)

    @property
    def is_full(self) -> bool:
        return self.seats_left == 0 or self.waitlisted > 0


def session_stats(sessions: list[Session]) -> dict[int, SessionStats]:
    """Seat counts for many sessions in one query."""
    stats = {s.pk: SessionStats(capacity=s.capacity) for s in sessions}
    if not stats:
        return stats
    rows = (
        Registration.objects.filter(session_id__in=list(stats))
        .values("session_id")
        .annotate(
            confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
            offered=Count("pk", filter=Q(status=Status.OFFERED)),
            waitlisted=Count("pk", filter=Q(status=Status.WAITLISTED)),
            present=Count("pk", filter=Q(status=Status.CONFIRMED, attendance=Registration.Attendance.PRESENT)),
        )
    )
    for row in rows:
        s = stats[row["session_id"]]
        s.confirmed, s.offered, s.waitlisted, s.present = (
            row["confirmed"],
            row["offered"],
            row["waitlisted"],
            row["present"],
        )
    return stats


def edition_events(edition: Edition) -> list[Event]:
    events = list(
        Event.objects.filter(edition=edition).prefetch_related(
            Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "pk"))
        )
    )
    return sorted(events, key=lambda e: e.order)


@dataclass
class SessionView:
    session: Session
    stats: SessionStats


@dataclass
class EventView:
    event: Event
    sessions: list[SessionView]
    registrations: list[Registration] = field(default_factory=list)
    quota_used: int = 0
    project: EventProject | None = None

    @property
    def open_sessions(self) -> list[SessionView]:
        now = timezone.now()
        return [s for s in self.sessions if not s.session.is_cancelled and s.session.starts_at > now]

    @property
    def quota_full(self) -> bool:
        quota = self.event.quota_per_organisation
        return quota is not None and self.quota_used >= quota


def _quota_counted(registration: Registration) -> bool:
    from django.conf import settings

    return registration.is_active and rules.counts_towards_quota(
        is_companion=registration.is_companion, companions_count=settings.EVENTS_COMPANIONS_COUNT_TOWARDS_QUOTA
    )


def programme_for(edition: Edition, *, participation: Participation | None = None) -> list[EventView]:
    """The edition's events and sessions with seat counts; with a participation, also that
    organisation's registrations, quota use and MC4 project. A constant number of queries."""
    events = edition_events(edition)
    sessions = [s for e in events for s in e.sessions.all()]
    stats = session_stats(sessions)
    views = [EventView(e, [SessionView(s, stats[s.pk]) for s in e.sessions.all()]) for e in events]
    if participation is None:
        return views
    by_event: dict[int, list[Registration]] = defaultdict(list)
    for registration in (
        Registration.objects.filter(participation=participation)
        .exclude(status=Status.CANCELLED)
        .select_related("session")
        .order_by("session__starts_at", "created_at")
    ):
        by_event[registration.event_id].append(registration)
    projects = {p.event_id: p for p in EventProject.objects.filter(participation=participation)}
    for view in views:
        view.registrations = by_event.get(view.event.pk, [])
        view.quota_used = sum(1 for r in view.registrations if _quota_counted(r))
        view.project = projects.get(view.event.pk)
    return views


def penvoerder_email(participation: Participation) -> str:
    member = (
        ParticipationMember.objects.filter(
            participation=participation, role=ParticipationMember.Role.PENVOERDER, is_active=True
        )
        .select_related("user")
        .first()
    )
    return (member.user.email if member else participation.contact_email or "").lower()


def _penvoerder_emails(participations: list[Participation]) -> dict[int, str]:
    emails = {p.pk: (p.contact_email or "").lower() for p in participations}
    for pid, email in ParticipationMember.objects.filter(
        participation_id__in=list(emails), role=ParticipationMember.Role.PENVOERDER, is_active=True
    ).values_list("participation_id", "user__email"):
        emails[pid] = email.lower()
    return emails


def penvoerders_missing_mc1_among(participations: list[Participation]) -> set[int]:
    """Ids of the active masterclass participations (of any editions) whose penvoerder is not
    registered for their edition's masterclass 1; three queries whatever the number."""
    mc1 = dict(
        Event.objects.filter(
            edition_id__in={p.edition_id for p in participations}, kind=EventKind.MASTERCLASS_1
        ).values_list("edition_id", "pk")
    )
    candidates = [
        p
        for p in participations
        if p.edition_id in mc1 and p.takes_masterclasses and p.status == Participation.Status.ACTIVE
    ]
    if not candidates:
        return set()
    emails = _penvoerder_emails(candidates)
    registered = set(
        Registration.objects.filter(
            event_id__in=list(mc1.values()),
            participation_id__in=[p.pk for p in candidates],
            status__in=rules.ACTIVE_STATUSES,
        ).values_list("participation_id", "email")
    )
    return {p.pk for p in candidates if (p.pk, emails.get(p.pk, "")) not in registered}


def penvoerders_missing_mc1(edition: Edition, participations: list[Participation] | None = None) -> list[Participation]:
    """Active masterclass participants of an edition whose penvoerder is not registered for
    masterclass 1. Empty when the edition has no masterclass 1."""
    if participations is None:
        participations = list(
            Participation.objects.filter(
                edition=edition, status=Participation.Status.ACTIVE, takes_masterclasses=True
            ).select_related("organisation")
        )
    missing = penvoerders_missing_mc1_among(participations)
    return [p for p in participations if p.pk in missing]


@dataclass
class Attendance:
    registered: int = 0
    present: int = 0
    absent: int = 0


def attendance_by_participation(participation_ids: list[int]) -> dict[int, dict[int, Attendance]]:
    """{participation id: {event id: counts}} for non-cancelled registrations, one query."""
    result: dict[int, dict[int, Attendance]] = defaultdict(dict)
    rows = (
        Registration.objects.filter(participation_id__in=participation_ids)
        .exclude(status=Status.CANCELLED)
        .values("participation_id", "event_id")
        .annotate(
            registered=Count("pk", filter=Q(status=Status.CONFIRMED)),
            present=Count("pk", filter=Q(attendance=Registration.Attendance.PRESENT)),
            absent=Count("pk", filter=Q(attendance=Registration.Attendance.ABSENT)),
        )
    )
    for row in rows:
        result[row["participation_id"]][row["event_id"]] = Attendance(row["registered"], row["present"], row["absent"])
    return result


def active_signup_link(participation: Participation) -> SignupLink | None:
    return SignupLink.objects.filter(participation=participation, revoked_at__isnull=True).first()


@dataclass
class SessionOverview:
    session: Session
    stats: SessionStats
    seated: list[Registration]
    waiting: list[Registration]
    cancelled: list[Registration]
    dietary: list[tuple[str, int]]


def session_overview(session: Session) -> SessionOverview:
    registrations = list(
        Registration.objects.filter(session=session).select_related("attendance_marked_by").order_by("created_at")
    )
    seated = sorted(
        (r for r in registrations if r.holds_seat), key=lambda r: (r.organisation_name.casefold(), r.name.casefold())
    )
    waiting = sorted((r for r in registrations if r.status == Status.WAITLISTED), key=lambda r: (r.waitlisted_at, r.pk))
    cancelled = [r for r in registrations if r.status == Status.CANCELLED]
    return SessionOverview(
        session=session,
        stats=session_stats([session])[session.pk],
        seated=seated,
        waiting=waiting,
        cancelled=cancelled,
        dietary=rules.summarise_dietary([r.dietary for r in seated if r.status == Status.CONFIRMED]),
    )


def checkin_list(session: Session, *, query: str = "") -> QuerySet[Registration]:
    qs = Registration.objects.filter(session=session, status=Status.CONFIRMED).order_by("name", "pk")
    if query:
        qs = qs.filter(Q(name__icontains=query[:100]) | Q(organisation_name__icontains=query[:100]))
    return qs


@dataclass
class MunicipalityRow:
    organisation_name: str
    participation: Participation | None
    penvoerder_missing_mc1: bool
    cells: dict[int, list[Registration]]
    columns: list[list[Registration]] = field(default_factory=list)  # aligned with the events


def municipality_overview(edition: Edition) -> tuple[list[Event], list[MunicipalityRow]]:
    """Who of which organisation attends what: one row per organisation, one column per event."""
    events = edition_events(edition)
    participations = list(
        Participation.objects.filter(edition=edition, status=Participation.Status.ACTIVE).select_related("organisation")
    )
    missing = {p.pk for p in penvoerders_missing_mc1(edition, participations)}
    rows: dict[Any, MunicipalityRow] = {
        p.pk: MunicipalityRow(p.organisation.name, p, p.pk in missing, defaultdict(list)) for p in participations
    }
    registrations = (
        Registration.objects.filter(event__edition=edition)
        .exclude(status=Status.CANCELLED)
        .select_related("session")
        .order_by("name")
    )
    for registration in registrations:
        key: Any = registration.participation_id or ("public", registration.organisation_name.casefold())
        if key not in rows:
            rows[key] = MunicipalityRow(registration.organisation_name, None, False, defaultdict(list))
        rows[key].cells[registration.event_id].append(registration)
    ordered = sorted(rows.values(), key=lambda r: (r.participation is None, r.organisation_name.casefold()))
    for row in ordered:
        row.columns = [row.cells.get(event.pk, []) for event in events]
    return events, ordered


def registrations_for_export(edition: Edition) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(event__edition=edition)
        .select_related("event", "session")
        .order_by("event__kind", "session__starts_at", "organisation_name", "name")
    )


def registrations_of_person(email: str) -> QuerySet[Registration]:
    """A person's own registrations (for their calendar)."""
    return (
        Registration.objects.filter(
            email=email.lower(), status=Status.CONFIRMED, session__status=Session.Status.SCHEDULED
        )
        .select_related("session__event__edition__programme")
        .order_by("session__starts_at")
    )


def public_events() -> list[Event]:
    return sorted(
        Event.objects.filter(edition__status__in=PUBLIC_EDITION_STATUSES)
        .select_related("edition")
        .prefetch_related(Prefetch("sessions", queryset=Session.objects.order_by("starts_at"))),
        key=lambda e: (-e.edition.year, e.order),
    )
