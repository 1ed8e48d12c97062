"""A synthetic programme for measuring growth: N organisations × E editions with full answers.

Every edition holds a submitted scan for every organisation (the submission keeps all answers,
as a real one does); the latest edition also holds the editable answers. Organisations beyond
the real municipalities are synthetic municipalities spread over the twelve provinces, with
populations from a long-tailed distribution, so a few large ones dominate categories the way
cities do. Several programmes share the organisations (the national roll-up).

    DATABASE_URL=... python -m bench.synthetic --organisations 400 --editions 10 --programmes 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cim.editions.models import Edition

BATCH = 2000


def _organisations(count: int, rng: random.Random) -> list[Any]:
    """`count` municipalities: the real ones first, then synthetic ones."""
    from cim.organisations.models import Organisation
    from cim.organisations.size_classes import size_class_for

    real = Organisation.objects.filter(kind="gemeente", is_active=True, cbs_code__isnull=False)
    found = list(real.order_by("cbs_code")[:count])
    provinces = list(Organisation.objects.filter(kind="provincie").order_by("cbs_code"))
    existing = Organisation.objects.filter(name__startswith="Synthetische gemeente ").count()
    missing = count - len(found) - existing
    extra = []
    for n in range(existing, existing + max(missing, 0)):
        population = min(int(rng.lognormvariate(10.3, 0.9)), 900_000)
        extra.append(
            Organisation(
                kind="gemeente",
                name=f"Synthetische gemeente {n + 1}",
                province=provinces[n % len(provinces)],
                population=population,
                size_class=size_class_for(population),
            )
        )
    Organisation.objects.bulk_create(extra, batch_size=BATCH)
    synthetic = Organisation.objects.filter(name__startswith="Synthetische gemeente ").order_by("pk")
    return (found + list(synthetic))[:count]


def build_programme(*, organisations: int, editions: int, slug: str, seed: int = 1) -> list[Edition]:
    """One programme with `editions` closed editions; returns them oldest first."""
    from django.db import transaction
    from django.utils import timezone

    from cim.editions.models import Edition, Participation, Programme
    from cim.questionnaires.selectors import active_definition_row, parsed
    from cim.scan.models import Answer, Response, Submission
    from cim.scan.sample import sample_answers

    rng = random.Random(seed)  # noqa: S311 - reproducible benchmark data
    members = _organisations(organisations, rng)
    maturity = {o.pk: rng.random() * 0.5 for o in members}
    now = timezone.now()
    programme = Programme.objects.create(name=f"Synthetisch {slug}", slug=slug, contact_email=f"{slug}@example.nl")
    built: list[Edition] = []
    for number in range(editions):
        year = now.year - editions + number + 1
        with transaction.atomic():
            edition = Edition.objects.create(
                programme=programme,
                year=year,
                title=f"Synthetisch {year}",
                status="closed",
                opens_at=now - dt.timedelta(days=400 * (editions - number)),
                submission_deadline=now - dt.timedelta(days=400 * (editions - number) - 90),
            )
            row = active_definition_row(edition)
            assert row is not None, "the edition got no questionnaire"
            definition = parsed(row)
            participations = Participation.objects.bulk_create(
                [
                    Participation(
                        edition=edition,
                        organisation=o,
                        province_id=o.province_id,
                        size_class=o.size_class,
                        scan_status="submitted",
                        scan_progress=100,
                        submitted_at=now,
                    )
                    for o in members
                ],
                batch_size=BATCH,
            )
            responses = Response.objects.bulk_create(
                [Response(participation=p, definition=row) for p in participations], batch_size=BATCH
            )
            answers = []
            for organisation in members:
                maturity[organisation.pk] = min(1.0, maturity[organisation.pk] + rng.random() * 0.1)
                answers.append(
                    sample_answers(
                        definition,
                        population=organisation.population or 20_000,
                        maturity=maturity[organisation.pk],
                        rng=rng,
                    )
                )
            Submission.objects.bulk_create(
                [
                    Submission(
                        response=r,
                        number=1,
                        receipt_code=f"S{programme.pk}-{year}-{i:05d}",
                        submitted_at=now,
                        answers=a,
                    )
                    for i, (r, a) in enumerate(zip(responses, answers, strict=True))
                ],
                batch_size=BATCH,
            )
            if number == editions - 1:  # the editable answers of the latest edition
                Answer.objects.bulk_create(
                    [
                        Answer(response=r, question_key=key, value=value, version=1, updated_at=now)
                        for r, a in zip(responses, answers, strict=True)
                        for key, value in a.items()
                    ],
                    batch_size=BATCH,
                )
        built.append(edition)
    return built


def build(*, organisations: int, editions: int, programmes: int = 1) -> list[list[Edition]]:
    return [
        build_programme(organisations=organisations, editions=editions, slug=f"synth-{organisations}-{n + 1}", seed=n)
        for n in range(programmes)
    ]


def main(argv: list[str]) -> int:
    import os

    parser = argparse.ArgumentParser(prog="python -m bench.synthetic")
    parser.add_argument("--organisations", type=int, default=400)
    parser.add_argument("--editions", type=int, default=10)
    parser.add_argument("--programmes", type=int, default=1)
    arguments = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    start = time.perf_counter()
    build(organisations=arguments.organisations, editions=arguments.editions, programmes=arguments.programmes)
    print(
        f"{arguments.programmes} programme(s) of {arguments.organisations} organisations × {arguments.editions} "
        f"editions in {time.perf_counter() - start:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
