"""The life of an edition: draft → open → closed → results released → archived, with one way
back (closed → open) until the results are out. Plain Python; the timeline's rules (what a step
needs on a given date) are in timeline.py."""

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

# Every step staff can take from each status; closed → open is the way back.
STEPS: dict[str, tuple[EditionStatus, ...]] = {
    EditionStatus.DRAFT: (EditionStatus.OPEN,),
    EditionStatus.OPEN: (EditionStatus.CLOSED,),
    EditionStatus.CLOSED: (EditionStatus.RESULTS_RELEASED, EditionStatus.OPEN),
    EditionStatus.RESULTS_RELEASED: (EditionStatus.ARCHIVED,),
    EditionStatus.ARCHIVED: (),
}

ACTION_LABELS = {
    EditionStatus.OPEN: _("Editie openen"),
    EditionStatus.CLOSED: _("Editie sluiten"),
    EditionStatus.RESULTS_RELEASED: _("Resultaten vrijgeven"),
    EditionStatus.ARCHIVED: _("Editie archiveren"),
}
REOPEN_LABEL = _("Editie heropenen")
# What a step does, shown on its confirmation page.
EFFECTS = {
    EditionStatus.OPEN: _("Penvoerders en collega's kunnen de scan invullen en indienen tot de inleverdatum."),
    EditionStatus.CLOSED: _(
        "Niemand kan de scan nog wijzigen of indienen. U kunt de editie heropenen zolang de resultaten niet zijn vrijgegeven."
    ),
    EditionStatus.RESULTS_RELEASED: _(
        "Elke organisatie ziet haar eigen terugkoppeling en rapport. Daarna kan de editie niet meer worden heropend en ligt de planning vast."
    ),
    EditionStatus.ARCHIVED: _("De editie wordt alleen-lezen; alles blijft bewaard en te raadplegen."),
}
REOPEN_EFFECT = _(
    "Penvoerders en collega's kunnen de scan weer invullen en indienen tot de inleverdatum. Ingediende scans blijven ingediend."
)


class InvalidTransition(Exception):
    def __init__(self, current: str, target: str) -> None:
        self.current, self.target = current, target
        super().__init__(
            _(
                "Een editie met status '%(current)s' kan niet naar '%(target)s'; statussen volgen elkaar op zonder stappen over te slaan (alleen een gesloten editie kan terug naar open)."
            )
            % {"current": EditionStatus(current).label, "target": EditionStatus(target).label}
        )


def next_status(current: str) -> EditionStatus | None:
    """The next status forward (the demo walks its editions through them)."""
    index = ORDER.index(EditionStatus(current))
    return ORDER[index + 1] if index + 1 < len(ORDER) else None


def steps_from(current: str) -> tuple[EditionStatus, ...]:
    return STEPS.get(current, ())


def action_label(current: str, target: str) -> str:
    if current == EditionStatus.CLOSED and target == EditionStatus.OPEN:
        return str(REOPEN_LABEL)
    return str(ACTION_LABELS[EditionStatus(target)])


def step_effect(current: str, target: str) -> str:
    if current == EditionStatus.CLOSED and target == EditionStatus.OPEN:
        return str(REOPEN_EFFECT)
    return str(EFFECTS[EditionStatus(target)])


def is_reopening(current: str, target: str) -> bool:
    return current == EditionStatus.CLOSED and target == EditionStatus.OPEN


def check_transition(current: str, target: str) -> None:
    if target not in EditionStatus.values or target not in steps_from(current):
        raise InvalidTransition(current, target if target in EditionStatus.values else current)


def accepts_answers(status: str) -> bool:
    return status == EditionStatus.OPEN


def results_visible(status: str) -> bool:
    return status in (EditionStatus.RESULTS_RELEASED, EditionStatus.ARCHIVED)
