"""What `send_reminders` sent (never twice per kind and key) and which kinds staff paused."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SentReminder(models.Model):
    """The log of sent reminders; the unique (kind, key) is what makes a reminder go out once,
    even when two runs overlap."""

    kind = models.CharField(_("soort"), max_length=80)
    key = models.CharField(_("sleutel"), max_length=200)
    programme = models.ForeignKey(
        "editions.Programme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(_("e-mailadres"))
    name = models.CharField(_("naam"), max_length=150, blank=True)
    language = models.CharField(_("taal"), max_length=5)
    subject = models.CharField(_("onderwerp"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("verstuurde herinnering")
        verbose_name_plural = _("verstuurde herinneringen")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="reminder_sent_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"


class ReminderPause(models.Model):
    """A reminder kind that staff paused for their programme: nothing of it is sent until resumed."""

    programme = models.ForeignKey("editions.Programme", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("soort"), max_length=80)
    paused_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    paused_at = models.DateTimeField(_("gepauzeerd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("gepauzeerde herinnering")
        verbose_name_plural = _("gepauzeerde herinneringen")
        constraints = [models.UniqueConstraint(fields=["programme", "kind"], name="one_pause_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind} ({self.programme_id})"
