"""Reads of conversations, always given the acting user (through cim.access.scoping).

Members use Perm.CONTACT_SERVICE_DESK (their own organisation's threads); staff use
Perm.MANAGE_PROGRAMME (every thread of their programmes). Internal notes are only ever read on
the staff side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest

from cim.access.actor import Actor
from cim.access.roles import Perm
from cim.access.scoping import check_organisation_access, organisation_scope_q
from cim.servicedesk.conversation import OPEN_STATUSES, ThreadStatus
from cim.servicedesk.models import Attachment, Message, Thread

MEMBER = Perm.CONTACT_SERVICE_DESK
STAFF = Perm.MANAGE_PROGRAMME
_SCOPE = {
    "programme_field": "participation__edition__programme_id",
    "organisation_field": "participation__organisation_id",
}


def _threads(actor: Actor, perm: Perm) -> QuerySet[Thread]:
    return Thread.objects.filter(organisation_scope_q(actor, perm, **_SCOPE)).select_related(
        "participation__organisation", "participation__edition", "assigned_to"
    )


def member_threads(actor: Actor) -> QuerySet[Thread]:
    """The conversations of the actor's own organisations, newest activity first."""
    return _threads(actor, MEMBER).order_by("-last_activity_at")


@dataclass(frozen=True)
class QueueFilters:
    status: str = "open"  # open | all | one of ThreadStatus
    assigned: str = ""  # "" (anyone) | "me" | "none"
    edition_id: int | None = None
    participation_id: int | None = None
    query: str = ""
    question_key: str = ""


def staff_queue(actor: Actor, filters: QueueFilters) -> QuerySet[Thread]:
    qs = _threads(actor, STAFF).annotate(message_count=Count("messages", filter=Q(messages__is_internal=False)))
    if filters.status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif filters.status in ThreadStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.assigned == "me":
        qs = qs.filter(assigned_to=actor.user)
    elif filters.assigned == "none":
        qs = qs.filter(assigned_to__isnull=True)
    if filters.edition_id:
        qs = qs.filter(participation__edition_id=filters.edition_id)
    if filters.participation_id:
        qs = qs.filter(participation_id=filters.participation_id)
    if filters.query:
        q = filters.query[:100]
        qs = qs.filter(Q(subject__icontains=q) | Q(participation__organisation__name__icontains=q))
    if filters.question_key:
        qs = qs.filter(question_key=filters.question_key)
    return qs.order_by("-last_activity_at")


def staff_queue_counts(actor: Actor) -> dict[str, int]:
    rows = _threads(actor, STAFF).values("status").annotate(n=Count("pk")).order_by()
    counts = {status: 0 for status in ThreadStatus.values}
    for row in rows:
        counts[row["status"]] = row["n"]
    counts["open"] = sum(counts[s] for s in OPEN_STATUSES)
    counts["mine"] = (
        _threads(actor, STAFF).filter(assigned_to=actor.user, status__in=OPEN_STATUSES).count()
        if actor.user is not None
        else 0
    )
    return counts


def access_thread(
    actor: Actor, pk: Any, *, perm: Perm, request: HttpRequest | None = None, audit_what: str | None = None
) -> Thread:
    """One thread the actor may use with `perm` (members: CONTACT_SERVICE_DESK; staff:
    MANAGE_PROGRAMME), or Http404."""
    try:
        thread = Thread.objects.select_related(
            "participation__edition__programme", "participation__organisation", "assigned_to"
        ).get(pk=int(pk))
    except (Thread.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise Http404 from exc
    check_organisation_access(
        actor,
        programme=thread.participation.edition.programme,
        organisation=thread.participation.organisation,
        perm=perm,
        obj=thread,
        request=request,
        audit_what=audit_what,
    )
    return thread


def thread_messages(thread: Thread, *, include_internal: bool) -> list[Message]:
    messages = thread.messages.all()
    if not include_internal:
        messages = messages.filter(is_internal=False)
    return list(messages.prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("id"))))


def access_attachment(actor: Actor, pk: Any, *, request: HttpRequest | None = None) -> Attachment:
    """An attachment for staff of the programme, or for the organisation when it is not part of an
    internal note; else Http404."""
    try:
        attachment = Attachment.objects.select_related(
            "message__thread__participation__edition__programme", "message__thread__participation__organisation"
        ).get(pk=int(pk))
    except (Attachment.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise Http404 from exc
    participation = attachment.message.thread.participation
    programme, organisation = participation.edition.programme, participation.organisation
    perms = actor.organisation_perms(programme_id=programme.pk, organisation_id=organisation.pk)
    if STAFF in perms:
        perm = STAFF
    elif MEMBER in perms and not attachment.message.is_internal:
        perm = MEMBER
    else:
        perm = STAFF  # refused (and audited) below
    check_organisation_access(
        actor,
        programme=programme,
        organisation=organisation,
        perm=perm,
        obj=attachment.message.thread,
        request=request,
        audit_what="servicedesk.attachment",
    )
    return attachment


def open_thread_counts(participation_ids: list[int]) -> dict[int, int]:
    """Open conversations per participation (for the staff overview, which checked access)."""
    rows = (
        Thread.objects.filter(participation_id__in=participation_ids, status__in=OPEN_STATUSES)
        .values("participation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["participation_id"]: row["n"] for row in rows}
