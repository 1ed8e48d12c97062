"""E-mail about conversations. Members get the public answer (never an internal note); staff get a
link to the queue, without the text of the question."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from cim.core.mail import Attachment as MailAttachment
from cim.core.mail import Recipient, send_mail
from cim.servicedesk.conversation import MAX_MAIL_ATTACHMENT_BYTES


def _mail_attachments(message: Any) -> tuple[list[MailAttachment], bool]:
    """The message's documents when together small enough for e-mail; else none (the mail says
    they are on the website)."""
    attachments = list(message.attachments.all())
    if not attachments or sum(a.size for a in attachments) > MAX_MAIL_ATTACHMENT_BYTES:
        return [], bool(attachments)
    result = []
    for attachment in attachments:
        with attachment.file.open("rb") as handle:
            result.append(MailAttachment(attachment.filename, handle.read(), attachment.content_type))
    return result, False


def notify_members_of_answer(*, thread: Any, message: Any) -> None:
    assert not message.is_internal, "internal notes are never e-mailed"
    from cim.servicedesk.services.threads import member_recipients

    files, too_large = _mail_attachments(message)
    url = reverse("servicedesk:thread", args=[thread.pk])
    for person in member_recipients(thread):
        send_mail(
            to=[Recipient(person.email, person.display_name)],
            template="servicedesk/mail/answer",
            context={
                "name": person.display_name,
                "thread": thread,
                "message": message,
                "organisation": thread.participation.organisation,
                "thread_path": url,
                "attachments_online_only": too_large,
            },
            language=person.language,
            attachments=files,
        )


def notify_staff_of_question(*, thread: Any, message: Any, is_new: bool) -> None:
    participation = thread.participation
    programme = participation.edition.programme
    if thread.assigned_to_id and thread.assigned_to.is_active:
        to = Recipient(thread.assigned_to.email, thread.assigned_to.display_name)
        language = thread.assigned_to.language
    elif programme.contact_email:
        to = Recipient(programme.contact_email, programme.name)
        language = "nl"
    else:
        return
    send_mail(
        to=[to],
        template="servicedesk/mail/staff_question",
        context={
            "thread": thread,
            "is_new": is_new,
            "organisation": participation.organisation,
            "thread_path": reverse("servicedesk:staff_thread", args=[thread.pk]),
            "attachment_count": message.attachments.count(),
        },
        language=language,
    )
