"""Helpers shared by the scan's views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string

from cim.access.roles import Perm
from cim.access.scoping import access_participation, actor_of
from cim.editions.models import Participation
from cim.scan.pages import ScanPage, scan_page

View = Callable[..., HttpResponse]


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def login_required_htmx(view: View) -> View:
    """Like login_required, but an htmx request after the session ended gets 401 and a short
    message, so that the page keeps what was typed and can ask to log in again."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            if is_htmx(request):
                html = render_to_string("scan/includes/session_expired.html", {}, request=request)
                return HttpResponse(html, status=401)
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def participation_for(
    request: HttpRequest, pk: int, perm: Perm = Perm.VIEW_PARTICIPATION, audit: str | None = "scan"
) -> Participation:
    return access_participation(actor_of(request), pk, perm=perm, request=request, audit_what=audit)


def page_for(request: HttpRequest, participation: Participation, section: str = "") -> ScanPage:
    page = scan_page(actor_of(request), participation, current_section=section)
    if page is None:
        raise Http404
    return page
