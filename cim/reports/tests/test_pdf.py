"""The report as a tagged A4 PDF: made in the background, one job per report however often it is
asked for, cached until the answers or the results change, downloadable, in Dutch or English."""

from __future__ import annotations

import re
import zlib

import pytest
from django.urls import reverse

from cim.audit.models import AuditEntry
from cim.reports.models import ReportPdf
from cim.reports.services import pdf_current, pdf_generate, pdf_request
from cim.scoring.tests.factories import participants, submit

from .conftest import GELDERLAND

pytestmark = pytest.mark.django_db


def inflated(pdf: bytes) -> bytes:
    out = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, flags=re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"".join(out)


def make(client, participation, language="nl", **headers):  # type: ignore[no-untyped-def]
    return client.post(reverse("reports:pdf_make", args=[participation.pk]), {"taal": language}, **headers)


def test_the_pdf_is_made_in_the_background_and_downloaded(
    released, client_for, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    with django_capture_on_commit_callbacks(execute=True):
        response = make(client, released.participation, HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 2s"' in response.content.decode()  # queued: the block polls for progress
    # The job ran after commit; the next poll offers the download.
    status = client.get(reverse("reports:pdf_status", args=[released.participation.pk]) + "?taal=nl").content.decode()
    assert "PDF downloaden (Nederlands)" in status
    assert "hx-trigger" not in status
    pdf = ReportPdf.objects.get()
    assert pdf.status == ReportPdf.Status.DONE
    assert pdf.size > 10_000
    download = client.get(reverse("reports:pdf_download", args=[released.participation.pk]) + "?taal=nl")
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="terugkoppeling-arnhem-2030-nl.pdf"' in download["Content-Disposition"]
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF-")
    structure = inflated(content)
    assert b"/StructTreeRoot" in structure  # tagged
    assert b"pdfuaid" in structure  # declared PDF/UA
    assert b"/Lang (nl)" in structure
    assert b"/MediaBox [0 0 595" in structure  # A4
    assert len(re.findall(rb"/Type /Page\b", structure)) >= 6  # cover, contents, sections
    assert b'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Terugkoppeling 2030: Arnhem</rdf:li>' in structure
    assert b"/Title (Inhoud)" in structure  # bookmarks: cover, contents, every section
    assert AuditEntry.objects.filter(action="reports.pdf_requested").count() == 1


def test_a_flood_of_requests_makes_one_job(released, client_for, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    with django_capture_on_commit_callbacks() as callbacks:
        for _ in range(5):
            make(client, released.participation)
        make(client_for("contributor"), released.participation)
    assert len(callbacks) == 1  # one task queued
    pdf = ReportPdf.objects.get()
    assert pdf.status == ReportPdf.Status.QUEUED
    # While queued the status block polls and offers no second button.
    status = client.get(reverse("reports:pdf_status", args=[released.participation.pk]) + "?taal=nl").content.decode()
    assert 'hx-trigger="every 2s"' in status
    assert "De PDF staat in de wachtrij" in status
    assert "PDF maken" not in status
    # A second worker picking up the same job does nothing.
    assert pdf_generate(pdf_id=pdf.pk) is not None
    assert pdf_generate(pdf_id=pdf.pk) is None
    assert ReportPdf.objects.get().status == ReportPdf.Status.DONE


def test_the_pdf_is_cached_until_the_results_change(released, client_for, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    user = released.user("penvoerder")
    with django_capture_on_commit_callbacks(execute=True):
        first = pdf_request(user=user, participation=released.participation, language="nl")
    with django_capture_on_commit_callbacks() as callbacks:
        again = pdf_request(user=user, participation=released.participation, language="nl")
    assert again.pk == first.pk
    assert not callbacks  # cached: nothing to do
    # Another municipality submits: the comparisons change, so the report does.
    participants(released.edition, GELDERLAND[10:11])
    assert pdf_current(participation=released.participation, language="nl") is None
    with django_capture_on_commit_callbacks(execute=True):
        newer = pdf_request(user=user, participation=released.participation, language="nl")
    assert newer.pk != first.pk
    assert list(ReportPdf.objects.values_list("pk", flat=True)) == [newer.pk]  # the old one and its file are gone
    # Its own answers change (submitted again): a new version too.
    submit(released.participation, maturity=0.9)
    assert pdf_current(participation=released.participation, language="nl") is None


def test_a_failed_pdf_can_be_asked_for_again(released, client_for, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks():
        pdf = pdf_request(user=released.user("penvoerder"), participation=released.participation, language="nl")
    ReportPdf.objects.filter(pk=pdf.pk).update(status=ReportPdf.Status.FAILED, error="fonts missing")
    html = client_for("penvoerder").get(reverse("reports:report", args=[released.participation.pk])).content.decode()
    assert "Het maken van de PDF is mislukt" in html
    assert "Opnieuw proberen" in html
    with django_capture_on_commit_callbacks(execute=True):
        make(client_for("penvoerder"), released.participation)
    assert ReportPdf.objects.get().status == ReportPdf.Status.DONE


def test_the_english_pdf(released, client_for, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    with django_capture_on_commit_callbacks(execute=True):
        response = make(client, released.participation, language="en")
    assert response.status_code == 302
    pdf = ReportPdf.objects.get()
    assert pdf.language == "en"
    content = b"".join(
        client.get(reverse("reports:pdf_download", args=[released.participation.pk]) + "?taal=en").streaming_content
    )
    structure = inflated(content)
    assert b"/Lang (en)" in structure
    assert b"Feedback 2030: Arnhem</rdf:li>" in structure
    assert b"/Title (Contents)" in structure
    # A language that does not exist falls back to Dutch.
    with django_capture_on_commit_callbacks(execute=True):
        make(client, released.participation, language="xx<script>")
    assert set(ReportPdf.objects.values_list("language", flat=True)) == {"en", "nl"}


def test_no_download_before_the_pdf_exists(released, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("penvoerder").get(
        reverse("reports:pdf_download", args=[released.participation.pk]), follow=True
    )
    assert "Deze PDF is er (nog) niet." in response.content.decode()
