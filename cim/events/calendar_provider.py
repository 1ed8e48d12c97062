"""Calendar entries: the sessions a person is registered for (same UID as the invitation they
received), and the masterclasses of the editions their organisation takes part in."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from cim.access.roles import Perm
from cim.access.scoping import actor_of, participations_visible
from cim.core.registry import CalendarEntry, register_calendar
from cim.editions.lifecycle import EditionStatus
from cim.events import selectors
from cim.events.models import Session
from cim.events.models.events import EventKind
from cim.events.services.notifications import UID_DOMAIN, chatham_house_text, manage_url, registration_uid


def _replaces(session: Session) -> str:
    """A closing-meeting session makes the edition's general "closing meeting" date redundant."""
    return (
        f"cim-edition-{session.event.edition_id}-closing@circulair-inkopen-monitor"
        if session.event.kind == EventKind.CLOSING
        else ""
    )


def session_entries(user: Any) -> Iterable[CalendarEntry]:
    actor = actor_of(user)
    if not actor.is_authenticated:
        return []
    entries: list[CalendarEntry] = []
    registered_sessions: set[int] = set()
    for registration in selectors.registrations_of_person(user.email):
        session = registration.session
        registered_sessions.add(session.pk)
        entries.append(
            CalendarEntry(
                uid=registration_uid(registration),
                title=session.event.display_title,
                start=session.starts_at,
                end=session.ends_at,
                location=session.location or session.online_url,
                description=chatham_house_text(),
                url=manage_url(registration),
                replaces=_replaces(session),
            )
        )
    if actor.memberships:
        participations = {
            p.edition_id: p
            for p in participations_visible(actor, Perm.VIEW_PARTICIPATION).filter(
                pk__in=list(actor.memberships),
                takes_masterclasses=True,
                edition__status__in=[EditionStatus.OPEN, EditionStatus.CLOSED, EditionStatus.RESULTS_RELEASED],
            )
        }
        sessions = (
            Session.objects.filter(event__edition_id__in=list(participations), status=Session.Status.SCHEDULED)
            .exclude(pk__in=registered_sessions)
            .select_related("event")
        )
        for session in sessions:
            participation = participations[session.event.edition_id]
            entries.append(
                CalendarEntry(
                    uid=f"cim-session-{session.pk}@{UID_DOMAIN}",
                    title=_("%(event)s (niet aangemeld)") % {"event": session.event.display_title},
                    start=session.starts_at,
                    end=session.ends_at,
                    location=session.location or session.online_url,
                    description=chatham_house_text(),
                    url=settings.SITE_URL + reverse("events:home", args=[participation.pk]),
                    replaces=_replaces(session),
                )
            )
    return entries


register_calendar(session_entries)
