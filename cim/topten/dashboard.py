"""Dashboard panels: the penvoerder's choice to be named in the Top 10 (until publication), and
the service desk's editions whose Top 10 may be published."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest

from cim.access.roles import Perm, Role
from cim.access.scoping import actor_of
from cim.core.registry import Panel, register_dashboard
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition, Participation
from cim.topten.services import today


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


def staff_panel(request: HttpRequest) -> Iterable[Panel]:
    programmes = actor_of(request).programmes_with(Perm.MANAGE_PROGRAMME)
    if not programmes:
        return []
    ready = list(
        Edition.objects.filter(
            programme_id__in=programmes,
            closing_meeting_date__lte=today(),
            published_top_ten__isnull=True,
        )
        .exclude(status__in=[EditionStatus.DRAFT, EditionStatus.OPEN, EditionStatus.ARCHIVED])
        .order_by("-year")
    )
    if not ready:
        return []
    return [Panel("topten/panels/staff.html", {"topten_ready": ready}, order=45)]


register_dashboard(member_panel)
register_dashboard(staff_panel)
