"""The organisation's data export holds its scores and its feedback reports, nothing of others."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from cim.reports.models import ReportPdf
from cim.reports.services import pdf_request

pytestmark = pytest.mark.django_db


def _download(client, pk: int) -> zipfile.ZipFile:  # type: ignore[no-untyped-def]
    response = client.post(f"/deelname/{pk}/gegevens/download/")
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_export_holds_the_scores_and_the_report_pdf(released, client_for) -> None:  # type: ignore[no-untyped-def]
    archive = _download(client_for("penvoerder"), released.participation.pk)
    year = released.edition.year
    scores = list(csv.DictReader(io.StringIO(archive.read("terugkoppeling/scores.csv").decode("utf-8-sig"))))
    assert [r["Editie"] for r in scores] == [str(year)]
    assert scores[0]["Totaalscore"] == str(released.participation.score.overall)
    report = archive.read(f"terugkoppeling/rapport-{year}.pdf")
    assert report.startswith(b"%PDF-")
    assert "terugkoppeling/scores.csv" in archive.read("LEESMIJ.txt").decode()


def test_a_stored_current_pdf_is_exported_as_it_is(released, client_for, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        pdf_request(user=released.user("penvoerder"), participation=released.participation, language="nl")
    stored = ReportPdf.objects.get(participation=released.participation, language="nl", status="done")
    with stored.file.open("rb") as handle:
        content = handle.read()
    archive = _download(client_for("penvoerder"), released.participation.pk)
    assert archive.read(f"terugkoppeling/rapport-{released.edition.year}.pdf") == content


def test_no_report_before_the_results_are_released(released, client_for) -> None:  # type: ignore[no-untyped-def]
    released.edition.status = "closed"
    released.edition.save()
    assert not released.edition.results_visible
    archive = _download(client_for("penvoerder"), released.participation.pk)
    assert not [n for n in archive.namelist() if n.startswith("terugkoppeling/rapport-")]
    rows = archive.read("terugkoppeling/scores.csv").decode("utf-8-sig").strip().splitlines()
    assert len(rows) == 1  # the header only
