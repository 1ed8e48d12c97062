"""Benchmark: rescoring an edition of 400 submitted scans (built here, without the scoring signal)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.utils import timezone

from bench.runner import Result, timed

PARTICIPATIONS = 400
FLOOR = "floor: one SQL aggregate over the submitted scans"


def build_edition():  # type: ignore[no-untyped-def]
    """A closed edition of 400 participations, each with a submitted scan of plausible answers."""
    from cim.editions.models import Edition, Participation, Programme
    from cim.organisations.models import Organisation
    from cim.questionnaires.selectors import active_definition_row, parsed
    from cim.scan.models import Response, Submission
    from cim.scan.sample import sample_answers

    programme = Programme.objects.create(name="Benchmark scores", slug="bench-scores", contact_email="b@example.nl")
    now = timezone.now()
    edition = Edition.objects.create(
        programme=programme,
        year=2026,
        title="Benchmark 2026",
        status="closed",
        opens_at=now - dt.timedelta(days=90),
        submission_deadline=now - dt.timedelta(days=1),
    )
    row = active_definition_row(edition)
    assert row is not None
    definition = parsed(row)
    organisations = list(Organisation.objects.filter(kind="gemeente").order_by("cbs_code"))
    for n in range(PARTICIPATIONS - len(organisations)):
        organisations.append(Organisation.objects.create(kind="waterschap", name=f"Waterschap Score {n}"))
    participations = Participation.objects.bulk_create(
        [
            Participation(edition=edition, organisation=o, scan_status="submitted")
            for o in organisations[:PARTICIPATIONS]
        ]
    )
    responses = Response.objects.bulk_create([Response(participation=p, definition=row) for p in participations])
    rng = random.Random(4)  # noqa: S311 - reproducible benchmark data
    Submission.objects.bulk_create(
        [
            Submission(
                response=r,
                number=1,
                receipt_code=f"CIM-B-{i:08d}",
                submitted_at=now,
                answers=sample_answers(
                    definition, population=rng.randint(2_000, 300_000), maturity=rng.random(), rng=rng
                ),
            )
            for i, r in enumerate(responses)
        ]
    )
    return edition


def scoring_suite() -> list[Result]:
    from cim.scoring.services import rescore_edition

    edition = build_edition()
    count = rescore_edition(edition=edition)
    assert count == PARTICIPATIONS, count
    samples = timed(lambda: rescore_edition(edition=edition), repeat=5, warmup=1)
    return [
        Result(FLOOR, timed(lambda: _aggregate_floor(edition), repeat=20)),
        Result(
            "scoring: rescore an edition (400 scans)",
            samples,
            floor=FLOOR,
            notes=f"{count} scores; {sum(samples) / len(samples) / count:.2f} ms per scan",
        ),
    ]


def _aggregate_floor(edition) -> None:  # type: ignore[no-untyped-def]
    """One SQL aggregate over the same rows the rescoring reads (the submitted scans)."""
    from django.db.models import Count, Max

    from cim.scan.models import Submission

    Submission.objects.filter(response__participation__edition=edition).aggregate(Count("id"), Max("submitted_at"))


SUITES: list[Callable[[], list[Result]]] = [scoring_suite]
