from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cim.core.i18n import localized
from cim.events import defaults


class EventKind(models.TextChoices):
    MASTERCLASS_1 = defaults.MC1, _("Masterclass 1")
    MASTERCLASS_2 = defaults.MC2, _("Masterclass 2")
    MASTERCLASS_3 = defaults.MC3, _("Masterclass 3")
    MASTERCLASS_4 = defaults.MC4, _("Masterclass 4")
    CLOSING = defaults.CLOSING, _("Slotbijeenkomst")


class Event(models.Model):
    """One masterclass or the closing meeting of an edition. Its content is public programme
    material; who registers is not."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("soort"), max_length=10, choices=EventKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    title_en = models.CharField(_("titel (Engels)"), max_length=200, blank=True)
    audience = models.TextField(_("voor wie"), max_length=1000)
    audience_en = models.TextField(_("voor wie (Engels)"), max_length=1000, blank=True)
    description = models.TextField(_("inhoud"), max_length=6000)
    description_en = models.TextField(_("inhoud (Engels)"), max_length=6000, blank=True)
    half_days = models.PositiveSmallIntegerField(
        _("duur in dagdelen"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    lunch = models.BooleanField(_("inclusief lunch"), default=False)
    quota_per_organisation = models.PositiveSmallIntegerField(
        _("maximum per organisatie"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Leeg: geen maximum."),
    )
    companions_from_mc1 = models.BooleanField(
        _("deelnemers van masterclass 1 mogen collega's begeleiden"),
        default=False,
        help_text=_("Begeleiders tellen niet mee voor het maximum per organisatie."),
    )
    requires_project = models.BooleanField(_("gemeente brengt een eigen project in"), default=False)
    public_registration = models.BooleanField(
        _("open voor nieuwe geïnteresseerden (openbaar formulier)"), default=False
    )
    cancel_until_hours = models.PositiveSmallIntegerField(
        _("zelf annuleren tot (uren voor het begin)"),
        default=48,
        validators=[MaxValueValidator(24 * 30)],
    )
    offer_valid_hours = models.PositiveSmallIntegerField(
        _("geldigheid aanbod van de wachtlijst (uren)"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(14 * 24)],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["edition", "kind"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        constraints = [models.UniqueConstraint(fields=["edition", "kind"], name="one_event_per_kind_per_edition")]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return localized(self, "title")

    @property
    def display_audience(self) -> str:
        return localized(self, "audience")

    @property
    def display_description(self) -> str:
        return localized(self, "description")

    @property
    def order(self) -> int:
        return defaults.KIND_ORDER.index(self.kind) if self.kind in defaults.KIND_ORDER else 99

    @property
    def is_masterclass(self) -> bool:
        return self.kind != EventKind.CLOSING

    def clean(self) -> None:
        self.title = " ".join(self.title.split())
        self.title_en = " ".join(self.title_en.split())


class Session(models.Model):
    """One occurrence of an event: a date, a place (or an online link) and a number of seats.
    A person registers for one session of an event."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("gepland")
        CANCELLED = "cancelled", _("gaat niet door")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    location = models.CharField(_("locatie"), max_length=300, blank=True)
    online_url = models.URLField(_("link voor online deelname"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"), validators=[MinValueValidator(1), MaxValueValidator(10_000)]
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    cancelled_at = models.DateTimeField(_("afgelast op"), null=True, blank=True)
    cancel_reason = models.CharField(_("reden afgelasting"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="session_has_seats"),
        ]

    def __str__(self) -> str:
        start = timezone.localtime(self.starts_at)
        return f"{self.event} – {start:%d-%m-%Y %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def where(self) -> str:
        return self.location or self.online_url

    def clean(self) -> None:
        self.location = " ".join(self.location.split())
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Het einde moet na het begin liggen.")})
        if self.starts_at and self.ends_at and self.ends_at - self.starts_at > dt.timedelta(days=3):
            raise ValidationError({"ends_at": _("Een sessie duurt hoogstens drie dagen.")})
        if not self.location and not self.online_url:
            raise ValidationError(_("Vul een locatie of een link voor online deelname in."))


class EventProject(models.Model):
    """The tender or project a municipality brings to masterclass 4. Until the projects room is
    linked, a title and a description (docs/events.md)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="projects")
    participation = models.ForeignKey("editions.Participation", on_delete=models.CASCADE, related_name="event_projects")
    title = models.CharField(_("titel van het project"), max_length=200)
    description = models.TextField(_("korte beschrijving van het project"), max_length=3000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ingebracht project")
        verbose_name_plural = _("ingebrachte projecten")
        constraints = [
            models.UniqueConstraint(fields=["event", "participation"], name="one_project_per_municipality_per_event")
        ]

    def __str__(self) -> str:
        return self.title
