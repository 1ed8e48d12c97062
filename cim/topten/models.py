"""Consent to be named, and the frozen snapshot of a published Top 10.

The ranking itself is computed from the stored scores (cim.scoring) until the service desk
publishes it; publishing copies it into `PublishedTopTen` and `PublishedRank` rows, so that a
later rescoring never changes a published Top 10.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class NamingConsent(models.Model):
    """The penvoerder's choice for one participation (edition): may the Top 10 name the
    organisation? No row means no: not named."""

    participation = models.OneToOneField(
        "editions.Participation", on_delete=models.CASCADE, related_name="topten_consent", verbose_name=_("deelname")
    )
    named = models.BooleanField(_("mag genoemd worden"), default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("gewijzigd op"))

    class Meta:
        verbose_name = _("toestemming naamsvermelding")
        verbose_name_plural = _("toestemmingen naamsvermelding")

    def __str__(self) -> str:
        return f"{self.participation_id}: {'ja' if self.named else 'nee'}"


class PublishedTopTen(models.Model):
    """One edition's Top 10 as the service desk published it. Never changed afterwards."""

    edition = models.OneToOneField(
        "editions.Edition", on_delete=models.PROTECT, related_name="published_top_ten", verbose_name=_("editie")
    )
    published_at = models.DateTimeField(_("bekendgemaakt op"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    minimum_level_score = models.DecimalField(
        _("minimumscore per niveau"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    size = models.PositiveSmallIntegerField(_("omvang"), validators=[MinValueValidator(1), MaxValueValidator(100)])
    eligible_count = models.PositiveIntegerField(_("aantal gerangschikte deelnemers"))
    checksum = models.CharField(_("controlegetal"), max_length=64)

    class Meta:
        ordering = ["-edition__year"]
        verbose_name = _("bekendgemaakte Top 10")
        verbose_name_plural = _("bekendgemaakte Top 10's")

    def __str__(self) -> str:
        return f"Top 10 {self.edition_id}"


class PublishedRank(models.Model):
    """One line of a published Top 10. `name` is filled only when the organisation consented."""

    top_ten = models.ForeignKey(PublishedTopTen, on_delete=models.CASCADE, related_name="ranks")
    position = models.PositiveSmallIntegerField(_("plaats"), validators=[MinValueValidator(1)])
    order = models.PositiveSmallIntegerField(_("volgorde"))
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    named = models.BooleanField(_("genoemd"))
    name = models.CharField(_("naam"), max_length=200, blank=True)
    overall = models.DecimalField(_("totaalscore"), max_digits=4, decimal_places=1)
    strategic = models.DecimalField(_("strategisch niveau"), max_digits=4, decimal_places=1)
    operational = models.DecimalField(_("operationeel niveau"), max_digits=4, decimal_places=1)

    class Meta:
        ordering = ["top_ten", "order"]
        verbose_name = _("plaats in de Top 10")
        verbose_name_plural = _("plaatsen in de Top 10")
        constraints = [
            models.UniqueConstraint(fields=["top_ten", "order"], name="topten_one_line_per_order"),
            models.UniqueConstraint(fields=["top_ten", "organisation"], name="topten_organisation_once"),
            models.CheckConstraint(condition=models.Q(position__gte=1), name="topten_position_from_1"),
            models.CheckConstraint(
                condition=models.Q(named=True) | models.Q(name=""), name="topten_anonymous_has_no_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name or '—'}"
