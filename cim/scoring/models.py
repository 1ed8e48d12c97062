"""Stored scores: one row per participation whose scan is submitted (and not reopened).

Written on submission (signals.py) and by `rescore_edition`; removed when the scan is reopened,
so that a score always belongs to the answers as submitted. The figures are confidential: read
them through cim.access.scoping (reports) or cim.scoring.selectors (statistics, disclosure).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Score(models.Model):
    participation = models.OneToOneField(
        "editions.Participation", on_delete=models.CASCADE, related_name="score", verbose_name=_("deelname")
    )
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="scores")
    submission = models.ForeignKey(
        "scan.Submission", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    definition_checksum = models.CharField(_("controlegetal vragenlijst"), max_length=64)
    overall = models.DecimalField(_("totaalscore"), max_digits=4, decimal_places=1)
    strategic = models.DecimalField(_("strategisch niveau"), null=True, blank=True, max_digits=4, decimal_places=1)
    operational = models.DecimalField(_("operationeel niveau"), null=True, blank=True, max_digits=4, decimal_places=1)
    stage = models.CharField(_("fase"), max_length=40)
    spend_total = models.DecimalField(_("totaal inkoopvolume"), null=True, blank=True, max_digits=16, decimal_places=2)
    spend_circular = models.DecimalField(
        _("circulair inkoopvolume"), null=True, blank=True, max_digits=16, decimal_places=2
    )
    circular_share = models.DecimalField(
        _("circulair aandeel (%)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    complete = models.BooleanField(_("volledig"), default=True)
    # Everything else as plain JSON (decimals as strings): groups, themes, stages, questions,
    # categories. See selectors.ScoreRecord for the shape.
    details = models.JSONField(_("details"), default=dict)
    computed_at = models.DateTimeField(_("berekend op"))

    class Meta:
        ordering = ["edition", "-overall"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        indexes = [models.Index(fields=["edition", "overall"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(overall__gte=0, overall__lte=100), name="score_overall_between_0_and_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participation_id}: {self.overall}"
