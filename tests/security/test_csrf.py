"""CSRF: every URL of the project refuses a state-changing request without a token (403, or 405
where no unsafe method exists), for a
logged-in user who may use it. The walk covers allauth's pages and every room, also rooms added
later (placeholder arguments when there is no permission case)."""

from __future__ import annotations

import pytest
from django.test import Client

from cim.testing.world import PENVOERDER, SERVICE_DESK, World
from tests.security.walk import targets

pytestmark = pytest.mark.django_db
METHODS = ("post", "put", "patch", "delete")


def csrf_failures(world: World) -> list[str]:
    failures = []
    clients: dict[str | None, Client] = {}
    for target in targets(world):
        role = target.roles_ok[0] if target.roles_ok else PENVOERDER
        if role not in clients:
            client = Client(enforce_csrf_checks=True)
            user = world.user(role)
            if user is not None:
                client.force_login(user)
            clients[role] = client
        for method in METHODS:
            data = target.case.data(world) if target.case and method == "post" else {}
            response = getattr(clients[role], method)(target.path, data=data)
            # 403: the CSRF check refused it; 405: the view accepts no unsafe method at all (the
            # read-only API, which is csrf_exempt like every DRF view): nothing can change either way.
            if response.status_code not in (403, 405):
                failures.append(f"{method.upper()} {target.path} ({target.url_name}) as {role}: {response.status_code}")
    return failures


def test_every_state_changing_request_without_a_token_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    assert len(targets(world)) > 150
    failures = csrf_failures(world)
    assert not failures, "\n".join(failures)


def test_the_walk_notices_a_missing_csrf_defence(world, settings) -> None:  # type: ignore[no-untyped-def]
    """Proof that the test above can fail: without the middleware the walk finds the holes."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != "django.middleware.csrf.CsrfViewMiddleware"]
    assert len(csrf_failures(world)) > 50


def test_a_request_with_the_token_passes_the_csrf_check(world) -> None:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user(SERVICE_DESK))
    client.get("/dashboard/")
    token = client.cookies["csrftoken"].value
    response = client.post("/sessie/verlengen/", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 204
    assert client.post("/sessie/verlengen/").status_code == 403
