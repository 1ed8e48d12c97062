"""Staff pages: an edition's questionnaire (versions, upload for a draft edition), a preview
exactly as respondents see it, and the source file."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cim.access.decorators import programme_perm_required
from cim.access.roles import Perm
from cim.access.scoping import access_edition, actor_of
from cim.core import registry
from cim.core.errors import DomainError
from cim.core.forms import Form
from cim.editions.lifecycle import EditionStatus
from cim.questionnaires.models import QuestionnaireDefinition
from cim.questionnaires.problems import DefinitionInvalid
from cim.questionnaires.rendering import question_view
from cim.questionnaires.selectors import active_definition_row, definition_versions, parsed
from cim.questionnaires.services import definition_upload

MANAGE = Perm.MANAGE_PROGRAMME


class DefinitionUploadForm(Form):
    file = forms.FileField(
        label=gettext_lazy("Vragenlijst (YAML)"),
        help_text=gettext_lazy("Een .yaml-bestand in het formaat van docs/questionnaire.md, hoogstens 1 MB."),
    )


@programme_perm_required(MANAGE)
def definition_page(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk)
    form = DefinitionUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            row = definition_upload(
                actor=request.user, edition=edition, content=upload.read(), filename=upload.name or "vragenlijst.yaml"
            )
        except DefinitionInvalid as exc:
            problems = exc.problems
            form.add_error(
                "file",
                _("De vragenlijst is niet opgeslagen: er zijn %(n)s problemen (zie hieronder).") % {"n": len(problems)},
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            messages.success(request, _("Versie %(v)s is nu de vragenlijst van deze editie.") % {"v": row.version})
            return redirect("questionnaires:staff_definition", edition.pk)
    current = active_definition_row(edition)
    definition = parsed(current) if current else None
    return render(
        request,
        "questionnaires/staff/definition.html",
        {
            "edition": edition,
            "form": form,
            "problems": problems,
            "definition": definition,
            "versions": definition_versions(edition),
            "can_upload": edition.status == EditionStatus.DRAFT or current is None,
        },
        status=400 if form.errors else 200,
    )


@programme_perm_required(MANAGE)
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk)
    row = active_definition_row(edition)
    if row is None:
        raise Http404
    definition = parsed(row)
    key = request.GET.get("onderdeel", "")
    section = definition.section(key) if key else definition.sections[0]
    if section is None:
        raise Http404
    questions = [question_view(q, None, definition=definition, visible=True, editable=True) for q in section.questions]
    notes = registry.question_notes(edition)
    for qv in questions:
        qv.extras["staff_notes"] = notes.get(qv.key, [])
    return render(
        request,
        "questionnaires/staff/preview.html",
        {
            "edition": edition,
            "definition": definition,
            "section": section,
            "questions": questions,
            "version": row.version,
            "general_notes": notes.get("", []),
        },
    )


@programme_perm_required(MANAGE)
def source(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk)
    version = request.GET.get("versie", "")
    rows = QuestionnaireDefinition.objects.filter(edition=edition)
    row = (
        rows.filter(version=int(version)).first()
        if version.isdigit() and len(version) < 6
        else rows.filter(is_active=True).first()
    )
    if row is None:
        raise Http404
    response = HttpResponse(row.source, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="vragenlijst-{edition.year}-v{row.version}.yaml"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
