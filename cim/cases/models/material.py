from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Material(models.Model):
    """Programme material (slides, hand-outs, links) that may be published with its source."""

    class Kind(models.TextChoices):
        SLIDES = "slides", _("presentatie")
        HANDOUT = "handout", _("hand-out")
        LINK = "link", _("link")

    class Occasion(models.TextChoices):
        MASTERCLASS_1 = "mc1", _("Masterclass 1")
        MASTERCLASS_2 = "mc2", _("Masterclass 2")
        MASTERCLASS_3 = "mc3", _("Masterclass 3")
        MASTERCLASS_4 = "mc4", _("Masterclass 4")
        CLOSING = "closing", _("Slotbijeenkomst")
        OTHER = "other", _("Overig")

    programme = models.ForeignKey("editions.Programme", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    occasion = models.CharField(_("bijeenkomst"), max_length=20, choices=Occasion.choices, default=Occasion.OTHER)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), max_length=3000, validators=[MaxLengthValidator(3000)])
    attribution = models.CharField(
        _("bronvermelding"),
        max_length=300,
        help_text=_("Verplicht. Bijvoorbeeld: Bron: Circulair Inkopen Gelderland, masterclass 1 (2026)."),
    )
    url = models.URLField(_("webadres"), max_length=500, blank=True)
    file = models.FileField(_("bestand"), max_length=200, blank=True)
    file_type = models.CharField(max_length=10, blank=True, editable=False)
    file_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    tags = models.ManyToManyField("cases.Tag", verbose_name=_("labels"), blank=True, related_name="material")
    is_published = models.BooleanField(_("gepubliceerd"), default=False)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("programmamateriaal")
        verbose_name_plural = _("programmamateriaal")
        constraints = [
            models.CheckConstraint(condition=~models.Q(attribution=""), name="material_has_attribution"),
            models.CheckConstraint(
                condition=models.Q(kind="link", file="") & ~models.Q(url="")
                | ~models.Q(kind="link") & ~models.Q(file=""),
                name="material_link_or_file",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        self.title = " ".join(self.title.split())
        self.attribution = " ".join(self.attribution.split())

    @property
    def is_link(self) -> bool:
        return self.kind == self.Kind.LINK
