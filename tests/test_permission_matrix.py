"""Every URL the project defines × every role × a foreign organisation and programme.

Cases live next to each app in `cim/<app>/tests/permissions.py`. A URL without a case fails
`test_every_url_has_a_case`, so a new page cannot slip in unchecked.
"""

from __future__ import annotations

import importlib
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cim.testing.matrix import BAD_REQUEST, FORBIDDEN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Case
from cim.testing.world import ROLES, build_world


def all_cases() -> list[Case]:
    cases: list[Case] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("cim."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.permissions")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.tests.permissions":
                raise
            continue
        cases.extend(module.CASES)
    return cases


def our_url_names(patterns=None, namespace: str = "") -> set[str]:  # type: ignore[no-untyped-def]
    names: set[str] = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            module = getattr(entry.urlconf_module, "__name__", "")
            if not module.startswith("cim."):
                continue
            inner = (
                f"{namespace}:{entry.namespace}" if namespace and entry.namespace else (entry.namespace or namespace)
            )
            names |= our_url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}:{entry.name}" if namespace else entry.name)
    return names


CASES = all_cases()


def test_every_url_has_a_case() -> None:
    covered = {case.url_name for case in CASES}
    missing = sorted(our_url_names() - covered)
    assert not missing, f"URLs without a permission case: {missing}"


def test_every_case_names_every_role() -> None:
    for case in CASES:
        assert set(case.expected) == set(ROLES), case.id


def outcome_of(response, login_url: str) -> str:  # type: ignore[no-untyped-def]
    if response.status_code in (301, 302, 303):
        location = urlparse(response["Location"]).path
        return LOGIN if location == login_url else OK
    if response.status_code < 300:
        return OK
    return {400: BAD_REQUEST, 403: FORBIDDEN, 404: NOT_FOUND, 405: NOT_ALLOWED}.get(
        response.status_code, str(response.status_code)
    )


class _Rollback(Exception):
    pass


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_permission_matrix(case: Case) -> None:
    login_url = reverse(settings.LOGIN_URL)
    failures = []
    for role in ROLES:
        # Each role gets a fresh world, rolled back afterwards with whatever the request wrote.
        try:
            with transaction.atomic():
                world = build_world()
                client = Client()
                user = world.user(role)
                if user is not None:
                    client.force_login(user)
                url = reverse(case.url_name, kwargs=case.kwargs(world))
                response = getattr(client, case.method)(url, data=case.data(world))
                got = outcome_of(response, login_url)
                if got != case.expected[role]:
                    failures.append(f"{role}: expected {case.expected[role]}, got {got} ({response.status_code})")
                raise _Rollback
        except _Rollback:
            pass
    assert not failures, f"{case.id}: " + "; ".join(failures)
