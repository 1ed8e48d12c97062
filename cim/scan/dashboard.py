"""What the scan adds to shared pages: dashboard panels, the overview column, the sections a
colleague can be given in an invitation."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cim.access.roles import Perm
from cim.access.scoping import actor_of, editions_newest_first
from cim.core.registry import (
    OverviewColumn,
    Panel,
    register_dashboard,
    register_overview_column,
    register_section_choices,
)
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Participation
from cim.questionnaires.selectors import edition_definition


def member_panels(request: HttpRequest) -> Iterable[Panel]:
    actor = actor_of(request)
    if not actor.is_member:
        return []
    participations = list(
        Participation.objects.filter(pk__in=list(actor.memberships), takes_monitor=True)
        .select_related("edition", "organisation")
        .order_by("-edition__year")
    )
    if not participations:
        return []
    items = [
        {
            "participation": p,
            "open": p.edition.status == EditionStatus.OPEN,
            "role": actor.memberships[p.pk].role,
        }
        for p in participations
    ]
    return [Panel("scan/panels/member.html", {"items": items}, order=15)]


def staff_panels(request: HttpRequest) -> Iterable[Panel]:
    actor = actor_of(request)
    if not actor.programmes_with(Perm.MANAGE_PROGRAMME):
        return []
    editions = editions_newest_first(actor)[:5]
    return [Panel("scan/panels/staff.html", {"editions": editions}, order=12)]


def scan_column(participations: list[Any]) -> dict[int, str]:
    return {p.pk: f"{p.get_scan_status_display()} ({p.scan_progress}%)" for p in participations}


def participation_sections(participation: Any) -> list[tuple[str, str]]:
    definition = edition_definition(participation.edition_id)
    return [(s.key, f"{s.number}. {s.title}") for s in definition.sections] if definition else []


register_section_choices(participation_sections)
register_dashboard(member_panels)
register_dashboard(staff_panels)
register_overview_column(OverviewColumn("scan", _("Scan"), scan_column, order=30))
