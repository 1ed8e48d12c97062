"""The benchmarks. Each room adds its own function to SUITES."""

from __future__ import annotations

from collections.abc import Callable

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


def run_all() -> list[Result]:
    results: list[Result] = []
    for suite in [*SUITES, *app_suites()]:
        results.extend(suite())
    return results
