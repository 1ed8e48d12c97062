from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from cim.access.scoping import actor_of

EXEMPT_PREFIXES = (
    "/account/2fa/",
    "/account/logout/",
    "/account/reauthenticate/",  # allauth asks for the password again before TOTP set-up
    "/static/",
    "/healthz",
    "/taal/",
    "/sessie/",
)


def has_totp(user: object) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireStaffMfaMiddleware:
    """Programme staff and analysts must set up two-factor authentication before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and actor_of(request).requires_mfa
            and not has_totp(user)
        ):
            return redirect(reverse("mfa_activate_totp") + "?verplicht=1")
        return self.get_response(request)
