"""Announcements: a draft, a preview, then one sending to every penvoerder of the edition."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cim.audit.log import record
from cim.core.errors import DomainError
from cim.core.mail import Recipient, send_mail
from cim.editions.models import Edition
from cim.servicedesk.conversation import one_line
from cim.servicedesk.models import Announcement
from cim.servicedesk.selectors.announcements import announcement_recipients

FIELDS = ("title", "title_en", "body", "body_en")


def _clean(values: dict[str, str]) -> dict[str, str]:
    cleaned = {name: (values.get(name) or "").replace("\r\n", "\n").strip() for name in FIELDS}
    cleaned["title"] = one_line(cleaned["title"])
    cleaned["title_en"] = one_line(cleaned["title_en"])
    if not cleaned["title"] or not cleaned["body"]:
        raise DomainError(_("Vul een titel en een tekst in (in het Nederlands)."))
    return cleaned


@transaction.atomic
def announcement_save(
    *, actor: Any, edition: Edition, announcement: Announcement | None = None, **values: str
) -> Announcement:
    """Create or change a draft. A sent announcement is not changed any more."""
    cleaned = _clean(values)
    if announcement is not None:
        announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
        if announcement.is_sent:
            raise DomainError(_("Deze mededeling is al verstuurd en kan niet meer worden gewijzigd."))
    else:
        announcement = Announcement(created_by=actor)
    announcement.edition = edition
    for name, value in cleaned.items():
        setattr(announcement, name, value)
    announcement.full_clean()
    announcement.save()
    record(
        "servicedesk.announcement_saved",
        actor=actor,
        obj=announcement,
        programme=edition.programme,
    )
    return announcement


@transaction.atomic
def announcement_send(*, actor: Any, announcement: Announcement) -> int:
    """E-mail every penvoerder of the edition, each in their language, and show it on their
    dashboard. Sending twice is refused (the row is locked while sending)."""
    locked = Announcement.objects.select_for_update().select_related("edition__programme").get(pk=announcement.pk)
    if locked.is_sent:
        raise DomainError(_("Deze mededeling is al verstuurd; ze is niet nog een keer verstuurd."))
    recipients = announcement_recipients(locked.edition)
    if not recipients:
        raise DomainError(_("Deze editie heeft nog geen penvoerders of contactadressen; er is niets verstuurd."))
    for person in recipients:
        send_mail(
            to=[Recipient(person.email, person.name)],
            template="servicedesk/mail/announcement",
            context={
                "name": person.name,
                "title": locked.title_in(person.language),
                "body": locked.body_in(person.language),
                "edition": locked.edition,
            },
            language=person.language,
        )
    locked.sent_at = timezone.now()
    locked.sent_by = actor
    locked.recipient_count = len(recipients)
    locked.save(update_fields=["sent_at", "sent_by", "recipient_count"])
    record(
        "servicedesk.announcement_sent",
        actor=actor,
        obj=locked,
        programme=locked.edition.programme,
        details={"recipients": len(recipients)},
    )
    announcement.sent_at, announcement.recipient_count = locked.sent_at, locked.recipient_count
    return len(recipients)
