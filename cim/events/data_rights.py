"""What the events room contributes to data rights: the organisation's registrations and
masterclass-4 projects in the export, anonymising one attendee on request, and the retention of
attendees' personal data (`anonymise_event_attendees`, see docs/events.md)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cim.core.exports import csv_bytes
from cim.core.registry import (
    DataExportPart,
    DataScope,
    DataSubject,
    ExportFile,
    PersonDataHolder,
    RetentionRule,
    register_data_export,
    register_person_data,
    register_retention,
)
from cim.events.models import EventProject, Registration
from cim.events.services.retention import ANONYMOUS_NAME, registrations_anonymise


def _export(scope: DataScope) -> Iterator[ExportFile]:
    ids = [p.pk for p in scope.participations]
    with translation.override(scope.language):
        registrations = (
            Registration.objects.filter(participation_id__in=ids)
            .select_related("event__edition", "session")
            .order_by("session__starts_at", "created_at")
        )
        yield ExportFile(
            "evenementen/aanmeldingen.csv",
            csv_bytes(
                [
                    _("Editie"),
                    _("Bijeenkomst"),
                    _("Sessie begint om"),
                    _("Naam"),
                    _("E-mailadres"),
                    _("Functie"),
                    _("Dieetwensen"),
                    _("Taal"),
                    _("Mag op de deelnemerslijst"),
                    _("Begeleider"),
                    _("Status"),
                    _("Aanwezigheid"),
                    _("Aangemeld op"),
                    _("Geannuleerd op"),
                    _("Geanonimiseerd op"),
                ],
                (
                    [
                        r.event.edition.year,
                        r.event.title,
                        r.session.starts_at,
                        r.name,
                        r.email,
                        r.function,
                        r.dietary,
                        r.language,
                        r.listed_consent,
                        r.is_companion,
                        r.get_status_display(),
                        r.get_attendance_display(),
                        r.created_at,
                        r.cancelled_at,
                        r.anonymised_at,
                    ]
                    for r in registrations
                ),
            ),
        )
        projects = (
            EventProject.objects.filter(participation_id__in=ids)
            .select_related("event__edition")
            .order_by("created_at")
        )
        yield ExportFile(
            "evenementen/projecten-masterclass-4.csv",
            csv_bytes(
                [_("Editie"), _("Bijeenkomst"), _("Titel van het project"), _("Beschrijving"), _("Vastgelegd op")],
                ([p.event.edition.year, p.event.title, p.title, p.description, p.created_at] for p in projects),
            ),
        )


def _subject_registrations(subject: DataSubject):  # type: ignore[no-untyped-def]
    return Registration.objects.filter(email__iexact=subject.email, anonymised_at__isnull=True)


def _count(subject: DataSubject) -> int:
    return _subject_registrations(subject).count()


def _anonymise(subject: DataSubject, now: Any) -> int:
    pks = list(_subject_registrations(subject).values_list("pk", flat=True))
    for pk in pks:
        Registration.objects.filter(pk=pk).update(
            uuid=uuid.uuid4(),  # personal links stop working
            name=ANONYMOUS_NAME,
            email=f"geanonimiseerd-{pk}@example.invalid",
            function="",
            dietary="",
            listed_consent=False,
            anonymised_at=now,
            updated_at=now,
        )
    return len(pks)


def _programmes(subject: DataSubject) -> set[int]:
    return set(_subject_registrations(subject).values_list("event__edition__programme_id", flat=True))


def _retention(now: Any, dry_run: bool) -> int:
    return registrations_anonymise(now=now, retention_days=settings.EVENTS_RETENTION_DAYS, dry_run=dry_run)


register_data_export(
    DataExportPart(
        "evenementen", gettext_lazy("Aanmeldingen voor masterclasses en de slotbijeenkomst"), _export, order=40
    )
)
register_person_data(
    PersonDataHolder(
        "events", gettext_lazy("Aanmeldingen voor bijeenkomsten"), _count, _anonymise, order=40, programmes=_programmes
    )
)
register_retention(
    RetentionRule(
        "events.attendees",
        gettext_lazy("Aanmeldingen voor bijeenkomsten (naam, e-mailadres, functie, dieetwensen)"),
        gettext_lazy("EVENTS_RETENTION_DAYS (standaard 730) dagen na de sessie; daarna geanonimiseerd"),
        _retention,
        order=40,
    )
)
