"""CSV and XLSX downloads with spreadsheet formula injection neutralised in every cell."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, bool | int | float | Decimal | date):
        return value
    return neutralise(str(value))


@dataclass
class Sheet:
    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    safe = "".join(c for c in filename if c.isalnum() or c in "._-") or "download"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    response["Cache-Control"] = "no-store"
    return response


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([neutralise(str(h)) for h in header])
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cell(value: Any) -> Any:
    plain = _plain(value)
    if isinstance(plain, datetime):
        return plain.isoformat(sep=" ", timespec="minutes")
    return plain


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str = ","
) -> HttpResponse:
    response = HttpResponse(csv_bytes(header, rows, delimiter), content_type="text/csv; charset=utf-8")
    return _attachment(response, filename)


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        ws = workbook.create_sheet(title=sheet.title[:31])
        # Write-only sheets take column widths before the first row.
        for index, heading in enumerate(sheet.header, start=1):
            ws.column_dimensions[get_column_letter(index)].width = min(max(len(str(heading)) + 2, 12), 60)
        ws.append([neutralise(str(h)) for h in sheet.header])
        for row in sheet.rows:
            ws.append([_plain(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, sheets: Sequence[Sheet]) -> HttpResponse:
    return _attachment(HttpResponse(xlsx_bytes(sheets), content_type=XLSX_MIME), filename)
