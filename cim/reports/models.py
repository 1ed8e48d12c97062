"""Generated PDFs of feedback reports: one row per report, language and version of its content
(the fingerprint), so that a flood of requests makes one job and a cached PDF is served until the
answers or the results change."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportPdf(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        RUNNING = "running", _("wordt gemaakt")
        DONE = "done", _("klaar")
        FAILED = "failed", _("mislukt")

    participation = models.ForeignKey(
        "editions.Participation", on_delete=models.CASCADE, related_name="report_pdfs", verbose_name=_("deelname")
    )
    language = models.CharField(_("taal"), max_length=5)
    fingerprint = models.CharField(_("versie van de inhoud"), max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(_("bestand"), upload_to="reports/", blank=True)
    size = models.PositiveIntegerField(_("grootte (bytes)"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    started_at = models.DateTimeField(_("begonnen op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    error = models.CharField(_("foutmelding"), max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("PDF van een rapport")
        verbose_name_plural = _("PDF's van rapporten")
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "language", "fingerprint"], name="one_pdf_per_report_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participation_id} {self.language} {self.status}"
