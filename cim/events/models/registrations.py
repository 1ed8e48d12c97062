from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cim.events import rules
from cim.organisations.models import Organisation


class Registration(models.Model):
    """A person's place at a session: confirmed, on the waiting list, offered a freed seat, or
    cancelled. Personal data (name, e-mail, function, dietary wishes) is visible only to staff and
    to the person's own organisation, and is anonymised after the retention period."""

    class Status(models.TextChoices):
        CONFIRMED = rules.CONFIRMED, _("aangemeld")
        WAITLISTED = rules.WAITLISTED, _("op de wachtlijst")
        OFFERED = rules.OFFERED, _("plaats aangeboden")
        CANCELLED = rules.CANCELLED, _("geannuleerd")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("nog niet bekend")
        PRESENT = "present", _("aanwezig")
        ABSENT = "absent", _("niet verschenen")

    class Source(models.TextChoices):
        PENVOERDER = "penvoerder", _("door de penvoerder")
        LINK = "link", _("via de aanmeldlink")
        PUBLIC = "public", _("via het openbare formulier")
        STAFF = "staff", _("door de servicedesk")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey("events.Event", on_delete=models.PROTECT, related_name="registrations")
    session = models.ForeignKey("events.Session", on_delete=models.PROTECT, related_name="registrations")
    participation = models.ForeignKey(
        "editions.Participation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_registrations",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation_name = models.CharField(_("organisatie"), max_length=200)
    organisation_kind = models.CharField(_("soort organisatie"), max_length=20, choices=Organisation.Kind.choices)
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    function = models.CharField(_("functie"), max_length=150, blank=True)
    dietary = models.CharField(_("dieetwensen"), max_length=300, blank=True)
    language = models.CharField(_("taal"), max_length=5, default="nl")
    listed_consent = models.BooleanField(_("mag op de deelnemerslijst"), default=False)
    chatham_accepted_at = models.DateTimeField(_("Chatham House Rule aanvaard op"))
    is_companion = models.BooleanField(_("begeleider (deed mee aan masterclass 1)"), default=False)
    source = models.CharField(_("aangemeld"), max_length=20, choices=Source.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    waitlisted_at = models.DateTimeField(_("op de wachtlijst sinds"), null=True, blank=True)
    offered_at = models.DateTimeField(_("plaats aangeboden op"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("aanbod geldig tot"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    cancel_reason = models.CharField(_("reden annulering"), max_length=300, blank=True)
    attendance = models.CharField(
        _("aanwezigheid"), max_length=10, choices=Attendance.choices, default=Attendance.UNKNOWN, blank=True
    )
    attendance_marked_at = models.DateTimeField(_("aanwezigheid geregistreerd op"), null=True, blank=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ics_sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            # The same e-mail address once per event (masterclass or closing meeting), whatever the session.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~models.Q(status=rules.CANCELLED),
                name="one_active_registration_per_email_per_event",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[*rules.ACTIVE_STATUSES, rules.CANCELLED]),
                name="registration_status_known",
            ),
        ]
        indexes = [
            models.Index(fields=["session", "status"]),
            models.Index(fields=["event", "organisation", "status"]),
            models.Index(fields=["participation", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.session}"

    @property
    def is_active(self) -> bool:
        return self.status in rules.ACTIVE_STATUSES

    @property
    def holds_seat(self) -> bool:
        return self.status in rules.SEAT_STATUSES

    @property
    def attended(self) -> bool:
        return self.attendance == self.Attendance.PRESENT


class SignupLink(models.Model):
    """A link the penvoerder shares with colleagues so they register themselves for the
    masterclasses, within the municipality's quota. One active link per participation; a new link
    makes the old one stop working."""

    participation = models.ForeignKey(
        "editions.Participation", on_delete=models.CASCADE, related_name="event_signup_links"
    )
    key = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("aanmeldlink")
        verbose_name_plural = _("aanmeldlinks")
        constraints = [
            models.UniqueConstraint(
                fields=["participation"], condition=models.Q(revoked_at__isnull=True), name="one_active_signup_link"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participation}"
