"""`make bench`: the statistics pages and the publication.

- On the demo data (38 participants in 2025, growth against 2024): the public page, the funder's
  dashboard, one JSON download, and the preview computation that a publication repeats
  (catalogue, microdata, protect + audit against the ledger of 2024).
- At scale: a programme of 10 editions × 400 synthetic organisations over 12 provinces
  (`cim.disclosure.synthetic`), whose ledger holds every edition's tables; the public page of the
  newest edition reads only its own tables, so the time should not grow with the number of editions.
- The protect + audit of one 400-organisation edition with this room's catalogue (no growth).
"""

from __future__ import annotations

import time
from decimal import Decimal

from django.test import Client

from bench.runner import Result, timed

FLOOR = "floor: bare view (204)"
EDITIONS = 10
ORGANISATIONS = 400


def _demo_edition(year: int):  # type: ignore[no-untyped-def]
    from cim.editions.models import Edition

    return Edition.objects.get(programme__slug="gelderland", year=year)


def demo_suite() -> list[Result]:
    from cim.accounts.models import User
    from cim.statistics.services import compute_preview

    edition = _demo_edition(2025)
    anonymous = Client()
    url = f"/statistieken/{edition.pk}/"
    assert anonymous.get(url).status_code == 200
    funder = Client()
    funder.force_login(User.objects.get(email="provincie@demo.cim.test"))
    assert funder.get(f"/statistieken/{edition.pk}/provincie/").status_code == 200
    preview_ms = []
    for _ in range(3):
        start = time.perf_counter()
        preview = compute_preview(edition)
        preview_ms.append((time.perf_counter() - start) * 1000)
    audit = preview.result.audit if preview.result else None
    return [
        Result(
            "statistics: public page 2025 (demo, 38 participants)",
            timed(lambda: anonymous.get(url), repeat=30),
            floor=FLOOR,
        ),
        Result(
            "statistics: funder dashboard 2025 (demo)",
            timed(lambda: funder.get(f"/statistieken/{edition.pk}/provincie/"), repeat=30),
            floor=FLOOR,
        ),
        Result(
            "statistics: JSON download of a growth table (demo)",
            timed(
                lambda: anonymous.get(f"/statistieken/{edition.pk}/download/growth_circular_by_province.json"),
                repeat=30,
            ),
            floor=FLOOR,
        ),
        Result(
            "statistics: preview = protect + audit for publishing 2025 (demo)",
            preview_ms,
            notes=f"{len(preview.input.specs)} tables, {audit.lp_solved if audit else 0} LPs",
        ),
    ]


def _synthetic_ledger() -> tuple[int, list[int]]:
    """10 editions × 400 organisations, every edition's tables in the ledger (written directly:
    this measures reading and rendering, not the audit)."""
    import datetime as dt

    from django.utils import timezone

    from cim.disclosure.models import PublishedCell, PublishedTable
    from cim.disclosure.synthetic import CATEGORIES, OPTIONS, synthetic_microdata
    from cim.disclosure.tables import build_cells
    from cim.editions.models import Edition, Programme
    from cim.statistics import catalogue as cat

    programme = Programme.objects.create(name="Bench statistics", slug="bench-statistics", contact_email="b@example.nl")
    data = synthetic_microdata(organisations=ORGANISATIONS, editions=EDITIONS)
    editions = []
    for index in range(1, EDITIONS + 1):
        editions.append(
            Edition.objects.create(
                programme=programme,
                year=2040 + index,
                title=f"Bench {index}",
                status="released",
                opens_at=timezone.now() - dt.timedelta(days=30),
                submission_deadline=timezone.now() - dt.timedelta(days=1),
            )
        )
    # Microdata keyed by the synthetic edition number 1..10 → the real edition ids.
    remapped = type(data)()
    ids = {n: e.pk for n, e in enumerate(editions, start=1)}
    remapped.groups = {(ids[ed], org): g for (ed, org), g in data.groups.items()}
    remapped.values = {(ids[ed], org, m): v for (ed, org, m), v in data.values.items()}
    remapped.answers = {(ids[ed], org, q): a for (ed, org, q), a in data.answers.items()}
    for index, edition in enumerate(editions):
        specs = cat.edition_specs(
            edition.pk,
            categories=CATEGORIES,
            kinds=["gemeente"],
            themes=[],
            questions=[cat.KeyQuestion("policy", OPTIONS)],
            previous=editions[index - 1].pk if index else None,
        )
        for spec in specs:
            table = PublishedTable.objects.create(edition=edition, key=spec.key, kind=spec.kind, spec=spec.to_json())
            cells = []
            for cell in build_cells(spec, remapped):
                hidden = cell.kind == "magnitude" and cell.contributors < 5
                cells.append(
                    PublishedCell(
                        table=table,
                        row=cell.row,
                        column=cell.column,
                        value=None if hidden else cell.value.quantize(Decimal("0.01")),
                        suppressed=hidden,
                    )
                )
            PublishedCell.objects.bulk_create(cells)
    return programme.pk, [e.pk for e in editions]


def scale_suite() -> list[Result]:
    _programme, editions = _synthetic_ledger()
    client = Client()
    newest, oldest = editions[-1], editions[0]
    assert client.get(f"/statistieken/{newest}/").status_code == 200
    from cim.disclosure.models import PublishedCell

    cells = PublishedCell.objects.filter(table__edition_id=newest).count()
    return [
        Result(
            f"statistics: public page, newest of {EDITIONS} editions × {ORGANISATIONS} orgs",
            timed(lambda: client.get(f"/statistieken/{newest}/"), repeat=20),
            floor=FLOOR,
            notes=f"{cells} published cells in the edition",
        ),
        Result(
            f"statistics: public page, oldest of {EDITIONS} editions (no growth)",
            timed(lambda: client.get(f"/statistieken/{oldest}/"), repeat=20),
            floor=FLOOR,
        ),
        Result(
            "statistics: index of published editions",
            timed(lambda: client.get("/statistieken/"), repeat=30),
            floor=FLOOR,
        ),
    ]


def audit_suite() -> list[Result]:
    from cim.disclosure.release import protect_release
    from cim.disclosure.synthetic import CATEGORIES, OPTIONS, synthetic_microdata
    from cim.statistics import catalogue as cat

    data = synthetic_microdata(organisations=ORGANISATIONS, editions=1)
    specs = cat.edition_specs(
        1, categories=CATEGORIES, kinds=["gemeente"], themes=[], questions=[cat.KeyQuestion("policy", OPTIONS)]
    )
    start = time.perf_counter()
    result = protect_release(specs, data)
    elapsed = (time.perf_counter() - start) * 1000
    hidden = sum(1 for t in result.tables.values() for c in t.public.cells if c.suppressed)
    cells = sum(len(t.public.cells) for t in result.tables.values())
    return [
        Result(
            f"statistics: protect + audit of one edition ({ORGANISATIONS} orgs, this catalogue)",
            [elapsed],
            notes=f"{len(specs)} tables, {cells} cells, {hidden} suppressed, {result.audit.lp_solved} LPs",
        )
    ]


SUITES = [demo_suite, scale_suite, audit_suite]
