"""Pages for an organisation's projects: list, record, show (with its history), change, and the
penvoerder's choice for masterclass 4."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cim.access.decorators import login_required
from cim.access.roles import Perm
from cim.access.scoping import actor_of
from cim.cases.forms import ProjectForm
from cim.cases.selectors import (
    access_project,
    audit_overview,
    edition_from_form,
    masterclass4_options,
    owners_for,
    project_history,
    project_lessons,
    project_rows,
)
from cim.cases.services import projects as project_services
from cim.core.errors import DomainError


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    owners = owners_for(actor, include_staff=False)
    if not owners and not actor.programmes_with(Perm.VIEW_PARTICIPATION):
        raise Http404
    rows = project_rows(actor)
    audit_overview(actor, what="projecten", organisation_ids=[p.organisation_id for p in rows], request=request)
    return render(
        request,
        "cases/projects/list.html",
        {"projects": rows, "can_create": bool(owners), "show_organisation": len({p.organisation_id for p in rows}) > 1},
    )


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    owners = owners_for(actor_of(request), include_staff=False)
    if not owners:
        raise Http404
    form = ProjectForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        try:
            project = project_services.project_create(actor=request.user, owner=form.owner, **form.service_fields())
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Het project is vastgelegd."))
            return redirect("cases:project", project.pk)
    return render(request, "cases/projects/form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    project = access_project(actor, pk, request=request, audit_what="project")
    perms = actor.organisation_perms(programme_id=project.programme_id, organisation_id=project.organisation_id)
    return render(
        request,
        "cases/projects/detail.html",
        {
            "project": project,
            "history": project_history(project),
            "options": masterclass4_options(actor, project),
            "lessons": project_lessons(project),
            "can_edit": Perm.EDIT_ORGANISATION_CONTENT in perms,
            "is_insider": actor.is_insider(programme_id=project.programme_id, organisation_id=project.organisation_id),
        },
    )


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    project = access_project(
        actor, pk, perm=Perm.EDIT_ORGANISATION_CONTENT, request=request, audit_what="project (bewerken)"
    )
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            project_services.project_update(
                actor=request.user,
                project=project,
                phase_note=form.cleaned_data.get("phase_note") or "",
                **form.service_fields(),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Het project is opgeslagen."))
            return redirect("cases:project", project.pk)
    return render(
        request, "cases/projects/form.html", {"form": form, "project": project}, status=400 if form.errors else 200
    )


@require_POST
@login_required
def project_masterclass4(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    project = access_project(actor, pk, perm=Perm.EDIT_ORGANISATION_CONTENT, request=request)
    edition = edition_from_form(request.POST.get("edition", ""))
    try:
        if edition is None:
            raise DomainError(_("Kies de editie waarvoor u het project inbrengt."))
        if request.POST.get("action") == "clear":
            project_services.masterclass4_clear(actor=request.user, project=project, edition=edition)
            messages.success(request, _("Het project wordt niet meer ingebracht in masterclass 4."))
        else:
            project_services.masterclass4_choose(actor=request.user, project=project, edition=edition)
            messages.success(
                request,
                _("U brengt dit project in bij masterclass 4 van %(edition)s.") % {"edition": edition.display_title},
            )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("cases:project", project.pk)
