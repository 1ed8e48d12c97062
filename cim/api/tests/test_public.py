"""The public API: published tables exactly as published, nothing else; bad input refused."""

from __future__ import annotations

import pytest
from django.test import Client

from cim.api.base import MAX_LIMIT
from cim.api.tests.helpers import publish
from cim.disclosure.models import PublishedCell, PublishedTable
from cim.testing.factories import EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():  # type: ignore[no-untyped-def]
    edition = EditionFactory()
    publish(edition)
    return edition


def url(edition, *parts: str) -> str:  # type: ignore[no-untyped-def]
    return "/".join([f"/api/v1/editions/{edition.pk}", *parts, ""])


def test_editions_lists_only_editions_with_published_tables(edition):  # type: ignore[no-untyped-def]
    unpublished = EditionFactory(programme=edition.programme, year=edition.year + 1)
    body = Client().get("/api/v1/editions/").json()
    assert body["count"] == 1
    [item] = body["results"]
    assert item["id"] == edition.pk
    assert item["table_count"] == 2
    assert item["tables_url"] == url(edition, "tables")
    assert unpublished.pk not in [e["id"] for e in body["results"]]


def test_tables_of_an_edition(edition):  # type: ignore[no-untyped-def]
    body = Client().get(url(edition, "tables")).json()
    assert [t["key"] for t in body["results"]] == ["euros_by_province", "policy_by_province"]
    euros = body["results"][0]
    assert euros["kind"] == "magnitude"
    assert euros["unit"] == "EUR"
    assert euros["url"] == url(edition, "tables", "euros_by_province")


def test_a_table_shows_cells_as_published_and_suppressed_cells_without_value(edition):  # type: ignore[no-untyped-def]
    response = Client().get(url(edition, "tables", "euros_by_province"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["rows"] == ["PV21", "PV25", "PV26", "*"]
    assert body["columns"] == ["energie", "gww", "*"]
    table = PublishedTable.objects.get(edition=edition, key="euros_by_province")
    ledger = {(c.row, c.column): c.value for c in PublishedCell.objects.filter(table=table)}
    cells = {(c["row"], c["column"]): c for c in body["cells"]}
    assert set(cells) == set(ledger)
    for coordinate, value in ledger.items():
        cell = cells[coordinate]
        if value is None:
            assert cell == {
                "row": coordinate[0],
                "column": coordinate[1],
                "value": None,
                "suppressed": True,
                "marker": "x",
            }
        else:
            assert cell["value"] == str(value)
            assert cell["suppressed"] is False
            assert cell["marker"] is None
    # The lone municipality of PV21: its euros (100000 and 50000) are never in the answer.
    assert cells[("PV21", "gww")]["suppressed"]
    assert b"100000" not in response.content.replace(b'"1', b"")  # not as a value of its own
    assert set(body) == {
        "key", "kind", "title", "unit", "edition", "version", "released_at", "rows", "columns", "cells", "metadata_url"
    }  # fmt: skip


def test_frequency_cells_are_whole_numbers(edition):  # type: ignore[no-untyped-def]
    body = Client().get(url(edition, "tables", "policy_by_province")).json()
    shown = [c["value"] for c in body["cells"] if not c["suppressed"]]
    assert shown
    assert all(v.isdigit() for v in shown)


def test_metadata_names_definition_unit_edition_and_method_but_never_parameters(edition):  # type: ignore[no-untyped-def]
    response = Client().get(url(edition, "tables", "euros_by_province", "metadata"))
    body = response.json()
    assert body["unit"] == "EUR"
    assert body["edition"]["id"] == edition.pk
    assert body["edition"]["year"] == edition.year
    assert body["definition"] == {
        "classification": "province",
        "columns": ["gww", "energie"],
        "question": "",
        "previous_edition": None,
    }
    assert body["suppression_marker"] == "x"
    assert "onderdrukt" in body["method"]
    text = response.content.decode()
    for secret in ("params", "dominance", '"p"', "reason", "released_by", "protection"):
        assert secret not in text


def test_the_latest_release_of_a_table_is_served(edition):  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from cim.api.tests.helpers import microdata
    from cim.disclosure.release import protect_release
    from cim.disclosure.selectors import ledger_tables, ledger_token
    from cim.disclosure.services import release_publish
    from cim.disclosure.tables import Kind, TableSpec

    data = microdata(edition.pk)
    data.values[(edition.pk, 2, "gww")] += Decimal(1000)  # a correction after publication
    spec = TableSpec("euros_by_province", Kind.MAGNITUDE, edition.pk, "province", ("gww", "energie"))
    token = ledger_token(programme_id=edition.programme_id)
    result = protect_release([spec], data, ledger=ledger_tables(programme_id=edition.programme_id))
    release_publish(actor=None, edition=edition, result=result, token=token)
    body = Client().get(url(edition, "tables", "euros_by_province")).json()
    assert body["version"] == 2
    cells = {(c["row"], c["column"]): c["value"] for c in body["cells"]}
    assert cells[("PV21", "gww")] is None  # a suppression is never reversed


def test_unknown_and_unpublished_editions_give_the_same_404(edition):  # type: ignore[no-untyped-def]
    unpublished = EditionFactory(programme=edition.programme, year=edition.year + 1)
    client = Client()
    answers = [
        client.get(path)
        for path in (
            f"/api/v1/editions/{unpublished.pk}/tables/",
            "/api/v1/editions/999999/tables/",
            f"/api/v1/editions/{10**17}/tables/",
        )
    ]
    assert {r.status_code for r in answers} == {404}
    assert len({r.content for r in answers}) == 1
    assert answers[0].json() == {"detail": "Voor deze editie zijn geen gepubliceerde statistieken gevonden."}
    table = client.get(f"/api/v1/editions/{unpublished.pk}/tables/euros_by_province/")
    assert table.status_code == 404
    assert table.content == answers[0].content


def test_unknown_table_is_a_404(edition):  # type: ignore[no-untyped-def]
    for path in (url(edition, "tables", "onbekend"), url(edition, "tables", "onbekend", "metadata")):
        response = Client().get(path)
        assert response.status_code == 404
        assert response.json() == {"detail": "Deze tabel is voor deze editie niet gepubliceerd."}


@pytest.mark.parametrize(
    "query",
    [
        "province=PV21",
        "organisation=1",
        "row=PV21",
        "column=gww",
        "size_class=S",
        "min_contributors=1",
        "kind=gemeente",
        "search=arnhem",
        "ordering=value",
        "format=csv",
    ],
)
def test_parameters_that_would_narrow_a_group_are_refused(edition, query):  # type: ignore[no-untyped-def]
    for path in ("/api/v1/editions/", url(edition, "tables"), url(edition, "tables", "euros_by_province")):
        response = Client().get(f"{path}?{query}")
        assert response.status_code == 400, (path, query)
        assert "Onbekende parameter" in response.json()["detail"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("limit=abc", "geheel getal"),
        ("limit=1.5", "geheel getal"),
        ("offset=", "geheel getal"),
        ("limit=", "geheel getal"),
        ("limit=-1", "geheel getal"),
        ("limit=0", "minstens 1"),
        ("offset=x", "geheel getal"),
        ("offset=99999999", "te groot"),
        ("limit=%3Cscript%3Ealert(1)%3C/script%3E", "geheel getal"),
        ("limit==SUM(A1)", "geheel getal"),
        ("limit=%EF%BC%91", "geheel getal"),  # a full-width digit
    ],
)
def test_wrong_types_are_a_400_with_a_dutch_message(edition, query, message):  # type: ignore[no-untyped-def]
    response = Client().get(f"/api/v1/editions/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert message in response.json()["detail"]


def test_huge_page_sizes_are_capped(edition):  # type: ignore[no-untyped-def]
    for limit in (MAX_LIMIT + 1, 10**9, 10**40):
        response = Client().get(f"{url(edition, 'tables')}?limit={limit}")
        assert response.status_code == 200
        assert len(response.json()["results"]) == 2
    response = Client().get(f"{url(edition, 'tables')}?limit=1")
    body = response.json()
    assert len(body["results"]) == 1
    assert "offset=1" in body["next"]


def test_only_get_is_allowed(edition):  # type: ignore[no-untyped-def]
    for method in ("post", "put", "patch", "delete"):
        assert getattr(Client(), method)(url(edition, "tables", "euros_by_province")).status_code == 405


def test_english_messages_on_request(edition):  # type: ignore[no-untyped-def]
    response = Client(headers={"Accept-Language": "en"}).get("/api/v1/editions/999999/tables/")
    assert response.json() == {"detail": "No published statistics were found for this edition."}
    assert response["Content-Language"] == "en"
    body = Client(headers={"Accept-Language": "en"}).get(url(edition, "tables")).json()
    assert body["results"][0]["title"] == "Euros by province"
    dutch = Client().get("/api/v1/editions/999999/tables/")
    assert dutch["Content-Language"] == "nl"


def test_anonymous_clients_are_throttled(edition, settings):  # type: ignore[no-untyped-def]
    settings.API_THROTTLE_RATES = {"api_public": "3/min"}
    client = Client()
    statuses = [client.get("/api/v1/editions/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert "Retry-After" in client.get("/api/v1/editions/")


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        ("/api/v1/editions/", 1),
        ("tables", 2),
        ("table", 3),
        ("metadata", 2),
    ],
)
def test_query_counts(edition, django_assert_num_queries, path, queries):  # type: ignore[no-untyped-def]
    for year in range(1, 4):  # more editions and tables do not add queries
        publish(EditionFactory(programme=edition.programme, year=edition.year + year))
    paths = {
        "tables": url(edition, "tables"),
        "table": url(edition, "tables", "euros_by_province"),
        "metadata": url(edition, "tables", "euros_by_province", "metadata"),
    }
    client = Client()
    with django_assert_num_queries(queries):
        assert client.get(paths.get(path, path)).status_code == 200


def test_the_schema_is_public_and_throttled(settings):  # type: ignore[no-untyped-def]
    settings.API_THROTTLE_RATES = {"api_public": "2/min"}
    client = Client()
    first = client.get("/api/schema/?format=json")
    assert first.status_code == 200
    assert "/api/v1/editions/{edition_id}/tables/{key}/" in first.json()["paths"]
    assert [client.get("/api/schema/").status_code for _ in range(2)] == [200, 429]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/editions",
        "/api/v1/editions/abc/tables/",
        "/api/",
        "/api/v2/editions/",
        f"/api/v1/editions/{10**19}/tables/",
    ],
)
def test_every_unknown_address_under_api_is_a_json_404(path):  # type: ignore[no-untyped-def]
    response = Client().get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Dit adres bestaat niet in de API."}
