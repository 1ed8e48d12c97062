"""Demo: consents for every demo edition, the Top 10 published for the editions whose closing
meeting has passed (the two before the current one), and an unpublished (embargoed) ranking for the open edition.

Idempotent: consents that exist and Top 10s that are published are left alone. In every
published list one municipality of the Top 10 did not consent, so the page shows an
"anonieme gemeente"; Arnhem, Nijmegen and Zutphen always consent.
"""

from __future__ import annotations

import random

from cim.core.demo import DemoContext, edition_seed
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition, Participation, ParticipationMember
from cim.topten import services
from cim.topten.models import PublishedTopTen
from cim.topten.selectors import computed_ranking

SHOWCASE = ("GM0202", "GM0268", "GM0301")


def seed(ctx: DemoContext) -> None:
    editions: dict[int, Edition] = ctx.data.get("editions", {})
    desk = ctx.data.get("service_desk")
    published = []
    for nth, year in enumerate(sorted(editions)):
        edition = Edition.objects.get(pk=editions[year].pk)
        if PublishedTopTen.objects.filter(edition=edition).exists():
            continue
        _seed_consents(edition, edition_seed(nth))
        _seed_top_three_lessons(edition)
        if (
            desk is not None
            and edition.status not in (EditionStatus.DRAFT, EditionStatus.OPEN)
            and services.publish_refusal(edition) is None
        ):
            review = computed_ranking(edition)
            if review.lines:
                services.top_ten_publish(actor=desk, edition=edition, checksum=review.checksum)
                published.append(str(year))
    if published:
        ctx.notes.append("Top 10 published for " + ", ".join(published) + "; the open edition's stays embargoed.")


def _seed_top_three_lessons(edition: Edition) -> None:
    """A named Top 3 showcase municipality with a shared lesson shows it on the Top 10 page (its
    penvoerder's choice, through the cases room's service)."""
    from cim.cases.models import Lesson
    from cim.cases.services import lessons as lesson_services
    from cim.cases.sharing import LessonStatus

    review = computed_ranking(edition)
    for line in review.lines:
        if line.rank > 3 or not line.named:
            continue
        member = (
            ParticipationMember.objects.filter(
                participation_id=line.participation_id, role=ParticipationMember.Role.PENVOERDER, is_active=True
            )
            .select_related("participation__organisation", "user")
            .first()
        )
        if member is None or member.participation.organisation.cbs_code not in SHOWCASE:
            continue
        lesson = (
            Lesson.objects.filter(
                programme_id=edition.programme_id,
                organisation_id=line.organisation_id,
                status=LessonStatus.SHARED,
                top10_edition__isnull=True,
            )
            .order_by("pk")
            .first()
        )
        if lesson is not None:
            lesson_services.lesson_set_top10(actor=member.user, lesson=lesson, edition=edition)


def _seed_consents(edition: Edition, seed: int) -> None:
    review = computed_ranking(edition)
    # The municipality on the fifth line of the Top 10 declines, so the page shows an anonymous rank.
    declines = {line.participation_id for line in review.lines[4:5]}
    members = (
        ParticipationMember.objects.filter(
            participation__edition=edition,
            participation__status=Participation.Status.ACTIVE,
            role=ParticipationMember.Role.PENVOERDER,
            is_active=True,
        )
        .exclude(participation__topten_consent__isnull=False)
        .select_related("participation__organisation", "user")
        .order_by("participation__organisation__cbs_code")
    )
    for member in members:
        participation = member.participation
        code = participation.organisation.cbs_code or ""
        rng = random.Random(f"topten-{code}-{seed}")
        if code in SHOWCASE:
            named = True
        elif participation.pk in declines:
            named = False
        elif rng.random() < 0.1:
            continue  # never chose: not named
        else:
            named = rng.random() < 0.9
        services.consent_set(actor=member.user, participation=participation, named=named)
