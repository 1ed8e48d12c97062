"""Open data downloads: CSV, XLSX, JSON with metadata, "x" for suppressed cells, formulas neutralised."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cim.organisations.models import Organisation
from cim.statistics.selectors import published_release

pytestmark = pytest.mark.django_db

PAYLOAD = '=HYPERLINK("http://evil.example","klik")'


def url(edition, key: str, fmt: str) -> str:  # type: ignore[no-untyped-def]
    return reverse("statistics:download", args=[edition.pk, key, fmt])


def suppressed_table(release):  # type: ignore[no-untyped-def]
    for key, table in release.tables.items():
        if any(c.value is None for c in table.cells):
            return key
    return None


def test_every_published_table_downloads_in_three_formats(published, client) -> None:  # type: ignore[no-untyped-def]
    release = published_release(published.edition)
    assert release is not None
    for key in release.tables:
        for fmt in ("csv", "xlsx", "json"):
            response = client.get(url(published.edition, key, fmt))
            assert response.status_code == 200, (key, fmt)
            assert f"statistieken-2030-{key}.{fmt}" in response["Content-Disposition"]


def test_json_has_metadata_and_marks_suppressed_cells(published, client) -> None:  # type: ignore[no-untyped-def]
    release = published_release(published.edition)
    key = suppressed_table(release) or "total_by_province"
    data = json.loads(client.get(url(published.edition, key, "json")).content)
    meta = data["metadata"]
    assert meta["table"] == key
    assert meta["edition"]["year"] == 2030
    assert meta["suppression_marker"] == "x"
    assert meta["unit"]
    assert meta["definition"]
    assert meta["method"]
    values = {(c["row"], c["column"]): c["value"] for c in data["cells"]}
    for cell in release.tables[key].cells:  # type: ignore[union-attr]
        assert values[(cell.row, cell.column)] == ("x" if cell.value is None else str(cell.value))
    # Nothing confidential: no parameters, no reasons.
    text = json.dumps(data)
    for word in ("min_contributors", "dominance", "primary", "secondary", '"p"'):
        assert word not in text


def test_csv_and_xlsx_neutralise_formulas(published, client) -> None:  # type: ignore[no-untyped-def]
    Organisation.objects.filter(cbs_code="PV25").update(name=PAYLOAD)
    body = client.get(url(published.edition, "total_by_province", "csv")).content.decode("utf-8-sig")
    lines = body.splitlines()
    assert lines[0].startswith("# table: total_by_province")
    assert any(line.startswith("# suppression_marker: x") for line in lines)
    table = list(csv.reader(io.StringIO("\n".join(line for line in lines if not line.startswith("#")))))
    assert table[0] == ["rij", "rij (naam)", "kolom", "kolom (naam)", "waarde"]
    names = {row[1] for row in table[1:]}
    assert "'" + PAYLOAD in names
    assert PAYLOAD not in names
    workbook = load_workbook(io.BytesIO(client.get(url(published.edition, "total_by_province", "xlsx")).content))
    cells = [c.value for row in workbook["Tabel"].iter_rows() for c in row]
    assert "'" + PAYLOAD in cells
    assert PAYLOAD not in cells
    meta = {row[0].value: row[1].value for row in workbook["Metadata"].iter_rows(min_row=2)}
    assert meta["suppression_marker"] == "x"
    assert meta["table"] == "total_by_province"
    for row in workbook["Tabel"].iter_rows():
        for cell in row:
            assert not (isinstance(cell.value, str) and cell.value.startswith("=")), cell.value
