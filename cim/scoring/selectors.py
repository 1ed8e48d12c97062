"""Reads of stored scores as plain data.

`scores_for_edition(edition)` is the interface for the statistics room (Top 10, distributions)
and for the report's comparisons: it is NOT scoped to a user. Its figures may only reach a page
through cim.disclosure (aggregates) or for programme staff; a municipality's own score is read
after cim.access.scoping.access_participation. Shape documented in docs/scoring.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import F

from cim.editions.models import Edition, Participation
from cim.scoring.models import Score


@dataclass(frozen=True)
class CategorySpend:
    total: Decimal | None  # euros; None: not answered
    circular: Decimal | None
    share: Decimal | None  # circular / total × 100, one decimal; None when total is 0 or missing


@dataclass(frozen=True)
class ScoreRecord:
    """All scores of one participation, as plain data (0–100, one decimal)."""

    participation_id: int
    organisation_id: int
    edition_id: int
    overall: Decimal
    strategic: Decimal | None
    operational: Decimal | None
    stage: str  # maturity stage of the overall score (a key of the method's stages)
    focus_areas: dict[str, Decimal]  # strategic focus areas and operational aspects
    themes: dict[str, Decimal]  # strategic themes and operational aspects
    stages: dict[str, str]  # theme or aspect -> maturity stage key
    categories: dict[str, CategorySpend]  # procurement category -> euros and circular share
    spend_total: Decimal | None
    spend_circular: Decimal | None
    circular_share: Decimal | None  # overall circular € / total € × 100
    complete: bool  # every scored question that was shown has an answer
    questions: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> points, maximum, answered, measured
    definition_checksum: str = ""

    def circular_shares(self) -> dict[str, Decimal | None]:
        return {key: c.share for key, c in self.categories.items()}


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def record_of(score: Score, organisation_id: int) -> ScoreRecord:
    details = score.details or {}
    return ScoreRecord(
        participation_id=score.participation_id,
        organisation_id=organisation_id,
        edition_id=score.edition_id,
        overall=score.overall,
        strategic=score.strategic,
        operational=score.operational,
        stage=score.stage,
        focus_areas={k: Decimal(v) for k, v in details.get("groups", {}).items()},
        themes={k: Decimal(v) for k, v in details.get("themes", {}).items()},
        stages=dict(details.get("stages", {})),
        categories={
            k: CategorySpend(_dec(c.get("total")), _dec(c.get("circular")), _dec(c.get("share")))
            for k, c in details.get("categories", {}).items()
        },
        spend_total=score.spend_total,
        spend_circular=score.spend_circular,
        circular_share=score.circular_share,
        complete=score.complete,
        questions=dict(details.get("questions", {})),
        definition_checksum=score.definition_checksum,
    )


def scores_for_edition(edition: Edition | int) -> dict[int, ScoreRecord]:
    """participation id -> ScoreRecord for every scored participation of the edition whose scan
    is submitted (not reopened) and which is not withdrawn. One query."""
    edition_id = edition if isinstance(edition, int) else edition.pk
    rows = Score.objects.filter(edition_id=edition_id, participation__status=Participation.Status.ACTIVE).annotate(
        organisation_id=F("participation__organisation_id")
    )
    return {row.participation_id: record_of(row, row.organisation_id) for row in rows}


def score_of(participation: Participation) -> ScoreRecord | None:
    """The score of one participation the caller has already fetched through scoping."""
    row = Score.objects.filter(participation_id=participation.pk).first()
    return record_of(row, participation.organisation_id) if row is not None else None


def scores_for_organisation(*, programme_id: int, organisation_id: int) -> dict[int, ScoreRecord]:
    """edition id -> the organisation's score in each edition of the programme (for its trend;
    the caller has checked access to the organisation). One query."""
    rows = Score.objects.filter(
        edition__programme_id=programme_id,
        participation__organisation_id=organisation_id,
        participation__status=Participation.Status.ACTIVE,
    )
    return {row.edition_id: record_of(row, organisation_id) for row in rows}
