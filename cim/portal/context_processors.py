from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language_info

from cim.access.scoping import actor_of
from cim.core import registry


def site(request: HttpRequest) -> dict[str, Any]:
    authenticated = request.user.is_authenticated
    return {
        "nav_items": registry.nav_items(request),
        "session_idle_seconds": settings.SESSION_COOKIE_AGE if authenticated else 0,
        "actor": actor_of(request) if authenticated else None,
        # Each language in its own name ("Nederlands", "English"), whatever the active language.
        "LANGUAGE_CHOICES": [(code, get_language_info(code)["name_local"]) for code, _ in settings.LANGUAGES],
    }
