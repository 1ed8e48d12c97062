"""What the service desk contributes to data rights: the organisation's conversations (never the
internal notes), their attachments and its suggestions in the export; a person's name on messages,
calendar links and reminder log when anonymised; the retention of the reminder log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

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
from cim.servicedesk.models import Attachment, CalendarFeed, Message, SentReminder, Suggestion, Thread

ANONYMISED = "Geanonimiseerd"
REMINDER_LOG_RETENTION_DAYS = 730


def _export(scope: DataScope) -> Iterator[ExportFile]:
    ids = [p.pk for p in scope.participations]
    with translation.override(scope.language):
        threads = list(
            Thread.objects.filter(participation_id__in=ids)
            .select_related("participation__edition")
            .order_by("created_at")
        )
        yield ExportFile(
            "servicedesk/gesprekken.csv",
            csv_bytes(
                [
                    _("Gesprek"),
                    _("Editie"),
                    _("Onderwerp"),
                    _("Vraag in de scan"),
                    _("Status"),
                    _("Gesteld op"),
                    _("Gesloten op"),
                ],
                (
                    [
                        t.pk,
                        t.participation.edition.year,
                        t.subject,
                        t.question_key,
                        t.get_status_display(),
                        t.created_at,
                        t.closed_at,
                    ]
                    for t in threads
                ),
            ),
        )
        # Internal notes are the service desk's own working notes, never shown to the organisation.
        messages = Message.objects.filter(thread__in=threads, is_internal=False).order_by("thread_id", "created_at")
        yield ExportFile(
            "servicedesk/berichten.csv",
            csv_bytes(
                [_("Gesprek"), _("Geplaatst op"), _("Afzender"), _("Van de servicedesk"), _("Bericht")],
                ([m.thread_id, m.created_at, m.author_name, m.from_staff, m.body] for m in messages),
            ),
        )
        attachments = Attachment.objects.filter(message__thread__in=threads, message__is_internal=False).select_related(
            "message"
        )
        for attachment in attachments.order_by("pk"):
            try:
                with attachment.file.open("rb") as handle:
                    content = handle.read()
            except OSError:
                continue
            yield ExportFile(
                f"servicedesk/bijlagen/{attachment.message.thread_id}/{attachment.pk}-{attachment.filename}", content
            )
        suggestions = (
            Suggestion.objects.filter(participation_id__in=ids)
            .select_related("participation__edition")
            .order_by("created_at")
        )
        yield ExportFile(
            "servicedesk/suggesties.csv",
            csv_bytes(
                [_("Editie"), _("Vraag in de scan"), _("Suggestie"), _("Status"), _("Reden"), _("Ingediend op")],
                (
                    [
                        s.participation.edition.year,
                        s.question_key,
                        s.body,
                        s.get_status_display(),
                        s.decline_reason,
                        s.created_at,
                    ]
                    for s in suggestions
                ),
            ),
        )


def _count(subject: DataSubject) -> int:
    total = SentReminder.objects.filter(email__iexact=subject.email).count()
    if subject.user is not None:
        total += Message.objects.filter(author=subject.user).exclude(author_name=ANONYMISED).count()
        total += CalendarFeed.objects.filter(user=subject.user).count()
    return total


def _anonymise(subject: DataSubject, now: Any) -> int:
    changed = 0
    for pk in SentReminder.objects.filter(email__iexact=subject.email).values_list("pk", flat=True):
        changed += SentReminder.objects.filter(pk=pk).update(
            name=ANONYMISED, email=f"geanonimiseerd-herinnering-{pk}@example.invalid"
        )
    if subject.user is not None:
        changed += (
            Message.objects.filter(author=subject.user).exclude(author_name=ANONYMISED).update(author_name=ANONYMISED)
        )
        deleted, _detail = CalendarFeed.objects.filter(user=subject.user).delete()
        changed += deleted
    return changed


def _programmes(subject: DataSubject) -> set[int]:
    ids = {
        pk
        for pk in SentReminder.objects.filter(email__iexact=subject.email).values_list("programme_id", flat=True)
        if pk
    }
    if subject.user is not None:
        ids |= set(
            Message.objects.filter(author=subject.user).values_list(
                "thread__participation__edition__programme_id", flat=True
            )
        )
    return ids


def _reminder_log_retention(now: Any, dry_run: bool) -> int:
    due = SentReminder.objects.filter(sent_at__lt=now - dt.timedelta(days=REMINDER_LOG_RETENTION_DAYS))
    count = due.count()
    if not dry_run and count:
        due.delete()
    return count


register_data_export(
    DataExportPart(
        "servicedesk", gettext_lazy("Gesprekken met de servicedesk, bijlagen en verbetersuggesties"), _export, order=50
    )
)
register_person_data(
    PersonDataHolder(
        "servicedesk",
        gettext_lazy("Naam bij berichten, agendalinks en verstuurde herinneringen"),
        _count,
        _anonymise,
        order=50,
        programmes=_programmes,
    )
)
register_retention(
    RetentionRule(
        "servicedesk.reminder_log",
        gettext_lazy("Logboek van verstuurde herinneringen (naam en e-mailadres)"),
        gettext_lazy("2 jaar na versturen; daarna verwijderd"),
        _reminder_log_retention,
        order=50,
    )
)
