"""Benchmarks of the feedback report on the demo data: the report page (cold and with its charts
cached), one PDF, and the PDFs of all 51 Gelderland municipalities made by two task workers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from django.core.cache import cache
from django.test import Client, override_settings

from bench.runner import Result, timed

FLOOR = "floor: bare view (204)"
PDF_FLOOR = "floor: WeasyPrint, an empty A4 page"
WORKERS = 2
ROOT = Path(__file__).resolve().parent.parent.parent


def _arnhem_2025():  # type: ignore[no-untyped-def]
    from cim.editions.models import Participation

    return Participation.objects.select_related("edition__programme", "organisation", "province").get(
        edition__year=2025, edition__programme__slug="gelderland", organisation__cbs_code="GM0202"
    )


def page_suite() -> list[Result]:
    from cim.accounts.models import User

    participation = _arnhem_2025()
    client = Client()
    client.force_login(User.objects.get(email="penvoerder.arnhem@demo.cim.test"))
    url = f"/terugkoppeling/{participation.pk}/"
    assert client.get(url).status_code == 200

    def cold() -> None:
        cache.clear()  # the charts are drawn again
        client.force_login(User.objects.get(email="penvoerder.arnhem@demo.cim.test"))
        client.get(url)

    return [
        Result("report: page, charts drawn (38 participants)", timed(cold, repeat=10), floor=FLOOR),
        Result("report: page, charts cached", timed(lambda: client.get(url), repeat=30), floor=FLOOR),
    ]


def pdf_suite() -> list[Result]:
    from cim.accounts.models import User
    from cim.reports.content import report_of
    from cim.reports.pdf import render_pdf
    from cim.reports.report_charts import build_charts

    participation = _arnhem_2025()
    user = User.objects.get(email="penvoerder.arnhem@demo.cim.test")
    sizes: list[int] = []

    def one() -> None:
        report = report_of(participation, user=user)
        assert report is not None
        charts = build_charts(report)
        report.attach_charts(charts)
        sizes.append(len(render_pdf(report, charts, language="nl")))

    samples = timed(one, repeat=5, warmup=1)
    return [
        Result(PDF_FLOOR, timed(_empty_page, repeat=10, warmup=1)),
        Result(
            "report: one PDF (content, charts, WeasyPrint)",
            samples,
            floor=PDF_FLOOR,
            notes=f"{sizes[-1] // 1024} kB, 14 pages",
        ),
    ]


def _empty_page() -> None:
    """WeasyPrint rendering an empty A4 page with the same PDF options (tagged PDF/UA-1)."""
    from weasyprint import CSS, HTML

    HTML(string="<html lang='nl'><title>leeg</title><body></body></html>").write_pdf(
        stylesheets=[CSS(string="@page { size: A4 }")], pdf_variant="pdf/ua-1", pdf_tags=True
    )


def _gelderland_edition():  # type: ignore[no-untyped-def]
    """A released edition in which all 51 Gelderland municipalities submitted their scan."""
    import datetime as dt
    import random

    from django.utils import timezone

    from cim.editions.models import Edition, Participation, Programme
    from cim.organisations.models import Organisation
    from cim.questionnaires.selectors import active_definition_row, parsed
    from cim.scan.models import Response, Submission
    from cim.scan.sample import sample_answers
    from cim.scoring.services import rescore_edition

    programme = Programme.objects.create(name="Benchmark rapporten", slug="bench-reports", contact_email="b@example.nl")
    now = timezone.now()
    edition = Edition.objects.create(
        programme=programme,
        year=2025,
        title="Benchmark 2025",
        status="released",
        opens_at=now - dt.timedelta(days=200),
        submission_deadline=now - dt.timedelta(days=100),
    )
    row = active_definition_row(edition)
    assert row is not None
    definition = parsed(row)
    municipalities = list(Organisation.objects.filter(province__cbs_code="PV25", kind="gemeente").order_by("cbs_code"))
    participations = Participation.objects.bulk_create(
        [
            Participation(
                edition=edition, organisation=m, province=m.province, size_class=m.size_class, scan_status="submitted"
            )
            for m in municipalities
        ]
    )
    responses = Response.objects.bulk_create([Response(participation=p, definition=row) for p in participations])
    rng = random.Random(51)  # noqa: S311 - reproducible benchmark data
    Submission.objects.bulk_create(
        [
            Submission(
                response=r,
                number=1,
                receipt_code=f"CIM-R-{i:08d}",
                submitted_at=now,
                answers=sample_answers(definition, population=m.population or 30_000, maturity=rng.random(), rng=rng),
            )
            for i, (r, m) in enumerate(zip(responses, municipalities, strict=True))
        ]
    )
    rescore_edition(edition=edition)
    return participations


def workers_suite() -> list[Result]:
    from cim.accounts.models import User
    from cim.reports.models import ReportPdf
    from cim.reports.services import pdf_request

    participations = _gelderland_edition()
    desk = User.objects.get(email="servicedesk@demo.cim.test")
    backend = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=backend):
        for participation in participations:
            pdf_request(user=desk, participation=participation, language="nl")
    queued = ReportPdf.objects.filter(participation__in=participations, status="queued").count()
    env = {**os.environ, "CIM_TASK_BACKEND": "django_tasks_db.DatabaseBackend", "DEBUG": "0"}
    start = time.perf_counter()
    workers = [
        subprocess.Popen(  # noqa: S603 - our own manage.py
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "db_worker",
                "--batch",
                "--no-startup-delay",
                "--no-reload",
                "-v",
                "0",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(WORKERS)
    ]
    for worker in workers:
        worker.wait(timeout=1800)
    elapsed = (time.perf_counter() - start) * 1000
    done = ReportPdf.objects.filter(participation__in=participations, status="done").count()
    return [
        Result(
            f"report: PDFs of {len(participations)} Gelderland reports ({WORKERS} workers)",
            [elapsed],
            notes=f"{queued} queued, {done} made; {elapsed / max(done, 1) / 1000:.2f} s per report overall",
        )
    ]


SUITES: list[Callable[[], list[Result]]] = [page_suite, pdf_suite, workers_suite]
