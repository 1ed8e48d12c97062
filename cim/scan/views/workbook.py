"""Offline workbook: download, upload, preview of the changes, apply in one go."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cim.access.decorators import login_required
from cim.access.roles import Perm
from cim.access.scoping import actor_of
from cim.core.errors import DomainError
from cim.core.exports import XLSX_MIME
from cim.core.forms import Form
from cim.editions.models import Participation
from cim.scan.models import WorkbookImport
from cim.scan.rules import may_edit_section
from cim.scan.selectors import scan_data
from cim.scan.services.workbook import change_texts, workbook_apply, workbook_discard, workbook_prepare
from cim.scan.views.common import page_for, participation_for
from cim.scan.workbook import build_workbook


class WorkbookUploadForm(Form):
    file = forms.FileField(
        label=gettext_lazy("Ingevuld werkboek (.xlsx)"),
        help_text=gettext_lazy("Het werkboek dat u van deze scan heeft gedownload, hoogstens 10 MB."),
    )


@login_required
def download(request: HttpRequest, pk: int) -> HttpResponse:
    participation = participation_for(request, pk, audit="scan workbook")
    data = scan_data(participation)
    if data.definition is None:
        raise Http404
    membership = actor_of(request).membership(participation.pk)
    editable = (
        {
            s.key
            for s in data.definition.sections
            if may_edit_section(role=str(membership.role), sections=membership.sections, section_key=s.key)
        }
        if membership
        else set()
    )
    content = build_workbook(
        definition=data.definition,
        answers=data.values,
        versions={key: answer.version for key, answer in data.answers.items()},
        participation_id=participation.pk,
        organisation=participation.organisation.name,
        year=participation.edition.year,
        editable_sections=editable,
    )
    response = HttpResponse(content, content_type=XLSX_MIME)
    filename = f"scan-{participation.edition.year}-{participation.organisation.cbs_code or participation.pk}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    participation = participation_for(request, pk, perm=Perm.EDIT_SCAN, audit=None)
    page = page_for(request, participation)
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            prepared = workbook_prepare(
                user=request.user, participation=participation, upload=form.cleaned_data["file"]
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("scan:workbook_preview", participation.pk, prepared.pk)
    return render(
        request,
        "scan/workbook_upload.html",
        {"form": form, "participation": participation, "page": page},
        status=400 if form.errors else 200,
    )


def _import_for(request: HttpRequest, participation: Participation, import_pk: int) -> WorkbookImport:
    found = WorkbookImport.objects.filter(
        pk=import_pk, response__participation=participation, uploaded_by_id=request.user.pk
    ).first()
    if found is None:
        raise Http404
    return found


@login_required
def preview(request: HttpRequest, pk: int, import_pk: int) -> HttpResponse:
    participation = participation_for(request, pk, perm=Perm.EDIT_SCAN, audit=None)
    workbook_import = _import_for(request, participation, import_pk)
    if request.method == "POST":
        if request.POST.get("action") == "discard":
            workbook_discard(workbook_import=workbook_import)
            messages.info(request, _("Het werkboek is niet toegepast; er is niets veranderd."))
            return redirect("scan:home", participation.pk)
        try:
            count = workbook_apply(user=request.user, participation=participation, workbook_import=workbook_import)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("scan:workbook_preview", participation.pk, workbook_import.pk)
        messages.success(request, _("%(n)s antwoorden uit het werkboek zijn opgeslagen.") % {"n": count})
        return redirect("scan:home", participation.pk)
    page = page_for(request, participation)
    rows = []
    for change in workbook_import.changes:
        old, new = change_texts(page.definition, change)
        question = page.definition.question(change["key"])
        rows.append({"change": change, "question": question, "old": old, "new": new})
    sections = [(s, [r for r in rows if r["change"]["section"] == s.key]) for s in page.definition.sections]
    return render(
        request,
        "scan/workbook_preview.html",
        {
            "participation": participation,
            "page": page,
            "workbook_import": workbook_import,
            "sections": [(s, r) for s, r in sections if r],
            "count": len(rows),
        },
    )
