"""Dashboard panels from this room: the service desk's editions, a member's participations,
a funder's programmes."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest
from django.utils import timezone

from cim.access.roles import Perm
from cim.access.scoping import actor_of, editions_newest_first
from cim.core.registry import Panel, register_dashboard
from cim.editions.models import Edition, ParticipationApplication, ParticipationMember
from cim.editions.selectors import edition_counts, member_participations


def staff_panels(request: HttpRequest) -> Iterable[Panel]:
    actor = actor_of(request)
    if not actor.programmes_with(Perm.MANAGE_PROGRAMME):
        return []
    editions = editions_newest_first(actor)[:5]
    rows = [{"edition": e, "counts": edition_counts(e)} for e in editions]
    pending = ParticipationApplication.objects.filter(
        edition__in=editions, status=ParticipationApplication.Status.PENDING
    ).select_related("organisation", "edition")
    return [Panel("editions/panels/staff.html", {"rows": rows, "pending": pending}, order=10)]


def analyst_panels(request: HttpRequest) -> Iterable[Panel]:
    """Programme staff who read confidential data but do not run the programme (analysts): the
    editions of their programmes with participation counts. They have no management pages."""
    actor = actor_of(request)
    programmes = actor.programmes_with(Perm.READ_CONFIDENTIAL) - actor.programmes_with(Perm.MANAGE_PROGRAMME)
    if not programmes:
        return []
    editions = [e for e in editions_newest_first(actor, Perm.READ_CONFIDENTIAL) if e.programme_id in programmes]
    rows = [{"edition": e, "counts": edition_counts(e)} for e in editions]
    return [Panel("editions/panels/analyst.html", {"rows": rows}, order=10)]


def member_panels(request: HttpRequest) -> Iterable[Panel]:
    actor = actor_of(request)
    if not actor.is_member:
        return []
    now = timezone.now()
    items = []
    for participation in member_participations(actor):
        membership = actor.membership(participation.pk)
        deadline = participation.deadline
        items.append(
            {
                "participation": participation,
                "role": membership.role if membership else None,
                "is_penvoerder": membership is not None and membership.role == ParticipationMember.Role.PENVOERDER,
                "deadline": deadline,
                "days_left": (deadline - now).days if deadline > now else None,
                "moments": [m for m in participation.edition.feedback_moments.all()],
            }
        )
    return [Panel("editions/panels/member.html", {"items": items}, order=20)]


def funder_panels(request: HttpRequest) -> Iterable[Panel]:
    actor = actor_of(request)
    if not actor.is_funder:
        return []
    editions = Edition.objects.filter(programme_id__in=actor.funder).select_related("programme").order_by("-year")
    from cim.organisations.models import Organisation

    provinces = Organisation.objects.filter(pk__in={p for ps in actor.funder.values() for p in ps})
    return [Panel("editions/panels/funder.html", {"editions": editions, "provinces": provinces}, order=30)]


register_dashboard(staff_panels)
register_dashboard(analyst_panels)
register_dashboard(member_panels)
register_dashboard(funder_panels)
