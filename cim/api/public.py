"""Public, anonymous, read-only endpoints for published statistics (the ledger of cim/disclosure).

Every figure here was published by a release that passed the disclosure audit; the API shows
cells exactly as published. There are no filters: a parameter that would narrow a group is
refused with a 400 (see base.ApiView)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from cim.api import describe, selectors
from cim.api.base import KEY_PARAMETER, PAGE_PARAMETERS, ApiView, PaginatedView, id_parameter, not_found
from cim.api.serializers import (
    EditionPageSerializer,
    ErrorSerializer,
    MetadataSerializer,
    TablePageSerializer,
    TableSerializer,
)
from cim.disclosure.results import SUPPRESSED_MARK
from cim.editions.models import Edition

ERRORS = {400: ErrorSerializer, 404: ErrorSerializer, 429: ErrorSerializer}
EDITION_ID = id_parameter("edition_id", "The edition's id (see /api/v1/editions/).")


def edition_ref(edition: Edition) -> dict[str, Any]:
    return {
        "id": edition.pk,
        "year": edition.year,
        "title": edition.display_title,
        "programme": {"slug": edition.programme.slug, "name": edition.programme.name},
    }


def _value(kind: str, value: Decimal | None) -> str | None:
    if value is None:
        return None
    if kind == "frequency":
        return str(int(value))
    return str(value)


def _edition_or_404(edition_id: int) -> Edition:
    edition = selectors.published_edition(edition_id)
    if edition is None:
        # The same answer for an edition that does not exist and one with nothing published.
        raise not_found(_("Voor deze editie zijn geen gepubliceerde statistieken gevonden."))
    return edition


def _table_or_404(edition_id: int, key: str) -> tuple[Edition, selectors.TableRelease]:
    edition = _edition_or_404(edition_id)
    table = selectors.latest_table(edition.pk, key)
    if table is None:
        raise not_found(_("Deze tabel is voor deze editie niet gepubliceerd."))
    return edition, table


def _table_urls(table: selectors.TableRelease) -> dict[str, str]:
    kwargs = {"edition_id": table.edition_id, "key": table.key}
    return {
        "url": reverse("api:table", kwargs=kwargs),
        "metadata_url": reverse("api:table_metadata", kwargs=kwargs),
    }


class PublicView(ApiView):
    authentication_classes: ClassVar[list[type]] = []  # the same answer for everyone; no session, no CSRF
    permission_classes = [AllowAny]


class PublicPaginatedView(PaginatedView, PublicView):
    pass


class EditionList(PublicPaginatedView):
    @extend_schema(
        operation_id="editions_list",
        summary="Editions with published statistics",
        description="Every edition of which at least one table is published, newest first.",
        parameters=PAGE_PARAMETERS,
        responses={200: EditionPageSerializer, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        def serialize(editions: list[Edition]) -> list[dict[str, Any]]:
            return [
                {
                    **edition_ref(e),
                    "table_count": e.table_count,  # type: ignore[attr-defined]
                    "tables_url": reverse("api:tables", kwargs={"edition_id": e.pk}),
                }
                for e in editions
            ]

        return self.paginate(request, selectors.published_editions(), serialize)


class TableList(PublicPaginatedView):
    @extend_schema(
        operation_id="edition_tables_list",
        summary="Published tables of an edition",
        description="The latest release of every published table. An edition that does not exist and one with "
        "nothing published give the same 404.",
        parameters=[EDITION_ID, *PAGE_PARAMETERS],
        responses={200: TablePageSerializer, **ERRORS},
    )
    def get(self, request: Request, edition_id: int) -> Response:
        edition = _edition_or_404(edition_id)

        def serialize(tables: list[selectors.TableRelease]) -> list[dict[str, Any]]:
            return [
                {
                    "key": t.key,
                    "kind": t.kind,
                    "title": describe.title(t.spec),
                    "unit": describe.unit(t.kind),
                    "version": t.version,
                    "released_at": t.released_at.isoformat(),
                    **_table_urls(t),
                }
                for t in tables
            ]

        return self.paginate(request, selectors.latest_tables(edition.pk), serialize)


class TableDetail(PublicView):
    @extend_schema(
        operation_id="edition_table_retrieve",
        summary="One published table with its cells",
        description="The latest release of the table, every cell as published: a suppressed cell has value null, "
        'suppressed true and marker "x". There are no filters.',
        parameters=[EDITION_ID, KEY_PARAMETER],
        responses={200: TableSerializer, **ERRORS},
    )
    def get(self, request: Request, edition_id: int, key: str) -> Response:
        _edition, table = _table_or_404(edition_id, key)
        rows, columns, cells = selectors.cells_of(table)
        return Response(
            {
                "key": table.key,
                "kind": table.kind,
                "title": describe.title(table.spec),
                "unit": describe.unit(table.kind),
                "edition": table.edition_id,
                "version": table.version,
                "released_at": table.released_at.isoformat(),
                "rows": list(rows),
                "columns": list(columns),
                "cells": [
                    {
                        "row": c.row,
                        "column": c.column,
                        "value": _value(table.kind, c.value),
                        "suppressed": c.value is None,
                        "marker": SUPPRESSED_MARK if c.value is None else None,
                    }
                    for c in cells
                ],
                "metadata_url": _table_urls(table)["metadata_url"],
            }
        )


class TableMetadata(PublicView):
    @extend_schema(
        operation_id="edition_table_metadata",
        summary="Definition, unit, edition and method of a published table",
        description="What the table counts or sums, its unit, its edition and how it was protected.",
        parameters=[EDITION_ID, KEY_PARAMETER],
        responses={200: MetadataSerializer, **ERRORS},
    )
    def get(self, request: Request, edition_id: int, key: str) -> Response:
        edition, table = _table_or_404(edition_id, key)
        spec = table.spec
        return Response(
            {
                "key": table.key,
                "kind": table.kind,
                "title": describe.title(spec),
                "description": describe.description(spec),
                "unit": describe.unit(table.kind),
                "edition": edition_ref(edition),
                "version": table.version,
                "released_at": table.released_at.isoformat(),
                "definition": {
                    "classification": spec.get("rows", ""),
                    "columns": [str(c) for c in spec.get("columns", [])],
                    "question": spec.get("question", "") or "",
                    "previous_edition": spec.get("previous"),
                },
                "method": describe.method(),
                "suppression_marker": SUPPRESSED_MARK,
            }
        )


class NotFoundView(PublicView):
    """Unknown paths under /api/, for every method."""

    schema = None  # not an endpoint
    allowed_params = frozenset({"limit", "offset"})

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        raise not_found(_("Dit adres bestaat niet in de API."))
