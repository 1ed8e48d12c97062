"""A participation's answers to the scan, their full history, evidence documents, submissions
and pending workbook uploads."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Response(models.Model):
    """The scan of one participation. Created with the first saved answer."""

    participation = models.OneToOneField(
        "editions.Participation", on_delete=models.CASCADE, related_name="scan_response"
    )
    definition = models.ForeignKey(
        "questionnaires.QuestionnaireDefinition", on_delete=models.PROTECT, related_name="responses"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")

    def __str__(self) -> str:
        return str(self.participation)


class Answer(models.Model):
    """The current answer to one question. `version` grows with every change; a save based on an
    older version is a conflict unless it can be merged (see cim.scan.merge)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question_key = models.CharField(_("vraag"), max_length=60)
    value = models.JSONField(_("antwoord"), null=True, blank=True)
    version = models.PositiveIntegerField(_("versie"), default=0)
    updated_at = models.DateTimeField(_("gewijzigd op"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [models.UniqueConstraint(fields=["response", "question_key"], name="one_answer_per_question")]

    def __str__(self) -> str:
        return f"{self.question_key} v{self.version}"


class AnswerRevision(models.Model):
    """One change of an answer: who, when, old → new. Never changed or deleted."""

    class Source(models.TextChoices):
        AUTOSAVE = "autosave", _("automatisch opgeslagen")
        FORM = "form", _("opgeslagen met het formulier")
        WORKBOOK = "workbook", _("werkboek geüpload")
        CARRY_FORWARD = "carry_forward", _("overgenomen uit vorige editie")
        DEMO = "demo", _("voorbeeldgegevens")

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("versie"))
    old_value = models.JSONField(_("oud"), null=True, blank=True)
    new_value = models.JSONField(_("nieuw"), null=True, blank=True)
    changed_at = models.DateTimeField(_("gewijzigd op"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_by_label = models.CharField(_("gewijzigd door"), max_length=200, blank=True)
    source = models.CharField(_("hoe"), max_length=20, choices=Source.choices, default=Source.AUTOSAVE)

    class Meta:
        ordering = ["answer", "-version"]
        verbose_name = _("wijziging van een antwoord")
        verbose_name_plural = _("wijzigingen van antwoorden")
        constraints = [models.UniqueConstraint(fields=["answer", "version"], name="one_revision_per_version")]

    def __str__(self) -> str:
        return f"{self.answer.question_key} v{self.version}"


class EvidenceDocument(models.Model):
    """An uploaded document that supports an answer. Stored under a random name outside the web
    root; served only through a view that checks access."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="documents")
    question_key = models.CharField(_("vraag"), max_length=60)
    file = models.FileField(_("bestand"), max_length=200)
    name = models.CharField(_("bestandsnaam"), max_length=150)
    content_type = models.CharField(_("soort"), max_length=120)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("bewijsstuk")
        verbose_name_plural = _("bewijsstukken")

    def __str__(self) -> str:
        return self.name


class Submission(models.Model):
    """The scan as submitted. At most one open (not reopened) submission per scan: a second submit
    finds it and changes nothing."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveIntegerField(_("volgnummer"))
    receipt_code = models.CharField(_("kenmerk"), max_length=20, unique=True)
    submitted_at = models.DateTimeField(_("ingediend op"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answers = models.JSONField(_("antwoorden bij indienen"), default=dict)
    reopened_at = models.DateTimeField(_("heropend op"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reopen_reason = models.CharField(_("reden heropenen"), max_length=500, blank=True)

    class Meta:
        ordering = ["response", "-number"]
        verbose_name = _("indiening")
        verbose_name_plural = _("indieningen")
        constraints = [
            models.UniqueConstraint(fields=["response", "number"], name="one_submission_per_number"),
            models.UniqueConstraint(
                fields=["response"], condition=models.Q(reopened_at__isnull=True), name="one_open_submission"
            ),
        ]

    def __str__(self) -> str:
        return self.receipt_code


class WorkbookImport(models.Model):
    """An uploaded workbook waiting for confirmation: what would change and every problem."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op bevestiging")
        APPLIED = "applied", _("toegepast")
        DISCARDED = "discarded", _("niet toegepast")

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="workbook_imports")
    filename = models.CharField(_("bestandsnaam"), max_length=150)
    changes = models.JSONField(_("wijzigingen"), default=list)
    problems = models.JSONField(_("problemen"), default=list)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("geüpload werkboek")
        verbose_name_plural = _("geüploade werkboeken")

    def __str__(self) -> str:
        return self.filename
