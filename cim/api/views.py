"""The page where a penvoerder makes and revokes personal API tokens. Thin: work in tokens.py."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cim.access.decorators import login_required
from cim.api import tokens
from cim.api.models import ApiToken
from cim.core.errors import DomainError


@never_cache
@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    if not tokens.may_hold_tokens(request.user):
        raise Http404
    key = None
    error = ""
    name = ""
    if request.method == "POST":
        name = request.POST.get("naam", "")
        try:
            _token, key = tokens.token_create(user=request.user, name=name)
        except DomainError as exc:
            error = exc.message
    return render(
        request,
        "api/tokens.html",
        {
            "tokens": list(ApiToken.objects.filter(user_id=request.user.pk or 0)),
            "new_key": key,
            "error": error,
            "name": name if error else "",
            "max_length": 100,
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    if not tokens.may_hold_tokens(request.user):
        raise Http404
    try:
        tokens.token_revoke(user=request.user, token_id=token_id)
    except DomainError as exc:
        raise Http404 from exc
    messages.success(request, _("De sleutel is ingetrokken. Scripts die hem gebruiken, krijgen geen toegang meer."))
    return redirect("api:tokens")
