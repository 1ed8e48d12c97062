"""The authenticated API for a penvoerder's own data: the organisation's participations, their
answers (cim/scan) and scores (cim/scoring).

Scoped through cim.access.scoping with `Perm.EXPORT_ORGANISATION_DATA` — the permission of the
organisation's data download, which only the penvoerder holds. A participation of another
organisation, of a colleague's role or of nobody is the same 404. Programme staff do not use this
API: they read a participation's data on the audited /beheer/ pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from cim.access.roles import Perm
from cim.access.scoping import access_participation, actor_of, participations_visible
from cim.api.base import PAGE_PARAMETERS, ApiView, MeThrottle, PaginatedView, id_parameter, not_found
from cim.api.public import ERRORS, edition_ref
from cim.api.serializers import (
    AnswersSerializer,
    ErrorSerializer,
    ParticipationPageSerializer,
    ParticipationSerializer,
    ScoresSerializer,
)
from cim.api.tokens import BearerTokenAuthentication
from cim.editions.models import Participation
from cim.scan import logic
from cim.scan.selectors import scan_data
from cim.scoring.selectors import score_of

PERM = Perm.EXPORT_ORGANISATION_DATA
ME_ERRORS = {**ERRORS, 403: ErrorSerializer}
PK = id_parameter("participation_id", "The participation's id (see /api/v1/me/participations/).")


def plain(value: Any) -> Any:
    """JSON-safe: euros and decimals as strings, dates as ISO 8601, containers recursively."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return value


def _participation(request: Request, pk: int, what: str | None = None) -> Participation:
    # Http404 from scoping becomes DRF's JSON 404.
    return access_participation(actor_of(request.user), pk, perm=PERM, request=request._request, audit_what=what)


def participation_data(participation: Participation) -> dict[str, Any]:
    return {
        "id": participation.pk,
        "edition": edition_ref(participation.edition),
        "organisation": {
            "id": participation.organisation.pk,
            "name": participation.organisation.name,
            "cbs_code": participation.organisation.cbs_code or "",
        },
        "scan_status": participation.scan_status,
        "results_visible": participation.edition.results_visible,
        "answers_url": reverse("api:me_answers", kwargs={"participation_id": participation.pk}),
        "scores_url": reverse("api:me_scores", kwargs={"participation_id": participation.pk}),
    }


class MeView(ApiView):
    # Session first: without credentials the answer stays a 403 (a 401 would ask for a token).
    authentication_classes = [SessionAuthentication, BearerTokenAuthentication]
    permission_classes = [IsAuthenticated]
    throttle_classes = [MeThrottle]


class ParticipationList(PaginatedView, MeView):
    @extend_schema(
        operation_id="me_participations_list",
        summary="The participations of your organisation for which you are penvoerder",
        description="Needs a login (session) or a personal API token. Only participations in which you are penvoerder.",
        parameters=PAGE_PARAMETERS,
        responses={200: ParticipationPageSerializer, **ME_ERRORS},
    )
    def get(self, request: Request) -> Response:
        participations = (
            participations_visible(actor_of(request.user), PERM)
            .select_related("edition__programme", "organisation")
            .order_by("-edition__year", "pk")
        )
        return self.paginate(request, participations, lambda page: [participation_data(p) for p in page])


class ParticipationDetail(MeView):
    @extend_schema(
        operation_id="me_participation_retrieve",
        summary="One participation of your organisation",
        description="A participation of another organisation, or one in which you are not penvoerder, is a 404.",
        parameters=[PK],
        responses={200: ParticipationSerializer, **ME_ERRORS},
    )
    def get(self, request: Request, participation_id: int) -> Response:
        return Response(participation_data(_participation(request, participation_id)))


class ParticipationAnswers(MeView):
    @extend_schema(
        operation_id="me_participation_answers",
        summary="The current answers of the scan",
        description="Questions hidden by a condition and empty answers are left out.",
        parameters=[PK],
        responses={200: AnswersSerializer, **ME_ERRORS},
    )
    def get(self, request: Request, participation_id: int) -> Response:
        participation = _participation(request, participation_id, what="scan answers (API)")
        data = scan_data(participation)
        answers: list[dict[str, Any]] = []
        if data.definition is not None:
            values = logic.python_values(data.definition, data.values)
            for question in data.definition.questions:
                if question.key in values:
                    answers.append(
                        {
                            "key": question.key,
                            "number": question.number,
                            "question": str(question.text),
                            "type": question.type,
                            "value": plain(values[question.key]),
                        }
                    )
        return Response(
            {"participation": participation.pk, "scan_status": participation.scan_status, "answers": answers}
        )


class ParticipationScores(MeView):
    @extend_schema(
        operation_id="me_participation_scores",
        summary="The scores of a submitted scan",
        description="Available once the scan is scored and the edition's results are released; before that a 404.",
        parameters=[PK],
        responses={200: ScoresSerializer, **ME_ERRORS},
    )
    def get(self, request: Request, participation_id: int) -> Response:
        participation = _participation(request, participation_id, what="scores (API)")
        score = score_of(participation) if participation.edition.results_visible else None
        if score is None:
            raise not_found(_("Voor deze deelname zijn (nog) geen scores beschikbaar."))
        return Response(
            {
                "participation": participation.pk,
                "overall": str(score.overall),
                "strategic": plain(score.strategic),
                "operational": plain(score.operational),
                "stage": score.stage,
                "focus_areas": plain(score.focus_areas),
                "themes": plain(score.themes),
                "stages": dict(score.stages),
                "categories": {
                    key: {"total": plain(c.total), "circular": plain(c.circular), "share": plain(c.share)}
                    for key, c in score.categories.items()
                },
                "spend_total": plain(score.spend_total),
                "spend_circular": plain(score.spend_circular),
                "circular_share": plain(score.circular_share),
                "complete": score.complete,
            }
        )
