"""Property-based fuzzing of every endpoint against the OpenAPI schema (schemathesis): no 5xx,
every response documented and conforming to the schema. Runs anonymously and as a penvoerder,
with a few examples per endpoint so it stays in the normal suite."""

from __future__ import annotations

import json
import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from cim.api.tests.helpers import publish
from cim.testing.world import PENVOERDER

CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]

# The same examples on every run, so CI is repeatable; CIM_FUZZ_RANDOM=1 explores new ones.
DERANDOMIZE = os.environ.get("CIM_FUZZ_RANDOM") != "1"


def generated_schema() -> dict:  # type: ignore[type-arg]
    from drf_spectacular.generators import SchemaGenerator

    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str))


# Built at collection time (no database needed); the test below checks it is what /api/schema/ serves.
schema = schemathesis.openapi.from_dict(generated_schema())
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def keep_the_test_connection():  # type: ignore[no-untyped-def]
    """The WSGI app sends request_started/finished, whose `close_old_connections` would close the
    test transaction's connection (PostgreSQL); Django's test client disconnects it the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema():  # type: ignore[no-untyped-def]
    return schema


@pytest.fixture(autouse=True)
def published_world(db, world, settings):  # type: ignore[no-untyped-def]
    settings.API_THROTTLE_RATES = {"api_public": "100000/min", "api_me": "100000/min"}
    publish(world.edition)
    return world


@pytest.fixture
def session_cookie(world):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world.user(PENVOERDER))
    return {"sessionid": client.cookies["sessionid"].value}


def test_the_fuzzed_schema_is_the_served_schema(client):  # type: ignore[no-untyped-def]
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    assert response.json() == generated_schema()


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=DERANDOMIZE,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_endpoint_conforms_anonymously(case):  # type: ignore[no-untyped-def]
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    derandomize=DERANDOMIZE,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_endpoint_conforms_for_a_penvoerder(case, session_cookie):  # type: ignore[no-untyped-def]
    # We add the session cookie ourselves, so a "missing cookie" negative case is not negative here.
    case.call_and_validate(checks=[c for c in CHECKS if c is not negative_data_rejection], cookies=session_cookie)


@pytest.mark.django_db
def test_real_answers_conform_to_the_schema(world, client_for, api_schema):  # type: ignore[no-untyped-def]
    """The fuzzer mostly hits unknown ids; here every endpoint answers 200 with real data."""
    from cim.editions.lifecycle import EditionStatus
    from cim.editions.models import Edition
    from cim.scoring.tests.factories import submit
    from cim.topten.tests.helpers import published_directly

    submit(world.participation)
    Edition.objects.filter(pk=world.edition.pk).update(status=EditionStatus.RESULTS_RELEASED)
    published_directly(
        world.edition,
        [(1, world.participation.organisation, True), (2, world.foreign_participation.organisation, False)],
    )
    edition, participation = world.edition.pk, world.participation.pk
    cookies = {"sessionid": client_for(PENVOERDER).cookies["sessionid"].value}
    calls = {
        "/api/v1/editions/": {},
        "/api/v1/editions/{edition_id}/tables/": {"edition_id": edition},
        "/api/v1/editions/{edition_id}/tables/{key}/": {"edition_id": edition, "key": "policy_by_province"},
        "/api/v1/editions/{edition_id}/tables/{key}/metadata/": {"edition_id": edition, "key": "euros_by_province"},
        "/api/v1/top-ten/": {},
        "/api/v1/top-ten/{edition_id}/": {"edition_id": edition},
        "/api/v1/me/participations/": {},
        "/api/v1/me/participations/{participation_id}/": {"participation_id": participation},
        "/api/v1/me/participations/{participation_id}/answers/": {"participation_id": participation},
        "/api/v1/me/participations/{participation_id}/scores/": {"participation_id": participation},
    }
    assert set(calls) == set(api_schema.raw_schema["paths"])
    for template, parameters in calls.items():
        case = api_schema[template]["GET"].Case(path_parameters=parameters)
        response = case.call_and_validate(
            checks=[status_code_conformance, response_schema_conformance], cookies=cookies
        )
        assert response.status_code == 200, template
