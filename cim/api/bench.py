"""Benchmark: API response times over a ledger of 10 editions × 400 organisations.

The ledger rows are written directly, shaped like real releases (12 provinces and the margin,
5 categories, a frequency table, a growth table from the second edition on; about one cell in
eight suppressed). The API only reads the ledger, so how the cells were audited does not change
its cost; the audit itself is measured by cim/disclosure/bench.py."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal
from functools import partial

from django.test import Client
from django.utils import timezone

from bench.runner import Result, timed

EDITIONS = 10
ORGANISATIONS = 400
PROVINCES = [f"PV{n}" for n in range(20, 32)]
SIZE_CLASSES = ["XS", "S", "M", "L", "XL"]
CATEGORIES = ["gww", "energie", "ict", "facilitair", "vervoer"]


def _table(edition, key, kind, rows, columns, spec_columns, rng, *, question="", previous=None):  # type: ignore[no-untyped-def]
    from cim.disclosure.models import PublishedCell, PublishedTable

    table = PublishedTable.objects.create(
        edition=edition,
        key=key,
        kind=kind,
        spec={
            "key": key,
            "kind": kind,
            "edition": edition.pk,
            "rows": rows[0],
            "columns": spec_columns,
            "question": question,
            "previous": previous,
        },
        params={"p": 15},
    )
    codes = {"province": PROVINCES, "size_class": SIZE_CLASSES}[rows[0]]
    cells = []
    for row in [*codes, "*"]:
        for column in columns:
            hidden = row != "*" and rng.random() < 0.125
            value = None if hidden else Decimal(rng.randint(0, 40 if kind == "frequency" else 50_000_000))
            cells.append(PublishedCell(table=table, row=row, column=column, value=value, suppressed=hidden))
    PublishedCell.objects.bulk_create(cells)
    return table


def build_ledger():  # type: ignore[no-untyped-def]
    from cim.editions.models import Edition, Programme

    rng = random.Random(5)  # noqa: S311 - reproducible benchmark data
    programme = Programme.objects.create(name="Benchmark API", slug="bench-api", contact_email="api@example.nl")
    now = timezone.now()
    editions: list[Edition] = []
    for n in range(EDITIONS):
        edition = Edition.objects.create(
            programme=programme,
            year=2017 + n,
            title=f"Benchmark {2017 + n}",
            status="results_released",
            opens_at=now - dt.timedelta(days=400 * (EDITIONS - n)),
            submission_deadline=now - dt.timedelta(days=400 * (EDITIONS - n) - 60),
        )
        for measure in ("total", "circular"):
            spec = [f"{measure}:{c}" for c in CATEGORIES]
            _table(edition, f"{measure}_by_province", "magnitude", ("province",), [*spec, "*"], spec, rng)
            _table(edition, f"{measure}_by_size_class", "magnitude", ("size_class",), [*spec, "*"], spec, rng)
        _table(
            edition, "policy_by_province", "frequency", ("province",), ["ja", "nee", "*"], ["ja", "nee"], rng,
            question="policy",
        )  # fmt: skip
        if editions:
            spec = [f"total:{c}" for c in CATEGORIES]
            parts = [f"{m}|{p}" for m in spec for p in ("panel_previous", "panel_current", "joiners", "leavers")]
            _table(
                edition, "growth_by_province", "growth", ("province",), [*parts, "*"], spec, rng,
                previous=editions[-1].pk,
            )  # fmt: skip
        editions.append(edition)
    return editions


def api_suite() -> list[Result]:
    from django.conf import settings
    from django.db import connection

    editions = build_ledger()
    newest = editions[-1]
    client = Client()
    base = f"/api/v1/editions/{newest.pk}"
    pages = [
        ("api: editions with published tables", "/api/v1/editions/"),
        ("api: tables of an edition", f"{base}/tables/"),
        ("api: one table with its cells (growth)", f"{base}/tables/growth_by_province/"),
        ("api: one table with its cells (euros)", f"{base}/tables/total_by_province/"),
        ("api: metadata of a table", f"{base}/tables/total_by_province/metadata/"),
        ("api: unknown edition (404)", "/api/v1/editions/999999999/tables/"),
    ]
    # The throttle stays on (its cache round trips are part of the cost) with room for the runs.
    before = getattr(settings, "API_THROTTLE_RATES", None)
    settings.API_THROTTLE_RATES = {"api_public": "1000000/min"}
    results = []
    statements: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        statements.append(sql)
        return execute(sql, params, many, context)

    try:
        for name, path in pages:
            statements.clear()
            with connection.execute_wrapper(count):
                response = client.get(path)
            assert response.status_code in (200, 404), (path, response.status_code)
            results.append(
                Result(
                    name,
                    timed(partial(client.get, path), repeat=50),
                    floor="floor: bare view (204)",
                    notes=f"{len(statements)} queries (throttle cache included), {len(response.content) / 1024:.1f} KiB;"
                    f" ledger of {EDITIONS} editions × {ORGANISATIONS} organisations",
                )
            )
    finally:
        settings.API_THROTTLE_RATES = before or {}
    return results


SUITES: list[Callable[[], list[Result]]] = [api_suite]
