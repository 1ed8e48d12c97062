"""Scores and consents for Top 10 tests, written directly (no questionnaire needed)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition, Participation, ScanStatus
from cim.scoring.models import Score
from cim.testing import factories as f
from cim.topten.models import NamingConsent, PublishedTopTen

# Gelderland municipalities from the shipped reference data.
CODES = [
    "GM0202",  # Arnhem
    "GM0268",  # Nijmegen
    "GM0301",  # Zutphen
    "GM0228",  # Ede
    "GM0200",  # Apeldoorn
    "GM0203",  # Barneveld
    "GM0209",  # Beuningen
    "GM0213",  # Brummen
    "GM0214",  # Buren
    "GM0221",  # Doesburg
    "GM0222",  # Doetinchem
    "GM0225",  # Druten
    "GM0226",  # Duiven
]


def closed_edition(*, programme: Any = None, year: int = 2031, closing: dt.date | None = None) -> Edition:
    """An edition past its deadline whose closing meeting was yesterday (or `closing`)."""
    kwargs: dict[str, Any] = {"programme": programme} if programme is not None else {}
    return f.EditionFactory(
        year=year,
        status=EditionStatus.CLOSED,
        opens_at=timezone.now() - dt.timedelta(days=120),
        submission_deadline=timezone.now() - dt.timedelta(days=60),
        closing_meeting_date=closing or (timezone.localdate() - dt.timedelta(days=1)),
        **kwargs,
    )


def scored(
    edition: Edition,
    code: str,
    overall: str | Decimal,
    strategic: str | Decimal | None = None,
    operational: str | Decimal | None = None,
    *,
    complete: bool = True,
    named: bool | None = None,
) -> Participation:
    participation = Participation.objects.filter(edition=edition, organisation__cbs_code=code).first()
    if participation is None:
        participation = f.ParticipationFactory(edition=edition, organisation=f.organisation(code))
    overall = Decimal(str(overall))
    Score.objects.update_or_create(
        participation=participation,
        defaults={
            "edition": edition,
            "definition_checksum": "test",
            "overall": overall,
            "strategic": overall if strategic is None else Decimal(str(strategic)),
            "operational": overall if operational is None else Decimal(str(operational)),
            "stage": "applying",
            "complete": complete,
            "computed_at": timezone.now(),
        },
    )
    Participation.objects.filter(pk=participation.pk).update(scan_status=ScanStatus.SUBMITTED, scan_progress=100)
    participation.refresh_from_db()
    if named is not None:
        NamingConsent.objects.update_or_create(
            participation=participation, defaults={"named": named, "changed_at": timezone.now()}
        )
    return participation


def published_directly(edition: Edition, lines: list[tuple[int, Any, bool]]) -> PublishedTopTen:
    """A published Top 10 written without the service (for pages and the permission matrix):
    lines are (position, organisation, named)."""
    top_ten = PublishedTopTen.objects.create(
        edition=edition,
        published_at=timezone.now(),
        minimum_level_score=Decimal("25.0"),
        size=10,
        eligible_count=len(lines),
        checksum="0" * 64,
    )
    for order, (position, organisation, named) in enumerate(lines, start=1):
        top_ten.ranks.create(
            position=position,
            order=order,
            organisation=organisation,
            named=named,
            name=organisation.name if named else "",
            overall=Decimal("80.0"),
            strategic=Decimal("80.0"),
            operational=Decimal("80.0"),
        )
    return top_ten
