"""What the reports room adds to the dashboard: each member's reports (or when they come), and
the score tables for programme staff."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest

from cim.access.roles import Perm
from cim.access.scoping import actor_of, editions_newest_first, participations_visible
from cim.core.registry import Panel, register_dashboard
from cim.scoring.models import Score


def member_panels(request: HttpRequest) -> Iterable[Panel]:
    actor = actor_of(request)
    if not actor.is_member:
        return []
    participations = list(
        participations_visible(actor, Perm.VIEW_RESULTS)
        .filter(takes_monitor=True)
        .select_related("edition", "organisation")
        .prefetch_related("edition__feedback_moments")
        .order_by("-edition__year", "organisation__name")
    )
    if not participations:
        return []
    scored = set(Score.objects.filter(participation__in=participations).values_list("participation_id", flat=True))
    items = []
    for p in participations:
        upcoming = [m for m in p.edition.feedback_moments.all()]
        items.append(
            {
                "participation": p,
                "released": p.edition.results_visible,
                "scored": p.pk in scored,
                "moment": upcoming[-1] if upcoming else None,
            }
        )
    return [Panel("reports/panels/member.html", {"items": items}, order=16)]


def staff_panels(request: HttpRequest) -> Iterable[Panel]:
    actor = actor_of(request)
    programmes = actor.programmes_with(Perm.READ_CONFIDENTIAL)
    if not programmes:
        return []
    editions = editions_newest_first(actor, Perm.READ_CONFIDENTIAL)[:6]
    return [Panel("reports/panels/staff.html", {"editions": editions}, order=13)]


register_dashboard(member_panels)
register_dashboard(staff_panels)
