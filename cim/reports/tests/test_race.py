"""A flood of PDF requests arriving at the same moment on PostgreSQL (real threads, each with its own
connection): one row, one queued job. Skipped on SQLite (see conftest.py)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from cim.audit.models import AuditEntry
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition
from cim.reports.models import ReportPdf
from cim.reports.services import pdf_request
from cim.scoring.tests.factories import submit
from cim.testing.world import build_world

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_simultaneous_requests_make_one_job(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    world = build_world()
    submit(world.participation)
    Edition.objects.filter(pk=world.edition.pk).update(status=EditionStatus.RESULTS_RELEASED)
    user = world.user("penvoerder")
    barrier = threading.Barrier(6)
    errors: list[Exception] = []

    def ask() -> None:
        try:
            barrier.wait()
            pdf_request(user=user, participation=world.participation, language="nl")
        except Exception as exc:  # the outcome is what the test inspects
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert ReportPdf.objects.count() == 1
    assert AuditEntry.objects.filter(action="reports.pdf_requested").count() == 1  # queued once
