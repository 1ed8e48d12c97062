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
    """Rescoring the latest edition of a synthetic programme of 400 × 10, and its statistics after
    the nine earlier editions were published; also at `--scale` × 10 when asked, with the growth in
    time per organisation in the notes."""
    import os

    from bench.synthetic import build_programme
    from cim.scoring.services import rescore_edition

    sizes = [400] + ([int(os.environ["BENCH_SCALE"])] if int(os.environ.get("BENCH_SCALE") or 0) > 400 else [])
    results: list[Result] = []
    measured: dict[int, tuple[Result, Result]] = {}
    for size in sizes:
        editions = build_programme(organisations=size, editions=10, slug=f"growth-{size}")
        latest = editions[-1]
        floor = f"floor: one SQL aggregate over {size} submitted scans"
        results.append(Result(floor, timed(partial(_submissions_aggregate, latest), repeat=10)))
        samples = timed(partial(rescore_edition, edition=latest), repeat=3, warmup=1)
        rescoring = Result(f"growth: rescore the latest of {size} × 10", samples, floor=floor)
        for edition in editions[:-1]:
            rescore_edition(edition=edition)
        yearly = _publish(editions[:-1])
        statistics = _statistics_recompute(latest, size, floor)
        statistics.extra = {f"preview_ms_edition_{n}": ms for n, ms in enumerate(yearly, start=1)}
        results += [rescoring, statistics]
        measured[size] = (rescoring, statistics)
    if len(sizes) > 1:
        for small, large in zip(measured[400], measured[sizes[-1]], strict=True):
            growth = (large.median / sizes[-1]) / (small.median / 400)
            large.notes = f"{large.notes}; time per organisation × {growth:.2f} from 400 (1.00 = linear)".lstrip("; ")
    return results


def _publish(editions) -> list[float]:  # type: ignore[no-untyped-def]
    """Publish the statistics of the earlier editions in turn, as staff do year by year, so the
    latest edition is audited against a full ledger. Returns each preview's time in ms."""
    import time

    from cim.accounts.models import User
    from cim.statistics.services import compute_preview, statistics_publish

    actor = User.objects.get(email="servicedesk@demo.cim.test")
    times = []
    for edition in editions:
        start = time.perf_counter()
        preview = compute_preview(edition)
        times.append(round((time.perf_counter() - start) * 1000, 1))
        if preview.publishable:
            statistics_publish(actor=actor, edition=edition, fingerprint=preview.fingerprint)
    return times


def _statistics_recompute(edition, size: int, floor: str) -> Result:  # type: ignore[no-untyped-def]
    """The statistics of the latest edition with growth against the one before, protected and
    audited against the ledger of the nine editions published before it (what the preview and a
    publication compute)."""
    from cim.statistics.services import compute_preview

    samples = timed(partial(compute_preview, edition), repeat=3, warmup=0)
    preview = compute_preview(edition)
    result = preview.result
    notes = ""
    if result is not None:
        cells = sum(len(t.public.cells) for t in result.tables.values())
        hidden = sum(1 for t in result.tables.values() for c in t.public.cells if c.suppressed)
        notes = (
            f"{cells} cells, {hidden} suppressed, {result.audit.lp_solved} LPs,"
            f" {len(preview.input.ledger)} tables published before"
        )
    return Result(f"growth: statistics + audit, latest of {size} × 10", samples, floor=floor, notes=notes)


def _submissions_aggregate(edition) -> None:  # type: ignore[no-untyped-def]
    from django.db.models import Count, Max

    from cim.scan.models import Submission

    Submission.objects.filter(response__participation__edition=edition).aggregate(Count("id"), Max("submitted_at"))


SUITES.append(growth_suite)
