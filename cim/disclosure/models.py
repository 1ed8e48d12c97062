"""The ledger of everything published: each release of a table and the value or suppression
marker of each of its cells. Written once, never changed or deleted by the application, so every
later release is audited against it and a suppression is never reversed. It never holds a
suppressed value: a suppressed cell has no value here."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LedgerImmutable(Exception):
    """Published tables are a record of what went out; they cannot be changed."""


class _ImmutableQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise LedgerImmutable("published tables cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise LedgerImmutable("published tables cannot be deleted")


class _Immutable(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise LedgerImmutable("published tables cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise LedgerImmutable("published tables cannot be deleted")


class PublishedTable(_Immutable):
    edition = models.ForeignKey(
        "editions.Edition", verbose_name=_("editie"), on_delete=models.PROTECT, related_name="published_tables"
    )
    key = models.CharField(_("tabel"), max_length=100)
    version = models.PositiveIntegerField(_("versie"), default=1)
    kind = models.CharField(_("soort"), max_length=20)
    spec = models.JSONField(_("definitie"))
    params = models.JSONField(_("parameters (alleen medewerkers)"), default=dict)
    released_at = models.DateTimeField(_("gepubliceerd op"), default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = _ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "key", "version"]
        verbose_name = _("gepubliceerde tabel")
        verbose_name_plural = _("gepubliceerde tabellen")
        constraints = [
            models.UniqueConstraint(fields=["edition", "key", "version"], name="one_release_per_table_version"),
        ]

    def __str__(self) -> str:
        return f"{self.key} v{self.version}"


class PublishedCell(_Immutable):
    table = models.ForeignKey(PublishedTable, on_delete=models.PROTECT, related_name="cells")
    row = models.CharField(_("rij"), max_length=60)
    column = models.CharField(_("kolom"), max_length=160)
    value = models.DecimalField(_("waarde"), max_digits=20, decimal_places=2, null=True, blank=True)
    suppressed = models.BooleanField(_("onderdrukt"), default=False)

    objects = _ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["table", "row", "column"]
        verbose_name = _("gepubliceerde cel")
        verbose_name_plural = _("gepubliceerde cellen")
        constraints = [
            models.UniqueConstraint(fields=["table", "row", "column"], name="one_cell_per_coordinate"),
            models.CheckConstraint(
                condition=models.Q(suppressed=True, value__isnull=True)
                | models.Q(suppressed=False, value__isnull=False),
                name="suppressed_cell_has_no_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.row} × {self.column}"
