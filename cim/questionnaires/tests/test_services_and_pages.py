"""Definitions in the database: installed with a new edition, uploaded for a draft, frozen once open."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cim.audit.models import AuditEntry
from cim.core.errors import DomainError
from cim.questionnaires.models import DefinitionQuestion, QuestionnaireDefinition
from cim.questionnaires.services import SHIPPED_DIR, definition_install, retarget_year
from cim.testing import factories as f

pytestmark = pytest.mark.django_db


def test_a_new_edition_gets_the_shipped_definition_of_its_year() -> None:
    edition = f.EditionFactory(year=2025, status="draft")
    row = QuestionnaireDefinition.objects.get(edition=edition)
    assert row.version == 1
    assert row.filename == "monitor-2025.yaml"
    assert DefinitionQuestion.objects.filter(
        definition=row, key="policy_general_maturity", continues=["policy_circular"]
    ).exists()


def test_a_year_without_a_file_starts_from_the_previous_edition() -> None:
    first = f.EditionFactory(year=2026, status="draft")
    later = f.EditionFactory(programme=first.programme, year=2027, status="draft")
    row = QuestionnaireDefinition.objects.get(edition=later)
    assert "edition: 2027" in row.source
    assert "Circulair Inkopen Monitor 2027" in row.source


def test_upload_for_a_draft_makes_a_new_version(world, client_for) -> None:  # type: ignore[no-untyped-def]
    edition = world.edition
    edition.status = "draft"
    edition.save()
    text = retarget_year((SHIPPED_DIR / "monitor-2026.yaml").read_text(), edition.year).replace(
        "Wat is uw functie?", "Wat is uw rol?"
    )
    response = client_for("servicedesk").post(
        reverse("questionnaires:staff_definition", args=[edition.pk]),
        {"file": SimpleUploadedFile("nieuw.yaml", text.encode())},
        follow=True,
    )
    assert "Versie 2 is nu de vragenlijst" in response.content.decode()
    assert QuestionnaireDefinition.objects.get(edition=edition, is_active=True).version == 2
    preview = client_for("servicedesk").get(reverse("questionnaires:staff_preview", args=[edition.pk])).content.decode()
    assert "Wat is uw rol?" in preview
    assert "Er wordt niets opgeslagen" in preview
    assert AuditEntry.objects.filter(action="questionnaire.uploaded").exists()


def test_upload_with_problems_lists_them_with_positions_and_changes_nothing(world, client_for) -> None:  # type: ignore[no-untyped-def]
    edition = world.edition
    edition.status = "draft"
    edition.save()
    text = retarget_year((SHIPPED_DIR / "monitor-2026.yaml").read_text(), edition.year).replace(
        "type: percentage", "type: procent", 1
    )
    response = client_for("servicedesk").post(
        reverse("questionnaires:staff_definition", args=[edition.pk]),
        {"file": SimpleUploadedFile("fout.yaml", text.encode())},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Onbekend vraagtype &#x27;procent&#x27;" in html or "Onbekend vraagtype 'procent'" in html
    assert "regel " in html
    assert QuestionnaireDefinition.objects.filter(edition=edition).count() == 1
    assert AuditEntry.objects.filter(action="questionnaire.rejected").exists()


@pytest.mark.parametrize("content", [b"\x00\x01binary", "tekst".encode("utf-16"), b"x" * 1_000_001])
def test_files_that_are_not_yaml_text_are_refused(world, client_for, content) -> None:  # type: ignore[no-untyped-def]
    edition = world.edition
    edition.status = "draft"
    edition.save()
    response = client_for("servicedesk").post(
        reverse("questionnaires:staff_definition", args=[edition.pk]), {"file": SimpleUploadedFile("x.yaml", content)}
    )
    assert response.status_code == 400
    assert QuestionnaireDefinition.objects.filter(edition=edition).count() == 1


def test_definition_is_frozen_once_the_edition_is_open(world) -> None:  # type: ignore[no-untyped-def]
    text = retarget_year((SHIPPED_DIR / "monitor-2026.yaml").read_text(), world.edition.year)
    with pytest.raises(DomainError) as info:
        definition_install(actor=world.user("servicedesk"), edition=world.edition, source=text)
    assert info.value.code == "frozen"


def test_preview_shows_conditions_and_every_section(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("servicedesk")
    html = client.get(
        reverse("questionnaires:staff_preview", args=[world.edition.pk]) + "?onderdeel=policy"
    ).content.decode()
    assert "Wordt getoond als het antwoord op vraag 2.3" in html
    assert "hx-post" not in html
    assert (
        client.get(reverse("questionnaires:staff_preview", args=[world.edition.pk]) + "?onderdeel=nope").status_code
        == 404
    )
    source = client.get(reverse("questionnaires:staff_source", args=[world.edition.pk]))
    assert source.content.decode().startswith("# Circulair Inkopen Monitor")
