"""The published Top 10s in the API: the same lines as the public page, nothing before publication,
no scores, no names without consent."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from cim.topten.tests.helpers import published_directly

pytestmark = pytest.mark.django_db


def test_a_published_top_ten_as_on_the_public_page(world) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    assert client.get(f"/api/v1/top-ten/{world.edition.pk}/").status_code == 404  # before publication
    assert client.get("/api/v1/top-ten/").json()["count"] == 0
    published_directly(
        world.edition,
        [(1, world.participation.organisation, True), (2, world.foreign_participation.organisation, False)],
    )
    listing = client.get("/api/v1/top-ten/").json()
    assert listing["count"] == 1
    assert listing["results"][0]["url"] == f"/api/v1/top-ten/{world.edition.pk}/"
    response = client.get(f"/api/v1/top-ten/{world.edition.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert [(e["position"], e["named"], e["name"]) for e in body["entries"]] == [
        (1, True, world.participation.organisation.name),
        (2, False, None),
    ]
    text = json.dumps(body)
    assert world.foreign_participation.organisation.name not in text  # no name without consent
    assert "80.0" not in text  # no scores
    assert "overall" not in text
    page = client.get(f"/top-10/{world.programme.slug}/{world.edition.year}/").content.decode()
    assert world.participation.organisation.name in page


@pytest.mark.parametrize("path", ["/api/v1/top-ten/abc/", "/api/v1/top-ten/9999999999999999999/", "/api/v1/top-ten/0/"])
def test_bad_top_ten_ids_are_json_404s(world, path: str) -> None:  # type: ignore[no-untyped-def]
    response = Client().get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_filters_on_the_top_ten_are_refused(world) -> None:  # type: ignore[no-untyped-def]
    published_directly(world.edition, [(1, world.participation.organisation, True)])
    response = Client().get(f"/api/v1/top-ten/{world.edition.pk}/?province=PV25")
    assert response.status_code == 400
