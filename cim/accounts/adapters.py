from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from cim.core.ratelimit import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created from a login code or an invitation, never by open sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """Failed logins are counted per account *and IP address*, not per account alone: an
        attacker elsewhere who tries a staff member's address five times must not lock that person
        out. Guessing stays limited: per IP address (ACCOUNT_RATE_LIMITS `login_failed`), per
        account and address, and programme staff need their TOTP code as well."""
        return f"{client_ip(request)}:{super()._get_login_attempts_cache_key(request, **credentials)}"
