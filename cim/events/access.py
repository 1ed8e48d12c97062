"""Fetch-and-authorise helpers for this room's objects, on top of cim.access.scoping.

Staff reach events, sessions and registrations through the edition they manage; members of an
organisation reach their own registrations through their participation. Anything else is a 404.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from cim.access.actor import Actor
from cim.access.roles import Perm
from cim.access.scoping import access_edition
from cim.audit.log import record
from cim.editions.models import Participation
from cim.events.models import Event, Registration, Session


def _int(pk: Any) -> int:
    try:
        return int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc


def staff_event(actor: Actor, pk: Any) -> Event:
    event = Event.objects.select_related("edition__programme").filter(pk=_int(pk)).first()
    if event is None:
        raise Http404
    access_edition(actor, event.edition_id, perm=Perm.MANAGE_PROGRAMME)
    return event


def staff_session(actor: Actor, pk: Any) -> Session:
    session = Session.objects.select_related("event__edition__programme").filter(pk=_int(pk)).first()
    if session is None:
        raise Http404
    access_edition(actor, session.event.edition_id, perm=Perm.MANAGE_PROGRAMME)
    return session


def staff_registration(actor: Actor, pk: Any) -> Registration:
    registration = Registration.objects.select_related("session__event__edition__programme").filter(pk=_int(pk)).first()
    if registration is None:
        raise Http404
    access_edition(actor, registration.event.edition_id, perm=Perm.MANAGE_PROGRAMME)
    return registration


def own_registration(participation: Participation, pk: Any) -> Registration:
    """A registration of the organisation whose participation the caller already accessed."""
    registration = (
        Registration.objects.select_related("session__event__edition__programme")
        .filter(pk=_int(pk), participation=participation)
        .first()
    )
    if registration is None:
        raise Http404
    return registration


def audit_attendee_read(actor: Actor, *, obj: Any, programme: Any, what: str, request: HttpRequest) -> None:
    """Staff reading attendee data of many organisations at once: one audit entry per page."""
    record(
        "confidential.read",
        actor=actor.user,
        obj=obj,
        programme=programme,
        details={"what": what, "path": request.path},
        request=request,
    )
