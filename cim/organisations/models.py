from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cim.organisations.size_classes import SIZE_CLASS_CHOICES, size_class_for

CODE_PATTERNS = {
    "gemeente": re.compile(r"^GM\d{4}$"),
    "provincie": re.compile(r"^PV\d{2}$"),
    "waterschap": re.compile(r"^WS\d{4}$"),
}


class Organisation(models.Model):
    """A decentralised government: municipality, province, water board or other."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "gemeente", _("gemeente")
        PROVINCE = "provincie", _("provincie")
        WATER_BOARD = "waterschap", _("waterschap")
        OTHER = "overig", _("andere decentrale overheid")

    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Bijvoorbeeld GM0202 of PV25."),
    )
    name = models.CharField(_("naam"), max_length=200)
    province = models.ForeignKey(
        "self",
        verbose_name=_("provincie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        limit_choices_to={"kind": "provincie"},
    )
    is_active = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_("Beëindigde gemeenten blijven bestaan: eerdere edities verwijzen ernaar."),
    )
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    population = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("peiljaar inwoners"), null=True, blank=True)
    size_class = models.CharField(
        _("grootteklasse"), max_length=4, choices=SIZE_CLASS_CHOICES, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        indexes = [models.Index(fields=["kind", "is_active"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="provincie") | models.Q(province__isnull=True),
                name="province_has_no_province",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.size_class = size_class_for(self.population)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.name = " ".join(self.name.split())
        pattern = CODE_PATTERNS.get(self.kind)
        if self.cbs_code:
            self.cbs_code = self.cbs_code.strip().upper()
            if pattern and not pattern.match(self.cbs_code):
                raise ValidationError({"cbs_code": _("Deze code past niet bij de soort organisatie.")})
        if self.province_id and self.province and self.province.kind != self.Kind.PROVINCE:
            raise ValidationError({"province": _("Kies een provincie.")})
