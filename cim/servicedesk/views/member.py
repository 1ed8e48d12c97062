"""Pages for the people of a participating organisation: ask, read and answer conversations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cim.access.actor import Actor
from cim.access.decorators import login_required
from cim.access.roles import Perm
from cim.access.scoping import access_participation, actor_of, participations_visible
from cim.core import ratelimit
from cim.core.errors import DomainError
from cim.editions.models import Participation
from cim.servicedesk import conversation
from cim.servicedesk.forms import AskForm, ReplyForm, new_token
from cim.servicedesk.selectors import announcements as announcement_selectors
from cim.servicedesk.selectors import suggestions as suggestion_selectors
from cim.servicedesk.selectors.questions import question_label
from cim.servicedesk.selectors.threads import (
    MEMBER,
    access_attachment,
    access_thread,
    member_threads,
    thread_messages,
)
from cim.servicedesk.services import threads as thread_services

QUESTIONS_PER_HOUR = 20


def askable_participations(actor: Actor) -> list[Participation]:
    """The participations on whose behalf the actor may contact the service desk, newest first."""
    return list(
        participations_visible(actor, Perm.CONTACT_SERVICE_DESK)
        .filter(status=Participation.Status.ACTIVE)
        .select_related("organisation", "edition__programme")
        .order_by("-edition__year", "organisation__name")
    )


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    participations = askable_participations(actor)
    if not participations:
        raise Http404
    page = Paginator(member_threads(actor), 20).get_page(request.GET.get("pagina"))
    return render(
        request,
        "servicedesk/member/home.html",
        {
            "page": page,
            "suggestions": suggestion_selectors.member_suggestions(actor)[:5],
            "announcements": announcement_selectors.member_announcements(actor, limit=10),
        },
    )


@login_required
def ask(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    participations = askable_participations(actor)
    if not participations:
        raise Http404
    question_key = conversation.clean_question_key(request.GET.get("vraag"))
    origin = conversation.safe_return_path(request.GET.get("terug"))
    form = AskForm(
        request.POST or None,
        request.FILES or None,
        participations=participations,
        initial={"question_key": question_key, "origin": origin, "token": new_token()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        participation = access_participation(
            actor, data["participation"], perm=Perm.CONTACT_SERVICE_DESK, request=request
        )
        try:
            if ratelimit.exceeded("servicedesk-ask", str(request.user.pk), limit=QUESTIONS_PER_HOUR, window=3600):
                raise DomainError(_("U heeft het afgelopen uur al veel vragen gesteld. Probeer het later opnieuw."))
            thread = thread_services.thread_open(
                actor=request.user,
                participation=participation,
                subject=data["subject"],
                body=data["body"],
                question_key=data["question_key"],
                origin_path=data["origin"],
                attachments=data["attachments"],
                client_token=data["token"],
            )
        except thread_services.DuplicateSubmission as exc:
            messages.info(request, exc.message)
            return redirect("servicedesk:home")
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            ratelimit.hit("servicedesk-ask", str(request.user.pk), 3600)
            messages.success(
                request, _("Uw vraag is verstuurd. U krijgt een e-mail zodra de servicedesk heeft geantwoord.")
            )
            return redirect("servicedesk:thread", thread.pk)
    shown_key = form["question_key"].value() or question_key
    shown_origin = conversation.safe_return_path(form["origin"].value() or origin)
    return render(
        request,
        "servicedesk/member/ask.html",
        {
            "form": form,
            "question_key": shown_key,
            "question_label": question_label(participations, conversation.clean_question_key(shown_key)),
            "origin": shown_origin,
        },
        status=400 if request.method == "POST" else 200,
    )


def _thread_page(request: HttpRequest, thread: Any, form: ReplyForm | None = None, status: int = 200) -> HttpResponse:
    posts = thread_messages(thread, include_internal=False)
    if form is None:
        form = ReplyForm(initial={"seen": posts[-1].pk if posts else 0, "token": new_token()})
    return render(
        request,
        "servicedesk/member/thread.html",
        {"thread": thread, "posts": posts, "form": form},
        status=status,
    )


@login_required
@require_GET
def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    thread = access_thread(actor_of(request), pk, perm=MEMBER, request=request)
    return _thread_page(request, thread)


@login_required
@require_POST
def thread_reply(request: HttpRequest, pk: int) -> HttpResponse:
    thread = access_thread(actor_of(request), pk, perm=MEMBER, request=request)
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            thread_services.thread_reply_member(
                actor=request.user,
                thread=thread,
                body=form.cleaned_data["body"],
                attachments=form.cleaned_data["attachments"],
                seen_message_id=form.cleaned_data["seen"],
                client_token=form.cleaned_data["token"],
            )
        except thread_services.DuplicateSubmission as exc:
            messages.info(request, exc.message)
            return redirect("servicedesk:thread", thread.pk)
        except DomainError as exc:
            form.add_error(None, exc.message)
            if isinstance(exc, thread_services.StaleSubmission):
                form = _refreshed(form, thread, include_internal=False)
        else:
            messages.success(request, _("Uw reactie is verstuurd."))
            return redirect("servicedesk:thread", thread.pk)
    thread.refresh_from_db()
    return _thread_page(request, thread, form, status=400)


def _refreshed(form: Any, thread: Any, *, include_internal: bool) -> Any:
    """The same form with the text kept, but marked as having seen the newest message."""
    posts = thread_messages(thread, include_internal=include_internal)
    data = form.data.copy()
    data[form.add_prefix("seen")] = str(posts[-1].pk if posts else 0)
    refreshed = form.__class__(data, prefix=form.prefix)
    refreshed.is_valid()
    for error in form.non_field_errors():
        refreshed.add_error(None, error)
    return refreshed


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = access_attachment(actor_of(request), pk, request=request)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.filename, content_type=attachment.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response  # type: ignore[return-value]  # a streaming response; the decorators only pass it on
