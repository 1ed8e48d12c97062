"""The benchmarks. Each room adds its own function to SUITES."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.test import Client

from bench.runner import Result, timed


def request_floor() -> list[Result]:
    client = Client()
    return [Result("floor: bare view (204)", timed(lambda: client.get("/bench/floor/"), repeat=200))]


def foundation_pages() -> list[Result]:
    from cim.accounts.models import User

    results = []
    anonymous = Client()
    results.append(
        Result(
            "home page (anonymous)",
            timed(lambda: anonymous.get("/"), repeat=100),
            floor="floor: bare view (204)",
        )
    )
    desk = Client()
    desk.force_login(User.objects.get(email="servicedesk@demo.cim.test"))
    from cim.editions.models import Edition

    edition_pk = Edition.objects.order_by("-year").first().pk
    results.append(
        Result(
            "staff: edition page (44 participants)",
            timed(lambda: desk.get(f"/beheer/edities/{edition_pk}/"), repeat=50),
            floor="floor: bare view (204)",
        )
    )
    penvoerder = Client()
    penvoerder.force_login(User.objects.get(email="penvoerder.arnhem@demo.cim.test"))
    results.append(
        Result(
            "penvoerder: dashboard",
            timed(lambda: penvoerder.get("/dashboard/"), repeat=100),
            floor="floor: bare view (204)",
        )
    )
    return results


SUITES: list[Callable[[], list[Result]]] = [request_floor, foundation_pages]


def app_suites() -> list[Callable[[], list[Result]]]:
    """Rooms add benchmarks in `cim/<room>/bench.py` as a list `SUITES`."""
    import importlib

    from django.apps import apps

    found: list[Callable[[], list[Result]]] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("cim."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.bench")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.bench":
                raise
            continue
        found.extend(module.SUITES)
    return found


def _wanted(suite: Callable[[], list[Result]], words: list[str]) -> bool:
    """The request floor always runs; other suites when a word occurs in their module or name."""
    label = f"{suite.__module__}.{suite.__name__}"
    return suite is request_floor or not words or any(word in label for word in words)


def run_all(words: list[str] | None = None) -> list[Result]:
    results: list[Result] = []
    for suite in [*SUITES, *app_suites()]:
        if _wanted(suite, words or []):
            print(f"   {suite.__module__}.{suite.__name__}", flush=True)
            results.extend(suite())
    return results


def growth_suite() -> list[Result]:
    """Rescoring the latest edition of a synthetic programme of 400 × 10, and of `--scale` × 10
    when asked; the note gives the growth in time per organisation."""
    import os

    from bench.synthetic import build_programme
    from cim.scoring.services import rescore_edition

    sizes = [400] + ([int(os.environ["BENCH_SCALE"])] if int(os.environ.get("BENCH_SCALE") or 0) > 400 else [])
    results: list[Result] = []
    per_organisation: dict[int, float] = {}
    for size in sizes:
        editions = build_programme(organisations=size, editions=10, slug=f"growth-{size}")
        latest = editions[-1]
        floor = f"floor: one SQL aggregate over {size} submitted scans"
        results.append(Result(floor, timed(partial(_submissions_aggregate, latest), repeat=10)))
        samples = timed(partial(rescore_edition, edition=latest), repeat=3, warmup=1)
        per_organisation[size] = sorted(samples)[len(samples) // 2] / size
        results.append(Result(f"growth: rescore the latest of {size} × 10", samples, floor=floor))
        for edition in editions[:-1]:
            rescore_edition(edition=edition)
        results.append(_statistics_recompute(latest, size, floor))
    if len(sizes) > 1:
        growth = per_organisation[sizes[-1]] / per_organisation[400]
        results[-1].notes = f"time per organisation × {growth:.2f} from 400 to {sizes[-1]} (1.00 = linear)"
    return results


def _statistics_recompute(edition, size: int, floor: str) -> Result:  # type: ignore[no-untyped-def]
    """The statistics of the latest edition with growth against the one before, protected and
    audited (what the preview and a publication compute). Run once: it is slow."""
    import time

    from cim.statistics.services import compute_preview

    start = time.perf_counter()
    preview = compute_preview(edition)
    elapsed = (time.perf_counter() - start) * 1000
    result = preview.result
    notes = ""
    if result is not None:
        cells = sum(len(t.public.cells) for t in result.tables.values())
        hidden = sum(1 for t in result.tables.values() for c in t.public.cells if c.suppressed)
        notes = f"{cells} cells, {hidden} suppressed, {result.audit.lp_solved} LPs"
    return Result(f"growth: statistics + audit, latest of {size} × 10", [elapsed], floor=floor, notes=notes)


def _submissions_aggregate(edition) -> None:  # type: ignore[no-untyped-def]
    from django.db.models import Count, Max

    from cim.scan.models import Submission

    Submission.objects.filter(response__participation__edition=edition).aggregate(Count("id"), Max("submitted_at"))


SUITES.append(growth_suite)
