"""CSV and XLSX exports: text that a spreadsheet would run as a formula is neutralised."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from cim.core.exports import Sheet, csv_bytes, csv_response, neutralise, xlsx_bytes, xlsx_response

PAYLOADS = ['=HYPERLINK("http://evil","klik")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "|calc", "%0A=1"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_neutralise_prefixes_formula_text(payload: str) -> None:
    assert neutralise(payload) == "'" + payload


@pytest.mark.parametrize("harmless", ["Arnhem", "GM0202", "", " =niet aan het begin", "1.234,56"])
def test_neutralise_leaves_ordinary_text(harmless: str) -> None:
    assert neutralise(harmless) == harmless


def test_neutralise_leaves_numbers_alone() -> None:
    assert neutralise(-5) == -5
    assert neutralise(Decimal("-1.5")) == Decimal("-1.5")


def test_csv_neutralises_every_cell_and_header() -> None:
    data = csv_bytes(["=kop", "Naam"], [["=1+1", "Arnhem"], ["@cmd", None], [Decimal("-3.50"), dt.date(2026, 1, 2)]])
    assert data.startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["'=kop", "Naam"]
    assert rows[1] == ["'=1+1", "Arnhem"]
    assert rows[2] == ["'@cmd", ""]
    assert rows[3] == ["-3.50", "2026-01-02"]


def test_xlsx_neutralises_text_and_keeps_numbers() -> None:
    data = xlsx_bytes(
        [Sheet("Blad met een heel erg lange naam van meer dan 31 tekens", ["=kop"], [["=1+1", 42, "<b>x</b>"]])]
    )
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Blad met een heel erg lange naa"
    assert sheet["A1"].value == "'=kop"
    assert sheet["A2"].value == "'=1+1"
    assert sheet["A2"].data_type == "s"  # stored as text, never as a formula
    assert sheet["B2"].value == 42
    assert sheet["C2"].value == "<b>x</b>"


def test_download_responses_are_attachments_with_safe_names() -> None:
    response = csv_response('inlog"codes\r\n.csv', ["a"], [["b"]])
    assert response["Content-Disposition"] == 'attachment; filename="inlogcodes.csv"'
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"].startswith("text/csv")
    response = xlsx_response("../../etc/passwd.xlsx", [Sheet("x", ["a"], [])])
    assert response["Content-Disposition"] == 'attachment; filename="....etcpasswd.xlsx"'
