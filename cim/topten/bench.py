"""Benchmarks of the Top 10: ranking 400 organisations (pure and from the database), the service
desk's review page and the public page, on an edition of 400 scored participations built here."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal

from django.test import Client
from django.utils import timezone

from bench.runner import Result, timed

PARTICIPATIONS = 400
FLOOR = "floor: bare view (204)"


def _candidates(rng: random.Random) -> list:  # type: ignore[type-arg]
    from cim.topten.ranking import Candidate

    return [
        Candidate(
            key=n,
            overall=Decimal(rng.randint(0, 1000)) / 10,
            strategic=Decimal(rng.randint(0, 1000)) / 10,
            operational=Decimal(rng.randint(0, 1000)) / 10,
            complete=rng.random() > 0.05,
        )
        for n in range(PARTICIPATIONS)
    ]


def build_edition():  # type: ignore[no-untyped-def]
    """A closed edition (closing meeting yesterday) of 400 participations with stored scores and
    a consent for most of them."""
    from cim.accounts.models import User
    from cim.accounts.totp import totp_activate
    from cim.editions.models import Edition, Participation, Programme, ProgrammeStaff
    from cim.organisations.models import Organisation
    from cim.scoring.models import Score
    from cim.topten.models import NamingConsent

    programme = Programme.objects.create(name="Benchmark Top 10", slug="bench-topten", contact_email="b@example.nl")
    now = timezone.now()
    edition = Edition.objects.create(
        programme=programme,
        year=2026,
        title="Benchmark Top 10 2026",
        status="closed",
        opens_at=now - dt.timedelta(days=90),
        submission_deadline=now - dt.timedelta(days=10),
        closing_meeting_date=timezone.localdate() - dt.timedelta(days=1),
    )
    organisations = list(Organisation.objects.filter(kind="gemeente").order_by("cbs_code"))
    for n in range(PARTICIPATIONS - len(organisations)):
        organisations.append(Organisation.objects.create(kind="waterschap", name=f"Waterschap Top {n}"))
    participations = Participation.objects.bulk_create(
        [
            Participation(edition=edition, organisation=o, scan_status="submitted")
            for o in organisations[:PARTICIPATIONS]
        ]
    )
    rng = random.Random(10)  # noqa: S311 - reproducible benchmark data
    Score.objects.bulk_create(
        [
            Score(
                participation=p,
                edition=edition,
                definition_checksum="bench",
                overall=Decimal(rng.randint(0, 1000)) / 10,
                strategic=Decimal(rng.randint(0, 1000)) / 10,
                operational=Decimal(rng.randint(0, 1000)) / 10,
                stage="applying",
                complete=rng.random() > 0.05,
                computed_at=now,
            )
            for p in participations
        ]
    )
    NamingConsent.objects.bulk_create(
        [NamingConsent(participation=p, named=rng.random() < 0.8, changed_at=now) for p in participations[::2]]
    )
    desk = User.objects.create(email="desk@bench-topten.test", name="Bench Desk")
    ProgrammeStaff.objects.create(programme=programme, user=desk, role=ProgrammeStaff.Role.SERVICE_DESK)
    totp_activate(desk, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return edition, desk


def topten_suite() -> list[Result]:
    from cim.topten.ranking import rank
    from cim.topten.selectors import computed_ranking, published_top_ten
    from cim.topten.services import top_ten_publish

    candidates = _candidates(random.Random(5))  # noqa: S311 - reproducible benchmark data
    results = [
        Result(
            "topten: rank 400 organisations (pure)",
            timed(lambda: rank(candidates, minimum=Decimal(25)).top(10), repeat=200),
        )
    ]
    edition, desk_user = build_edition()
    results.append(
        Result(
            "topten: computed ranking of 400 (3 queries)",
            timed(lambda: computed_ranking(edition), repeat=50),
        )
    )
    desk = Client()
    desk.force_login(desk_user)
    results.append(
        Result(
            "topten: staff review page (400 ranked)",
            timed(lambda: desk.get(f"/beheer/top-10/{edition.pk}/"), repeat=30),
            floor=FLOOR,
        )
    )
    top_ten_publish(actor=desk_user, edition=edition, checksum=computed_ranking(edition).checksum)
    assert published_top_ten(edition.pk) is not None
    anonymous = Client()
    results.append(
        Result(
            "topten: public Top 10 page (anonymous)",
            timed(lambda: anonymous.get(f"/top-10/bench-topten/{edition.year}/"), repeat=50),
            floor=FLOOR,
        )
    )
    results.append(
        Result("topten: public index (anonymous)", timed(lambda: anonymous.get("/top-10/"), repeat=50), floor=FLOOR)
    )
    return results


SUITES: list[Callable[[], list[Result]]] = [topten_suite]
