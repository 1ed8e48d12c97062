from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cim.core.i18n import localized

MAX_ANNOUNCEMENT = 5000


class Announcement(models.Model):
    """A message to every penvoerder of an edition, by e-mail and on the dashboard.
    Written as a draft, previewed, then sent once."""

    edition = models.ForeignKey(
        "editions.Edition", verbose_name=_("editie"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("titel"), max_length=200)
    title_en = models.CharField(_("titel (Engels)"), max_length=200, blank=True)
    body = models.TextField(_("tekst"), max_length=MAX_ANNOUNCEMENT)
    body_en = models.TextField(_("tekst (Engels)"), max_length=MAX_ANNOUNCEMENT, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True, db_index=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipient_count = models.PositiveIntegerField(_("aantal ontvangers"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mededeling")
        verbose_name_plural = _("mededelingen")

    def __str__(self) -> str:
        return self.title

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None

    def title_in(self, language: str) -> str:
        return localized(self, "title", language)

    def body_in(self, language: str) -> str:
        return localized(self, "body", language)

    @property
    def display_title(self) -> str:
        return localized(self, "title")

    @property
    def display_body(self) -> str:
        return localized(self, "body")
