"""The offline workbook: download, fill in, upload, preview, apply; crafted files refused."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from cim.scan.models import Answer, AnswerRevision, WorkbookImport
from cim.scan.workbook import header_labels

pytestmark = pytest.mark.django_db


def download(client, participation) -> bytes:  # type: ignore[no-untyped-def]
    response = client.get(reverse("scan:workbook", args=[participation.pk]))
    assert response.status_code == 200
    return response.content


def edit(content: bytes, changes: dict[str, object]) -> bytes:
    """Put values in the answer column (D) of the rows with these keys."""
    workbook = load_workbook(io.BytesIO(content))
    left = dict(changes)
    for ws in workbook.worksheets:
        for row in ws.iter_rows(min_row=2):
            key = row[0].value
            if key in left:
                row[3].value = left.pop(key)
    assert not left, f"keys not found: {left}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, participation, content: bytes, name: str = "werkboek.xlsx"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("scan:workbook_upload", args=[participation.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def test_download_has_instructions_sheets_lists_and_current_answers(world, client_for, fill) -> None:  # type: ignore[no-untyped-def]
    fill(
        {
            "procurement_spend_total": "1234567.89",
            "procurement_organisation": "own",
            "lessons": '=HYPERLINK("http://x")',
        }
    )
    workbook = load_workbook(io.BytesIO(download(client_for("penvoerder"), world.participation)))
    assert workbook.sheetnames[0] == "Instructies"
    assert "1. Uw organisatie en inkoop" in workbook.sheetnames
    assert workbook["_cim"].sheet_state == "veryHidden"
    sheet = workbook["1. Uw organisatie en inkoop"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert float(rows["procurement_spend_total"][3].value) == pytest.approx(1234567.89)
    assert rows["procurement_organisation"][3].value == "Eigen centrale inkoopafdeling"
    assert any(dv.type == "list" for dv in sheet.data_validations.dataValidation)
    results = {row[0].value: row for row in workbook["8. Resultaten en reflectie"].iter_rows(min_row=2)}
    lessons = results["lessons"][3]
    assert lessons.data_type == "s"
    assert lessons.value.startswith("'=")  # neutralised: never a formula
    categories = {row[0].value for row in workbook["5. Inkoopcategorieën"].iter_rows(min_row=2)}
    assert "category_spend.gww.circular" in categories


def test_round_trip_preview_then_apply_in_one_go(world, client_for, fill) -> None:  # type: ignore[no-untyped-def]
    fill({"tenders_count": 10, "lessons": "=1+1"})
    client = client_for("penvoerder")
    content = edit(
        download(client, world.participation),
        {
            "procurement_spend_total": "€ 250.000.000,00",
            "category_spend.gww.total": 40_000_000,
            "category_spend.gww.circular": "4.000.000",
            "procurement_organisation": "Decentraal bij de vakafdelingen",
            "projects.1.name": "Circulair viaduct",
            "projects.1.value": 2_500_000.5,
        },
    )
    response = upload(client, world.participation, content)
    assert response.status_code == 302
    preview = client.get(response["Location"]).content.decode()
    assert "4 antwoorden veranderen" in preview
    assert "€\u00a0250.000.000,00" in preview
    assert not Answer.objects.filter(question_key="procurement_spend_total").exists()  # nothing saved yet
    response = client.post(response["Location"], {"action": "apply"}, follow=True)
    assert "4 antwoorden uit het werkboek zijn opgeslagen" in response.content.decode()
    assert Answer.objects.get(question_key="procurement_spend_total").value == "250000000.00"
    assert Answer.objects.get(question_key="category_spend").value == {
        "gww": {"total": "40000000.00", "circular": "4000000.00"}
    }
    assert Answer.objects.get(question_key="projects").value == [{"name": "Circulair viaduct", "value": "2500000.50"}]
    assert Answer.objects.get(question_key="lessons").value == "=1+1"  # the neutralised text came back unchanged
    assert AnswerRevision.objects.filter(source="workbook").count() == 4
    assert WorkbookImport.objects.get().status == "applied"


def test_every_validation_error_is_listed_and_nothing_is_saved(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    content = edit(
        download(client, world.participation),
        {
            "procurement_spend_total": "-5",
            "circular_share_estimate": 140,
            "tenders_count": "=SUM(A1:A3)",
            "category_spend.gww.total": 100,
            "category_spend.gww.circular": 500,
            "respondent_role": "Inkoper",
        },
    )
    response = upload(client, world.participation, content)
    preview = client.get(response["Location"]).content.decode()
    assert "negatief" in preview
    assert "tussen 0 en 100" in preview
    assert "formules worden niet overgenomen" in preview
    assert "groter dan" in preview
    assert "opslaan</button>" not in preview.lower()
    workbook_import = WorkbookImport.objects.get()
    client.post(
        reverse("scan:workbook_preview", args=[world.participation.pk, workbook_import.pk]), {"action": "apply"}
    )
    assert not Answer.objects.exists()


def test_a_change_made_after_downloading_is_a_conflict_not_an_overwrite(world, client_for, fill) -> None:  # type: ignore[no-untyped-def]
    fill({"respondent_role": "Inkoper"})
    client = client_for("penvoerder")
    content = download(client, world.participation)
    colleague = client_for("contributor")
    colleague.post(
        reverse("scan:autosave", args=[world.participation.pk, "respondent_role"]),
        {"a-respondent_role": "Beleidsadviseur", "v-respondent_role": "1"},
        HTTP_HX_REQUEST="true",
    )
    # Untouched rows in the workbook do not undo the colleague's change ...
    unchanged = upload(client, world.participation, content)
    assert "verandert geen enkel antwoord" in client.get(unchanged["Location"]).content.decode()
    # ... and a different value for the same answer is shown as a conflict.
    changed = upload(client, world.participation, edit(content, {"respondent_role": "Teamleider"}))
    preview = client.get(changed["Location"]).content.decode()
    assert "heeft dit antwoord gewijzigd nadat u het werkboek downloadde" in preview
    assert Answer.objects.get(question_key="respondent_role").value == "Beleidsadviseur"


def test_contributor_cannot_change_unassigned_sections_through_the_workbook(world, client_for) -> None:  # type: ignore[no-untyped-def]
    member = world.participation.members.get(role="contributor")
    member.sections = ["categories"]
    member.save()
    client = client_for("contributor")
    content = edit(download(client, world.participation), {"tenders_count": 5, "category_spend.energy.total": 100})
    preview = client.get(upload(client, world.participation, content)["Location"]).content.decode()
    assert "niet aan u toegewezen" in preview


def workbook_bytes(build) -> bytes:  # type: ignore[no-untyped-def]
    workbook = Workbook()
    build(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_crafted_workbooks_are_refused(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    participation = world.participation
    original = download(client, participation)

    # Another sheet added
    workbook = load_workbook(io.BytesIO(original))
    workbook.create_sheet("Geheim")
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = client.get(upload(client, participation, buffer.getvalue())["Location"]).content.decode()
    assert "Onbekend tabblad" in preview

    # An extra column filled in
    workbook = load_workbook(io.BytesIO(original))
    workbook["1. Uw organisatie en inkoop"]["G3"] = "extra"
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = client.get(upload(client, participation, buffer.getvalue())["Location"]).content.decode()
    assert "extra kolommen" in preview

    # A sheet with 100,000 rows
    def many_rows(wb: Workbook) -> None:
        ws = wb.active
        ws.title = "1. Uw organisatie en inkoop"
        ws.append(header_labels())
        for n in range(100_000):
            ws.append([f"k{n}"])

    response = upload(client, participation, workbook_bytes(many_rows))
    assert response.status_code == 400
    assert "meer dan 2.000 rijen" in response.content.decode() or "meer dan 2000 rijen" in response.content.decode()

    # A PDF that says it is a workbook
    response = upload(client, participation, b"%PDF-1.4\n%%EOF\n", "werkboek.xlsx")
    assert "geen Excel-werkboek" in response.content.decode()

    # Macros (an .xlsm renamed)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/vbaProject.bin", b"\x00" * 100)
    response = upload(client, participation, buffer.getvalue())
    assert "macro" in response.content.decode()

    # A zip bomb
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/media/bomb.bin", b"\x00" * (30 * 1024 * 1024))
    response = upload(client, participation, buffer.getvalue())
    assert response.status_code == 400
    assert "gecomprimeerd" in response.content.decode() or "te groot" in response.content.decode()

    # Not a zip at all
    response = upload(client, participation, b"PK\x03\x04garbage")
    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_workbook_of_another_scan_is_refused(world, client_for) -> None:  # type: ignore[no-untyped-def]
    from cim.editions.models import ParticipationMember

    foreign = world.foreign_participation
    ParticipationMember.objects.create(participation=foreign, user=world.user("servicedesk"), role="contributor")
    content = download(client_for("foreign_penvoerder"), foreign)
    response = upload(client_for("penvoerder"), world.participation, content)
    assert response.status_code == 400
    assert "hoort bij een andere scan" in response.content.decode()


def test_discarding_changes_nothing(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    content = edit(download(client, world.participation), {"tenders_count": 7})
    location = upload(client, world.participation, content)["Location"]
    response = client.post(location, {"action": "discard"}, follow=True)
    assert "er is niets veranderd" in response.content.decode()
    assert not Answer.objects.exists()
    assert WorkbookImport.objects.get().status == "discarded"


def test_a_workbook_downloaded_in_english_can_be_uploaded_in_dutch(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    client.cookies["cim_language"] = "en"
    content = edit(download(client, world.participation), {"tenders_count": 9})
    assert "1. Your organisation and procur" in load_workbook(io.BytesIO(content)).sheetnames
    client.cookies["cim_language"] = "nl"
    location = upload(client, world.participation, content)["Location"]
    assert "1 antwoord verandert" in client.get(location).content.decode()
