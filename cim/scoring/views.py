"""The method page: public, generated from the edition's questionnaire definition."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition
from cim.questionnaires.selectors import edition_definition
from cim.scoring.method import method_of
from cim.scoring.pages import method_page


def _public_editions() -> list[Edition]:
    """Editions whose method people may read: every edition past preparation."""
    return list(
        Edition.objects.exclude(status=EditionStatus.DRAFT)
        .select_related("programme")
        .order_by("-year", "programme__name")
    )


def _render(request: HttpRequest, edition: Edition, editions: list[Edition]) -> HttpResponse:
    definition = edition_definition(edition)
    method = method_of(definition) if definition is not None else None
    return render(
        request,
        "scoring/method.html",
        {
            "edition": edition,
            "editions": editions,
            "definition": definition,
            "page": method_page(definition, method) if definition is not None and method is not None else None,
        },
    )


def method(request: HttpRequest) -> HttpResponse:
    """The method of the newest edition (links to the others)."""
    editions = _public_editions()
    if not editions:
        return render(request, "scoring/method.html", {"edition": None, "editions": [], "page": None})
    return _render(request, editions[0], editions)


def method_edition(request: HttpRequest, pk: int) -> HttpResponse:
    editions = _public_editions()
    edition = next((e for e in editions if e.pk == pk), None)
    if edition is None:
        raise Http404
    return _render(request, edition, editions)
