"""Stored XSS and formula injection, through every output at once: a payload is written into every
free-text column of every model, then every page, download and calendar file of the project is
fetched as every role that may see it. Pages must show it escaped, spreadsheets as text, calendar
files without an injected line, PDFs from escaped HTML."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
import weasyprint
from django.test import Client
from openpyxl import load_workbook

from cim.core.exports import FORMULA_PREFIXES
from cim.testing.populated import populate
from cim.testing.world import World
from tests.security.poison import MARKERS, PAYLOAD, poison_everything
from tests.security.walk import targets

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


class RecordingHTML:
    """Stands in for weasyprint.HTML: keeps the HTML every PDF is made from."""

    seen: list[str] = []
    real = weasyprint.HTML

    def __init__(self, *args: Any, string: str = "", **kwargs: Any) -> None:
        RecordingHTML.seen.append(string)
        self._real = RecordingHTML.real(*args, string=string, **kwargs)

    def write_pdf(self, *args: Any, **kwargs: Any) -> bytes:
        return self._real.write_pdf(*args, **kwargs)


def _cells_xlsx(content: bytes) -> list[Any]:
    workbook = load_workbook(io.BytesIO(content))
    cells = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            cells.extend(row)
    return cells


def check_output(label: str, response: Any) -> list[str]:
    problems = []
    kind = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if kind.startswith("text/html"):
        html = body.decode()
        problems += [f"{label}: unescaped {m!r}" for m in MARKERS if m in html and "&lt;" not in m]
        if INLINE_SCRIPT.search(html) or " style=" in html or "<style" in html:
            problems.append(f"{label}: inline script or style")
        if "Content-Security-Policy" not in response:
            problems.append(f"{label}: no Content-Security-Policy")
    elif "spreadsheetml" in kind:
        for cell in _cells_xlsx(body):
            if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES)):
                problems.append(f"{label}: formula cell {cell.coordinate} {str(cell.value)[:40]!r}")
    elif kind.startswith("text/csv"):
        for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))):
            problems += [f"{label}: formula cell {c[:40]!r}" for c in row if c.startswith(FORMULA_PREFIXES)]
    elif kind.startswith("text/calendar"):
        lines = body.decode().splitlines()
        problems += [f"{label}: injected calendar line" for line in lines if line.startswith("X-INJECTED")]
    return problems


def crawl(world: World) -> tuple[list[str], dict[str, int]]:
    problems: list[str] = []
    kinds: dict[str, int] = {}
    for target in targets(world, methods=("get",)):
        for role in target.roles_ok or ("anonymous",):
            client = Client()
            user = world.user(role)
            if user is not None:
                client.force_login(user)
            response = client.get(target.path)
            if response.status_code >= 500:
                problems.append(f"{target.url_name} as {role}: {response.status_code}")
                continue
            if response.status_code != 200:
                continue
            kind = response.get("Content-Type", "").split(";")[0]
            kinds[kind] = kinds.get(kind, 0) + 1
            problems += check_output(f"{target.url_name} as {role}", response)
    return problems, kinds


def test_payloads_in_every_text_field_never_run_in_any_output(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("weasyprint.HTML", RecordingHTML)
    RecordingHTML.seen = []
    populate(world)
    targets(world)  # create the objects the permission cases need before poisoning
    touched = poison_everything()
    assert len(touched) > 60, touched
    problems, kinds = crawl(world)
    assert not problems, "\n".join(problems[:50])
    # The crawl reached every kind of output the project has.
    assert kinds.get("text/html", 0) > 150, kinds
    for kind in (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "text/calendar",
        "application/pdf",
    ):
        assert kinds.get(kind), (kind, kinds)
    # Every PDF was made from HTML in which the payload is escaped.
    assert RecordingHTML.seen
    for html in RecordingHTML.seen:
        assert not any(m in html for m in MARKERS[:2])


def test_the_crawl_notices_unescaped_output(world, settings) -> None:  # type: ignore[no-untyped-def]
    """Proof that the crawl can fail: with autoescaping off in every template, it finds the payload."""
    populate(world)
    poison_everything()
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "OPTIONS": {**settings.TEMPLATES[0]["OPTIONS"], "autoescape": False}}
    ]
    problems, _ = crawl(world)
    assert any("unescaped" in p for p in problems)


def test_exports_keep_the_payload_as_text(world) -> None:  # type: ignore[no-untyped-def]
    from cim.core.exports import csv_bytes, neutralise

    assert neutralise(PAYLOAD).startswith("'=")
    assert csv_bytes(["a"], [[PAYLOAD]]).decode("utf-8-sig").splitlines()[1].startswith("\"'=")
