"""Every user has a primary allauth EmailAddress for their login address.

allauth's e-mail change page and its password reset read EmailAddress records; accounts made
from a login code, an invitation, the demo or the Django admin never pass through allauth's
sign-up, so the record is made here when a user is created.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress


def ensure_primary_email(sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw or not created or not instance.email:
        return
    if not EmailAddress.objects.filter(user=instance).exists():
        EmailAddress.objects.create(user=instance, email=instance.email, primary=True, verified=False)
