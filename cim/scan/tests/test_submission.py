"""Review, idempotent submit, receipt (page, PDF, e-mail), reopen and extend by the service desk."""

from __future__ import annotations

import datetime as dt
import re
import zlib

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cim.audit.models import AuditEntry
from cim.core.errors import DomainError
from cim.editions.models import Participation, ScanStatus
from cim.scan.models import Submission
from cim.scan.services.submission import deadline_extend, response_reopen, response_submit

pytestmark = pytest.mark.django_db


def inflated(pdf: bytes) -> bytes:
    """The PDF with its compressed streams unpacked, to look at its structure."""
    out = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, flags=re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"".join(out)


def test_review_lists_every_missing_or_invalid_answer_with_a_link(world, client_for, fill) -> None:  # type: ignore[no-untyped-def]
    fill(
        {
            "policy_target": True,
            "perspective_share_emvi": "50",
            "perspective_share_participatory": "30",
            "perspective_share_innovation": "10",
        }
    )
    html = client_for("penvoerder").get(reverse("scan:review", args=[world.participation.pk])).content.decode()
    assert "punten om op te lossen" in html
    assert f'href="/scan/{world.participation.pk}/onderdeel/policy/#vraag-policy_target_pct"' in html
    assert "Deze vraag is nog niet beantwoord." in html
    assert "de som is 90, dat moet precies 100 zijn" in html


def test_submit_is_refused_while_answers_are_missing(world, client_for, fill) -> None:  # type: ignore[no-untyped-def]
    fill({"tenders_count": 3})
    response = client_for("penvoerder").post(reverse("scan:submit", args=[world.participation.pk]), follow=True)
    assert "kan nog niet worden ingediend" in response.content.decode()
    assert not Submission.objects.exists()


def test_submit_twice_makes_one_submission(
    world, client_for, fill, complete_answers, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    fill(complete_answers)
    client = client_for("penvoerder")
    url = reverse("scan:submit", args=[world.participation.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, follow=True)
    assert "Uw scan is ingediend" in first.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(url, follow=True)
    assert "De scan was al ingediend op" in second.content.decode()
    assert Submission.objects.count() == 1
    assert AuditEntry.objects.filter(action="scan.submitted").count() == 1
    assert len(mail.outbox) == 1
    participation = Participation.objects.get(pk=world.participation.pk)
    assert participation.scan_status == ScanStatus.SUBMITTED
    assert participation.scan_progress == 100
    assert participation.submitted_at is not None


def test_only_the_penvoerder_submits(world, fill, complete_answers) -> None:  # type: ignore[no-untyped-def]
    fill(complete_answers)
    with pytest.raises(DomainError, match="penvoerder"):
        response_submit(user=world.user("contributor"), participation=world.participation)


def test_receipt_page_pdf_and_email(
    world, client_for, fill, complete_answers, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    complete_answers["lessons"] = "<script>alert('x')</script> =HYPERLINK(\"http://evil\")"
    fill(complete_answers)
    client = client_for("penvoerder")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("scan:submit", args=[world.participation.pk]))
    submission = Submission.objects.get()
    message = mail.outbox[0]
    assert submission.receipt_code in message.subject or submission.receipt_code in message.body
    assert message.to == ["Petra Penvoerder <penvoerder@arnhem.nl>"]
    assert f"/scan/{world.participation.pk}/ontvangstbewijs/" in message.body
    page = client.get(reverse("scan:receipt", args=[world.participation.pk])).content.decode()
    assert submission.receipt_code in page
    assert "&lt;script&gt;" in page
    assert "<script>alert" not in page
    pdf = client.get(reverse("scan:receipt_pdf", args=[world.participation.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert b"/StructTreeRoot" in inflated(pdf.content)  # tagged (PDF/UA)
    from django.template.loader import render_to_string

    from cim.scan.receipt import receipt_context

    source = render_to_string("scan/receipt_pdf.html", receipt_context(world.participation, submission))
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in source  # the PDF shows the text, never runs it


def test_after_submit_the_scan_is_read_only(world, client_for, fill, complete_answers) -> None:  # type: ignore[no-untyped-def]
    fill(complete_answers)
    client = client_for("penvoerder")
    client.post(reverse("scan:submit", args=[world.participation.pk]))
    response = client.post(
        reverse("scan:autosave", args=[world.participation.pk, "tenders_count"]),
        {"a-tenders_count": "1", "v-tenders_count": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 403
    assert "ingediend" in response.content.decode()
    html = client.get(reverse("scan:section", args=[world.participation.pk, "organisation"])).content.decode()
    assert "hx-post" not in html


def test_reopen_needs_a_reason_is_audited_and_mails_the_penvoerder(
    world, fill, complete_answers, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    fill(complete_answers)
    response_submit(user=world.user("penvoerder"), participation=world.participation)
    desk = world.user("servicedesk")
    with pytest.raises(DomainError):
        response_reopen(actor=desk, participation=world.participation, reason="  ")
    mail.outbox.clear()
    later = world.edition.submission_deadline + dt.timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        response_reopen(actor=desk, participation=world.participation, reason="Bedrag GWW klopt niet", extend_to=later)
    participation = Participation.objects.get(pk=world.participation.pk)
    assert participation.scan_status == ScanStatus.REOPENED
    assert participation.submitted_at is None
    assert participation.deadline_extended_to == later
    entry = AuditEntry.objects.get(action="scan.reopened")
    assert entry.reason == "Bedrag GWW klopt niet"
    assert "Bedrag GWW klopt niet" in mail.outbox[0].body
    # The organisation can change and submit again; both submissions are kept.
    response_submit(user=world.user("penvoerder"), participation=participation)
    assert Submission.objects.count() == 2
    with pytest.raises(DomainError):
        response_reopen(
            actor=desk, participation=world.participation, reason="x", extend_to=timezone.now() - dt.timedelta(days=1)
        )


def test_deadline_extension_opens_the_scan_again(world, penvoerder) -> None:  # type: ignore[no-untyped-def]
    edition = world.edition
    edition.opens_at = timezone.now() - dt.timedelta(days=20)
    edition.submission_deadline = timezone.now() - dt.timedelta(days=1)
    edition.save()
    participation = Participation.objects.get(pk=world.participation.pk)
    from cim.scan.services.answers import answer_save

    with pytest.raises(DomainError):
        answer_save(user=penvoerder, participation=participation, question_key="tenders_count", value=1, base_version=0)
    with pytest.raises(DomainError):
        deadline_extend(
            actor=world.user("servicedesk"),
            participation=participation,
            until=timezone.now() + dt.timedelta(days=5),
            reason="",
        )
    deadline_extend(
        actor=world.user("servicedesk"),
        participation=participation,
        until=timezone.now() + dt.timedelta(days=5),
        reason="Ziekte penvoerder",
    )
    assert AuditEntry.objects.get(action="scan.deadline_extended").reason == "Ziekte penvoerder"
    assert (
        answer_save(
            user=penvoerder, participation=participation, question_key="tenders_count", value=1, base_version=0
        ).status
        == "saved"
    )


def test_staff_pages_reopen_and_extend(world, client_for, fill, complete_answers) -> None:  # type: ignore[no-untyped-def]
    fill(complete_answers)
    response_submit(user=world.user("penvoerder"), participation=world.participation)
    desk = client_for("servicedesk")
    page = desk.get(reverse("scan:staff_scan", args=[world.participation.pk])).content.decode()
    assert "Scan heropenen" in page
    response = desk.post(reverse("scan:staff_reopen", args=[world.participation.pk]), {"reason": ""})
    assert response.status_code == 400
    response = desk.post(
        reverse("scan:staff_reopen", args=[world.participation.pk]), {"reason": "Op verzoek"}, follow=True
    )
    assert "De scan is heropend" in response.content.decode()
    # An extension that would end before the edition's own deadline is refused: it never shortens.
    sooner = (timezone.localtime() + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    response = desk.post(
        reverse("scan:staff_extend", args=[world.participation.pk]), {"until": sooner, "reason": "Vakantie"}
    )
    assert "verlengen kan de termijn niet korter maken" in response.content.decode()
    assert Participation.objects.get(pk=world.participation.pk).deadline_extended_to is None
    later = timezone.localtime(world.edition.submission_deadline) + dt.timedelta(days=7)
    until = later.strftime("%Y-%m-%dT%H:%M")
    response = desk.post(
        reverse("scan:staff_extend", args=[world.participation.pk]), {"until": until, "reason": "Vakantie"}, follow=True
    )
    assert "De inleverdatum is verlengd" in response.content.decode()


def test_the_database_allows_one_open_submission_per_scan(world, fill, complete_answers) -> None:  # type: ignore[no-untyped-def]
    """Two submits racing past the service's lock still cannot both be stored."""
    from django.db import IntegrityError, transaction

    fill(complete_answers)
    first = response_submit(user=world.user("penvoerder"), participation=world.participation).submission
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(
            response=first.response, number=2, receipt_code="CIM-2030-DUBBEL00", submitted_at=timezone.now()
        )
    assert Submission.objects.count() == 1
