"""The service desk's de-identification pages: the queue and the editor with flags."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cim.access.decorators import programme_perm_required
from cim.access.roles import Perm
from cim.access.scoping import actor_of
from cim.cases.deidentify import find_flags, highlight
from cim.cases.forms import LessonTextForm
from cim.cases.models import Lesson
from cim.cases.selectors import access_lesson, audit_overview, deidentify_vocabulary, review_queue
from cim.cases.services import lessons as lesson_services
from cim.cases.sharing import STAFF_EDITABLE
from cim.core.errors import DomainError

EDIT = Perm.EDIT_ORGANISATION_CONTENT
# Form field -> the lesson's field that holds the version to be shared.
FIELDS = {name: f"shared_{name}" for name in LessonTextForm.TEXT_FIELDS}


@programme_perm_required(EDIT)
def review_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    lessons = review_queue(actor)
    audit_overview(
        actor, what="lessen (overzicht)", organisation_ids=[x.organisation_id for x in lessons], request=request
    )
    return render(request, "cases/review/list.html", {"lessons": lessons})


def _flagged(form: LessonTextForm, values: dict[str, str]) -> list[dict[str, Any]]:
    vocabulary = deidentify_vocabulary()
    sections = []
    for name in FIELDS:
        text = values.get(name) or ""
        flags = find_flags(text, vocabulary)
        sections.append(
            {"label": form.fields[name].label, "html": highlight(text, flags), "flags": flags, "empty": not text}
        )
    return sections


@programme_perm_required(EDIT)
def review(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    lesson = access_lesson(actor, pk, perm=EDIT, request=request, audit_what="les (anonimiseren)")
    if not actor.can_in_programme(EDIT, lesson.programme_id):
        raise Http404
    tags = list(lesson.tags.all())
    if lesson.status not in STAFF_EDITABLE:
        return render(request, "cases/review/not_submitted.html", {"lesson": lesson})
    initial = {name: getattr(lesson, attribute) for name, attribute in FIELDS.items()} | {"phase": lesson.phase}
    form = LessonTextForm(request.POST or None, tags=tags, initial=initial)
    action = request.POST.get("action", "")
    values = initial
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in FIELDS}
        if action in {"save", "send"}:
            try:
                lesson = lesson_services.lesson_save_shared(
                    actor=request.user, lesson=lesson, send=action == "send", **form.service_fields()
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _status_message(lesson))
                return redirect("cases:review", lesson.pk)
    elif request.method == "POST":
        values = {name: request.POST.get(name, "")[:20_000] for name in FIELDS}
    sections = _flagged(form, values)
    return render(
        request,
        "cases/review/edit.html",
        {
            "lesson": lesson,
            "form": form,
            "sections": sections,
            "flag_count": sum(len(s["flags"]) for s in sections),
            "checked": request.method == "POST",
        },
        status=400 if form.errors else 200,
    )


def _status_message(lesson: Lesson) -> str:
    if lesson.status == "awaiting_approval":
        return _("Opgeslagen. De auteur is gevraagd deze versie goed te keuren; pas daarna wordt de les gedeeld.")
    if lesson.status == "shared":
        return _("Opgeslagen. De gedeelde versie is niet veranderd en blijft gedeeld.")
    return _("Opgeslagen. De les wordt pas gedeeld als de auteur deze versie heeft goedgekeurd.")
