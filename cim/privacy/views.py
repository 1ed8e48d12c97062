"""Data rights pages: the penvoerder downloads all the organisation's data; the service desk
anonymises a person on request. Thin: scoping in cim.access, work in services."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from cim.access.decorators import login_required, programme_perm_required
from cim.access.roles import Perm
from cim.access.scoping import access_participation, actor_of
from cim.core.errors import DomainError
from cim.core.registry import data_export_parts
from cim.privacy.forms import AnonymiseForm, PersonSearchForm
from cim.privacy.selectors import export_participations, person_find, person_summary
from cim.privacy.services import organisation_data_export, person_anonymise


@login_required
@require_GET
def export_page(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    participation = access_participation(actor, pk, perm=Perm.EXPORT_ORGANISATION_DATA, request=request)
    return render(
        request,
        "privacy/export.html",
        {
            "participation": participation,
            "parts": data_export_parts(),
            "editions": [p.edition for p in export_participations(actor, participation)],
        },
    )


@login_required
@require_POST
def export_download(request: HttpRequest, pk: int) -> HttpResponse:
    target = tempfile.SpooledTemporaryFile(max_size=20 * 1024 * 1024)  # noqa: SIM115 - FileResponse closes it
    result = organisation_data_export(
        user=request.user, participation_id=pk, target=target, language=getattr(request, "LANGUAGE_CODE", "nl")
    )
    target.seek(0)
    response = FileResponse(target, as_attachment=True, filename=result.filename, content_type="application/zip")
    response["Cache-Control"] = "private, no-store"
    return response  # type: ignore[return-value]


@never_cache
@programme_perm_required(Perm.MANAGE_PROGRAMME)
def persons(request: HttpRequest) -> HttpResponse:
    form = PersonSearchForm(request.GET or None)
    subject = None
    searched = False
    if form.is_valid():
        searched = True
        subject = person_find(actor_of(request), form.cleaned_data["email"])
    return render(
        request,
        "privacy/persons.html",
        {
            "form": form,
            "searched": searched,
            "subject": subject,
            "summary": person_summary(subject) if subject else [],
            "anonymise_form": AnonymiseForm(initial={"email": subject.email}) if subject else None,
        },
    )


@programme_perm_required(Perm.MANAGE_PROGRAMME)
@require_POST
def anonymise(request: HttpRequest) -> HttpResponse:
    form = AnonymiseForm(request.POST)
    subject = person_find(actor_of(request), request.POST.get("email", "")[:254])
    if form.is_valid():
        try:
            counts = person_anonymise(
                actor=request.user,
                email=form.cleaned_data["email"],
                reason=form.cleaned_data["reason"],
                confirmed=form.cleaned_data["confirmed"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("De persoon is geanonimiseerd (%(n)s gegevens gewist of vervangen).") % {"n": sum(counts.values())},
            )
            return redirect("privacy:persons")
    return render(
        request,
        "privacy/persons.html",
        {
            "form": PersonSearchForm(initial={"email": request.POST.get("email", "")[:254]}),
            "searched": True,
            "subject": subject,
            "summary": person_summary(subject) if subject else [],
            "anonymise_form": form,
        },
        status=400,
    )
