"""Upcoming dates and the personal iCalendar feed (a secret, revocable URL)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from cim.access.decorators import login_required
from cim.servicedesk.selectors.calendar import upcoming_entries
from cim.servicedesk.services import calendar as calendar_services


@never_cache
@login_required
@require_GET
def calendar_page(request: HttpRequest) -> HttpResponse:
    token = request.session.pop("servicedesk_new_calendar_token", None)
    feed_url = request.build_absolute_uri(reverse("servicedesk:calendar_feed", args=[token])) if token else ""
    return render(
        request,
        "servicedesk/member/calendar.html",
        {
            "entries": upcoming_entries(request.user, limit=50),
            "feed": calendar_services.active_feed(request.user),
            "feed_url": feed_url,
        },
    )


@login_required
@require_POST
def calendar_link(request: HttpRequest) -> HttpResponse:
    token = calendar_services.calendar_link_create(actor=request.user)
    # Shown once on the next page; only the hash is stored.
    request.session["servicedesk_new_calendar_token"] = token
    messages.success(request, _("Uw persoonlijke agenda-link is klaar. Eerdere links werken niet meer."))
    return redirect("servicedesk:calendar")


@login_required
@require_POST
def calendar_revoke(request: HttpRequest) -> HttpResponse:
    if calendar_services.calendar_link_revoke(actor=request.user):
        messages.success(
            request, _("Uw agenda-link is ingetrokken; agenda's die hem gebruiken krijgen geen data meer.")
        )
    else:
        messages.info(request, _("U had geen actieve agenda-link."))
    return redirect("servicedesk:calendar")


@never_cache
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    user = calendar_services.calendar_feed_user(token)
    if user is None:
        raise Http404
    with translation.override(user.language or "nl"):
        document = calendar_services.calendar_document(user, name=_("Circulair Inkopen Monitor"))
    response = HttpResponse(document, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="circulair-inkopen.ics"'
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
