"""Shared lessons for the programme's participants: searchable, filterable, never showing who
wrote them. These pages use only the shared (de-identified) fields and the random public id."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cim.access.decorators import login_required
from cim.access.scoping import actor_of
from cim.cases.forms import LessonFilterForm
from cim.cases.selectors import LessonFilter, shared_lesson, shared_lessons, shared_programmes

PAGE_SIZE = 20


@require_GET
@login_required
def shared_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not shared_programmes(actor):
        raise Http404
    form = LessonFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = LessonFilter(
        query=data.get("q") or "",
        category=data.get("category") or "",
        perspective=data.get("perspective") or "",
        theme=data.get("theme") or "",
        phase=data.get("phase") or "",
    )
    page = Paginator(shared_lessons(actor, filters), PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "cases/shared/list.html",
        {"form": form, "page": page, "query": query.urlencode(), "filtered": any(vars(filters).values())},
    )


@require_GET
@login_required
def shared_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    lesson = shared_lesson(actor_of(request), public_id)
    return render(request, "cases/shared/detail.html", {"lesson": lesson, "tags": list(lesson.tags.all())})
