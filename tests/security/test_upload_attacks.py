"""Upload attacks through every upload of the project: files that lie about their type, path
traversal names, oversized files, SVG with script, zip bombs. Each is refused with a Dutch message
and leaves nothing in the private storage; a good file with a hostile name is stored under a random
name inside PRIVATE_ROOT."""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import cim
from cim.core.uploads import MAX_DOCUMENT_BYTES
from cim.testing.populated import PDF
from cim.testing.world import PENVOERDER, SERVICE_DESK, World

pytestmark = pytest.mark.django_db


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
ATTACKS = {
    "exe named .pdf": ("rapport.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200),
    "html named .pdf": ("rapport.pdf", b"<html><script>alert(1)</script></html>"),
    "svg with script": ("logo.svg", SVG),
    "svg named .pdf": ("logo.pdf", SVG),
    "zip bomb as docx": (
        "bom.docx",
        _zip(
            {
                "[Content_Types].xml": b"<Types/>",
                "word/document.xml": b"<w/>",
                "word/media/x.bin": b"\0" * (30 * 1024 * 1024),
            }
        ),
    ),
    "macro document": (
        "macro.docx",
        _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>", "word/vbaProject.bin": b"x"}),
    ),
    "oversized pdf": ("groot.pdf", PDF + b"0" * (MAX_DOCUMENT_BYTES + 1)),
    "empty file": ("leeg.pdf", b""),
}
REFUSALS = (
    "bestandstype",
    "groter dan 10 MB",
    "gecomprimeerd",
    "macro",
    "leeg",
    "beschadigd",
    "niet geaccepteerd",
    "werkboek",
)


def stored_files() -> set[str]:
    root = Path(settings.PRIVATE_ROOT)
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def upload_evidence(world: World, client: Client, upload: SimpleUploadedFile) -> Any:
    return client.post(
        f"/scan/{world.participation.pk}/onderdeel/policy/",
        {"p-policy_document": "1", "v-policy_document": "0", "a-policy_document-file": upload},
    )


def upload_question(world: World, client: Client, upload: SimpleUploadedFile) -> Any:
    return client.post(
        "/servicedesk/vraag/",
        {"participation": world.participation.pk, "subject": "Vraag", "body": "Zie bijlage", "attachments": [upload]},
    )


def upload_workbook(world: World, client: Client, upload: SimpleUploadedFile) -> Any:
    return client.post(f"/scan/{world.participation.pk}/werkboek/", {"file": upload})


def upload_material(world: World, client: Client, upload: SimpleUploadedFile) -> Any:
    return client.post(
        "/beheer/materiaal/nieuw/",
        {
            "programme": world.programme.pk,
            "kind": "slides",
            "occasion": "mc1",
            "title": "Dia's",
            "description": "x",
            "attribution": "Programma",
            "upload": upload,
        },
    )


UPLOADS: dict[str, tuple[str, Callable[..., Any]]] = {
    "scan evidence": (PENVOERDER, upload_evidence),
    "service desk question": (PENVOERDER, upload_question),
    "workbook": (PENVOERDER, upload_workbook),
    "programme material": (SERVICE_DESK, upload_material),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
@pytest.mark.parametrize("where", list(UPLOADS))
def test_crafted_files_are_refused_everywhere(world, client_for, where: str, attack: str) -> None:  # type: ignore[no-untyped-def]
    role, post = UPLOADS[where]
    name, content = ATTACKS[attack]
    before = stored_files()
    response = post(world, client_for(role), SimpleUploadedFile(name, content, content_type="application/pdf"))
    assert response.status_code in (200, 400, 422), response.status_code
    html = response.content.decode()
    assert any(word in html for word in REFUSALS), html[:2000]
    assert stored_files() == before


@pytest.mark.parametrize("where", ["scan evidence", "service desk question", "programme material"])
def test_hostile_names_never_become_paths(world, client_for, where: str) -> None:  # type: ignore[no-untyped-def]
    role, post = UPLOADS[where]
    before = stored_files()
    response = post(world, client_for(role), SimpleUploadedFile("../../../../etc/cron.d/x<script>.pdf", PDF))
    assert response.status_code in (200, 302), response.content.decode()[:1000]
    new = stored_files() - before
    assert len(new) == 1
    (path,) = new
    assert ".." not in path
    assert "cron" not in path
    assert "script" not in path
    assert (Path(settings.PRIVATE_ROOT) / path).read_bytes() == PDF
    assert not Path("/etc/cron.d/x<script>.pdf").exists()


def test_every_upload_of_the_project_is_covered() -> None:
    """A new form with a file field, or a view reading request.FILES, must be added above."""
    file_forms, readers = set(), set()
    for module_info in pkgutil.walk_packages(cim.__path__, "cim."):
        if (
            ".tests" in module_info.name
            or ".migrations" in module_info.name
            or module_info.name.startswith("cim.testing")
        ):
            continue
        module = importlib.import_module(module_info.name)
        for _name, obj in inspect.getmembers(module, inspect.isclass):
            ours = issubclass(obj, forms.BaseForm) and obj.__module__ == module.__name__
            if ours and any(isinstance(f, forms.FileField) for f in obj.base_fields.values()):
                file_forms.add(f"{obj.__module__}.{obj.__name__}")
        try:
            source = inspect.getsource(module)
        except (OSError, TypeError):
            continue
        if "request.FILES" in source:
            readers.add(module.__name__)
    assert file_forms == {
        "cim.scan.views.workbook.WorkbookUploadForm",
        "cim.servicedesk.forms.AskForm",
        "cim.servicedesk.forms.ReplyForm",
        "cim.servicedesk.forms.StaffReplyForm",
        "cim.servicedesk.forms.StaffNoteForm",
        "cim.cases.forms.MaterialForm",
        # The questionnaire definition (YAML, staff only): size-limited, parsed with the safe loader
        # and checked completely; fuzzed in tests/security/test_fuzzing.py.
        "cim.questionnaires.views.DefinitionUploadForm",
    }, file_forms
    # Replies (member and staff) use the same attachment field and check as the question above.
    assert readers == {
        "cim.cases.views.material",
        "cim.servicedesk.views.member",
        "cim.servicedesk.views.staff_threads",
        "cim.scan.views.member",
        "cim.scan.views.workbook",
        "cim.scan.views.autosave",
        "cim.questionnaires.views",
    }, readers
