"""Reads of improvement suggestions."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from cim.access.actor import Actor
from cim.access.roles import Perm
from cim.access.scoping import check_organisation_access, organisation_scope_q
from cim.servicedesk.models import Suggestion

_SCOPE = {
    "programme_field": "participation__edition__programme_id",
    "organisation_field": "participation__organisation_id",
}


def _suggestions(actor: Actor, perm: Perm) -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(organisation_scope_q(actor, perm, **_SCOPE)).select_related(
        "participation__organisation", "participation__edition", "created_by"
    )


def member_suggestions(actor: Actor) -> QuerySet[Suggestion]:
    return _suggestions(actor, Perm.CONTACT_SERVICE_DESK).order_by("-created_at")


def staff_suggestions(
    actor: Actor, *, status: str = "", edition_id: int | None = None, question_key: str = ""
) -> QuerySet[Suggestion]:
    qs = _suggestions(actor, Perm.MANAGE_PROGRAMME).select_related("decided_by")
    if status in Suggestion.Status.values:
        qs = qs.filter(status=status)
    if edition_id:
        qs = qs.filter(participation__edition_id=edition_id)
    if question_key:
        qs = qs.filter(question_key=question_key[:100])
    return qs.order_by("-created_at")


def access_suggestion(actor: Actor, pk: Any, *, request: HttpRequest | None = None) -> Suggestion:
    try:
        suggestion = Suggestion.objects.select_related(
            "participation__edition__programme", "participation__organisation", "created_by"
        ).get(pk=int(pk))
    except (Suggestion.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise Http404 from exc
    check_organisation_access(
        actor,
        programme=suggestion.participation.edition.programme,
        organisation=suggestion.participation.organisation,
        perm=Perm.MANAGE_PROGRAMME,
        obj=suggestion,
        request=request,
    )
    return suggestion


def accepted_suggestions(programme: Any) -> dict[str, list[Suggestion]]:
    """Accepted suggestions of a programme by question key ('' for general ones), oldest first.

    For programme staff preparing the next edition's questionnaire; the caller has checked that
    the user is staff of `programme`.
    """
    grouped: dict[str, list[Suggestion]] = {}
    rows = (
        Suggestion.objects.filter(participation__edition__programme=programme, status=Suggestion.Status.ACCEPTED)
        .select_related("participation__organisation", "participation__edition")
        .order_by("question_key", "created_at", "pk")
    )
    for suggestion in rows:
        grouped.setdefault(suggestion.question_key, []).append(suggestion)
    return grouped
