from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cim.cases.sharing import LessonStatus, SharedVersion
from cim.cases.text import MAX_TEXT_LENGTH
from cim.cases.vocabulary import Phase


def new_public_id() -> str:
    """The only identifier a shared lesson shows: random, unrelated to the row or its author."""
    return secrets.token_urlsafe(12)


class Lesson(models.Model):
    """What an organisation (or staff, from a masterclass) learned. The author's text stays with the
    organisation; the `shared_*` fields hold the de-identified version that others may read once
    the author has approved exactly that version."""

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    programme = models.ForeignKey("editions.Programme", on_delete=models.PROTECT, related_name="+")
    # Empty for lessons staff write up from a masterclass.
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    edition = models.ForeignKey("editions.Edition", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    project = models.ForeignKey(
        "cases.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lessons",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The author's own text.
    title = models.CharField(_("titel"), max_length=200)
    tried = models.TextField(
        _("wat is geprobeerd"), max_length=MAX_TEXT_LENGTH, validators=[MaxLengthValidator(MAX_TEXT_LENGTH)]
    )
    worked = models.TextField(
        _("wat werkte"), max_length=MAX_TEXT_LENGTH, validators=[MaxLengthValidator(MAX_TEXT_LENGTH)], blank=True
    )
    did_not_work = models.TextField(
        _("wat werkte niet"), max_length=MAX_TEXT_LENGTH, validators=[MaxLengthValidator(MAX_TEXT_LENGTH)], blank=True
    )
    obstacles = models.TextField(
        _("welke obstakels zijn overwonnen"),
        max_length=MAX_TEXT_LENGTH,
        validators=[MaxLengthValidator(MAX_TEXT_LENGTH)],
        blank=True,
    )
    phase = models.CharField(_("fase"), max_length=30, choices=Phase.choices, blank=True)
    tags = models.ManyToManyField("cases.Tag", verbose_name=_("labels"), blank=True, related_name="lessons")
    # The de-identified version, edited by staff.
    shared_title = models.CharField(_("titel (gedeelde versie)"), max_length=200, blank=True)
    shared_tried = models.TextField(
        _("wat is geprobeerd (gedeelde versie)"),
        max_length=MAX_TEXT_LENGTH,
        validators=[MaxLengthValidator(MAX_TEXT_LENGTH)],
        blank=True,
    )
    shared_worked = models.TextField(
        _("wat werkte (gedeelde versie)"),
        max_length=MAX_TEXT_LENGTH,
        validators=[MaxLengthValidator(MAX_TEXT_LENGTH)],
        blank=True,
    )
    shared_did_not_work = models.TextField(
        _("wat werkte niet (gedeelde versie)"),
        max_length=MAX_TEXT_LENGTH,
        validators=[MaxLengthValidator(MAX_TEXT_LENGTH)],
        blank=True,
    )
    shared_obstacles = models.TextField(
        _("welke obstakels zijn overwonnen (gedeelde versie)"),
        max_length=MAX_TEXT_LENGTH,
        validators=[MaxLengthValidator(MAX_TEXT_LENGTH)],
        blank=True,
    )
    status = models.CharField(_("status"), max_length=30, choices=LessonStatus.choices, default=LessonStatus.DRAFT)
    author_note = models.CharField(_("reactie van de auteur"), max_length=1000, blank=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_for_approval_at = models.DateTimeField(_("ter goedkeuring voorgelegd op"), null=True, blank=True)
    approved_digest = models.CharField(max_length=64, blank=True, editable=False)
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(_("gedeeld op"), null=True, blank=True)
    # The organisation agrees to show this lesson on the Top 10 page of an edition.
    top10_edition = models.ForeignKey(
        "editions.Edition",
        verbose_name=_("gedeeld voor de Top 10-pagina van"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("les")
        verbose_name_plural = _("lessen")
        indexes = [
            models.Index(fields=["programme", "status"]),
            models.Index(fields=["programme", "organisation"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="shared")
                | (~models.Q(approved_digest="") & models.Q(approved_at__isnull=False)),
                name="shared_lesson_is_approved",
            ),
            models.CheckConstraint(
                condition=models.Q(top10_edition__isnull=True) | models.Q(organisation__isnull=False),
                name="top10_lesson_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        self.title = " ".join(self.title.split())
        self.shared_title = " ".join(self.shared_title.split())

    def shared_version(self, tag_keys: list[str] | None = None) -> SharedVersion:
        keys = tag_keys if tag_keys is not None else [t.key for t in self.tags.all()]
        return SharedVersion(
            title=self.shared_title,
            tried=self.shared_tried,
            worked=self.shared_worked,
            did_not_work=self.shared_did_not_work,
            obstacles=self.shared_obstacles,
            phase=self.phase,
            tags=tuple(sorted(keys)),
        )

    @property
    def is_shared(self) -> bool:
        return self.status == LessonStatus.SHARED
