"""The read-only REST API: published statistics for everyone, a penvoerder's own data for them.

Mounted at /api/ (config/urls.py). Versioned under v1/; the OpenAPI schema at /api/schema/."""

from django.urls import path, re_path, register_converter
from drf_spectacular.views import SpectacularAPIView

from cim.api import me, public, topten, views
from cim.api.base import PublicThrottle


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema, throttled like the public endpoints (building it is not free)."""

    throttle_classes = [PublicThrottle]


class IdConverter:
    """A database id: 1–18 digits (fits a 64-bit id; a longer number is not found, never an overflow)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class TableKeyConverter:
    regex = "[-a-zA-Z0-9_]{1,100}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(IdConverter, "apiid")
register_converter(TableKeyConverter, "tablekey")

app_name = "api"

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("v1/editions/", public.EditionList.as_view(), name="editions"),
    path("v1/editions/<apiid:edition_id>/tables/", public.TableList.as_view(), name="tables"),
    path("v1/editions/<apiid:edition_id>/tables/<tablekey:key>/", public.TableDetail.as_view(), name="table"),
    path(
        "v1/editions/<apiid:edition_id>/tables/<tablekey:key>/metadata/",
        public.TableMetadata.as_view(),
        name="table_metadata",
    ),
    path("v1/top-ten/", topten.TopTenList.as_view(), name="top_tens"),
    path("v1/top-ten/<apiid:edition_id>/", topten.TopTenDetail.as_view(), name="top_ten"),
    path("v1/me/participations/", me.ParticipationList.as_view(), name="me_participations"),
    path("v1/me/participations/<apiid:participation_id>/", me.ParticipationDetail.as_view(), name="me_participation"),
    path(
        "v1/me/participations/<apiid:participation_id>/answers/", me.ParticipationAnswers.as_view(), name="me_answers"
    ),
    path("v1/me/participations/<apiid:participation_id>/scores/", me.ParticipationScores.as_view(), name="me_scores"),
    # The page where a penvoerder makes and revokes personal API tokens (HTML).
    path("sleutels/", views.token_list, name="tokens"),
    path("sleutels/<apiid:token_id>/intrekken/", views.token_revoke, name="token_revoke"),
    # Anything else under /api/ (an id of 19 digits, a mistyped path): a 404 in JSON, not a page.
    re_path(r"^[\s\S]*$", public.NotFoundView.as_view()),
]
