"""Writes to conversations: ask, reply, internal notes, assign, close and reopen."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cim.access.roles import Role
from cim.audit.log import record
from cim.core.errors import DomainError
from cim.editions.models import Participation, ParticipationMember, ProgrammeStaff
from cim.servicedesk import conversation
from cim.servicedesk.conversation import MAX_BODY, MAX_SUBJECT, Side, ThreadStatus
from cim.servicedesk.models import Message, Thread
from cim.servicedesk.services import notifications
from cim.servicedesk.services.attachments import check_uploads, store_attachments


class DuplicateSubmission(DomainError):
    """The same form was sent twice (double click, back button): the first one counts."""

    def __init__(self, message: object) -> None:
        super().__init__(message, code="duplicate")


class StaleSubmission(DomainError):
    """Someone else wrote in the thread after the form was opened."""

    def __init__(self, message: object) -> None:
        super().__init__(message, code="stale")


def _clean_body(body: str) -> str:
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise DomainError(_("Schrijf een bericht."))
    if len(body) > MAX_BODY:
        raise DomainError(
            _("Uw bericht is te lang: hoogstens %(max)s tekens (nu %(n)s).") % {"max": "10.000", "n": len(body)}
        )
    return body


def _clean_subject(subject: str) -> str:
    subject = conversation.one_line(subject)
    if not subject:
        raise DomainError(_("Vul een onderwerp in."))
    if len(subject) > MAX_SUBJECT:
        raise DomainError(_("Het onderwerp is te lang: hoogstens %(max)s tekens.") % {"max": MAX_SUBJECT})
    return subject


def _token(client_token: Any) -> uuid.UUID | None:
    if not client_token:
        return None
    try:
        return uuid.UUID(str(client_token))
    except ValueError:
        return None


def _already_sent() -> DuplicateSubmission:
    return DuplicateSubmission(_("Dit bericht was al verstuurd; het is niet nog een keer geplaatst."))


@transaction.atomic
def thread_open(
    *,
    actor: Any,
    participation: Participation,
    subject: str,
    body: str,
    question_key: str = "",
    origin_path: str = "",
    attachments: Sequence[Any] = (),
    client_token: Any = None,
) -> Thread:
    """A member of the organisation asks the service desk a question (the caller checked access)."""
    token = _token(client_token)
    if token and Thread.objects.filter(client_token=token).exists():
        raise _already_sent()
    if participation.status != Participation.Status.ACTIVE:
        raise DomainError(_("Deze deelname is teruggetrokken; neem telefonisch contact op met de servicedesk."))
    subject = _clean_subject(subject)
    body = _clean_body(body)
    if question_key and not conversation.valid_question_key(question_key):
        raise DomainError(_("De vraag uit de scan waarover u iets vraagt, is niet herkend."))
    checked = check_uploads(attachments)
    thread = Thread(
        participation=participation,
        subject=subject,
        question_key=question_key,
        origin_path=conversation.safe_return_path(origin_path),
        created_by=actor,
        client_token=token,
    )
    thread.full_clean(exclude=["client_token"])
    try:
        with transaction.atomic():
            thread.save()
    except IntegrityError as exc:  # the same form, sent twice at the same moment
        raise _already_sent() from exc
    message = _add_message(thread=thread, actor=actor, body=body, from_staff=False, internal=False, checked=checked)
    record(
        "servicedesk.thread_opened",
        actor=actor,
        obj=thread,
        organisation=participation.organisation,
        programme=participation.edition.programme,
        details={"question_key": question_key, "attachments": len(checked)},
    )
    notifications.notify_staff_of_question(thread=thread, message=message, is_new=True)
    return thread


def _add_message(
    *,
    thread: Thread,
    actor: Any,
    body: str,
    from_staff: bool,
    internal: bool,
    checked: Sequence[Any],
    token: Any = None,
) -> Message:
    message = Message(
        thread=thread,
        author=actor,
        author_name=(getattr(actor, "display_name", "") or "")[:150],
        from_staff=from_staff,
        is_internal=internal,
        body=body,
        client_token=token,
    )
    message.full_clean(exclude=["client_token"])
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError as exc:
        raise _already_sent() from exc
    store_attachments(message, checked)
    return message


def _latest_message_id(thread: Thread, *, side: Side) -> int:
    messages = Message.objects.filter(thread=thread)
    if side == Side.MEMBER:
        messages = messages.filter(is_internal=False)
    return messages.order_by("-id").values_list("id", flat=True).first() or 0


def _lock(thread: Thread) -> Thread:
    return (
        Thread.objects.select_for_update()
        .select_related("participation__edition__programme", "participation__organisation")
        .get(pk=thread.pk)
    )


def _check_fresh(thread: Thread, *, side: Side, seen_message_id: Any) -> None:
    if seen_message_id in (None, ""):
        return
    try:
        seen = int(seen_message_id)
    except (TypeError, ValueError):
        seen = -1
    if seen != _latest_message_id(thread, side=side):
        raise StaleSubmission(
            _(
                "Er is intussen een nieuw bericht in dit gesprek geplaatst. Lees het eerst; uw tekst staat nog in het formulier."
            )
        )


@transaction.atomic
def thread_reply_member(
    *,
    actor: Any,
    thread: Thread,
    body: str,
    attachments: Sequence[Any] = (),
    seen_message_id: Any = None,
    client_token: Any = None,
) -> Message:
    """The organisation writes in its own thread (the caller checked access)."""
    token = _token(client_token)
    if token and Message.objects.filter(client_token=token).exists():
        raise _already_sent()
    thread = _lock(thread)
    body = _clean_body(body)
    try:
        new_status = conversation.status_after_message(thread.status, side=Side.MEMBER)
    except conversation.ClosedThread as exc:
        raise DomainError(
            _("Dit gesprek is gesloten; er kan niet meer op worden gereageerd. Stel gerust een nieuwe vraag.")
        ) from exc
    _check_fresh(thread, side=Side.MEMBER, seen_message_id=seen_message_id)
    checked = check_uploads(attachments)
    message = _add_message(
        thread=thread, actor=actor, body=body, from_staff=False, internal=False, checked=checked, token=token
    )
    thread.status = new_status
    thread.last_activity_at = timezone.now()
    thread.save(update_fields=["status", "last_activity_at"])
    record(
        "servicedesk.member_replied",
        actor=actor,
        obj=thread,
        organisation=thread.participation.organisation,
        programme=thread.participation.edition.programme,
        details={"attachments": len(checked)},
    )
    notifications.notify_staff_of_question(thread=thread, message=message, is_new=False)
    return message


@transaction.atomic
def thread_reply_staff(
    *,
    actor: Any,
    thread: Thread,
    body: str,
    internal: bool = False,
    close: bool = False,
    attachments: Sequence[Any] = (),
    seen_message_id: Any = None,
    client_token: Any = None,
) -> Message:
    """The service desk answers (e-mailed to the organisation) or adds an internal note (never
    shown to or e-mailed to the organisation). The caller checked that the actor is staff."""
    token = _token(client_token)
    if token and Message.objects.filter(client_token=token).exists():
        raise _already_sent()
    thread = _lock(thread)
    body = _clean_body(body)
    try:
        new_status = conversation.status_after_message(thread.status, side=Side.STAFF, internal=internal, close=close)
    except conversation.ClosedThread as exc:
        raise DomainError(_("Dit gesprek is gesloten. Heropen het eerst als u nog wilt antwoorden.")) from exc
    _check_fresh(thread, side=Side.STAFF, seen_message_id=seen_message_id)
    checked = check_uploads(attachments)
    message = _add_message(
        thread=thread, actor=actor, body=body, from_staff=True, internal=internal, checked=checked, token=token
    )
    update = ["last_activity_at"]
    thread.last_activity_at = timezone.now()
    if new_status != thread.status:
        thread.status = new_status
        update.append("status")
        if new_status == ThreadStatus.CLOSED:
            thread.closed_at = timezone.now()
            update.append("closed_at")
    if thread.assigned_to_id is None and not internal:
        thread.assigned_to = actor
        update.append("assigned_to")
    thread.save(update_fields=update)
    participation = thread.participation
    record(
        "servicedesk.note_added" if internal else "servicedesk.staff_replied",
        actor=actor,
        obj=thread,
        organisation=participation.organisation,
        programme=participation.edition.programme,
        details={"attachments": len(checked), "closed": bool(close and not internal)},
    )
    if not internal:
        notifications.notify_members_of_answer(thread=thread, message=message)
    return message


def service_desk_colleagues(thread: Thread) -> list[Any]:
    """The active service-desk staff of the thread's programme (who a thread can be assigned to)."""
    from cim.accounts.models import User

    return list(
        User.objects.filter(
            is_active=True,
            programme_roles__programme_id=thread.participation.edition.programme_id,
            programme_roles__role=Role.SERVICE_DESK,
            programme_roles__is_active=True,
        ).order_by("name")
    )


@transaction.atomic
def thread_assign(*, actor: Any, thread: Thread, assignee: Any) -> Thread:
    thread = _lock(thread)
    programme = thread.participation.edition.programme
    if (
        assignee is not None
        and not ProgrammeStaff.objects.filter(
            Q(user=assignee, programme=programme, role=Role.SERVICE_DESK, is_active=True)
        ).exists()
    ):
        raise DomainError(_("Een gesprek kan alleen worden toegewezen aan een collega van de servicedesk."))
    if thread.assigned_to_id == (assignee.pk if assignee else None):
        return thread
    thread.assigned_to = assignee
    thread.save(update_fields=["assigned_to"])
    record(
        "servicedesk.thread_assigned",
        actor=actor,
        obj=thread,
        organisation=thread.participation.organisation,
        programme=programme,
        details={"assigned_to": assignee.email if assignee else None},
    )
    return thread


@transaction.atomic
def thread_close(*, actor: Any, thread: Thread) -> Thread:
    thread = _lock(thread)
    if thread.status == ThreadStatus.CLOSED:
        raise DomainError(_("Dit gesprek is al gesloten."))
    thread.status = ThreadStatus.CLOSED
    thread.closed_at = timezone.now()
    thread.save(update_fields=["status", "closed_at"])
    record(
        "servicedesk.thread_closed",
        actor=actor,
        obj=thread,
        organisation=thread.participation.organisation,
        programme=thread.participation.edition.programme,
    )
    return thread


@transaction.atomic
def thread_reopen(*, actor: Any, thread: Thread) -> Thread:
    thread = _lock(thread)
    if thread.status != ThreadStatus.CLOSED:
        raise DomainError(_("Dit gesprek is niet gesloten."))
    thread.status = ThreadStatus.WAITING_STAFF
    thread.closed_at = None
    thread.last_activity_at = timezone.now()
    thread.save(update_fields=["status", "closed_at", "last_activity_at"])
    record(
        "servicedesk.thread_reopened",
        actor=actor,
        obj=thread,
        organisation=thread.participation.organisation,
        programme=thread.participation.edition.programme,
    )
    return thread


def member_recipients(thread: Thread) -> list[Any]:
    """Who at the organisation hears about an answer: the people who wrote in the thread and
    still take part for the organisation; else the current penvoerder."""
    participation = thread.participation
    still_active = ParticipationMember.objects.filter(
        is_active=True,
        participation__status=Participation.Status.ACTIVE,
        participation__organisation_id=participation.organisation_id,
        participation__edition__programme_id=participation.edition.programme_id,
    ).values_list("user_id", flat=True)
    writers = set(
        Message.objects.filter(thread=thread, from_staff=False, author__isnull=False).values_list(
            "author_id", flat=True
        )
    )
    if thread.created_by_id:
        writers.add(thread.created_by_id)
    from cim.accounts.models import User

    people = list(User.objects.filter(pk__in=writers & set(still_active), is_active=True).order_by("pk"))
    if not people:
        people = [
            m.user
            for m in ParticipationMember.objects.filter(
                participation=participation, role=ParticipationMember.Role.PENVOERDER, is_active=True
            ).select_related("user")
        ]
    return people
