"""Dashboard panels: the service desk's queue at a glance; for members, announcements and
upcoming dates."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest

from cim.access.roles import Perm
from cim.access.scoping import actor_of, editions_newest_first
from cim.core.registry import Panel, register_dashboard
from cim.servicedesk.models import Suggestion
from cim.servicedesk.selectors.announcements import member_announcements
from cim.servicedesk.selectors.calendar import upcoming_entries
from cim.servicedesk.selectors.suggestions import staff_suggestions
from cim.servicedesk.selectors.threads import staff_queue_counts


def staff_panel(request: HttpRequest) -> Iterable[Panel]:
    actor = actor_of(request)
    if not actor.programmes_with(Perm.MANAGE_PROGRAMME):
        return []
    return [
        Panel(
            "servicedesk/panels/staff.html",
            {
                "counts": staff_queue_counts(actor),
                "new_suggestions": staff_suggestions(actor, status=Suggestion.Status.NEW).count(),
                "editions": editions_newest_first(actor)[:3],
            },
            order=12,
        )
    ]


def member_panels(request: HttpRequest) -> Iterable[Panel]:
    actor = actor_of(request)
    if not actor.is_member:
        return []
    panels = []
    announcements = member_announcements(actor, limit=3)
    if announcements:
        panels.append(Panel("servicedesk/panels/announcements.html", {"announcements": announcements}, order=15))
    panels.append(Panel("servicedesk/panels/upcoming.html", {"entries": upcoming_entries(request.user)}, order=25))
    return panels


register_dashboard(staff_panel)
register_dashboard(member_panels)
