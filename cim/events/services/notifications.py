"""The e-mails of this room, in the attendee's language, with a calendar file where it helps:
confirmation and update (`METHOD:REQUEST`), cancellation (`METHOD:CANCEL`), waiting list, offer,
expired offer. Mail goes out after commit (cim.core.mail)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cim.core.mail import Attachment, Recipient, send_mail
from cim.events import ics
from cim.events.models import Registration
from cim.events.tokens import registration_token

ICS_FILENAME = "uitnodiging.ics"
UID_DOMAIN = "circulair-inkopen-monitor"


def registration_uid(registration: Registration) -> str:
    """Stable for the life of the registration: updates and the cancellation replace the same entry."""
    return f"cim-registration-{registration.uuid.hex}@{UID_DOMAIN}"


def manage_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse("events:registration", args=[registration_token(registration.uuid)])


def chatham_house_text() -> str:
    return _(
        "Alle bijeenkomsten vinden plaats onder de Chatham House Rule: u mag gebruiken wat er wordt gezegd, maar zonder de identiteit of organisatie van de spreker of van andere deelnemers te noemen, en zonder te verwijzen naar hun specifieke situatie."
    )


def invitation_for(registration: Registration) -> ics.Invitation:
    session = registration.session
    event = session.event
    programme = event.edition.programme
    where = session.location
    if session.online_url:
        where = f"{where} ({session.online_url})" if where else session.online_url
    url = manage_url(registration)
    description = "\n\n".join(
        part
        for part in (
            event.display_title,
            _("Online: %(url)s") % {"url": session.online_url} if session.online_url else "",
            chatham_house_text(),
            _("Uw aanmelding bekijken of annuleren: %(url)s") % {"url": url},
        )
        if part
    )
    return ics.Invitation(
        uid=registration_uid(registration),
        sequence=registration.ics_sequence,
        start=session.starts_at,
        end=session.ends_at,
        summary=event.display_title,
        description=description,
        location=where,
        url=url,
        organizer_email=programme.contact_email,
        organizer_name=programme.name,
        attendee_email=registration.email,
        attendee_name=registration.name,
    )


def ics_bytes(registration: Registration, *, method: str) -> bytes:
    with translation.override(registration.language or "nl"):
        return ics.build(invitation_for(registration), method=method, now=timezone.now())


def _context(registration: Registration, **extra: Any) -> dict[str, Any]:
    session = registration.session
    return {
        "registration": registration,
        "session": session,
        "event": session.event,
        "edition": session.event.edition,
        "programme": session.event.edition.programme,
        "manage_url": manage_url(registration),
        "name": registration.name,
        **extra,
    }


def _send(registration: Registration, template: str, *, method: str | None = None, **extra: Any) -> None:
    language = registration.language or "nl"
    attachments = []
    if method:
        attachments.append(
            Attachment(
                ICS_FILENAME,
                ics_bytes(registration, method=method),
                f"text/calendar; method={method}; charset=UTF-8",
            )
        )
    with translation.override(language):
        context = _context(registration, chatham=chatham_house_text(), **extra)
    send_mail(
        to=[Recipient(registration.email, registration.name)],
        template=f"events/mail/{template}",
        context=context,
        language=language,
        attachments=attachments,
        reply_to=registration.session.event.edition.programme.contact_email,
    )


def send_confirmation(registration: Registration) -> None:
    _send(registration, "confirmation", method=ics.REQUEST)


def send_waitlisted(registration: Registration) -> None:
    _send(registration, "waitlisted")


def send_offer(registration: Registration) -> None:
    _send(registration, "offer")


def send_offer_expired(registration: Registration) -> None:
    _send(registration, "offer_expired")


def send_update(registration: Registration, *, changes: list[str]) -> None:
    method = ics.REQUEST if registration.status == Registration.Status.CONFIRMED else None
    _send(registration, "update", method=method, changes=changes)


def send_cancellation(registration: Registration, *, had_seat: bool, by_staff: bool, reason: str = "") -> None:
    method = ics.CANCEL if had_seat else None
    _send(registration, "cancellation", method=method, by_staff=by_staff, reason=reason, had_seat=had_seat)


def send_session_cancelled(registration: Registration, *, had_seat: bool, reason: str) -> None:
    method = ics.CANCEL if had_seat else None
    _send(registration, "session_cancelled", method=method, reason=reason, had_seat=had_seat)
