"""The permission matrix: every URL the project defines × every role × a foreign organisation.

Each app lists its cases in `cim/<app>/tests/permissions.py` as `CASES`. The matrix test
(tests/test_permission_matrix.py) fails when a URL of ours has no case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cim.testing.world import (
    ANALYST,
    ANONYMOUS,
    CONTRIBUTOR,
    FOREIGN_PENVOERDER,
    FOREIGN_STAFF,
    FUNDER,
    PENVOERDER,
    ROLES,
    SERVICE_DESK,
    World,
)

OK = "ok"  # 2xx, or a redirect that is not to the login page
LOGIN = "login"  # redirect to the login page
NOT_FOUND = "404"
FORBIDDEN = "403"
BAD_REQUEST = "400"
NOT_ALLOWED = "405"


def expect(default: str, **overrides: str) -> dict[str, str]:
    result = {role: default for role in ROLES}
    for role, outcome in overrides.items():
        if role not in result:
            raise ValueError(f"unknown role {role}")
        result[role] = outcome
    return result


# Common shapes.
PUBLIC = expect(OK)
LOGGED_IN = expect(OK, anonymous=LOGIN)
SERVICE_DESK_ONLY = expect(NOT_FOUND, anonymous=LOGIN, servicedesk=OK)
# Pages without a programme object in the URL: every service desk sees its own programme's part.
ANY_SERVICE_DESK = expect(NOT_FOUND, anonymous=LOGIN, servicedesk=OK, foreign_staff=OK)
STAFF_READ = expect(NOT_FOUND, anonymous=LOGIN, servicedesk=OK, analyst=OK)
OWN_ORGANISATION_AND_STAFF = expect(
    NOT_FOUND, anonymous=LOGIN, penvoerder=OK, contributor=OK, servicedesk=OK, analyst=OK
)
OWN_PENVOERDER_ONLY = expect(NOT_FOUND, anonymous=LOGIN, penvoerder=OK)

__all__ = [
    "ANALYST",
    "ANONYMOUS",
    "ANY_SERVICE_DESK",
    "BAD_REQUEST",
    "CONTRIBUTOR",
    "FORBIDDEN",
    "FOREIGN_PENVOERDER",
    "FOREIGN_STAFF",
    "FUNDER",
    "LOGGED_IN",
    "LOGIN",
    "NOT_ALLOWED",
    "NOT_FOUND",
    "OK",
    "OWN_ORGANISATION_AND_STAFF",
    "OWN_PENVOERDER_ONLY",
    "PENVOERDER",
    "PUBLIC",
    "SERVICE_DESK",
    "SERVICE_DESK_ONLY",
    "STAFF_READ",
    "Case",
    "expect",
]


@dataclass(frozen=True)
class Case:
    """One URL, how to call it, and what each role must get."""

    url_name: str
    expected: dict[str, str]
    kwargs: Callable[[World], dict[str, Any]] = lambda w: {}
    method: str = "get"
    data: Callable[[World], dict[str, Any]] = lambda w: {}
    note: str = ""
    label: str = field(default="")

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.url_name}{' ' + self.label if self.label else ''}"
