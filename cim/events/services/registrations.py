"""Registering, cancelling, the waiting list and offers.

Quotas and seats are enforced under row locks, always taken in the same order:
1. the municipality's participation row (its quota across all sessions of an event),
2. the session row (its seats and waiting list),
3. the registration row.
Two people racing for the municipality's last place, or for a session's last seat, are
serialised by these locks: one gets it, the other gets a clear message (or the waiting list).
On SQLite, which has no row locks, the whole database is locked for writing instead
(`transaction_mode = IMMEDIATE` in the settings), which gives the same guarantee.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cim.audit.log import record
from cim.core.errors import DomainError
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Participation
from cim.events import rules
from cim.events.models import Event, EventKind, EventProject, Registration, Session
from cim.events.services import notifications
from cim.organisations.models import Organisation

Status = Registration.Status
LANGUAGES = {"nl", "en"}


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    function: str = ""
    dietary: str = ""
    language: str = "nl"
    listed_consent: bool = False
    accepts_chatham: bool = False


@dataclass(frozen=True)
class ProjectText:
    title: str
    description: str


def _domain(error: rules.RuleBroken) -> DomainError:
    return DomainError(error.message, code=error.code)


def clean_person(person: Person, *, lunch: bool) -> Person:
    try:
        name = rules.clean_text_line(person.name, label=_("Naam"), max_length=150)
        function = rules.clean_text_line(person.function, label=_("Functie"), max_length=150, required=False)
        dietary = (
            rules.clean_text_line(person.dietary, label=_("Dieetwensen"), max_length=300, required=False)
            if lunch
            else ""
        )
    except rules.RuleBroken as exc:
        raise _domain(exc) from exc
    email = str(person.email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise DomainError(_("Vul een geldig e-mailadres in."), code="email") from exc
    if not person.accepts_chatham:
        raise DomainError(
            _("Aanmelden kan alleen als u de Chatham House Rule aanvaardt."),
            code="chatham",
        )
    return Person(
        name=name,
        email=email,
        function=function,
        dietary=dietary,
        language=person.language if person.language in LANGUAGES else "nl",
        listed_consent=bool(person.listed_consent),
        accepts_chatham=True,
    )


def lock_session(session_id: int) -> Session:
    try:
        return Session.objects.select_for_update().select_related("event__edition__programme").get(pk=session_id)
    except Session.DoesNotExist as exc:
        raise DomainError(_("Deze sessie bestaat niet (meer)."), code="unknown") from exc


def seats_taken(session: Session) -> int:
    return Registration.objects.filter(session=session, status__in=rules.SEAT_STATUSES).count()


def _check_participation(participation: Participation, event: Event) -> None:
    if participation.edition_id != event.edition_id:
        raise DomainError(_("Deze bijeenkomst hoort bij een andere editie."), code="edition")
    if participation.status != Participation.Status.ACTIVE:
        raise DomainError(_("Deze deelname is teruggetrokken; aanmelden kan niet."), code="withdrawn")
    if event.is_masterclass and not participation.takes_masterclasses:
        raise DomainError(
            _("%(org)s doet in deze editie niet mee aan de masterclasses. Neem contact op met de servicedesk.")
            % {"org": participation.organisation.name},
            code="no_masterclasses",
        )


def _check_companion(*, event: Event, participation: Participation | None, email: str) -> None:
    if not event.companions_from_mc1 or participation is None:
        raise DomainError(_("Bij deze bijeenkomst kunt u niet als begeleider worden aangemeld."), code="companion")
    took_part = Registration.objects.filter(
        event__edition_id=event.edition_id,
        event__kind=EventKind.MASTERCLASS_1,
        participation=participation,
        email=email,
        status=Status.CONFIRMED,
    ).exists()
    if not took_part:
        raise DomainError(
            _(
                "Alleen wie voor masterclass 1 is aangemeld kan als begeleider mee. %(email)s staat niet op de lijst van masterclass 1 van uw organisatie."
            )
            % {"email": email},
            code="companion",
        )


def _quota_used(*, event: Event, organisation_id: int) -> int:
    used = Registration.objects.filter(event=event, organisation_id=organisation_id, status__in=rules.ACTIVE_STATUSES)
    if not settings.EVENTS_COMPANIONS_COUNT_TOWARDS_QUOTA:
        used = used.exclude(is_companion=True)
    return used.count()


def _save_project_if_needed(
    *, actor: Any, event: Event, participation: Participation | None, project: ProjectText | None
) -> None:
    if not event.requires_project or participation is None:
        return
    if EventProject.objects.filter(event=event, participation=participation).exists():
        return
    if project is None or not project.title.strip() or not project.description.strip():
        raise DomainError(
            _(
                "Voor deze masterclass brengt uw gemeente een eigen project in. Vul de titel en een korte beschrijving in."
            ),
            code="project",
        )
    project_save(
        actor=actor, event=event, participation=participation, title=project.title, description=project.description
    )


@transaction.atomic
def registration_create(
    *,
    actor: Any,
    session_id: int,
    person: Person,
    source: str,
    participation: Participation | None = None,
    organisation_name: str = "",
    organisation_kind: str = "",
    join_waitlist: bool = False,
    is_companion: bool = False,
    project: ProjectText | None = None,
) -> Registration:
    """Register one person for one session, within the municipality's quota and the session's seats."""
    if source not in Registration.Source.values:
        raise ValueError(source)
    now = timezone.now()
    if participation is not None:
        # Lock 1: the municipality's quota.
        participation = (
            Participation.objects.select_for_update().select_related("organisation", "edition").get(pk=participation.pk)
        )
    session = lock_session(session_id)  # Lock 2: the session's seats.
    event = session.event
    expire_offers_locked(session, now=now)
    try:
        rules.check_session_open(starts_at=session.starts_at, now=now, cancelled=session.is_cancelled)
    except rules.RuleBroken as exc:
        raise _domain(exc) from exc
    if event.edition.status == EditionStatus.ARCHIVED:
        raise DomainError(_("Deze editie is gearchiveerd; aanmelden kan niet meer."), code="archived")
    person = clean_person(person, lunch=event.lunch)

    organisation: Organisation | None = None
    if participation is not None:
        _check_participation(participation, event)
        organisation = participation.organisation
        organisation_name, organisation_kind = organisation.name, organisation.kind
    else:
        if not event.public_registration or source not in (Registration.Source.PUBLIC, Registration.Source.STAFF):
            raise DomainError(_("Voor deze bijeenkomst meldt uw penvoerder u aan."), code="not_public")
        try:
            organisation_name = rules.clean_text_line(organisation_name, label=_("Organisatie"), max_length=200)
        except rules.RuleBroken as exc:
            raise _domain(exc) from exc
        if organisation_kind not in Organisation.Kind.values:
            raise DomainError(_("Kies het soort organisatie waar u werkt."), code="organisation_kind")

    if Registration.objects.filter(event=event, email=person.email, status__in=rules.ACTIVE_STATUSES).exists():
        raise DomainError(
            _("%(email)s is al aangemeld voor deze bijeenkomst.") % {"email": person.email}, code="duplicate"
        )
    if is_companion:
        _check_companion(event=event, participation=participation, email=person.email)
    if organisation is not None and rules.counts_towards_quota(
        is_companion=is_companion, companions_count=settings.EVENTS_COMPANIONS_COUNT_TOWARDS_QUOTA
    ):
        try:
            rules.check_quota(
                quota=event.quota_per_organisation,
                used=_quota_used(event=event, organisation_id=organisation.pk),
                organisation_name=organisation.name,
            )
        except rules.RuleBroken as exc:
            raise _domain(exc) from exc
    _save_project_if_needed(actor=actor, event=event, participation=participation, project=project)

    waiting = Registration.objects.filter(session=session, status=Status.WAITLISTED).count()
    try:
        placement = rules.place(
            capacity=session.capacity, seats_taken=seats_taken(session), waiting=waiting, join_waitlist=join_waitlist
        )
    except rules.RuleBroken as exc:
        raise _domain(exc) from exc

    registration = Registration(
        event=event,
        session=session,
        participation=participation,
        organisation=organisation,
        organisation_name=organisation_name,
        organisation_kind=organisation_kind,
        name=person.name,
        email=person.email,
        function=person.function,
        dietary=person.dietary,
        language=person.language,
        listed_consent=person.listed_consent,
        chatham_accepted_at=now,
        is_companion=is_companion,
        source=source,
        status=str(placement),
        confirmed_at=now if placement == rules.Placement.CONFIRMED else None,
        waitlisted_at=now if placement == rules.Placement.WAITLISTED else None,
        registered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    registration.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:  # the same e-mail registered a moment ago by someone else
        raise DomainError(
            _("%(email)s is al aangemeld voor deze bijeenkomst.") % {"email": person.email}, code="duplicate"
        ) from exc
    record(
        "events.registration_created",
        actor=actor,
        obj=session,
        organisation=organisation,
        programme=event.edition.programme,
        details={"registration": registration.pk, "status": registration.status, "source": source},
    )
    if registration.status == Status.CONFIRMED:
        notifications.send_confirmation(registration)
    else:
        notifications.send_waitlisted(registration)
    return registration


def _lock_registration(registration_id: int) -> tuple[Session, Registration]:
    session_id = Registration.objects.filter(pk=registration_id).values_list("session_id", flat=True).first()
    if session_id is None:
        raise DomainError(_("Deze aanmelding bestaat niet (meer)."), code="unknown")
    session = lock_session(session_id)
    registration = Registration.objects.select_for_update().get(pk=registration_id)
    registration.session = session
    return session, registration


CANCELLED_BY_ATTENDEE, CANCELLED_BY_ORGANISATION, CANCELLED_BY_STAFF = "attendee", "organisation", "staff"


@transaction.atomic
def registration_cancel(*, actor: Any, registration_id: int, by: str, reason: str = "") -> Registration:
    """Cancel a registration (or leave the waiting list). Attendees and their penvoerder can cancel a
    confirmed place until the event's deadline; staff always. A freed seat is offered to the next
    person on the waiting list."""
    if by not in (CANCELLED_BY_ATTENDEE, CANCELLED_BY_ORGANISATION, CANCELLED_BY_STAFF):
        raise ValueError(by)
    now = timezone.now()
    session, registration = _lock_registration(registration_id)
    if registration.status == Status.CANCELLED:
        raise DomainError(_("Deze aanmelding is al geannuleerd."), code="cancelled")
    if registration.anonymised_at:
        raise DomainError(_("Deze aanmelding is geanonimiseerd."), code="anonymised")
    if session.ends_at <= now and by != CANCELLED_BY_STAFF:
        raise DomainError(_("Deze sessie is voorbij; annuleren kan niet meer."), code="past")
    if by != CANCELLED_BY_STAFF and registration.status == Status.CONFIRMED:
        try:
            rules.check_self_cancel(starts_at=session.starts_at, hours_before=session.event.cancel_until_hours, now=now)
        except rules.RuleBroken as exc:
            raise _domain(exc) from exc
    had_seat = registration.holds_seat
    registration.status = Status.CANCELLED
    registration.cancelled_at = now
    registration.cancel_reason = " ".join(reason.split())[:300]
    registration.offer_expires_at = None
    if had_seat:
        registration.ics_sequence += 1
    registration.save()
    record(
        "events.registration_cancelled",
        actor=actor,
        obj=session,
        organisation=registration.organisation,
        programme=session.event.edition.programme,
        details={"registration": registration.pk, "by": by},
        reason=registration.cancel_reason,
    )
    notifications.send_cancellation(
        registration, had_seat=had_seat, by_staff=by == CANCELLED_BY_STAFF, reason=registration.cancel_reason
    )
    if had_seat:
        fill_from_waitlist_locked(session, now=now)
    return registration


def fill_from_waitlist_locked(session: Session, *, now: dt.datetime) -> list[Registration]:
    """Offer free seats to the waiting list in order. The caller holds the session lock."""
    if session.is_cancelled or session.starts_at <= now:
        return []
    free = rules.seats_left(capacity=session.capacity, seats_taken=seats_taken(session))
    if free <= 0:
        return []
    offered = []
    waiting = list(
        Registration.objects.select_for_update()
        .filter(session=session, status=Status.WAITLISTED)
        .order_by("waitlisted_at", "pk")[:free]
    )
    for registration in waiting:
        registration.session = session
        registration.status = Status.OFFERED
        registration.offered_at = now
        registration.offer_expires_at = rules.offer_expiry(
            now=now, valid_hours=session.event.offer_valid_hours, starts_at=session.starts_at
        )
        registration.save(update_fields=["status", "offered_at", "offer_expires_at", "updated_at"])
        record(
            "events.offer_made",
            obj=session,
            organisation=registration.organisation,
            programme=session.event.edition.programme,
            details={"registration": registration.pk, "expires_at": registration.offer_expires_at.isoformat()},
        )
        notifications.send_offer(registration)
        offered.append(registration)
    return offered


def expire_offers_locked(session: Session, *, now: dt.datetime) -> int:
    """Offers past their expiry lapse; their seats go to the next person. The caller holds the lock."""
    expired = list(
        Registration.objects.select_for_update().filter(
            session=session, status=Status.OFFERED, offer_expires_at__lte=now
        )
    )
    for registration in expired:
        registration.session = session
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.cancel_reason = "offer expired"
        registration.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"])
        record(
            "events.offer_expired",
            obj=session,
            organisation=registration.organisation,
            programme=session.event.edition.programme,
            details={"registration": registration.pk},
        )
        notifications.send_offer_expired(registration)
    if expired:
        fill_from_waitlist_locked(session, now=now)
    return len(expired)


def offers_expire(*, now: dt.datetime | None = None) -> int:
    """For the periodic command: every session with a lapsed offer, one transaction each."""
    now = now or timezone.now()
    session_ids = set(
        Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now).values_list(
            "session_id", flat=True
        )
    )
    total = 0
    for session_id in sorted(session_ids):
        with transaction.atomic():
            total += expire_offers_locked(lock_session(session_id), now=now)
    return total


@transaction.atomic
def offer_accept(*, registration_id: int) -> Registration:
    now = timezone.now()
    session, registration = _lock_registration(registration_id)
    expire_offers_locked(session, now=now)
    registration.refresh_from_db()
    registration.session = session
    if registration.status == Status.CONFIRMED:
        raise DomainError(_("U heeft deze plaats al aangenomen."), code="confirmed")
    if registration.status != Status.OFFERED:
        if registration.cancel_reason == "offer expired":
            raise DomainError(_("Dit aanbod is verlopen; de plaats is aan de volgende op de wachtlijst gegeven."))
        raise DomainError(_("Er staat voor u geen plaats klaar."), code="no_offer")
    registration.status = Status.CONFIRMED
    registration.confirmed_at = now
    registration.offer_expires_at = None
    registration.save(update_fields=["status", "confirmed_at", "offer_expires_at", "updated_at"])
    record(
        "events.offer_accepted",
        obj=session,
        organisation=registration.organisation,
        programme=session.event.edition.programme,
        details={"registration": registration.pk},
    )
    notifications.send_confirmation(registration)
    return registration


@transaction.atomic
def project_save(
    *, actor: Any, event: Event, participation: Participation, title: str, description: str
) -> EventProject:
    if not event.requires_project:
        raise DomainError(_("Voor deze bijeenkomst brengt u geen project in."), code="no_project")
    try:
        title = rules.clean_text_line(title, label=_("Titel van het project"), max_length=200)
    except rules.RuleBroken as exc:
        raise _domain(exc) from exc
    description = description.strip()
    if not description:
        raise DomainError(_("Beschrijf het project kort."), code="project")
    project = EventProject.objects.filter(event=event, participation=participation).first() or EventProject(
        event=event,
        participation=participation,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    project.title = title
    project.description = description
    project.full_clean()
    project.save()
    record(
        "events.project_saved",
        actor=actor,
        obj=project,
        organisation=participation.organisation,
        programme=event.edition.programme,
    )
    return project
