"""What every API view shares: a whitelist of query parameters (nothing may narrow a group),
strict pagination with a capped page size, throttles, and Dutch or English messages."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

DEFAULT_LIMIT = 50
MAX_LIMIT = 200  # larger page sizes are capped to this
MAX_OFFSET = 1_000_000
PAGINATION_PARAMS = frozenset({"limit", "offset"})

# Requests per period; settings.API_THROTTLE_RATES may override each scope.
THROTTLE_RATES = {"api_public": "120/min", "api_me": "60/min"}


class BadParameter(exceptions.ValidationError):
    """A 400 with one clear message under `detail`."""

    def __init__(self, message: str) -> None:
        super().__init__({"detail": message})


def _positive_int(request: Request, name: str, *, default: int, minimum: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit():
        raise BadParameter(_("De parameter %(name)s moet een geheel getal zijn.") % {"name": name})
    value = int(raw) if len(raw) <= 18 else 10**18  # larger numbers are only ever capped or refused
    if value < minimum:
        raise BadParameter(
            _("De parameter %(name)s moet minstens %(minimum)s zijn.") % {"name": name, "minimum": minimum}
        )
    return value


class Pagination(LimitOffsetPagination):
    """limit/offset paging; a limit above MAX_LIMIT is capped (not refused), a limit that is not a
    positive whole number is refused with a 400."""

    default_limit = DEFAULT_LIMIT
    max_limit = MAX_LIMIT

    def get_limit(self, request: Request) -> int:
        return min(_positive_int(request, "limit", default=DEFAULT_LIMIT, minimum=1), MAX_LIMIT)

    def get_offset(self, request: Request) -> int:
        offset = _positive_int(request, "offset", default=0, minimum=0)
        if offset > MAX_OFFSET:
            raise BadParameter(_("De parameter offset is te groot."))
        return offset


PAGE_PARAMETERS = [
    OpenApiParameter(
        "limit",
        {"type": "integer", "minimum": 1},
        OpenApiParameter.QUERY,
        description=f"Items per page (default {DEFAULT_LIMIT}; a larger number than {MAX_LIMIT} is capped to {MAX_LIMIT}).",
    ),
    OpenApiParameter(
        "offset",
        {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET},
        OpenApiParameter.QUERY,
        description="Items to skip.",
    ),
]


def id_parameter(name: str, description: str) -> OpenApiParameter:
    """A path id: up to 18 digits (the URL pattern does not match longer ones)."""
    return OpenApiParameter(
        name, {"type": "integer", "minimum": 0, "maximum": 10**18 - 1}, OpenApiParameter.PATH, description=description
    )


KEY_PARAMETER = OpenApiParameter(
    "key",
    {"type": "string", "pattern": "^[-a-zA-Z0-9_]{1,100}$"},
    OpenApiParameter.PATH,
    description="The table's key within the edition (see the edition's table list).",
)


class _Throttle(SimpleRateThrottle):
    def get_rate(self) -> str | None:
        rates = {**THROTTLE_RATES, **getattr(settings, "API_THROTTLE_RATES", {})}
        return rates.get(self.scope or "")


class PublicThrottle(_Throttle):
    """Per client address, for everyone (the public endpoints do not look at logins)."""

    scope = "api_public"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class MeThrottle(_Throttle):
    """Per user for the own-data endpoints (only logged-in users get that far)."""

    scope = "api_me"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        ident = request.user.pk if request.user and request.user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def _english_requested(request: Request) -> bool:
    """An explicit language choice (cookie, account) wins; otherwise an API client may ask for
    English with Accept-Language (pages ignore that header, API clients have no other way)."""
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        return False
    user = getattr(request._request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    from django.utils.translation.trans_real import parse_accept_lang_header

    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code.startswith("nl"):
            return False
        if code.startswith("en"):
            return True
    return False


class ApiView(APIView):
    """The base of every API view: only the listed query parameters are accepted (checked first,
    so that no parameter, not even DRF's `format`, is interpreted)."""

    allowed_params: ClassVar[frozenset[str]] = frozenset()
    throttle_classes: ClassVar[list[type]] = [PublicThrottle]  # type: ignore[misc]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        if _english_requested(request):
            translation.activate("en")
            request._request.LANGUAGE_CODE = "en"  # type: ignore[attr-defined]
        unknown = sorted(set(request.query_params) - self.allowed_params)
        if unknown:
            raise BadParameter(
                _(
                    "Onbekende parameter: %(names)s. Deze API kent geen filters: hij toont gepubliceerde cijfers alleen zoals ze zijn gepubliceerd."
                )
                % {"names": ", ".join(unknown[:5])[:200]}
            )
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        response.headers["Content-Language"] = translation.get_language() or settings.LANGUAGE_CODE
        return response


class PaginatedView(ApiView):
    allowed_params = PAGINATION_PARAMS

    def paginate(self, request: Request, items: Any, serialize: Any) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(items, request, view=self)
        return paginator.get_paginated_response(serialize(page or []))


def not_found(message: str) -> exceptions.NotFound:
    return exceptions.NotFound(message)
