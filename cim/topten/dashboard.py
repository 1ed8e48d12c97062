"""Dashboard panel: the penvoerder's choice to be named in the Top 10 (until publication). The
service desk reaches the Top 10 through the navigation (no dashboard query: the staff dashboard
keeps to its query budget)."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest

from cim.access.roles import Role
from cim.access.scoping import actor_of
from cim.core.registry import Panel, register_dashboard
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Participation


def member_panel(request: HttpRequest) -> Iterable[Panel]:
    actor = actor_of(request)
    ids = [m.participation_id for m in actor.memberships.values() if m.role == Role.PENVOERDER]
    if not ids:
        return []
    participations = list(
        Participation.objects.filter(pk__in=ids, status=Participation.Status.ACTIVE, takes_monitor=True)
        .exclude(edition__status=EditionStatus.ARCHIVED)
        .filter(edition__published_top_ten__isnull=True)
        .select_related("edition", "organisation", "topten_consent")
        .order_by("-edition__year")
    )
    if not participations:
        return []
    rows = [
        {
            "participation": p,
            "named": bool(getattr(p, "topten_consent", None) and p.topten_consent.named),
            "chosen": hasattr(p, "topten_consent"),
        }
        for p in participations
    ]
    return [Panel("topten/panels/member.html", {"topten_rows": rows}, order=45)]


register_dashboard(member_panel)
