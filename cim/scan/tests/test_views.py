"""The scan pages as a browser without JavaScript and as htmx see them."""

from __future__ import annotations

import io
import json
import random
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cim.audit.models import AuditEntry
from cim.scan.models import Answer, AnswerRevision, EvidenceDocument
from cim.scan.sample import sample_answers

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def autosave(client, participation, key, data, **extra):  # type: ignore[no-untyped-def]
    return client.post(reverse("scan:autosave", args=[participation.pk, key]), data, **HX, **extra)


def test_autosave_saves_and_reports_the_new_version(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    p = world.participation
    response = autosave(
        client,
        p,
        "procurement_spend_total",
        {"a-procurement_spend_total": "1.234.567,89", "v-procurement_spend_total": "0"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="v-procurement_spend_total" value="1"' in html
    assert "Opgeslagen" in html
    assert "Laatst gewijzigd door Petra Penvoerder" in html
    event = json.loads(response["HX-Trigger"])["cim:saved"]
    assert event["progress"] > 0
    assert Answer.objects.get(question_key="procurement_spend_total").value == "1234567.89"


def test_autosave_shows_and_hides_dependent_questions(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    response = autosave(
        client, world.participation, "policy_target", {"a-policy_target": "yes", "v-policy_target": "0"}
    )
    assert json.loads(response["HX-Trigger"])["cim:saved"]["shown"] == ["policy_target_pct", "policy_target_year"]
    response = autosave(client, world.participation, "policy_target", {"a-policy_target": "no", "v-policy_target": "1"})
    assert json.loads(response["HX-Trigger"])["cim:saved"]["hidden"] == ["policy_target_pct", "policy_target_year"]


def test_autosave_refuses_bad_input_with_a_message_beside_the_field(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    response = autosave(
        client,
        world.participation,
        "procurement_spend_total",
        {"a-procurement_spend_total": "-12", "v-procurement_spend_total": "0"},
    )
    assert response.status_code == 422
    assert "Niet opgeslagen" in response.content.decode()
    assert "negatief" in response.content.decode()
    grid = {"a-category_spend-gww-total": "100", "a-category_spend-gww-circular": "200", "v-category_spend": "0"}
    response = autosave(client, world.participation, "category_spend", grid)
    assert response.status_code == 422
    assert "groter dan" in response.content.decode()
    assert not Answer.objects.exists()


def test_autosave_conflict_shows_both_values_and_lets_the_user_choose(world, client_for) -> None:  # type: ignore[no-untyped-def]
    penvoerder, colleague = client_for("penvoerder"), client_for("contributor")
    p = world.participation
    autosave(penvoerder, p, "respondent_role", {"a-respondent_role": "Inkoper", "v-respondent_role": "0"})
    autosave(colleague, p, "respondent_role", {"a-respondent_role": "Beleidsadviseur", "v-respondent_role": "1"})
    stale = autosave(penvoerder, p, "respondent_role", {"a-respondent_role": "Teamleider", "v-respondent_role": "1"})
    assert stale.status_code == 409
    html = stale.content.decode()
    assert "Coen Collega heeft dit antwoord intussen gewijzigd" in html
    assert "Teamleider" in html
    assert "Beleidsadviseur" in html
    assert 'name="keep-respondent_role" value="2"' in html
    assert Answer.objects.get(question_key="respondent_role").value == "Beleidsadviseur"
    kept = autosave(penvoerder, p, "respondent_role", {"a-respondent_role": "Teamleider", "v-respondent_role": "2"})
    assert kept.status_code == 200
    theirs = penvoerder.get(reverse("scan:question", args=[p.pk, "respondent_role"]), **HX)
    assert 'value="Teamleider"' in theirs.content.decode()


def test_autosave_after_the_session_ended_says_so_and_saves_nothing(world, client) -> None:  # type: ignore[no-untyped-def]
    response = autosave(client, world.participation, "tenders_count", {"a-tenders_count": "3", "v-tenders_count": "0"})
    assert response.status_code == 401
    assert "uitgelogd" in response.content.decode()
    assert not Answer.objects.exists()


def test_answers_posted_to_another_organisation_are_refused(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("foreign_penvoerder")
    response = autosave(client, world.participation, "tenders_count", {"a-tenders_count": "3", "v-tenders_count": "0"})
    assert response.status_code == 404
    response = client.post(
        reverse("scan:section", args=[world.participation.pk, "organisation"]),
        {"p-tenders_count": "1", "a-tenders_count": "3"},
    )
    assert response.status_code == 404
    assert not Answer.objects.exists()
    assert AuditEntry.objects.filter(action="access.denied").count() >= 2


def test_section_form_works_without_javascript(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    url = reverse("scan:section", args=[world.participation.pk, "categories"])
    data = {"p-category_spend": "1", "v-category_spend": "0", "p-category_notes": "1", "v-category_notes": "0"}
    data |= {
        f"a-category_spend-{row}-total": "1.000.000" for row in ("gww", "buildings", "facilities", "mobility", "energy")
    }
    data |= {
        "a-category_spend-gww-circular": "250.000,50",
        "a-category_notes": "Schatting op basis van de spendanalyse",
    }
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "Uw antwoorden zijn opgeslagen" in response.content.decode()
    grid = Answer.objects.get(question_key="category_spend").value
    assert grid["gww"] == {"total": "1000000.00", "circular": "250000.50"}
    assert AnswerRevision.objects.get(answer__question_key="category_spend").source == "form"


def test_section_form_errors_are_shown_beside_the_field_and_in_a_summary(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    url = reverse("scan:section", args=[world.participation.pk, "organisation"])
    response = client.post(
        url,
        {
            "p-procurement_spend_total": "1",
            "a-procurement_spend_total": "€ 12,345",
            "p-tenders_count": "1",
            "a-tenders_count": "14",
            "p-respondent_role": "1",
            "a-respondent_role": "<script>alert(1)</script>",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Niet alles is opgeslagen" in html
    assert 'href="#q-procurement_spend_total"' in html
    assert 'id="q-procurement_spend_total-error"' in html
    assert 'value="€ 12,345"' in html  # what was typed stays in the field
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert set(Answer.objects.values_list("question_key", flat=True)) == {"tenders_count", "respondent_role"}


def test_section_page_queries_do_not_grow_with_the_answers(
    world, client_for, fill, definition, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    url = reverse("scan:section", args=[world.participation.pk, "categories"])
    fill({"category_spend": {"gww": {"total": "1.00"}}})
    client.get(url)
    with django_assert_max_num_queries(30) as empty:
        assert client.get(url).status_code == 200
    answers = sample_answers(definition, population=150_000, maturity=0.8, rng=random.Random(1))
    fill(answers)
    fill(sample_answers(definition, population=150_000, maturity=0.3, rng=random.Random(2)))
    with django_assert_max_num_queries(len(empty.captured_queries)):
        assert client.get(url).status_code == 200


def test_contributor_sees_unassigned_sections_read_only(world, client_for) -> None:  # type: ignore[no-untyped-def]
    member = world.participation.members.get(role="contributor")
    member.sections = ["categories"]
    member.save()
    client = client_for("contributor")
    html = client.get(reverse("scan:section", args=[world.participation.pk, "organisation"])).content.decode()
    assert "hx-post" not in html
    assert "De penvoerder heeft u deze onderdelen toegewezen" in html
    response = client.post(
        reverse("scan:section", args=[world.participation.pk, "organisation"]),
        {"p-tenders_count": "1", "a-tenders_count": "3"},
    )
    assert response.status_code == 302
    assert not Answer.objects.exists()
    html = client.get(reverse("scan:section", args=[world.participation.pk, "categories"])).content.decode()
    assert "hx-post" in html


def test_history_per_question_for_the_organisation_and_staff(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    p = world.participation
    autosave(
        client, p, "procurement_spend_total", {"a-procurement_spend_total": "1000", "v-procurement_spend_total": "0"}
    )
    autosave(
        client, p, "procurement_spend_total", {"a-procurement_spend_total": "2000", "v-procurement_spend_total": "1"}
    )
    url = reverse("scan:history", args=[p.pk, "procurement_spend_total"])
    html = client.get(url).content.decode()
    assert "€\u00a01.000,00" in html
    assert "€\u00a02.000,00" in html
    assert "Petra Penvoerder" in html
    staff = client_for("servicedesk").get(url)
    assert staff.status_code == 200
    assert AuditEntry.objects.filter(action="confidential.read", details__what="scan history").exists()
    assert client_for("foreign_penvoerder").get(url).status_code == 404


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_evidence_document_checked_by_content_and_served_only_to_permitted_users(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    p = world.participation
    url = reverse("scan:section", args=[p.pk, "policy"])
    liar = SimpleUploadedFile("beleid.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(url, {"p-policy_document": "1", "v-policy_document": "0", "a-policy_document-file": liar})
    assert response.status_code == 400
    assert "bestandstype" in response.content.decode()
    assert not EvidenceDocument.objects.exists()
    good = SimpleUploadedFile("../../Beleid <2026>.pdf", pdf_bytes(), content_type="application/octet-stream")
    response = client.post(url, {"p-policy_document": "1", "v-policy_document": "0", "a-policy_document-file": good})
    assert response.status_code == 302
    document = EvidenceDocument.objects.get()
    assert document.name == "Beleid 2026.pdf"
    assert ".." not in document.file.name
    assert Answer.objects.get(question_key="policy_document").value == {
        "document": document.pk,
        "name": "Beleid 2026.pdf",
    }
    download = reverse("scan:document", args=[p.pk, document.pk])
    response = client.get(download)
    assert response.status_code == 200
    assert response.content == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert client_for("foreign_penvoerder").get(download).status_code == 404
    assert client_for("servicedesk").get(download).status_code == 200


def test_macro_documents_and_large_files_are_refused(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    url = reverse("scan:section", args=[world.participation.pk, "policy"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", "macro")
    macro = SimpleUploadedFile("beleid.docx", buffer.getvalue())
    response = client.post(url, {"p-policy_document": "1", "v-policy_document": "0", "a-policy_document-file": macro})
    assert "macro" in response.content.decode()
    big = SimpleUploadedFile("groot.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1))
    response = client.post(url, {"p-policy_document": "1", "v-policy_document": "0", "a-policy_document-file": big})
    assert "10 MB" in response.content.decode()
    assert not EvidenceDocument.objects.exists()


def test_evidence_link_must_be_a_web_address(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    response = autosave(
        client,
        world.participation,
        "policy_document",
        {"a-policy_document-url": "javascript:alert(1)", "v-policy_document": "0"},
    )
    assert response.status_code == 422
    response = autosave(
        client,
        world.participation,
        "policy_document",
        {"a-policy_document-url": "https://www.arnhem.nl/beleid", "v-policy_document": "0"},
    )
    assert response.status_code == 200


def test_carry_forward_copies_last_years_answer_on_request(world, client_for, penvoerder, fill) -> None:  # type: ignore[no-untyped-def]
    from cim.scan.models import Response, Submission
    from cim.testing import factories as f

    earlier_edition = f.EditionFactory(programme=world.programme, year=2029, status="released")
    earlier = f.ParticipationFactory(edition=earlier_edition, organisation=world.participation.organisation)
    from cim.questionnaires.models import QuestionnaireDefinition

    response = Response.objects.create(
        participation=earlier, definition=QuestionnaireDefinition.objects.get(edition=earlier_edition)
    )
    from django.utils import timezone

    Submission.objects.create(
        response=response,
        number=1,
        receipt_code="CIM-2029-AAAAAAAA",
        submitted_at=timezone.now(),
        answers={"procurement_spend_total": "123456789.00", "regional_cooperation": ["province"]},
    )
    client = client_for("penvoerder")
    section = client.get(reverse("scan:section", args=[world.participation.pk, "organisation"])).content.decode()
    assert "In 2029 antwoordde uw organisatie:" in section
    assert "€\u00a0123.456.789,00" in section
    assert not Answer.objects.exists()  # never silently prefilled
    response = client.post(
        reverse("scan:carry", args=[world.participation.pk, "procurement_spend_total"]),
        {"v-procurement_spend_total": "0"},
    )
    assert response.status_code == 302
    answer = Answer.objects.get(question_key="procurement_spend_total")
    assert answer.value == "123456789.00"
    assert answer.revisions.get().source == "carry_forward"


def test_staff_reading_a_scan_is_audited(world, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("analyst").get(reverse("scan:section", args=[world.participation.pk, "policy"]))
    assert response.status_code == 200
    assert "uw inzage wordt vastgelegd" in response.content.decode()
    assert AuditEntry.objects.filter(action="confidential.read", details__what="scan").exists()
    assert not mail.outbox


def test_evidence_upload_by_autosave_shows_the_document_link(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    response = client.post(
        reverse("scan:autosave", args=[world.participation.pk, "policy_document"]),
        {"v-policy_document": "0", "a-policy_document-file": SimpleUploadedFile("plan.pdf", pdf_bytes())},
        **HX,
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#vraag-policy_document"
    document = EvidenceDocument.objects.get()
    assert reverse("scan:document", args=[world.participation.pk, document.pk]) in response.content.decode()
