"""The life of an edition: draft → open → closed → results released → archived. Plain Python."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("in voorbereiding")
    OPEN = "open", _("open voor invullen")
    CLOSED = "closed", _("gesloten")
    RESULTS_RELEASED = "released", _("resultaten vrijgegeven")
    ARCHIVED = "archived", _("gearchiveerd")


ORDER = [
    EditionStatus.DRAFT,
    EditionStatus.OPEN,
    EditionStatus.CLOSED,
    EditionStatus.RESULTS_RELEASED,
    EditionStatus.ARCHIVED,
]

ACTION_LABELS = {
    EditionStatus.OPEN: _("Editie openen"),
    EditionStatus.CLOSED: _("Editie sluiten"),
    EditionStatus.RESULTS_RELEASED: _("Resultaten vrijgeven"),
    EditionStatus.ARCHIVED: _("Editie archiveren"),
}


class InvalidTransition(Exception):
    def __init__(self, current: str, target: str) -> None:
        self.current, self.target = current, target
        super().__init__(
            _(
                "Een editie met status '%(current)s' kan niet naar '%(target)s'; statussen volgen elkaar op zonder stappen over te slaan."
            )
            % {"current": EditionStatus(current).label, "target": EditionStatus(target).label}
        )


def next_status(current: str) -> EditionStatus | None:
    index = ORDER.index(EditionStatus(current))
    return ORDER[index + 1] if index + 1 < len(ORDER) else None


def check_transition(current: str, target: str) -> None:
    if target not in EditionStatus.values or next_status(current) != target:
        raise InvalidTransition(current, target if target in EditionStatus.values else current)


def accepts_answers(status: str) -> bool:
    return status == EditionStatus.OPEN


def results_visible(status: str) -> bool:
    return status in (EditionStatus.RESULTS_RELEASED, EditionStatus.ARCHIVED)
