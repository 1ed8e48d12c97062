"""The 'masterclass attendance' column of the service desk's per-edition overview."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cim.core.registry import OverviewColumn, register_overview_column
from cim.events import selectors


def attendance_values(participations: list[Any]) -> dict[int, str]:
    attendance = selectors.attendance_by_participation([p.pk for p in participations])
    missing = selectors.penvoerders_missing_mc1_among(participations)
    values = {}
    for participation in participations:
        counts = attendance.get(participation.pk, {})
        registered = sum(c.registered for c in counts.values())
        present = sum(c.present for c in counts.values())
        text = _("%(r)s aangemeld, %(p)s aanwezig") % {"r": registered, "p": present} if counts else ""
        if participation.pk in missing:
            text = (text + "; " if text else "") + _("penvoerder niet aangemeld voor masterclass 1")
        values[participation.pk] = text
    return values


register_overview_column(
    OverviewColumn(
        key="events.attendance",
        label=gettext_lazy("Masterclasses"),
        values=attendance_values,
        order=60,
    )
)
