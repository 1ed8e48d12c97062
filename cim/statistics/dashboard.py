"""Dashboard panels: the funder's published statistics of its province, and the statistics of each
edition for programme staff (preview and publish)."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest

from cim.access.roles import Perm
from cim.access.scoping import actor_of, editions_newest_first
from cim.core.registry import Panel, register_dashboard
from cim.statistics.selectors import published_editions


def funder_panels(request: HttpRequest) -> Iterable[Panel]:
    actor = actor_of(request)
    if not actor.is_funder:
        return []
    editions = published_editions(actor.funder)
    return [Panel("statistics/panels/funder.html", {"editions": editions}, order=29)]


def staff_panels(request: HttpRequest) -> Iterable[Panel]:
    actor = actor_of(request)
    programmes = actor.programmes_with(Perm.MANAGE_PROGRAMME)
    if not programmes:
        return []
    published = {e.pk for e in published_editions(programmes)}
    editions = editions_newest_first(actor)[:6]
    return [Panel("statistics/panels/staff.html", {"editions": editions, "published": published}, order=14)]


register_dashboard(funder_panels)
register_dashboard(staff_panels)
