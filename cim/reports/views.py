"""The feedback report (page, PDF request, progress, download) and the staff score table."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cim.access.decorators import login_required, programme_perm_required
from cim.access.roles import Perm
from cim.access.scoping import access_edition, access_participation, actor_of
from cim.audit.log import record
from cim.core.exports import Sheet, xlsx_response
from cim.editions.models import Participation
from cim.reports import staff_table
from cim.reports.content import report_of
from cim.reports.models import ReportPdf
from cim.reports.report_charts import charts_for
from cim.reports.selectors import report_fingerprint
from cim.reports.services import LANGUAGES, pdf_current, pdf_request
from cim.scoring.selectors import score_of


def _language(request: HttpRequest) -> str:
    chosen = request.POST.get("taal") or request.GET.get("taal") or ""
    return chosen if chosen in LANGUAGES else (translation.get_language() or "nl")[:2]


def _is_staff(request: HttpRequest, participation: Participation) -> bool:
    return actor_of(request).can_in_programme(Perm.READ_CONFIDENTIAL, participation.edition.programme_id)


def _visible(request: HttpRequest, participation: Participation) -> bool:
    """Members see the report once the results are released; programme staff always (support)."""
    return participation.edition.results_visible or _is_staff(request, participation)


def _reportable(request: HttpRequest, pk: int, audit_what: str | None) -> Participation:
    """For the PDF views: the participation, when its report can be shown at all (else 404)."""
    participation = access_participation(
        actor_of(request), pk, perm=Perm.VIEW_RESULTS, request=request, audit_what=audit_what
    )
    if (
        not _visible(request, participation)
        or participation.status != Participation.Status.ACTIVE
        or score_of(participation) is None
    ):
        raise Http404
    return participation


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    participation = access_participation(
        actor_of(request), pk, perm=Perm.VIEW_RESULTS, request=request, audit_what="report"
    )
    context: dict[str, Any] = {"participation": participation, "edition": participation.edition}
    if not _visible(request, participation):
        context["moments"] = list(participation.edition.feedback_moments.all())
        return render(request, "reports/not_yet.html", context)
    found = report_of(participation, user=request.user)
    if found is None:
        return render(request, "reports/no_report.html", context)
    language = (translation.get_language() or "nl")[:2]
    fingerprint = report_fingerprint(participation, language)
    context.update(
        report=found,
        charts=charts_for(found, fingerprint),
        staff_view=_is_staff(request, participation),
        pdf=ReportPdf.objects.filter(participation=participation, language=language, fingerprint=fingerprint).first(),
        pdf_language=language,
        languages=LANGUAGES,
    )
    return render(request, "reports/report.html", context)


def _pdf_block(
    request: HttpRequest, participation: Participation, pdf: ReportPdf | None, language: str
) -> HttpResponse:
    return render(
        request,
        "reports/includes/pdf_status.html",
        {"participation": participation, "pdf": pdf, "pdf_language": language, "languages": LANGUAGES},
    )


@require_POST
@login_required
def pdf_make(request: HttpRequest, pk: int) -> HttpResponse:
    participation = _reportable(request, pk, audit_what=None)
    language = _language(request)
    pdf = pdf_request(user=request.user, participation=participation, language=language)
    pdf.refresh_from_db()  # the immediate task backend may have made it already
    if request.headers.get("HX-Request") == "true":
        return _pdf_block(request, participation, pdf, language)
    if pdf.status == ReportPdf.Status.DONE:
        messages.success(request, _("De PDF staat klaar om te downloaden."))
    else:
        messages.info(request, _("De PDF wordt gemaakt. Vernieuw deze pagina over een paar seconden."))
    return redirect(reverse("reports:report", args=[participation.pk]) + f"?taal={language}#pdf")


@login_required
def pdf_status(request: HttpRequest, pk: int) -> HttpResponse:
    participation = _reportable(request, pk, audit_what=None)
    language = _language(request)
    return _pdf_block(request, participation, pdf_current(participation=participation, language=language), language)


@login_required
def pdf_download(request: HttpRequest, pk: int) -> HttpResponse:
    participation = _reportable(request, pk, audit_what="report_pdf")
    language = _language(request)
    pdf = pdf_current(participation=participation, language=language)
    if pdf is None or pdf.status != ReportPdf.Status.DONE or not pdf.file:
        messages.info(request, _("Deze PDF is er (nog) niet. Vraag hem hieronder aan."))
        return redirect(reverse("reports:report", args=[participation.pk]) + "#pdf")
    name = staff_table.slug(f"terugkoppeling {participation.organisation.name} {participation.edition.year} {language}")
    try:
        handle = pdf.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type="application/pdf", as_attachment=True, filename=f"{name}.pdf")
    response["Cache-Control"] = "private, no-store"
    return response  # type: ignore[return-value]  # a streaming response; the decorators only pass it on


@programme_perm_required(Perm.READ_CONFIDENTIAL)
def staff_scores(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk, perm=Perm.READ_CONFIDENTIAL)
    table = staff_table.table(edition, request.GET)
    record(
        "reports.scores_viewed",
        actor=request.user,
        obj=edition,
        programme=edition.programme,
        details={"scores": len(table.rows), "sort": table.sort},
        request=request,
    )
    return render(request, "reports/staff/scores.html", {"edition": edition, "table": table})


@programme_perm_required(Perm.READ_CONFIDENTIAL)
def staff_scores_export(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk, perm=Perm.READ_CONFIDENTIAL)
    table = staff_table.table(edition, request.GET)
    header, rows = staff_table.export_rows(table)
    record(
        "reports.scores_exported",
        actor=request.user,
        obj=edition,
        programme=edition.programme,
        details={"scores": len(rows)},
        request=request,
    )
    return xlsx_response(f"scores-{edition.year}.xlsx", [Sheet(_("Scores"), header, rows)])
