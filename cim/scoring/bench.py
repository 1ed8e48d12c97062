"""Benchmark: rescoring an edition of 400 submitted scans (built here, without the scoring signal)."""

from __future__ import annotations

from collections.abc import Callable

from bench.runner import Result, timed

PARTICIPATIONS = 400
FLOOR = "floor: one SQL aggregate over the submitted scans"


def build_edition():  # type: ignore[no-untyped-def]
    """A closed edition of 400 participations, each with a submitted scan of plausible answers
    (the synthetic generator; bulk-created, so without the scoring signal)."""
    from bench.synthetic import build_programme

    return build_programme(organisations=PARTICIPATIONS, editions=1, slug="bench-scores")[-1]


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
