"""The reminders engine behind `manage.py send_reminders`.

Every registered kind (cim.core.registry.reminder_kinds) says which reminders are due today.
Each (kind, key) is sent at most once: the row in SentReminder is inserted before the e-mail is
queued, in one transaction, and a unique constraint refuses the second insert, also when two
runs overlap (the second waits for the first and then skips). Paused kinds are skipped.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cim.audit.log import record
from cim.core.errors import DomainError
from cim.core.mail import Recipient, render_mail, send_mail
from cim.core.registry import DueReminder, ReminderKind, reminder_kinds
from cim.editions.models import Programme
from cim.servicedesk.models import ReminderPause, SentReminder

logger = logging.getLogger("cim.servicedesk.reminders")


@dataclass
class RunReport:
    sent: list[SentReminder] = field(default_factory=list)
    already_sent: int = 0
    paused: int = 0
    failed: list[str] = field(default_factory=list)
    would_send: list[tuple[str, DueReminder]] = field(default_factory=list)  # dry run


def kind_by_code(code: str) -> ReminderKind | None:
    return next((k for k in reminder_kinds() if k.code == code), None)


def mail_context(due: DueReminder) -> dict[str, Any]:
    return {"name": due.name, **due.context}


def paused_pairs() -> set[tuple[int, str]]:
    return set(ReminderPause.objects.values_list("programme_id", "kind"))


def reminders_send(*, today: dt.date, dry_run: bool = False, only: str | None = None) -> RunReport:
    report = RunReport()
    paused = paused_pairs()
    for kind in reminder_kinds():
        if only and kind.code != only:
            continue
        already = set(SentReminder.objects.filter(kind=kind.code).values_list("key", flat=True))
        for due in kind.due(today):
            if due.programme_id is not None and (due.programme_id, kind.code) in paused:
                report.paused += 1
                continue
            if due.key in already:
                report.already_sent += 1
                continue
            if dry_run:
                report.would_send.append((kind.code, due))
                continue
            try:
                sent = _send_one(kind, due)
            except IntegrityError:
                report.already_sent += 1  # another run sent it a moment ago
                continue
            except Exception as exc:  # one broken reminder must not stop the others; it is logged
                logger.exception("reminder %s %s failed", kind.code, due.key)
                report.failed.append(f"{kind.code} {due.key}: {exc}")
                continue
            already.add(due.key)
            report.sent.append(sent)
    return report


def _send_one(kind: ReminderKind, due: DueReminder) -> SentReminder:
    context = mail_context(due)
    with transaction.atomic():
        subject, _text, _html = render_mail(kind.template, context, due.language)
        sent = SentReminder.objects.create(
            kind=kind.code,
            key=due.key[:200],
            programme_id=due.programme_id,
            email=due.email,
            name=due.name[:150],
            language=due.language,
            subject=subject[:200],
        )
        send_mail(
            to=[Recipient(due.email, due.name)],
            template=kind.template,
            context=context,
            language=due.language,
        )
    return sent


@dataclass(frozen=True)
class DueRow:
    kind: str
    due: DueReminder
    already_sent: bool
    paused: bool


def reminders_due_for(*, kind: ReminderKind, today: dt.date, programme_ids: set[int]) -> list[DueRow]:
    """Preview: what this kind would send today in the given programmes."""
    paused = paused_pairs()
    already = set(SentReminder.objects.filter(kind=kind.code).values_list("key", flat=True))
    return [
        DueRow(kind.code, due, due.key in already, (due.programme_id, kind.code) in paused)
        for due in kind.due(today)
        if due.programme_id in programme_ids
    ]


@transaction.atomic
def reminder_pause(*, actor: Any, programme: Programme, code: str) -> None:
    if kind_by_code(code) is None:
        raise DomainError(_("Deze soort herinnering bestaat niet."))
    _pause, created = ReminderPause.objects.get_or_create(programme=programme, kind=code, defaults={"paused_by": actor})
    if created:
        record("servicedesk.reminder_paused", actor=actor, programme=programme, details={"kind": code})


@transaction.atomic
def reminder_resume(*, actor: Any, programme: Programme, code: str) -> None:
    deleted, _rows = ReminderPause.objects.filter(programme=programme, kind=code).delete()
    if deleted:
        record("servicedesk.reminder_resumed", actor=actor, programme=programme, details={"kind": code})
