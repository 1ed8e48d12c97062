"""Permission cases for every service-desk URL (see cim/testing/matrix.py)."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile

from cim.testing.matrix import (
    ANY_SERVICE_DESK,
    LOGGED_IN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    SERVICE_DESK_ONLY,
    Case,
    expect,
)
from cim.testing.world import World

# Members of our organisation (penvoerder and colleague) contact the service desk.
OWN_MEMBERS = expect(NOT_FOUND, anonymous="login", penvoerder=OK, contributor=OK)
# Any member of a participating organisation (ours or the foreign one) may open the pages
# that are not about one object.
ANY_MEMBER = expect(NOT_FOUND, anonymous="login", penvoerder=OK, contributor=OK, foreign_penvoerder=OK)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def thread(w: World, *, internal_attachment: bool = False) -> Any:
    from cim.servicedesk.models import Attachment, Message, Thread

    if "thread" not in w.extras:
        t = Thread.objects.create(participation=w.participation, subject="Vraag", created_by=w.user("penvoerder"))
        message = Message.objects.create(thread=t, author=w.user("penvoerder"), author_name="Petra", body="Hallo")
        note = Message.objects.create(
            thread=t, author=w.user("servicedesk"), author_name="Desk", body="Intern", from_staff=True, is_internal=True
        )
        for key, msg in (("attachment", message), ("internal_attachment", note)):
            attachment = Attachment(message=msg, filename="a.pdf", content_type="application/pdf", size=len(PDF))
            attachment.file.save("a.pdf", ContentFile(PDF), save=False)
            attachment.save()
            w.extras[key] = attachment
        w.extras["thread"] = t
    return w.extras["thread"]


def thread_pk(w: World) -> dict[str, int]:
    return {"pk": thread(w).pk}


def attachment_pk(key: str):  # type: ignore[no-untyped-def]
    def kwargs(w: World) -> dict[str, int]:
        thread(w)
        return {"pk": w.extras[key].pk}

    return kwargs


def suggestion_pk(w: World) -> dict[str, int]:
    from cim.servicedesk.models import Suggestion

    s = Suggestion.objects.create(participation=w.participation, body="Idee", created_by=w.user("penvoerder"))
    return {"pk": s.pk}


def announcement_pk(w: World) -> dict[str, int]:
    from cim.servicedesk.models import Announcement

    a = Announcement.objects.create(edition=w.edition, title="Titel", body="Tekst")
    return {"pk": a.pk}


def guidance_pk(w: World) -> dict[str, int]:
    from cim.servicedesk.models import GuidanceItem

    item = GuidanceItem.objects.create(programme=w.programme, kind="faq", title="Vraag?", body="Antwoord.")
    return {"pk": item.pk}


def edition(w: World) -> dict[str, int]:
    return {"pk": w.edition.pk}


def ask_data(w: World) -> dict[str, Any]:
    return {"participation": w.participation.pk, "subject": "Vraag", "body": "Hoe werkt dit?"}


def calendar_token(w: World) -> dict[str, str]:
    from cim.servicedesk.services.calendar import calendar_link_create

    return {"token": calendar_link_create(actor=w.user("penvoerder"))}


CASES = [
    # Members
    Case("servicedesk:home", ANY_MEMBER),
    Case("servicedesk:ask", ANY_MEMBER),
    Case(
        "servicedesk:ask",
        # The foreign penvoerder names our participation: refused (404) and nothing is created.
        expect(NOT_FOUND, anonymous="login", penvoerder=OK, contributor=OK, foreign_penvoerder="400"),
        method="post",
        data=ask_data,
    ),
    Case("servicedesk:thread", OWN_MEMBERS, kwargs=thread_pk),
    Case("servicedesk:reply", OWN_MEMBERS, kwargs=thread_pk, method="post", data=lambda w: {"body": "Dank u"}),
    Case("servicedesk:reply", expect(NOT_ALLOWED, anonymous="login"), kwargs=thread_pk, label="GET"),
    Case(
        "servicedesk:attachment",
        expect(NOT_FOUND, anonymous="login", penvoerder=OK, contributor=OK, servicedesk=OK),
        kwargs=attachment_pk("attachment"),
    ),
    Case(
        "servicedesk:attachment",
        SERVICE_DESK_ONLY,
        kwargs=attachment_pk("internal_attachment"),
        label="internal note",
    ),
    Case("servicedesk:suggest", ANY_MEMBER),
    Case(
        "servicedesk:suggest",
        expect(NOT_FOUND, anonymous="login", penvoerder=OK, contributor=OK, foreign_penvoerder="400"),
        method="post",
        data=lambda w: {"participation": w.participation.pk, "body": "Idee"},
    ),
    Case("servicedesk:suggestions", ANY_MEMBER),
    Case("servicedesk:guide", LOGGED_IN),
    Case("servicedesk:faq", LOGGED_IN),
    # Calendar
    Case("servicedesk:calendar", LOGGED_IN),
    Case("servicedesk:calendar_link", LOGGED_IN, method="post"),
    Case("servicedesk:calendar_revoke", LOGGED_IN, method="post"),
    Case("servicedesk:calendar_feed", expect(OK), kwargs=calendar_token),
    Case("servicedesk:calendar_feed", expect(NOT_FOUND), kwargs=lambda w: {"token": "nope"}, label="unknown"),
    # Staff
    Case("servicedesk:staff_queue", ANY_SERVICE_DESK),
    Case("servicedesk:staff_thread", SERVICE_DESK_ONLY, kwargs=thread_pk),
    Case(
        "servicedesk:staff_reply",
        SERVICE_DESK_ONLY,
        kwargs=thread_pk,
        method="post",
        data=lambda w: {"soort": "antwoord", "antwoord-body": "Antwoord"},
    ),
    Case(
        "servicedesk:staff_assign",
        SERVICE_DESK_ONLY,
        kwargs=thread_pk,
        method="post",
        data=lambda w: {"mij": "1"},
    ),
    Case(
        "servicedesk:staff_status",
        SERVICE_DESK_ONLY,
        kwargs=thread_pk,
        method="post",
        data=lambda w: {"actie": "sluiten"},
    ),
    Case("servicedesk:staff_suggestions", ANY_SERVICE_DESK),
    Case("servicedesk:staff_accepted", ANY_SERVICE_DESK),
    Case("servicedesk:staff_suggestion", SERVICE_DESK_ONLY, kwargs=suggestion_pk),
    Case(
        "servicedesk:staff_suggestion",
        SERVICE_DESK_ONLY,
        kwargs=suggestion_pk,
        method="post",
        data=lambda w: {"decision": "accepted"},
    ),
    Case("servicedesk:staff_announcements", ANY_SERVICE_DESK),
    Case("servicedesk:staff_announcement_new", ANY_SERVICE_DESK),
    Case(
        "servicedesk:staff_announcement_new",
        expect(NOT_FOUND, anonymous="login", servicedesk=OK, foreign_staff="400"),
        method="post",
        data=lambda w: {"edition": w.edition.pk, "title": "T", "body": "B"},
        note="foreign staff: the edition is not among its choices (form error, nothing saved)",
    ),
    Case("servicedesk:staff_announcement", SERVICE_DESK_ONLY, kwargs=announcement_pk),
    Case("servicedesk:staff_announcement_edit", SERVICE_DESK_ONLY, kwargs=announcement_pk),
    Case("servicedesk:staff_announcement_send", SERVICE_DESK_ONLY, kwargs=announcement_pk, method="post"),
    Case("servicedesk:staff_reminders", ANY_SERVICE_DESK),
    Case("servicedesk:staff_reminders_sent", ANY_SERVICE_DESK),
    Case("servicedesk:staff_reminder_preview", ANY_SERVICE_DESK, kwargs=lambda w: {"code": "scan.deadline_14"}),
    Case(
        "servicedesk:staff_reminder_preview",
        expect(NOT_FOUND, anonymous="login"),
        kwargs=lambda w: {"code": "no.such.kind"},
        label="unknown kind",
    ),
    Case(
        "servicedesk:staff_reminder_pause",
        ANY_SERVICE_DESK,
        kwargs=lambda w: {"code": "scan.deadline_14"},
        method="post",
        data=lambda w: {"pauze": "1"},
    ),
    Case("servicedesk:staff_overview", SERVICE_DESK_ONLY, kwargs=edition),
    Case("servicedesk:staff_overview_export", SERVICE_DESK_ONLY, kwargs=edition),
    Case("servicedesk:staff_guidance", ANY_SERVICE_DESK),
    Case("servicedesk:staff_guidance_new", ANY_SERVICE_DESK),
    Case("servicedesk:staff_guidance_edit", SERVICE_DESK_ONLY, kwargs=guidance_pk),
    Case("servicedesk:staff_guidance_delete", SERVICE_DESK_ONLY, kwargs=guidance_pk, method="post"),
    Case(
        "servicedesk:staff_guidance_defaults",
        ANY_SERVICE_DESK,
        method="post",
        data=lambda w: {"programma": w.programme.pk},
    ),
]
