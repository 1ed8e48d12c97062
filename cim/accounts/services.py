from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction

from cim.accounts.models import User


@transaction.atomic
def user_create(*, email: str, name: str, password: str, language: str = "nl", email_verified: bool = False) -> User:
    """A new account. `email_verified`: the address is proven (the person followed a link sent to it)."""
    user = User.objects.create_user(email=email, password=password, name=name, language=language)
    if email_verified:
        EmailAddress.objects.filter(user=user, email=user.email).update(verified=True)
    return user


@transaction.atomic
def user_update_profile(*, user: User, name: str, language: str) -> User:
    user.name = name
    user.language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["name", "language"])
    return user


def user_login(request: Any, user: User) -> None:
    from django.contrib.auth import login

    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
