"""View decorators for the common cases; object-level checks use cim.access.scoping."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from cim.access.roles import Perm
from cim.access.scoping import actor_of, require_programme_perm

View = Callable[..., HttpResponse]


def login_required(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def programme_perm_required(perm: Perm) -> Callable[[View], View]:
    """Logged in, and holding `perm` in at least one programme (else 404)."""

    def decorator(view: View) -> View:
        @wraps(view)
        @login_required
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            require_programme_perm(actor_of(request), perm)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
