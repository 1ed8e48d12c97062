"""A municipality downloads all its data as one ZIP: every room's part, nothing of others."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.test import Client

from cim.audit.models import AuditEntry
from cim.privacy.services import zip_path
from cim.scan.models import AnswerRevision
from cim.testing.populated import PDF, fill_scan, populate
from cim.testing.world import CONTRIBUTOR, FOREIGN_PENVOERDER, PENVOERDER

pytestmark = pytest.mark.django_db


def download(client: Client, pk: int) -> zipfile.ZipFile:
    response = client.post(f"/deelname/{pk}/gegevens/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="gegevens-GM0202-')
    assert "no-store" in response["Cache-Control"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def rows(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))


def test_penvoerder_downloads_everything_of_the_organisation(
    world, client_for, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        populate(world)
        fill_scan(world, participation=world.foreign_participation, user=world.user(FOREIGN_PENVOERDER), seed=9)
    client = client_for(PENVOERDER)
    page = client.get(f"/deelname/{world.participation.pk}/gegevens/")
    assert "ZIP-bestand downloaden" in page.content.decode()
    archive = download(client, world.participation.pk)
    names = set(archive.namelist())
    for expected in (
        "LEESMIJ.txt",
        "deelnames/deelnames.csv",
        "deelnames/team.csv",
        "scan/antwoorden.csv",
        "scan/geschiedenis.csv",
        "scan/indieningen.csv",
        "evenementen/aanmeldingen.csv",
        "servicedesk/gesprekken.csv",
        "servicedesk/berichten.csv",
        "servicedesk/suggesties.csv",
        "projecten/projecten.csv",
        "lessen/lessen.csv",
    ):
        assert expected in names, expected
    # Answers with their full history: every revision of our participation, none of Nijmegen's.
    history = rows(archive, "scan/geschiedenis.csv")
    assert len(history) == AnswerRevision.objects.filter(answer__response__participation=world.participation).count()
    assert any(r["Nieuw (JSON)"] == '"Tweede versie"' for r in history)
    # The evidence document and the attachment, byte for byte.
    documents = [n for n in names if n.startswith("scan/documenten/")]
    assert len(documents) == 1
    assert archive.read(documents[0]) == PDF
    attachments = [n for n in names if n.startswith("servicedesk/bijlagen/")]
    assert len(attachments) == 1
    assert archive.read(attachments[0]) == PDF
    # Internal notes of the service desk never leave it.
    bodies = [r["Bericht"] for r in rows(archive, "servicedesk/berichten.csv")]
    assert "De cijfers van het afgelopen jaar." in bodies
    assert not any("Interne notitie" in b for b in bodies)
    # Registrations of our attendees only.
    attendees = {r["E-mailadres"] for r in rows(archive, "evenementen/aanmeldingen.csv")}
    assert "anna@arnhem.nl" in attendees
    assert "nina@nijmegen.nl" not in attendees
    everything = b"".join(archive.read(n) for n in names)
    assert b"nijmegen" not in everything.lower()
    # The README lists every file with its checksum.
    readme = archive.read("LEESMIJ.txt").decode()
    assert "scan/antwoorden.csv" in readme
    assert "Arnhem" in readme
    entry = AuditEntry.objects.get(action="privacy.data_exported")
    assert entry.actor == world.user(PENVOERDER)
    assert entry.organisation == world.participation.organisation


def test_export_cells_are_formula_neutralised(world, client_for) -> None:  # type: ignore[no-untyped-def]
    from cim.cases.tests import objects as cases_objects

    project = cases_objects.project(world)
    type(project).objects.filter(pk=project.pk).update(title='=HYPERLINK("http://evil.example","klik")')
    archive = download(client_for(PENVOERDER), world.participation.pk)
    titles = [r["Titel"] for r in rows(archive, "projecten/projecten.csv")]
    assert titles == ['\'=HYPERLINK("http://evil.example","klik")']


def test_only_the_penvoerder_may_export(world, client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for(CONTRIBUTOR).post(f"/deelname/{world.participation.pk}/gegevens/download/").status_code == 404
    assert (
        client_for(PENVOERDER).post(f"/deelname/{world.foreign_participation.pk}/gegevens/download/").status_code == 404
    )
    assert not AuditEntry.objects.filter(action="privacy.data_exported").exists()


def test_participation_page_links_to_the_export_for_the_penvoerder_only(world, client_for) -> None:  # type: ignore[no-untyped-def]
    url = f"/deelname/{world.participation.pk}/"
    assert "/gegevens/" in client_for(PENVOERDER).get(url).content.decode()
    assert "/gegevens/" not in client_for(CONTRIBUTOR).get(url).content.decode()


@pytest.mark.parametrize(
    "path",
    ["scan/documenten/2030/1-../../etc/passwd", "/abs/../x.pdf", "servicedesk\\bijlagen\\..\\..\\x.pdf", "..", "a/./b"],
)
def test_paths_in_the_zip_never_leave_its_folder(path: str) -> None:
    result = zip_path(path)
    assert result
    assert ".." not in result.split("/")
    assert not result.startswith("/")
