"""Data rights: a person's API tokens are revoked and their names cleared when the person is
anonymised (registered with cim.core.registry; imported in ApiConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from cim.api.models import ApiToken
from cim.core.registry import DataSubject, PersonDataHolder, register_person_data


def _tokens(subject: DataSubject) -> Any:
    if subject.user is None:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=subject.user)


def _count(subject: DataSubject) -> int:
    return _tokens(subject).count()


def _anonymise(subject: DataSubject, now: Any) -> int:
    tokens = _tokens(subject)
    tokens.filter(revoked_at__isnull=True).update(revoked_at=now)
    return tokens.update(name="—")


register_person_data(
    PersonDataHolder("api", gettext_lazy("API-sleutels (ingetrokken, namen gewist)"), _count, _anonymise, order=90)
)
