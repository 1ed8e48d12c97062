from typing import Any

from django.conf import settings
from django.http import HttpRequest

from cim.access.scoping import actor_of
from cim.core import registry


def site(request: HttpRequest) -> dict[str, Any]:
    authenticated = request.user.is_authenticated
    return {
        "nav_items": registry.nav_items(request),
        "session_idle_seconds": settings.SESSION_COOKIE_AGE if authenticated else 0,
        "actor": actor_of(request) if authenticated else None,
        "LANGUAGE_CHOICES": settings.LANGUAGES,
    }
