"""Improvement suggestions: members submit and follow them; staff triage them."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cim.access.decorators import login_required, programme_perm_required
from cim.access.roles import Perm
from cim.access.scoping import access_participation, actor_of, editions_managed
from cim.core.errors import DomainError
from cim.editions.models import Programme
from cim.servicedesk import conversation
from cim.servicedesk.forms import SuggestionDecisionForm, SuggestionForm, new_token
from cim.servicedesk.models import Suggestion
from cim.servicedesk.selectors.questions import question_label
from cim.servicedesk.selectors.suggestions import (
    accepted_suggestions,
    access_suggestion,
    member_suggestions,
    staff_suggestions,
)
from cim.servicedesk.services import suggestions as suggestion_services
from cim.servicedesk.services.threads import DuplicateSubmission
from cim.servicedesk.views.member import askable_participations
from cim.servicedesk.views.staff_threads import _int_or_none

MANAGE = Perm.MANAGE_PROGRAMME


@login_required
def suggest(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    participations = askable_participations(actor)
    if not participations:
        raise Http404
    question_key = conversation.clean_question_key(request.GET.get("vraag"))
    origin = conversation.safe_return_path(request.GET.get("terug"))
    form = SuggestionForm(
        request.POST or None,
        participations=participations,
        initial={"question_key": question_key, "origin": origin, "token": new_token()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        participation = access_participation(
            actor, data["participation"], perm=Perm.CONTACT_SERVICE_DESK, request=request
        )
        try:
            suggestion_services.suggestion_submit(
                actor=request.user,
                participation=participation,
                body=data["body"],
                question_key=data["question_key"],
                client_token=data["token"],
            )
        except DuplicateSubmission as exc:
            messages.info(request, exc.message)
            return redirect("servicedesk:suggestions")
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Dank u wel! Uw suggestie is ontvangen; u ziet hier wat wij ermee doen."))
            return redirect("servicedesk:suggestions")
    shown_key = conversation.clean_question_key(form["question_key"].value()) or question_key
    return render(
        request,
        "servicedesk/member/suggest.html",
        {
            "form": form,
            "question_key": shown_key,
            "question_label": question_label(participations, shown_key),
            "origin": conversation.safe_return_path(form["origin"].value() or origin),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def suggestion_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not askable_participations(actor):
        raise Http404
    page = Paginator(member_suggestions(actor), 25).get_page(request.GET.get("pagina"))
    return render(request, "servicedesk/member/suggestions.html", {"page": page})


@programme_perm_required(MANAGE)
@require_GET
def staff_suggestion_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    status = request.GET.get("status", Suggestion.Status.NEW)
    edition_id = _int_or_none(request.GET.get("editie"))
    question_key = conversation.clean_question_key(request.GET.get("vraag"))
    suggestions = staff_suggestions(actor, status=status, edition_id=edition_id, question_key=question_key)
    page = Paginator(suggestions, 50).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "servicedesk/staff/suggestions.html",
        {
            "page": page,
            "status": status,
            "statuses": Suggestion.Status.choices,
            "editions": editions_managed(actor).order_by("-year"),
            "edition_id": edition_id,
            "question_key": question_key,
            "query": query.urlencode(),
        },
    )


@programme_perm_required(MANAGE)
def staff_suggestion(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    suggestion = access_suggestion(actor, pk, request=request)
    initial = {"decision": suggestion.status if suggestion.status != Suggestion.Status.NEW else None}
    form = SuggestionDecisionForm(request.POST or None, initial={**initial, "reason": suggestion.decline_reason})
    if request.method == "POST" and form.is_valid():
        try:
            suggestion_services.suggestion_decide(
                actor=request.user,
                suggestion=suggestion,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Uw besluit is opgeslagen; de gemeente ziet het bij haar suggesties."))
            return redirect("servicedesk:staff_suggestions")
    return render(
        request,
        "servicedesk/staff/suggestion.html",
        {"suggestion": suggestion, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@programme_perm_required(MANAGE)
@require_GET
def staff_accepted(request: HttpRequest) -> HttpResponse:
    """Accepted suggestions by question key, per programme: the list to work from while
    preparing the next edition's questionnaire."""
    programmes = Programme.objects.filter(pk__in=actor_of(request).programmes_with(MANAGE)).order_by("name")
    groups = []
    for programme in programmes:
        by_key = accepted_suggestions(programme)
        keys = sorted(k for k in by_key if k)
        groups.append(
            {
                "programme": programme,
                "by_key": [(k, by_key[k]) for k in keys],
                "general": by_key.get("", []),
            }
        )
    return render(request, "servicedesk/staff/accepted.html", {"groups": groups})
