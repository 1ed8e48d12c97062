from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipationApplication(models.Model):
    """A municipality asks to take part through the public form; staff approve or decline."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op beoordeling")
        APPROVED = "approved", _("goedgekeurd")
        DECLINED = "declined", _("afgewezen")

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="applications")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    contact_name = models.CharField(_("naam contactpersoon"), max_length=150)
    contact_email = models.EmailField(_("e-mailadres contactpersoon"))
    contact_function = models.CharField(_("functie"), max_length=150, blank=True)
    takes_monitor = models.BooleanField(_("monitor"), default=True)
    takes_masterclasses = models.BooleanField(_("masterclasses"), default=True)
    message = models.TextField(_("toelichting"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    submitted_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decline_reason = models.CharField(_("reden afwijzing"), max_length=500, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "organisation"],
                condition=models.Q(status="pending"),
                name="one_pending_application",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.edition}"
