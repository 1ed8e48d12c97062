"""Every URL the project serves, with working arguments, for attack tests that must cover new
rooms by themselves: the permission matrix cases give object ids in the permission world; any
other pattern (allauth, rooms without cases yet) gets placeholder arguments."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from cim.testing.matrix import OK, Case
from cim.testing.world import World
from tests.test_permission_matrix import CASES


@dataclass(frozen=True)
class Target:
    url_name: str
    path: str
    case: Case | None
    roles_ok: tuple[str, ...]  # roles for which the matrix expects success


def _patterns(patterns: Any = None, namespace: str = "", prefix: str = "") -> Iterator[tuple[str, Any]]:
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith("django-admin/"):
                continue  # the technical administrator's Django admin: Django's own, CSRF-protected
            inner = (
                f"{namespace}:{entry.namespace}" if namespace and entry.namespace else (entry.namespace or namespace)
            )
            yield from _patterns(entry.url_patterns, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


def _placeholder_kwargs(pattern: URLPattern) -> dict[str, Any]:
    converters = getattr(pattern.pattern, "converters", {})
    return {name: 1 if isinstance(conv, IntConverter) else "x" for name, conv in converters.items()}


def targets(world: World, *, methods: tuple[str, ...] = ("get", "post")) -> list[Target]:
    """One target per (URL name, arguments): matrix cases first, placeholders for the rest."""
    seen: set[str] = set()
    found: list[Target] = []
    for case in CASES:
        if case.method not in methods:
            continue
        try:
            with transaction.atomic():  # a failing helper must not break the test's transaction
                path = reverse(case.url_name, kwargs=case.kwargs(world))
        except Exception:  # noqa: S112 - a case whose objects clash in a shared world is skipped here
            continue
        roles = tuple(role for role, outcome in case.expected.items() if outcome == OK)
        found.append(Target(case.url_name, path, case, roles))
        seen.add(case.url_name)
    for name, pattern in _patterns():
        if name in seen:
            continue
        try:
            path = reverse(name, kwargs=_placeholder_kwargs(pattern))
        except Exception:  # noqa: S112 - patterns with regex groups we cannot fill
            continue
        found.append(Target(name, path, None, ()))
        seen.add(name)
    return found
