from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from cim.cases.vocabulary import Phase

LONG_TEXT = 5000


class Project(models.Model):
    """A procurement an organisation means to do circularly. It belongs to the organisation within
    a programme, so it carries over from edition to edition; phase changes are kept as history."""

    programme = models.ForeignKey("editions.Programme", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    first_edition = models.ForeignKey(
        "editions.Edition", verbose_name=_("vastgelegd in editie"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("titel"), max_length=200)
    category = models.ForeignKey(
        "cases.Tag",
        verbose_name=_("inkoopcategorie"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "category"},
    )
    perspective = models.ForeignKey(
        "cases.Tag",
        verbose_name=_("perspectief"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "perspective"},
    )
    phase = models.CharField(_("fase"), max_length=30, choices=Phase.choices, default=Phase.IDEA)
    planned_tender_date = models.DateField(_("geplande aanbestedingsdatum"), null=True, blank=True)
    ambition = models.TextField(
        _("ambitie"), max_length=LONG_TEXT, validators=[MaxLengthValidator(LONG_TEXT)], blank=True
    )
    partners = models.TextField(
        _("partners"), max_length=LONG_TEXT, validators=[MaxLengthValidator(LONG_TEXT)], blank=True
    )
    success_factors = models.TextField(
        _("succesfactoren"), max_length=LONG_TEXT, validators=[MaxLengthValidator(LONG_TEXT)], blank=True
    )
    obstacles_risks = models.TextField(
        _("obstakels en risico's"), max_length=LONG_TEXT, validators=[MaxLengthValidator(LONG_TEXT)], blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("project")
        verbose_name_plural = _("projecten")
        indexes = [models.Index(fields=["programme", "organisation"])]
        constraints = [
            models.UniqueConstraint(
                Lower("title"), "programme", "organisation", name="one_project_title_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        self.title = " ".join(self.title.split())


class ProjectPhaseChange(models.Model):
    """One step in a project's history: how it moved from phase to phase over the editions."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(_("van fase"), max_length=30, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("naar fase"), max_length=30, choices=Phase.choices)
    edition = models.ForeignKey(
        "editions.Edition", verbose_name=_("editie"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("fasewijziging")
        verbose_name_plural = _("fasewijzigingen")

    def __str__(self) -> str:
        return f"{self.project}: {self.from_phase} → {self.to_phase}"


class Masterclass4Choice(models.Model):
    """The project an organisation brings to masterclass 4 of an edition: at most one."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="masterclass4_choices")
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chosen_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("project voor masterclass 4")
        verbose_name_plural = _("projecten voor masterclass 4")
        constraints = [
            models.UniqueConstraint(fields=["edition", "organisation"], name="one_masterclass4_project"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.edition}: {self.project}"
