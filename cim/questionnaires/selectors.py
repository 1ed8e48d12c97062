"""Reads of questionnaire definitions. Definitions are not confidential; parsed ones are cached
per process by (id, checksum), since stored versions never change."""

from __future__ import annotations

from cim.editions.models import Edition
from cim.questionnaires.loader import definition_from_source
from cim.questionnaires.model import Definition
from cim.questionnaires.models import QuestionnaireDefinition

_CACHE_SIZE = 64
_cache: dict[tuple[int, str], Definition] = {}


def parsed(row: QuestionnaireDefinition) -> Definition:
    """The parsed definition of a stored version (from the cache when possible)."""
    key = (row.pk, row.checksum)
    definition = _cache.get(key)
    if definition is None:
        source = (
            row.source
            if "source" in row.__dict__
            else QuestionnaireDefinition.objects.values_list("source", flat=True).get(pk=row.pk)
        )
        definition = definition_from_source(source)
        if len(_cache) >= _CACHE_SIZE:
            _cache.clear()
        _cache[key] = definition
    return definition


def active_definition_row(edition: Edition | int) -> QuestionnaireDefinition | None:
    edition_id = edition if isinstance(edition, int) else edition.pk
    return QuestionnaireDefinition.objects.light().filter(edition_id=edition_id, is_active=True).first()


def edition_definition(edition: Edition | int) -> Definition | None:
    row = active_definition_row(edition)
    return parsed(row) if row is not None else None


def earlier_definitions(edition: Edition) -> list[Definition]:
    """Active definitions of the programme's earlier editions, newest first."""
    rows = (
        QuestionnaireDefinition.objects.light()
        .filter(edition__programme_id=edition.programme_id, edition__year__lt=edition.year, is_active=True)
        .order_by("-edition__year")
    )
    return [parsed(row) for row in rows]


def previous_edition(edition: Edition) -> Edition | None:
    return Edition.objects.filter(programme_id=edition.programme_id, year__lt=edition.year).order_by("-year").first()


def definition_versions(edition: Edition) -> list[QuestionnaireDefinition]:
    return list(
        QuestionnaireDefinition.objects.filter(edition=edition)
        .defer("source")
        .select_related("uploaded_by")
        .order_by("-version")
    )
