from typing import Any

from django.db import transaction

from cim.accounts.models import User


@transaction.atomic
def user_create(*, email: str, name: str, password: str, language: str = "nl") -> User:
    return User.objects.create_user(email=email, password=password, name=name, language=language)


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
