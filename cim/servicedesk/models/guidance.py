from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cim.core.i18n import localized

MAX_GUIDANCE = 20_000


class GuidanceItem(models.Model):
    """A section of the penvoerder guide or one FAQ entry, written by staff in Dutch and English."""

    class Kind(models.TextChoices):
        GUIDE = "guide", _("handleiding")
        FAQ = "faq", _("veelgestelde vraag")

    class Topic(models.TextChoices):
        SCAN = "scan", _("zo werkt de scan")
        PEOPLE = "people", _("wie weet welke antwoorden")
        TERMS = "terms", _("begrippen")
        SCORING = "scoring", _("zo worden de scores berekend")
        CONFIDENTIALITY = "confidentiality", _("vertrouwelijkheid")
        OTHER = "other", _("overig")

    programme = models.ForeignKey(
        "editions.Programme", verbose_name=_("programma"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    topic = models.CharField(_("onderwerp"), max_length=20, choices=Topic.choices, default=Topic.OTHER)
    title = models.CharField(_("titel of vraag"), max_length=200)
    title_en = models.CharField(_("titel of vraag (Engels)"), max_length=200, blank=True)
    body = models.TextField(_("tekst"), max_length=MAX_GUIDANCE)
    body_en = models.TextField(_("tekst (Engels)"), max_length=MAX_GUIDANCE, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=100)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["kind", "position", "id"]
        verbose_name = _("handleiding of veelgestelde vraag")
        verbose_name_plural = _("handleiding en veelgestelde vragen")

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        return localized(self, "title")

    @property
    def display_body(self) -> str:
        return localized(self, "body")
