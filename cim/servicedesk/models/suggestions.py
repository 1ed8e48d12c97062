from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_SUGGESTION = 5000


class Suggestion(models.Model):
    """An improvement or addition for the next edition, about one question of the scan or general."""

    class Status(models.TextChoices):
        NEW = "new", _("nieuw")
        ACCEPTED = "accepted", _("overgenomen voor de volgende editie")
        DECLINED = "declined", _("niet overgenomen")

    participation = models.ForeignKey("editions.Participation", on_delete=models.PROTECT, related_name="+")
    question_key = models.CharField(_("vraag in de scan"), max_length=100, blank=True, db_index=True)
    body = models.TextField(_("suggestie"), max_length=MAX_SUGGESTION)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    decline_reason = models.CharField(_("reden"), max_length=1000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    client_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("verbetersuggestie")
        verbose_name_plural = _("verbetersuggesties")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
                name="declined_suggestion_has_reason",
            )
        ]

    def __str__(self) -> str:
        return self.body[:60]
