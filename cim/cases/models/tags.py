from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cim.cases.vocabulary import TagKind
from cim.core.i18n import localized


class Tag(models.Model):
    """A procurement category, perspective or theme. Shared by lessons and programme material so
    that the feedback report can recommend both; filled from cim/cases/vocabulary.py."""

    kind = models.CharField(_("soort"), max_length=20, choices=TagKind.choices)
    key = models.SlugField(_("sleutel"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    name_en = models.CharField(_("naam (Engels)"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["kind", "order", "name"]
        verbose_name = _("label")
        verbose_name_plural = _("labels")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return localized(self, "name")
