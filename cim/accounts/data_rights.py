"""Anonymising a person's account: the last step after every room has anonymised what it holds.

The account stays (other records point to it) but no longer names anyone and can no longer log
in: name and e-mail address replaced, password unusable, e-mail records and two-factor devices
removed, sessions ended.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.models import Session
from django.utils.translation import gettext_lazy

from cim.core.registry import DataSubject, PersonDataHolder, register_person_data

ANONYMISED = "Geanonimiseerd"


def anonymous_account_email(pk: int) -> str:
    return f"geanonimiseerd-{pk}@example.invalid"


def _count(subject: DataSubject) -> int:
    return 1 if subject.user is not None and subject.user.anonymised_at is None else 0


def _end_sessions(user_pk: int) -> None:
    for session in Session.objects.all().iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_pk):
            session.delete()


def _anonymise(subject: DataSubject, now: Any) -> int:
    user = subject.user
    if user is None or user.anonymised_at is not None:
        return 0
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    _end_sessions(user.pk)
    user.name = ANONYMISED
    user.email = anonymous_account_email(user.pk)
    user.set_unusable_password()
    user.is_active = False
    user.anonymised_at = now
    user.save(update_fields=["name", "email", "password", "is_active", "anonymised_at"])
    return 1


register_person_data(
    PersonDataHolder(
        "accounts",
        gettext_lazy("Het account (naam, e-mailadres, wachtwoord, tweestapsverificatie)"),
        _count,
        _anonymise,
        order=1000,
    )
)
