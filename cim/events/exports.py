"""XLSX workbooks for staff: one session, or a whole edition (registrations, per organisation,
dietary wishes). Every cell goes through cim.core.exports (formula neutralisation)."""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from cim.core.exports import Sheet
from cim.events import rules
from cim.events.models import Event, Registration
from cim.events.selectors import SessionOverview


def _header() -> list[str]:
    return [
        _("Bijeenkomst"),
        _("Sessie"),
        _("Naam"),
        _("E-mailadres"),
        _("Functie"),
        _("Organisatie"),
        _("Soort organisatie"),
        _("Status"),
        _("Plaats op wachtlijst"),
        _("Begeleider"),
        _("Dieetwensen"),
        _("Op deelnemerslijst"),
        _("Aanwezigheid"),
        _("Aangemeld op"),
    ]


def _row(registration: Registration, *, position: int | str = "") -> list[object]:
    start = timezone.localtime(registration.session.starts_at)
    return [
        registration.event.display_title,
        start.replace(tzinfo=None),
        registration.name,
        registration.email,
        registration.function,
        registration.organisation_name,
        registration.get_organisation_kind_display(),
        registration.get_status_display(),
        position,
        _("ja") if registration.is_companion else "",
        registration.dietary,
        _("ja") if registration.listed_consent else _("nee"),
        registration.get_attendance_display() if registration.status == Registration.Status.CONFIRMED else "",
        registration.created_at,
    ]


def session_sheets(overview: SessionOverview) -> list[Sheet]:
    rows = [_row(r) for r in overview.seated]
    rows += [_row(r, position=i) for i, r in enumerate(overview.waiting, start=1)]
    return [
        Sheet(_("Aanmeldingen"), _header(), rows),
        Sheet(_("Dieetwensen"), [_("Dieetwens"), _("Aantal")], overview.dietary),
    ]


def edition_sheets(events: list[Event], registrations: list[Registration]) -> list[Sheet]:
    active = [r for r in registrations if r.status != Registration.Status.CANCELLED]
    waiting_position: dict[int, int] = {}
    per_session: dict[int, list[Registration]] = defaultdict(list)
    for r in sorted(active, key=lambda r: (r.waitlisted_at or r.created_at, r.pk)):
        if r.status == Registration.Status.WAITLISTED:
            per_session[r.session_id].append(r)
            waiting_position[r.pk] = len(per_session[r.session_id])
    per_org: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in active:
        per_org[r.organisation_name][r.event_id].append(r.name)
    org_rows = [
        [org, *["; ".join(sorted(cells.get(e.pk, []))) for e in events]]
        for org, cells in sorted(per_org.items(), key=lambda item: item[0].casefold())
    ]
    dietary_rows: list[list[object]] = []
    for event in events:
        wishes = [r.dietary for r in active if r.event_id == event.pk and r.status == Registration.Status.CONFIRMED]
        dietary_rows += [[event.display_title, wish, n] for wish, n in rules.summarise_dietary(wishes)]
    return [
        Sheet(_("Aanmeldingen"), _header(), [_row(r, position=waiting_position.get(r.pk, "")) for r in active]),
        Sheet(_("Per organisatie"), [_("Organisatie"), *[e.display_title for e in events]], org_rows),
        Sheet(_("Dieetwensen"), [_("Bijeenkomst"), _("Dieetwens"), _("Aantal")], dietary_rows),
    ]
