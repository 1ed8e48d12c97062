"""Pages for the people who write lessons: their organisation's lessons, writing, submitting,
approving the de-identified version, withdrawing, and the Top 10 consent."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cim.access.decorators import login_required
from cim.access.roles import Perm
from cim.access.scoping import actor_of
from cim.cases.forms import ApprovalForm, ChangesForm, LessonForm
from cim.cases.models import Lesson
from cim.cases.selectors import (
    access_lesson,
    edition_from_form,
    lesson_perms,
    own_lessons,
    own_projects,
    owners_for,
)
from cim.cases.services import lessons as lesson_services
from cim.cases.sharing import LessonStatus
from cim.core.errors import DomainError


@login_required
def lesson_mine(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    owners = owners_for(actor, include_staff=True)
    if not owners:
        raise Http404
    return render(request, "cases/lessons/mine.html", {"lessons": own_lessons(actor)})


@login_required
def lesson_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    owners = owners_for(actor, include_staff=True)
    if not owners:
        raise Http404
    projects = own_projects(actor)
    initial = {}
    wanted = request.GET.get("project", "")
    if wanted.isdigit() and len(wanted) < 12 and projects.filter(pk=int(wanted)).exists():
        initial["project"] = int(wanted)
    form = LessonForm(
        request.POST or None, owners=owners, projects=projects if projects.exists() else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            lesson = lesson_services.lesson_create(actor=request.user, owner=form.owner, **form.service_fields())
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("De les is opgeslagen als concept. Alleen uw organisatie en de programmamedewerkers zien hem."),
            )
            return redirect("cases:lesson", lesson.pk)
    return render(request, "cases/lessons/form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def lesson_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    lesson = access_lesson(actor, pk, request=request, audit_what="les")
    may_edit = Perm.EDIT_ORGANISATION_CONTENT in lesson_perms(actor, lesson)
    approval = None
    if lesson.status == LessonStatus.AWAITING_APPROVAL and lesson_services.may_approve(request.user, lesson):
        approval = ApprovalForm(initial={"version": lesson.shared_version().digest()})
    return render(
        request,
        "cases/lessons/detail.html",
        {
            "lesson": lesson,
            "tags": list(lesson.tags.all()),
            "may_edit": may_edit,
            "approval_form": approval,
            "changes_form": ChangesForm() if approval else None,
            "top10_editions": lesson_services.top10_editions(request.user, lesson),
            "may_review": actor.can_in_programme(Perm.EDIT_ORGANISATION_CONTENT, lesson.programme_id),
        },
    )


@login_required
def lesson_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    lesson = access_lesson(actor, pk, perm=Perm.EDIT_ORGANISATION_CONTENT, request=request, audit_what="les")
    if lesson.status != LessonStatus.DRAFT:
        messages.error(request, _("Deze les is ingediend om te delen en kan niet meer gewijzigd worden."))
        return redirect("cases:lesson", lesson.pk)
    projects = own_projects(actor) if lesson.organisation_id else None
    form = LessonForm(
        request.POST or None,
        projects=projects,
        tags=list(lesson.tags.all()),
        initial={
            "title": lesson.title,
            "tried": lesson.tried,
            "worked": lesson.worked,
            "did_not_work": lesson.did_not_work,
            "obstacles": lesson.obstacles,
            "phase": lesson.phase,
            "project": lesson.project_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            lesson_services.lesson_update(actor=request.user, lesson=lesson, **form.service_fields())
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De les is opgeslagen."))
            return redirect("cases:lesson", lesson.pk)
    return render(
        request, "cases/lessons/form.html", {"form": form, "lesson": lesson}, status=400 if form.errors else 200
    )


def _act(request: HttpRequest, pk: int) -> Lesson:
    return access_lesson(actor_of(request), pk, perm=Perm.EDIT_ORGANISATION_CONTENT, request=request)


def _perform(request: HttpRequest, lesson: Lesson, action: Callable[[], str]) -> HttpResponse:
    """Run one write on the lesson; show its success message or the rule it broke; back to the lesson."""
    try:
        message = action()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, message)
    return redirect("cases:lesson", lesson.pk)


@require_POST
@login_required
def lesson_submit(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = _act(request, pk)

    def submit() -> str:
        lesson_services.lesson_submit(actor=request.user, lesson=lesson)
        return _(
            "De les is ingediend. De servicedesk maakt er een versie zonder herleidbare gegevens van; daarna vragen wij u die goed te keuren."
        )

    return _perform(request, lesson, submit)


@require_POST
@login_required
def lesson_approve(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = _act(request, pk)
    form = ApprovalForm(request.POST)

    def approve() -> str:
        if not form.is_valid():
            raise DomainError(_("Er ging iets mis met het formulier. Laad de pagina opnieuw."))
        lesson_services.lesson_approve(actor=request.user, lesson=lesson, version=form.cleaned_data["version"])
        return _("Dank u wel. De les is nu gedeeld, zonder naam of organisatie.")

    return _perform(request, lesson, approve)


@require_POST
@login_required
def lesson_request_changes(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = _act(request, pk)
    form = ChangesForm(request.POST)

    def request_changes() -> str:
        if not form.is_valid():
            raise DomainError(_("Schrijf wat er anders moet (hoogstens 1000 tekens)."))
        lesson_services.lesson_request_changes(actor=request.user, lesson=lesson, note=form.cleaned_data["note"])
        return _("Uw reactie is doorgegeven aan de servicedesk.")

    return _perform(request, lesson, request_changes)


@require_POST
@login_required
def lesson_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = _act(request, pk)

    def withdraw() -> str:
        lesson_services.lesson_withdraw(actor=request.user, lesson=lesson)
        return _("De les wordt niet (meer) gedeeld en is weer een concept.")

    return _perform(request, lesson, withdraw)


@require_POST
@login_required
def lesson_top10(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = _act(request, pk)
    raw = request.POST.get("edition", "")

    def set_top10() -> str:
        if raw == "":
            lesson_services.lesson_set_top10(actor=request.user, lesson=lesson, edition=None)
            return _("De les staat niet meer op de Top 10-pagina.")
        edition = edition_from_form(raw)
        if edition is None:
            raise DomainError(_("Kies een editie waarin u penvoerder bent."))
        lesson_services.lesson_set_top10(actor=request.user, lesson=lesson, edition=edition)
        return _("De les mag op de Top 10-pagina van %(edition)s, met de naam van uw organisatie.") % {
            "edition": edition.display_title
        }

    return _perform(request, lesson, set_top10)
