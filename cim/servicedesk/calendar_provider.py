"""The edition's dates for the calendar: the submission deadline (per participation, extensions
included), the feedback moments and the closing meeting. Members see their editions; the service
desk sees the editions it runs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from cim.access.roles import Perm
from cim.access.scoping import actor_of, editions_managed, participations_visible
from cim.core.i18n import localized
from cim.core.registry import CalendarEntry, register_calendar
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition, Participation

SHOWN_STATUSES = (EditionStatus.DRAFT, EditionStatus.OPEN, EditionStatus.CLOSED, EditionStatus.RESULTS_RELEASED)


def closing_meeting_uid(edition_id: int) -> str:
    """The general closing-meeting entry; a room that knows the actual session replaces it."""
    return f"cim-edition-{edition_id}-closing@circulair-inkopen-monitor"


def _edition_dates(edition: Edition, *, deadline: Any, uid_part: str) -> list[CalendarEntry]:
    title = edition.display_title
    site = settings.SITE_URL
    entries = [
        CalendarEntry(
            uid=f"cim-{uid_part}-deadline@circulair-inkopen-monitor",
            title=_("Uiterste inleverdatum scan – %(edition)s") % {"edition": title},
            start=deadline,
            description=_("Dien de scan uiterlijk op dit moment in."),
            url=site + reverse("portal:dashboard"),
        )
    ]
    for moment in edition.feedback_moments.all():
        entries.append(
            CalendarEntry(
                uid=f"cim-edition-{edition.pk}-moment-{moment.pk}@circulair-inkopen-monitor",
                title=_("Terugkoppelmoment – %(edition)s") % {"edition": title},
                start=moment.date,
                description=localized(moment, "description"),
            )
        )
    if edition.closing_meeting_date:
        entries.append(
            CalendarEntry(
                uid=closing_meeting_uid(edition.pk),
                title=_("Slotbijeenkomst – %(edition)s") % {"edition": title},
                start=edition.closing_meeting_date,
            )
        )
    return entries


def edition_entries(user: Any) -> Iterable[CalendarEntry]:
    actor = actor_of(user)
    if not actor.is_authenticated:
        return []
    entries: list[CalendarEntry] = []
    seen_editions: set[int] = set()
    if actor.memberships:
        participations = (
            participations_visible(actor, Perm.VIEW_PARTICIPATION)
            .filter(pk__in=list(actor.memberships), edition__status__in=SHOWN_STATUSES)
            .select_related("edition")
            .prefetch_related("edition__feedback_moments")
        )
        for participation in participations:
            assert isinstance(participation, Participation)
            seen_editions.add(participation.edition_id)
            entries += _edition_dates(
                participation.edition, deadline=participation.deadline, uid_part=f"participation-{participation.pk}"
            )
    if actor.programmes_with(Perm.MANAGE_PROGRAMME):
        for edition in editions_managed(actor).filter(status__in=SHOWN_STATUSES).prefetch_related("feedback_moments"):
            if edition.pk not in seen_editions:
                entries += _edition_dates(
                    edition, deadline=edition.submission_deadline, uid_part=f"edition-{edition.pk}"
                )
    return entries


register_calendar(edition_entries)
