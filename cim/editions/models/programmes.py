from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Programme(models.Model):
    """The network that runs the monitor. One installation may hold several, each with its own
    staff and data; nothing is shared between programmes."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=60, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    description_en = models.TextField(_("omschrijving (Engels)"), blank=True)
    contact_email = models.EmailField(_("e-mailadres servicedesk"))
    contact_phone = models.CharField(_("telefoon servicedesk"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("programma")
        verbose_name_plural = _("programma's")

    def __str__(self) -> str:
        return self.name


class ProgrammeStaff(models.Model):
    """Programme staff: the service desk runs the programme; analysts read confidential data
    for analysis (every such read is audited)."""

    class Role(models.TextChoices):
        SERVICE_DESK = "servicedesk", _("servicedesk")
        ANALYST = "analyst", _("analist")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_roles")
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("actief"), default=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("programmamedewerker")
        verbose_name_plural = _("programmamedewerkers")
        constraints = [models.UniqueConstraint(fields=["programme", "user"], name="one_staff_role_per_programme")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.programme})"


class FunderAccess(models.Model):
    """A funder (e.g. the Province of Gelderland) sees the published statistics of its province."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="funders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="funder_access")
    province = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "provincie"},
    )
    is_active = models.BooleanField(_("actief"), default=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("financier")
        verbose_name_plural = _("financiers")
        constraints = [models.UniqueConstraint(fields=["programme", "user", "province"], name="one_funder_access")]

    def __str__(self) -> str:
        return f"{self.user} ({self.province})"
