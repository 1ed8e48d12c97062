"""Reads for the feedback report. The participation itself is always fetched first through
cim.access.scoping; what is read here about OTHER organisations (their scores and peer groups)
goes only into cim.disclosure, never to a page."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max

from cim.editions.lifecycle import results_visible
from cim.editions.models import Edition, Participation
from cim.organisations.size_classes import size_class_label
from cim.questionnaires.selectors import edition_definition
from cim.scan.logic import python_values
from cim.scan.selectors import open_submission
from cim.scoring.models import Score
from cim.scoring.selectors import ScoreRecord, scores_for_edition, scores_for_organisation

# Raise when the report's content or layout changes, so that cached PDFs are made again.
REPORT_VERSION = "1"


@dataclass(frozen=True)
class PeerGroups:
    """The fixed peer groups of one participation (never a filter someone chose)."""

    organisation_id: int
    province: str  # CBS code of the province ("" when unknown)
    province_name: str
    size_class: str  # "" when unknown
    kind: str


def peer_groups(edition_id: int) -> dict[int, PeerGroups]:
    """participation id -> its peer groups, for every active participation of the edition. One query."""
    rows = Participation.objects.filter(edition_id=edition_id, status=Participation.Status.ACTIVE).values_list(
        "pk", "organisation_id", "province__cbs_code", "province__name", "size_class", "organisation__kind"
    )
    return {
        pk: PeerGroups(org, province or "", province_name or "", size_class or "", kind or "")
        for pk, org, province, province_name, size_class, kind in rows
    }


def size_class_name(code: str) -> str:
    return size_class_label(code)


@dataclass(frozen=True)
class EditionScores:
    edition: Edition
    records: dict[int, ScoreRecord]  # every scored participation of the edition
    groups: dict[int, PeerGroups]


def edition_scores(edition: Edition) -> EditionScores:
    """Everything the comparisons of one edition need: two queries."""
    return EditionScores(edition, scores_for_edition(edition), peer_groups(edition.pk))


def trend_editions(participation: Participation) -> list[tuple[Edition, ScoreRecord]]:
    """The editions of the programme up to this one in which the organisation has a score and whose
    results are released (this edition always counts), oldest first. Two queries."""
    edition = participation.edition
    own = scores_for_organisation(programme_id=edition.programme_id, organisation_id=participation.organisation_id)
    editions = Edition.objects.filter(pk__in=list(own), year__lte=edition.year).order_by("year")
    return [(e, own[e.pk]) for e in editions if e.pk == edition.pk or results_visible(e.status)]


def report_fingerprint(participation: Participation, language: str) -> str:
    """Changes whenever what the report shows may change: the organisation's own score, any score
    of the programme's editions up to this one (the comparisons and the trend), an edition's status,
    the language and the report's version. Three queries."""
    edition = participation.edition
    scores = Score.objects.filter(
        edition__programme_id=edition.programme_id, edition__year__lte=edition.year
    ).aggregate(latest=Max("computed_at"), count=Count("id"))
    editions = list(
        Edition.objects.filter(programme_id=edition.programme_id, year__lte=edition.year)
        .order_by("pk")
        .values_list("pk", "status", "status_changed_at")
    )
    own = Score.objects.filter(participation_id=participation.pk).values_list("pk", "computed_at").first()
    text = "|".join(
        str(part)
        for part in (
            REPORT_VERSION,
            language,
            participation.pk,
            own,
            scores["latest"],
            scores["count"],
            editions,
        )
    )
    return hashlib.sha256(text.encode()).hexdigest()


def submitted_values(participation: Participation) -> dict[str, Any]:
    """The participation's answers as submitted (plain Python values), for its recommendations.
    The caller has fetched the participation through scoping. Two queries (the definition is cached)."""
    submission = open_submission(participation)
    definition = edition_definition(participation.edition_id)
    if submission is None or definition is None:
        return {}
    return python_values(definition, submission.answers or {})


@dataclass(frozen=True)
class ScoreRow:
    """One line of the staff score table (programme staff only: the caller checked the edition)."""

    participation: Participation
    record: ScoreRecord


SORTS = {
    "naam": lambda r: r.participation.organisation.name.lower(),
    "totaal": lambda r: r.record.overall,
    "strategisch": lambda r: r.record.strategic if r.record.strategic is not None else -1,
    "operationeel": lambda r: r.record.operational if r.record.operational is not None else -1,
    "aandeel": lambda r: r.record.circular_share if r.record.circular_share is not None else -1,
}


def staff_score_rows(edition: Edition, *, sort: str = "totaal", descending: bool = True) -> list[ScoreRow]:
    """Every scored participation of the edition with its organisation. Two queries."""
    records = scores_for_edition(edition)
    participations = Participation.objects.filter(pk__in=list(records)).select_related("organisation", "province")
    rows = [ScoreRow(p, records[p.pk]) for p in participations]
    key = SORTS.get(sort, SORTS["totaal"])
    rows.sort(key=lambda r: r.participation.organisation.name.lower())  # ties in name order
    rows.sort(key=key, reverse=descending)
    return rows
