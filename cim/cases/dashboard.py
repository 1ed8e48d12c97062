"""Dashboard panels: a member's projects and lessons (with lessons waiting for their approval),
and the service desk's de-identification queue."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q
from django.http import HttpRequest

from cim.access.roles import Perm
from cim.access.scoping import actor_of
from cim.cases.models import Lesson
from cim.cases.selectors import projects_visible
from cim.cases.sharing import LessonStatus
from cim.core.registry import Panel, register_dashboard


def member_panel(request: HttpRequest) -> Iterable[Panel]:
    actor = actor_of(request)
    if not actor.is_member:
        return []
    own = {o for _, o in actor.organisation_scopes}
    programmes = {p for p, _ in actor.organisation_scopes}
    awaiting = list(
        Lesson.objects.filter(
            status=LessonStatus.AWAITING_APPROVAL,
            author_id=request.user.pk,
            organisation_id__in=own,
            programme_id__in=programmes,
        ).order_by("-sent_for_approval_at")[:10]
    )
    projects = projects_visible(actor).filter(organisation_id__in=own).count()
    return [Panel("cases/panels/member.html", {"awaiting": awaiting, "project_count": projects}, order=40)]


def staff_panel(request: HttpRequest) -> Iterable[Panel]:
    actor = actor_of(request)
    programmes = sorted(actor.programmes_with(Perm.EDIT_ORGANISATION_CONTENT))
    if not programmes:
        return []
    counts = Lesson.objects.filter(programme_id__in=programmes).aggregate(
        submitted=Count("pk", filter=Q(status=LessonStatus.SUBMITTED)),
        awaiting=Count("pk", filter=Q(status=LessonStatus.AWAITING_APPROVAL)),
    )
    return [Panel("cases/panels/staff.html", counts, order=40)]


register_dashboard(member_panel)
register_dashboard(staff_panel)
