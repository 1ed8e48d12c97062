"""Reads of the Top 10.

- `computed_ranking(edition)`: the ranking as it would be published now, with names, scores and
  consent. **Staff only** (embargo): the caller has fetched the edition through
  `cim.access.scoping.access_edition`. Not scoped to a user itself.
- `published_top_ten(edition_id)` / `published_top_ten_for(slug, year)` / `published_index()`:
  what the public may read, as plain dataclasses: only published rows, a name only where the
  organisation consented, no scores, and the Top 3's shared lessons only for named entries.
  Before publication they return None / leave the edition out. Meant for the public pages and a
  later API room.
- `consent_state(participation)`: the penvoerder's choice, for the consent page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cim.editions.models import Edition, Participation, ScanStatus
from cim.scoring.selectors import scores_for_edition
from cim.topten import conf
from cim.topten.models import NamingConsent, PublishedRank, PublishedTopTen
from cim.topten.ranking import TOP_THREE, Candidate, Exclusion, display_order, rank

# --- Staff: the computed ranking (embargoed) -------------------------------------------------


@dataclass(frozen=True)
class ReviewLine:
    rank: int
    participation_id: int
    organisation_id: int
    name: str
    overall: Decimal
    strategic: Decimal
    operational: Decimal
    named: bool  # the penvoerder consented to be named
    consent_changed_at: dt.datetime | None


@dataclass(frozen=True)
class Review:
    edition: Edition
    minimum: Decimal
    size: int
    lines: tuple[ReviewLine, ...]  # the Top N in the order it will be published
    eligible_count: int
    excluded: dict[str, int]  # Exclusion value -> how many
    checksum: str  # of exactly what would be published; the publish form carries it

    @property
    def named_count(self) -> int:
        return sum(1 for line in self.lines if line.named)


def _checksum(minimum: Decimal, size: int, lines: list[ReviewLine]) -> str:
    payload = {
        "minimum": str(minimum),
        "size": size,
        "lines": [
            [
                line.rank,
                line.participation_id,
                line.organisation_id,
                line.name,
                str(line.overall),
                str(line.strategic),
                str(line.operational),
                line.named,
            ]
            for line in lines
        ],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def computed_ranking(edition: Edition) -> Review:
    """The edition's ranking from the stored scores and the consents (three queries)."""
    minimum, size = conf.min_level_score(), conf.top_size()
    records = scores_for_edition(edition)
    # Plain rows (no model instances): 400 participations in a few milliseconds.
    rows = {
        row[0]: row
        for row in Participation.objects.filter(pk__in=list(records)).values_list(
            "pk",
            "organisation_id",
            "organisation__name",
            "scan_status",
            "topten_consent__named",
            "topten_consent__changed_at",
        )
    }
    candidates = [
        Candidate(
            key=pk,
            overall=record.overall,
            strategic=record.strategic,
            operational=record.operational,
            complete=record.complete,
            submitted=rows[pk][3] == ScanStatus.SUBMITTED,
        )
        for pk, record in records.items()
        if pk in rows
    ]
    ranking = rank(candidates, minimum=minimum)
    named = {pk for pk, row in rows.items() if row[4]}
    names = {pk: row[2] for pk, row in rows.items()}
    lines: list[ReviewLine] = []
    for entry in display_order(ranking.top(size), named=named, names=names):
        _pk, organisation_id, name, _status, _named, changed_at = rows[entry.key]
        c = entry.candidate
        assert c.strategic is not None
        assert c.operational is not None
        lines.append(
            ReviewLine(
                rank=entry.rank,
                participation_id=entry.key,
                organisation_id=organisation_id,
                name=name,
                overall=c.overall,
                strategic=c.strategic,
                operational=c.operational,
                named=entry.key in named,
                consent_changed_at=changed_at,
            )
        )
    excluded = Counter(str(reason) for _, reason in ranking.excluded)
    unscored = (
        Participation.objects.filter(
            edition=edition, status=Participation.Status.ACTIVE, takes_monitor=True, score__isnull=True
        )
        .exclude(pk__in=list(records))
        .count()
    )
    if unscored:
        excluded[str(Exclusion.NOT_SUBMITTED)] += unscored
    return Review(
        edition=edition,
        minimum=minimum,
        size=size,
        lines=tuple(lines),
        eligible_count=len(ranking.ranked),
        excluded=dict(excluded),
        checksum=_checksum(minimum, size, lines),
    )


def published_row(edition: Edition) -> PublishedTopTen | None:
    return PublishedTopTen.objects.filter(edition=edition).select_related("published_by").first()


def published_ranks(top_ten: PublishedTopTen) -> list[PublishedRank]:
    """Staff: the published lines with the organisation of every line (also the anonymous ones)."""
    return list(top_ten.ranks.select_related("organisation").order_by("order"))


# --- Public: the published Top 10 as plain data ------------------------------------------------


@dataclass(frozen=True)
class SharedLesson:
    """A lesson a Top 3 municipality agreed to show on the Top 10 page: only its shared
    (de-identified, author-approved) version."""

    title: str
    tried: str
    worked: str
    did_not_work: str
    obstacles: str
    phase: str  # label in the active language, or ""
    tags: tuple[str, ...]  # display names


@dataclass(frozen=True)
class TopTenEntry:
    position: int  # shared on a tie
    named: bool
    name: str  # "" when the organisation did not consent: show "anonieme gemeente"
    top_three: bool
    lessons: tuple[SharedLesson, ...] = ()


@dataclass(frozen=True)
class PublishedTopTenData:
    edition_id: int
    programme_slug: str
    programme_name: str
    year: int
    edition_title: str
    closing_meeting_date: dt.date | None
    published_at: dt.datetime
    entries: tuple[TopTenEntry, ...] = field(default_factory=tuple)

    @property
    def top_three(self) -> tuple[TopTenEntry, ...]:
        return tuple(e for e in self.entries if e.top_three)

    @property
    def the_rest(self) -> tuple[TopTenEntry, ...]:
        return tuple(e for e in self.entries if not e.top_three)


def _lessons(edition: Edition, rank_row: PublishedRank) -> tuple[SharedLesson, ...]:
    from cim.cases.selectors import top10_lessons

    return tuple(
        SharedLesson(
            title=lesson.shared_title,
            tried=lesson.shared_tried,
            worked=lesson.shared_worked,
            did_not_work=lesson.shared_did_not_work,
            obstacles=lesson.shared_obstacles,
            phase=str(lesson.get_phase_display()) if lesson.phase else "",
            tags=tuple(str(tag.display_name) for tag in lesson.tags.all()),
        )
        for lesson in top10_lessons(edition, rank_row.organisation)
    )


def _data(top_ten: PublishedTopTen, *, with_lessons: bool) -> PublishedTopTenData:
    edition = top_ten.edition
    entries = []
    for row in top_ten.ranks.select_related("organisation").order_by("order"):
        top_three = row.position <= TOP_THREE
        lessons = _lessons(edition, row) if with_lessons and top_three and row.named else ()
        entries.append(
            TopTenEntry(
                position=row.position,
                named=row.named,
                name=row.name if row.named else "",
                top_three=top_three,
                lessons=lessons,
            )
        )
    return PublishedTopTenData(
        edition_id=edition.pk,
        programme_slug=edition.programme.slug,
        programme_name=edition.programme.name,
        year=edition.year,
        edition_title=edition.display_title,
        closing_meeting_date=edition.closing_meeting_date,
        published_at=top_ten.published_at,
        entries=tuple(entries),
    )


def _published() -> Any:
    return PublishedTopTen.objects.select_related("edition__programme")


def published_top_ten(edition_id: Any, *, with_lessons: bool = True) -> PublishedTopTenData | None:
    """The published Top 10 of an edition, or None when it is not (yet) published or unknown."""
    try:
        key = int(edition_id)
    except (TypeError, ValueError):
        return None
    top_ten = _published().filter(edition_id=key).first()
    return _data(top_ten, with_lessons=with_lessons) if top_ten is not None else None


def published_top_ten_for(programme_slug: str, year: Any, *, with_lessons: bool = True) -> PublishedTopTenData | None:
    try:
        year_number = int(year)
    except (TypeError, ValueError):
        return None
    top_ten = _published().filter(edition__programme__slug=str(programme_slug)[:100], edition__year=year_number).first()
    return _data(top_ten, with_lessons=with_lessons) if top_ten is not None else None


@dataclass(frozen=True)
class PublishedSummary:
    edition_id: int
    programme_slug: str
    programme_name: str
    year: int
    edition_title: str
    published_at: dt.datetime
    top_three: tuple[TopTenEntry, ...]


def published_index() -> list[PublishedSummary]:
    """Every published Top 10, newest first, with its Top 3 (names only where consented). Two queries."""
    rows = list(_published().order_by("edition__programme__name", "-edition__year"))
    podium: dict[int, list[TopTenEntry]] = {row.pk: [] for row in rows}
    for rank_row in PublishedRank.objects.filter(top_ten__in=rows, position__lte=TOP_THREE).order_by("order"):
        podium[rank_row.top_ten_id].append(
            TopTenEntry(
                position=rank_row.position,
                named=rank_row.named,
                name=rank_row.name if rank_row.named else "",
                top_three=True,
            )
        )
    return [
        PublishedSummary(
            edition_id=row.edition_id,
            programme_slug=row.edition.programme.slug,
            programme_name=row.edition.programme.name,
            year=row.edition.year,
            edition_title=row.edition.display_title,
            published_at=row.published_at,
            top_three=tuple(podium[row.pk]),
        )
        for row in rows
    ]


# --- The penvoerder's consent -----------------------------------------------------------------


@dataclass(frozen=True)
class ConsentState:
    named: bool
    changed_at: dt.datetime | None
    changed_by: str
    published: bool  # the edition's Top 10 is published: the choice can no longer change


def consent_state(participation: Participation) -> ConsentState:
    consent = NamingConsent.objects.filter(participation=participation).select_related("changed_by").first()
    published = PublishedTopTen.objects.filter(edition_id=participation.edition_id).exists()
    return ConsentState(
        named=bool(consent and consent.named),
        changed_at=consent.changed_at if consent else None,
        changed_by=(consent.changed_by.display_name if consent and consent.changed_by else ""),
        published=published,
    )
