"""The service desk's queue: read, answer, note, assign, close and reopen conversations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cim.access.decorators import programme_perm_required
from cim.access.roles import Perm
from cim.access.scoping import actor_of, editions_managed
from cim.core.errors import DomainError
from cim.servicedesk.forms import AssignForm, QueueFilterForm, StaffNoteForm, StaffReplyForm, new_token
from cim.servicedesk.selectors.threads import (
    STAFF,
    QueueFilters,
    access_thread,
    staff_queue,
    staff_queue_counts,
    thread_messages,
)
from cim.servicedesk.services import threads as thread_services
from cim.servicedesk.views.member import _refreshed

MANAGE = Perm.MANAGE_PROGRAMME
REPLY_PREFIX, NOTE_PREFIX = "antwoord", "notitie"


def _int_or_none(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**62 else None


@programme_perm_required(MANAGE)
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    editions = editions_managed(actor).order_by("-year")
    form = QueueFilterForm(request.GET or None, editions=editions)
    data = form.cleaned_data if form.is_valid() else {}
    filters = QueueFilters(
        status=data.get("status") or "open",
        assigned=data.get("assigned") or "",
        edition_id=data.get("edition"),
        participation_id=_int_or_none(request.GET.get("deelname")),
        query=data.get("q") or "",
        question_key=(request.GET.get("vraag") or "")[:100],
    )
    page = Paginator(staff_queue(actor, filters), 50).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "servicedesk/staff/queue.html",
        {
            "form": form,
            "page": page,
            "counts": staff_queue_counts(actor),
            "query": query.urlencode(),
            "filters": filters,
        },
    )


def _staff_thread_page(
    request: HttpRequest,
    thread: Any,
    *,
    reply_form: StaffReplyForm | None = None,
    note_form: StaffNoteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    posts = thread_messages(thread, include_internal=True)
    seen = posts[-1].pk if posts else 0
    colleagues = thread_services.service_desk_colleagues(thread)
    return render(
        request,
        "servicedesk/staff/thread.html",
        {
            "thread": thread,
            "posts": posts,
            "reply_form": reply_form
            or StaffReplyForm(prefix=REPLY_PREFIX, initial={"seen": seen, "token": new_token()}),
            "note_form": note_form or StaffNoteForm(prefix=NOTE_PREFIX, initial={"seen": seen, "token": new_token()}),
            "assign_form": AssignForm(colleagues=colleagues, initial={"assignee": thread.assigned_to_id}),
        },
        status=status,
    )


@programme_perm_required(MANAGE)
@require_GET
def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    thread = access_thread(actor_of(request), pk, perm=STAFF, request=request, audit_what="servicedesk.thread")
    return _staff_thread_page(request, thread)


@programme_perm_required(MANAGE)
@require_POST
def thread_reply(request: HttpRequest, pk: int) -> HttpResponse:
    thread = access_thread(actor_of(request), pk, perm=STAFF, request=request)
    internal = request.POST.get("soort") == NOTE_PREFIX
    form: StaffReplyForm | StaffNoteForm = (
        StaffNoteForm(request.POST, request.FILES, prefix=NOTE_PREFIX)
        if internal
        else StaffReplyForm(request.POST, request.FILES, prefix=REPLY_PREFIX)
    )
    if form.is_valid():
        try:
            thread_services.thread_reply_staff(
                actor=request.user,
                thread=thread,
                body=form.cleaned_data["body"],
                internal=internal,
                close=bool(form.cleaned_data.get("close")),
                attachments=form.cleaned_data["attachments"],
                seen_message_id=form.cleaned_data["seen"],
                client_token=form.cleaned_data["token"],
            )
        except thread_services.DuplicateSubmission as exc:
            messages.info(request, exc.message)
            return redirect("servicedesk:staff_thread", thread.pk)
        except DomainError as exc:
            form.add_error(None, exc.message)
            if isinstance(exc, thread_services.StaleSubmission):
                form = _refreshed(form, thread, include_internal=True)
        else:
            if internal:
                messages.success(request, _("De interne notitie is opgeslagen. De gemeente ziet deze niet."))
            else:
                messages.success(request, _("Uw antwoord is verstuurd; de gemeente krijgt een e-mail."))
            return redirect("servicedesk:staff_thread", thread.pk)
    thread.refresh_from_db()
    if internal:
        return _staff_thread_page(request, thread, note_form=form, status=400)  # type: ignore[arg-type]
    return _staff_thread_page(request, thread, reply_form=form, status=400)  # type: ignore[arg-type]


@programme_perm_required(MANAGE)
@require_POST
def thread_assign(request: HttpRequest, pk: int) -> HttpResponse:
    thread = access_thread(actor_of(request), pk, perm=STAFF, request=request)
    colleagues = thread_services.service_desk_colleagues(thread)
    if request.POST.get("mij"):
        data = {"assignee": str(request.user.pk)}
    else:
        data = {"assignee": request.POST.get("assignee", "")}
    form = AssignForm(data, colleagues=colleagues)
    if not form.is_valid():
        messages.error(request, _("Een gesprek kan alleen worden toegewezen aan een collega van de servicedesk."))
        return redirect("servicedesk:staff_thread", thread.pk)
    assignee = form.cleaned_data["assignee"]
    try:
        thread_services.thread_assign(actor=request.user, thread=thread, assignee=assignee)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if assignee:
            messages.success(request, _("Toegewezen aan %(name)s.") % {"name": assignee.display_name})
        else:
            messages.success(request, _("Het gesprek is aan niemand toegewezen."))
    return redirect("servicedesk:staff_thread", thread.pk)


@programme_perm_required(MANAGE)
@require_POST
def thread_status(request: HttpRequest, pk: int) -> HttpResponse:
    thread = access_thread(actor_of(request), pk, perm=STAFF, request=request)
    action = request.POST.get("actie")
    try:
        if action == "sluiten":
            thread_services.thread_close(actor=request.user, thread=thread)
            messages.success(request, _("Het gesprek is gesloten."))
        elif action == "heropenen":
            thread_services.thread_reopen(actor=request.user, thread=thread)
            messages.success(request, _("Het gesprek is heropend."))
        else:
            messages.error(request, _("Onbekende handeling."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("servicedesk:staff_thread", thread.pk)
