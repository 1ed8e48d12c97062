from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cim.core.i18n import localized
from cim.editions import timeline
from cim.editions.lifecycle import EditionStatus, results_visible


class Edition(models.Model):
    """One yearly round ("jaargang") of the monitor within a programme."""

    programme = models.ForeignKey("editions.Programme", on_delete=models.PROTECT, related_name="editions")
    year = models.PositiveSmallIntegerField(_("jaar"), validators=[MinValueValidator(2015), MaxValueValidator(2100)])
    title = models.CharField(_("titel"), max_length=200)
    title_en = models.CharField(_("titel (Engels)"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=EditionStatus.choices, default=EditionStatus.DRAFT)
    opens_at = models.DateTimeField(_("open vanaf"))
    submission_deadline = models.DateTimeField(_("uiterste inleverdatum"))
    closing_meeting_date = models.DateField(_("datum slotbijeenkomst"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status gewijzigd op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("editie")
        verbose_name_plural = _("edities")
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="one_edition_per_year"),
            models.CheckConstraint(
                condition=models.Q(submission_deadline__gt=models.F("opens_at")),
                name="deadline_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return localized(self, "title")

    @property
    def results_visible(self) -> bool:
        return results_visible(self.status)

    def dates(self, moments: list[timeline.Moment] | None = None) -> timeline.Dates:
        """The timeline; `moments` replaces the stored feedback moments (to check a change)."""
        if moments is None:
            moments = [m.as_moment() for m in self.feedback_moments.all()] if self.pk else []
        return timeline.Dates(
            opens_at=self.opens_at,
            deadline=self.submission_deadline,
            closing_meeting=self.closing_meeting_date,
            moments=tuple(moments),
        )

    def clean(self) -> None:
        self.title = " ".join(self.title.split())
        if not (self.opens_at and self.submission_deadline):
            return
        problems = timeline.date_problems(self.dates())
        if problems:
            raise ValidationError(problems)


class FeedbackMoment(models.Model):
    """A moment at which the service desk gives feedback ("terugkoppelmoment"): on progress while
    the scan is open, or the results after the deadline (results are released on such a moment)."""

    class Kind(models.TextChoices):
        PROGRESS = timeline.PROGRESS, _("tussentijds (voortgang)")
        RESULTS = timeline.RESULTS, _("resultaten")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="feedback_moments")
    date = models.DateField(_("datum"))
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.PROGRESS)
    description = models.CharField(_("omschrijving"), max_length=300)
    description_en = models.CharField(_("omschrijving (Engels)"), max_length=300, blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("terugkoppelmoment")
        verbose_name_plural = _("terugkoppelmomenten")

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.description}"

    @property
    def display_description(self) -> str:
        return localized(self, "description")

    def as_moment(self) -> timeline.Moment:
        return timeline.Moment(date=self.date, kind=self.kind, label=self.description)
