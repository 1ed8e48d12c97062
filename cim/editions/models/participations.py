from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cim.editions.timeline import effective_deadline
from cim.organisations.size_classes import SIZE_CLASS_CHOICES


class ScanStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("nog niet begonnen")
    IN_PROGRESS = "in_progress", _("bezig")
    SUBMITTED = "submitted", _("ingediend")
    REOPENED = "reopened", _("heropend")


class Participation(models.Model):
    """An organisation taking part in one edition: in the monitor, the masterclasses, or both."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("neemt deel")
        WITHDRAWN = "withdrawn", _("teruggetrokken")

    edition = models.ForeignKey("editions.Edition", on_delete=models.PROTECT, related_name="participations")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="participations"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    takes_monitor = models.BooleanField(_("doet mee aan de monitor"), default=True)
    takes_masterclasses = models.BooleanField(_("doet mee aan de masterclasses"), default=True)
    contact_name = models.CharField(_("naam penvoerder (contact)"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mailadres penvoerder (contact)"), blank=True)
    deadline_extended_to = models.DateTimeField(_("verlengde inleverdatum"), null=True, blank=True)
    # Peer-group snapshot at the time of joining, so that comparisons over the years stay stable.
    province = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("provincie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    size_class = models.CharField(_("grootteklasse"), max_length=4, choices=SIZE_CLASS_CHOICES, blank=True)
    # The scan's state, kept up to date by the scan room so that overviews and reminders need no
    # knowledge of answers.
    scan_status = models.CharField(
        _("status scan"), max_length=20, choices=ScanStatus.choices, default=ScanStatus.NOT_STARTED
    )
    scan_progress = models.PositiveSmallIntegerField(_("voortgang scan (%)"), default=0)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    joined_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        constraints = [
            models.UniqueConstraint(fields=["edition", "organisation"], name="one_participation_per_edition"),
            models.CheckConstraint(
                condition=models.Q(takes_monitor=True) | models.Q(takes_masterclasses=True),
                name="participation_takes_part",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.edition}"

    def clean(self) -> None:
        if not self.takes_monitor and not self.takes_masterclasses:
            raise ValidationError(_("Kies de monitor, de masterclasses of beide."))

    @property
    def deadline(self):  # type: ignore[no-untyped-def]
        """The submission deadline that applies to this participation: its extension, but never
        earlier than the edition's (which may have moved later since)."""
        return effective_deadline(self.edition.submission_deadline, self.deadline_extended_to)


class ParticipationMember(models.Model):
    """A person's role in a participation. Exactly one active penvoerder at a time; ended roles
    stay as history."""

    class Role(models.TextChoices):
        PENVOERDER = "penvoerder", _("penvoerder")
        CONTRIBUTOR = "contributor", _("collega")

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    sections = models.JSONField(
        _("toegewezen onderdelen"),
        default=list,
        blank=True,
        help_text=_("Leeg: alle onderdelen (alleen voor collega's van belang)."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    started_at = models.DateTimeField(_("begonnen op"), auto_now_add=True)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    end_reason = models.CharField(_("reden beëindiging"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-is_active", "role", "started_at"]
        verbose_name = _("rol in deelname")
        verbose_name_plural = _("rollen in deelnames")
        constraints = [
            models.UniqueConstraint(
                fields=["participation"],
                condition=models.Q(role="penvoerder", is_active=True),
                name="one_active_penvoerder",
            ),
            models.UniqueConstraint(
                fields=["participation", "user"],
                condition=models.Q(is_active=True),
                name="one_active_role_per_person",
            ),
        ]
        indexes = [models.Index(fields=["user", "is_active"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.participation}"
