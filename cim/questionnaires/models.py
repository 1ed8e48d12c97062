"""A questionnaire definition per edition, as uploaded (immutable versions), and one row per
question so that lineage across editions can be queried."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DefinitionQuerySet(models.QuerySet["QuestionnaireDefinition"]):
    def light(self) -> DefinitionQuerySet:
        """Without the large columns: enough to find the cached parsed definition."""
        return self.only("id", "edition_id", "version", "checksum", "is_active", "uploaded_at")


class QuestionnaireDefinition(models.Model):
    """One version of an edition's questionnaire. Versions are never changed; a new upload makes
    a new version active (only while the edition is a draft)."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="definitions")
    version = models.PositiveIntegerField(_("versie"))
    is_active = models.BooleanField(_("in gebruik"), default=True)
    source = models.TextField(_("bron (YAML)"))
    filename = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    checksum = models.CharField(_("controlegetal (SHA-256)"), max_length=64)
    question_count = models.PositiveIntegerField(_("aantal vragen"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)

    objects = DefinitionQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "-version"]
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")
        constraints = [
            models.UniqueConstraint(fields=["edition", "version"], name="one_definition_per_version"),
            models.UniqueConstraint(
                fields=["edition"], condition=models.Q(is_active=True), name="one_active_definition_per_edition"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition} v{self.version}"


class DefinitionQuestion(models.Model):
    """A question as loaded, for queries across editions (lineage, statistics per key)."""

    definition = models.ForeignKey(QuestionnaireDefinition, on_delete=models.CASCADE, related_name="questions")
    key = models.CharField(_("sleutel"), max_length=60)
    section_key = models.CharField(_("onderdeel"), max_length=60)
    position = models.PositiveIntegerField(_("volgorde"))
    type = models.CharField(_("type"), max_length=20)
    text_nl = models.TextField(_("vraag"))
    text_en = models.TextField(_("vraag (Engels)"), blank=True)
    continues = models.JSONField(_("vervolg op"), default=list, blank=True)
    tags = models.JSONField(_("labels"), default=dict, blank=True)

    class Meta:
        ordering = ["definition", "position"]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        constraints = [models.UniqueConstraint(fields=["definition", "key"], name="one_question_per_key")]
        indexes = [models.Index(fields=["key"])]

    def __str__(self) -> str:
        return self.key
