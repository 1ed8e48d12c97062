"""Public, read-only endpoints for the published Top 10s (cim/topten). Before its publication a
Top 10 does not exist here: the same 404 as an unknown edition."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from cim.api.base import PAGE_PARAMETERS, id_parameter, not_found
from cim.api.public import ERRORS, PublicPaginatedView, PublicView
from cim.api.serializers import TopTenPageSerializer, TopTenSerializer
from cim.topten.selectors import PublishedTopTenData, published_index, published_top_ten


def _edition(data: Any) -> dict[str, Any]:
    return {
        "id": data.edition_id,
        "year": data.year,
        "title": data.edition_title,
        "programme": {"slug": data.programme_slug, "name": data.programme_name},
    }


def _lessons(entry: Any) -> list[dict[str, Any]]:
    return [
        {
            "title": lesson.title,
            "tried": lesson.tried,
            "worked": lesson.worked,
            "did_not_work": lesson.did_not_work,
            "obstacles": lesson.obstacles,
            "phase": lesson.phase,
            "tags": list(lesson.tags),
        }
        for lesson in entry.lessons
    ]


def serialize_top_ten(data: PublishedTopTenData) -> dict[str, Any]:
    return {
        "edition": _edition(data),
        "closing_meeting_date": data.closing_meeting_date.isoformat() if data.closing_meeting_date else None,
        "published_at": data.published_at.isoformat(),
        "entries": [
            {
                "position": e.position,
                "named": e.named,
                "name": e.name if e.named else None,
                "top_three": e.top_three,
                "lessons": _lessons(e),
            }
            for e in data.entries
        ],
    }


class TopTenList(PublicPaginatedView):
    @extend_schema(
        operation_id="top_ten_list",
        summary="Published Top 10s",
        description="Every published Top 10, by programme, newest first.",
        parameters=PAGE_PARAMETERS,
        responses={200: TopTenPageSerializer, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        def serialize(summaries: list[Any]) -> list[dict[str, Any]]:
            return [
                {
                    "edition": _edition(s),
                    "published_at": s.published_at.isoformat(),
                    "url": reverse("api:top_ten", kwargs={"edition_id": s.edition_id}),
                }
                for s in summaries
            ]

        return self.paginate(request, published_index(), serialize)


class TopTenDetail(PublicView):
    @extend_schema(
        operation_id="top_ten_retrieve",
        summary="The published Top 10 of an edition",
        description="The ranks as published (shared on a tie); a municipality that did not consent to be named "
        'has name null ("anonieme gemeente"). No scores. An edition without a published Top 10 gives a 404.',
        parameters=[id_parameter("edition_id", "The edition's id (see /api/v1/top-ten/).")],
        responses={200: TopTenSerializer, **ERRORS},
    )
    def get(self, request: Request, edition_id: int) -> Response:
        data = published_top_ten(edition_id)
        if data is None:
            raise not_found(_("Voor deze editie is geen Top 10 bekendgemaakt."))
        return Response(serialize_top_ten(data))
