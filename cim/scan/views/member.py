"""The scan for the people of a municipality: overview, sections (also without JavaScript),
history per question, carry-forward, documents, review, submit, receipt."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cim.access.decorators import login_required
from cim.access.roles import Perm
from cim.core.errors import DomainError
from cim.questionnaires import inputs
from cim.questionnaires import model as m
from cim.scan import pages
from cim.scan.models import AnswerRevision
from cim.scan.receipt import receipt_context, receipt_pdf
from cim.scan.selectors import answer_history, open_submission
from cim.scan.services.answers import AnswerRejected, answers_save
from cim.scan.services.carry import answer_carry_forward
from cim.scan.services.evidence import evidence_document, evidence_upload
from cim.scan.services.submission import response_submit
from cim.scan.views.common import is_htmx, login_required_htmx, page_for, participation_for


@login_required
def scan_home(request: HttpRequest, pk: int) -> HttpResponse:
    participation = participation_for(request, pk)
    page = pages.with_submission(page_for(request, participation))
    return render(request, "scan/home.html", {"page": page, "participation": participation})


@login_required
def section(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    participation = participation_for(request, pk)
    page = page_for(request, participation, section)
    current = page.definition.section(section)
    if current is None:
        raise Http404
    if request.method == "POST":
        return _section_post(request, page, current)
    pages.build_section(page, current)
    return render(request, "scan/section.html", {"page": page, "participation": participation})


def _section_post(request: HttpRequest, page: pages.ScanPage, current: m.Section) -> HttpResponse:
    """The form post of a whole section: the way to save without JavaScript."""
    participation = page.participation
    if Perm.EDIT_SCAN not in page.perms:
        raise Http404
    if not page.may_edit(current.key):
        messages.error(
            request,
            page.block_reason
            or _("U kunt dit onderdeel niet wijzigen; de penvoerder heeft u andere onderdelen toegewezen."),
        )
        return redirect("scan:section", participation.pk, current.key)
    field_errors: dict[str, str] = {}
    question_errors: dict[str, list[str]] = {}
    changes: dict[str, tuple[Any, int]] = {}
    uploads = []
    for question in current.questions:
        if not inputs.was_posted(question, request.POST):
            continue
        value, errors = inputs.parse_question(question, request.POST)
        field_errors.update(errors)
        base = inputs.posted_version(request.POST, question.key) or 0
        forced = request.POST.get(f"keep-{question.key}", "")
        if forced.isdigit() and len(forced) < 10:
            base = int(forced)
        upload = request.FILES.get(inputs.name(question.key, "file"))
        if upload is not None and question.type == m.EVIDENCE:
            uploads.append((question, upload, base))
            continue
        if errors or value is inputs.KEEP:
            continue
        changes[question.key] = (value, base)
    conflicts = {}
    try:
        outcome = answers_save(user=request.user, participation=participation, changes=changes)
        for question, upload, base in uploads:
            try:
                result = evidence_upload(
                    user=request.user,
                    participation=participation,
                    question_key=question.key,
                    upload=upload,
                    base_version=base,
                    source=AnswerRevision.Source.FORM,
                )
            except AnswerRejected as exc:
                field_errors[inputs.name(question.key, "file")] = exc.message
                continue
            if result.conflict:
                conflicts[question.key] = result.conflict
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("scan:section", participation.pk, current.key)
    for key, message in outcome.errors.items():
        question_errors.setdefault(key, []).append(message)
    conflicts.update(outcome.conflicts)
    if not field_errors and not question_errors and not conflicts:
        messages.success(request, _("Uw antwoorden zijn opgeslagen."))
        page = page_for(request, participation, current.key)
        target = page.next_section if request.POST.get("next") and page.next_section else None
        return redirect(target.url if target else reverse("scan:section", args=[participation.pk, current.key]))
    page = page_for(request, participation, current.key)
    pages.build_section(
        page,
        current,
        posted=request.POST,
        field_errors=field_errors,
        question_errors=question_errors,
        conflicts=conflicts,
    )
    return render(
        request,
        "scan/section.html",
        {"page": page, "participation": participation, "saved_count": len(outcome.saved), "posted": True},
        status=400 if field_errors or question_errors else 409,
    )


@login_required
def question_history(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    participation = participation_for(request, pk, audit="scan history")
    page = page_for(request, participation)
    question = page.definition.question(key)
    if question is None:
        raise Http404
    revisions = answer_history(participation, key)
    return render(
        request,
        "scan/history.html",
        {"page": page, "participation": participation, "question": question, "revisions": revisions},
    )


@login_required_htmx
def question_fragment(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """The question as stored now (used to take over the saved answer after a conflict)."""
    participation = participation_for(request, pk)
    if not is_htmx(request):
        return redirect(reverse("scan:section", args=[pk, _section_of(request, participation, key)]) + f"#vraag-{key}")
    page = page_for(request, participation)
    qv = pages.question_block(page, key)
    if qv is None:
        raise Http404
    return render(request, "scan/includes/question_block.html", {"qv": qv, "page": page, "mode": "fill"})


def _section_of(request: HttpRequest, participation: Any, key: str) -> str:
    page = page_for(request, participation)
    question = page.definition.question(key)
    if question is None:
        raise Http404
    return question.section_key


@require_POST
@login_required_htmx
def carry_forward(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    participation = participation_for(request, pk, perm=Perm.EDIT_SCAN, audit=None)
    section_key = _section_of(request, participation, key)
    base = inputs.posted_version(request.POST, key) or 0
    conflict = None
    try:
        outcome = answer_carry_forward(
            user=request.user, participation=participation, question_key=key, base_version=base
        )
    except DomainError as exc:
        if is_htmx(request):
            return HttpResponse(exc.message, status=422)
        messages.error(request, exc.message)
        return redirect(reverse("scan:section", args=[pk, section_key]) + f"#vraag-{key}")
    conflict = outcome.conflict
    if is_htmx(request):
        page = page_for(request, participation)
        qv = pages.question_block(page, key, conflicts={key: conflict} if conflict else None)
        return render(request, "scan/includes/question_block.html", {"qv": qv, "page": page, "mode": "fill"})
    if conflict:
        messages.error(request, _("Iemand anders heeft dit antwoord intussen gewijzigd. Bekijk het en kies opnieuw."))
    else:
        messages.success(request, _("Het antwoord van vorig jaar is overgenomen."))
    return redirect(reverse("scan:section", args=[pk, section_key]) + f"#vraag-{key}")


@login_required
def document(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    participation = participation_for(request, pk, audit="scan document")
    found = evidence_document(participation, document_pk)
    if found is None:
        raise Http404
    with found.file.open("rb") as handle:
        content = handle.read()
    response = HttpResponse(content, content_type=found.content_type)
    safe = "".join(c for c in found.name if c.isalnum() or c in "._- ") or "document"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def review_page(request: HttpRequest, pk: int) -> HttpResponse:
    participation = participation_for(request, pk)
    page = pages.with_submission(page_for(request, participation))
    per_section = pages.review(page)
    return render(
        request,
        "scan/review.html",
        {"page": page, "participation": participation, "per_section": per_section},
    )


@require_POST
@login_required
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    participation = participation_for(request, pk, perm=Perm.SUBMIT_SCAN, audit=None)
    try:
        outcome = response_submit(
            user=request.user, participation=participation, language=getattr(request, "LANGUAGE_CODE", "nl")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("scan:review", participation.pk)
    if outcome.created:
        messages.success(request, _("Uw scan is ingediend. U ontvangt een bevestiging per e-mail."))
    else:
        messages.info(
            request,
            _("De scan was al ingediend op %(date)s; er is niets veranderd.")
            % {"date": formats.date_format(timezone.localtime(outcome.submission.submitted_at), "j F Y H:i")},
        )
    return redirect("scan:receipt", participation.pk)


def _receipt_submission(request: HttpRequest, pk: int) -> tuple[Any, Any]:
    participation = participation_for(request, pk, audit="scan receipt")
    submission = open_submission(participation)
    if submission is None:
        raise Http404
    return participation, submission


@login_required
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    participation, submission = _receipt_submission(request, pk)
    return render(request, "scan/receipt.html", receipt_context(participation, submission))


@login_required
def receipt_pdf_download(request: HttpRequest, pk: int) -> HttpResponse:
    participation, submission = _receipt_submission(request, pk)
    content = receipt_pdf(participation, submission, language=getattr(request, "LANGUAGE_CODE", "nl"))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ontvangstbewijs-{submission.receipt_code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
