"""Autosave of one answer (htmx). Responses are small fragments for the question's status area:
200 saved, 409 conflict (both values, and a choice), 422 refused value, 403 scan closed,
401 session ended (the page keeps the typed answer and retries after logging in)."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cim.access.roles import Perm
from cim.core.errors import DomainError
from cim.questionnaires import inputs
from cim.questionnaires import model as m
from cim.questionnaires.selectors import edition_definition
from cim.scan import pages
from cim.scan.services.answers import AnswerRejected, SaveOutcome, answer_save
from cim.scan.services.evidence import evidence_upload
from cim.scan.views.common import is_htmx, login_required_htmx, page_for, participation_for


@require_POST
@login_required_htmx
def autosave(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    participation = participation_for(request, pk, perm=Perm.EDIT_SCAN, audit=None)
    definition = edition_definition(participation.edition_id)
    question = definition.question(key) if definition else None
    if question is None:
        raise Http404
    if not is_htmx(request):  # without JavaScript the section form is posted instead
        return redirect(reverse("scan:section", args=[pk, question.section_key]) + f"#vraag-{key}")
    base = inputs.posted_version(request.POST, key) or 0
    value, errors = inputs.parse_question(question, request.POST)
    upload = request.FILES.get(inputs.name(key, "file")) if question.type == m.EVIDENCE else None
    context = {"key": key, "question": question, "participation": participation, "version": base}
    if errors:
        return _render(request, context | {"errors": list(errors.values())}, 422)
    try:
        if upload is not None:
            outcome = evidence_upload(
                user=request.user, participation=participation, question_key=key, upload=upload, base_version=base
            )
        elif value is inputs.KEEP:
            return _render(request, context | {"state": "unchanged"}, 200)
        else:
            outcome = answer_save(
                user=request.user, participation=participation, question_key=key, value=value, base_version=base
            )
    except AnswerRejected as exc:
        return _render(request, context | {"errors": [exc.message]}, 422)
    except DomainError as exc:
        return _render(request, context | {"errors": [exc.message], "closed": True}, 403)
    return _render_outcome(request, context, outcome)


def _render_outcome(request: HttpRequest, context: dict, outcome: SaveOutcome) -> HttpResponse:
    context = context | {"outcome": outcome, "version": outcome.version, "answer": outcome.answer}
    if outcome.status == "conflict":
        context["conflict"] = outcome.conflict
        context["autosave_url"] = request.path
        context["question_url"] = reverse("scan:question", args=[context["participation"].pk, context["key"]])
        return _render(request, context, 409)
    if context["question"].type == m.EVIDENCE and outcome.status == "saved":
        response = _evidence_block(request, context)
    else:
        response = _render(request, context | {"state": outcome.status}, 200)
    event = {"key": context["key"], "version": outcome.version, "status": outcome.status}
    if outcome.progress is not None:
        event |= {
            "progress": outcome.progress.percent,
            "sections": {k: outcome.progress.section_percent(k) for k in outcome.progress.sections},
            "shown": outcome.shown,
            "hidden": outcome.hidden,
        }
    response["HX-Trigger"] = json.dumps({"cim:saved": event})
    return response


def _evidence_block(request: HttpRequest, context: dict) -> HttpResponse:
    """After a new document or link the whole question is shown again (with the document link)."""
    page = page_for(request, context["participation"])
    qv = pages.question_block(page, context["key"], with_previous=False)
    response = render(request, "scan/includes/question_block.html", {"qv": qv, "page": page, "mode": "fill"})
    response["HX-Retarget"] = f"#vraag-{context['key']}"
    response["HX-Reswap"] = "outerHTML"
    return response


def _render(request: HttpRequest, context: dict, status: int) -> HttpResponse:
    return render(request, "scan/includes/question_status.html", context, status=status)
