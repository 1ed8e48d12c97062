"""Two-factor helpers around django-allauth's TOTP, for the demo and the tests."""

from __future__ import annotations

import time
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt


def totp_activate(user: Any, secret: str) -> Authenticator:
    """Give `user` a TOTP authenticator with a known base32 secret (demo and tests)."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return existing or TOTP.activate(user, secret).instance


def totp_current_code(user: Any, *, min_seconds_left: int = 0) -> str:
    """The code a phone would show now. With `min_seconds_left`, wait for the next 30-second
    period when this one ends sooner, so that the code is still valid when the server checks it."""
    if 30 - time.time() % 30 < min_seconds_left:
        time.sleep(30 - time.time() % 30 + 0.1)
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
