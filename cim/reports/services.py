"""Writes of the reports room: asking for a report's PDF (one job per report version, however
many requests) and making it in the background."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from cim.audit.log import record
from cim.editions.models import Participation
from cim.reports.content import report_of
from cim.reports.models import ReportPdf
from cim.reports.pdf import render_pdf
from cim.reports.report_charts import charts_for
from cim.reports.selectors import report_fingerprint

logger = logging.getLogger(__name__)
LANGUAGES = ("nl", "en")
STALE_AFTER = dt.timedelta(minutes=15)  # a job that long in the queue or running is started again


def pdf_current(*, participation: Participation, language: str) -> ReportPdf | None:
    """The PDF row for the report as it is now (None: never asked for since it last changed)."""
    fingerprint = report_fingerprint(participation, language)
    return ReportPdf.objects.filter(participation=participation, language=language, fingerprint=fingerprint).first()


def _stale(pdf: ReportPdf, now: dt.datetime) -> bool:
    moment = pdf.started_at or pdf.requested_at
    return pdf.status in (ReportPdf.Status.QUEUED, ReportPdf.Status.RUNNING) and moment < now - STALE_AFTER


@transaction.atomic
def pdf_request(*, user: Any, participation: Participation, language: str) -> ReportPdf:
    """Ask for the PDF of a report. While a PDF of the same content and language is queued, being
    made or ready, nothing new happens; a failed (or stuck) one is tried again. The job is queued
    after commit."""
    if language not in LANGUAGES:
        language = "nl"
    fingerprint = report_fingerprint(participation, language)
    pdf, created = ReportPdf.objects.get_or_create(
        participation=participation,
        language=language,
        fingerprint=fingerprint,
        defaults={"requested_by": user if getattr(user, "is_authenticated", False) else None},
    )
    now = timezone.now()
    if not created and (pdf.status == ReportPdf.Status.FAILED or _stale(pdf, now)):
        created = bool(
            ReportPdf.objects.filter(pk=pdf.pk, status=pdf.status).update(
                status=ReportPdf.Status.QUEUED, error="", requested_at=now, started_at=None
            )
        )
        pdf.refresh_from_db()
    if created:
        record(
            "reports.pdf_requested",
            actor=user,
            obj=participation,
            organisation=participation.organisation,
            programme=participation.edition.programme,
            details={"language": language},
        )
        from cim.reports.tasks import generate_report_pdf

        pdf_id = pdf.pk
        transaction.on_commit(lambda: generate_report_pdf.enqueue(pdf_id))
    return pdf


def pdf_generate(*, pdf_id: int) -> ReportPdf | None:
    """Make the PDF (the task). Only the job that moves it from queued to running makes it."""
    claimed = ReportPdf.objects.filter(pk=pdf_id, status=ReportPdf.Status.QUEUED).update(
        status=ReportPdf.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    pdf = ReportPdf.objects.select_related(
        "participation__edition__programme", "participation__organisation", "participation__province", "requested_by"
    ).get(pk=pdf_id)
    participation = pdf.participation
    try:
        with translation.override(pdf.language):
            report = report_of(participation, user=pdf.requested_by)
            if report is None:
                raise ValueError("the participation has no score")
            charts = charts_for(report, report_fingerprint(participation, pdf.language))
            content = render_pdf(report, charts, language=pdf.language)
    except Exception as exc:
        logger.exception("report PDF %s failed", pdf_id)
        ReportPdf.objects.filter(pk=pdf_id).update(
            status=ReportPdf.Status.FAILED, error=str(exc)[:300], finished_at=timezone.now()
        )
        return None
    pdf.file.save(
        f"rapport-{participation.pk}-{pdf.language}-{pdf.fingerprint[:12]}.pdf", ContentFile(content), save=False
    )
    pdf.size = len(content)
    pdf.status = ReportPdf.Status.DONE
    pdf.finished_at = timezone.now()
    pdf.save(update_fields=["file", "size", "status", "finished_at"])
    _remove_older(pdf)
    return pdf


def _remove_older(pdf: ReportPdf) -> None:
    """Earlier versions of the same report and language are out of date: remove them and their files."""
    older = (
        ReportPdf.objects.filter(participation_id=pdf.participation_id, language=pdf.language)
        .exclude(pk=pdf.pk)
        .exclude(status__in=[ReportPdf.Status.QUEUED, ReportPdf.Status.RUNNING])
    )
    for row in older:
        if row.file:
            row.file.delete(save=False)
        row.delete()
