"""Checks for uploaded documents: the type is read from the content, never from the name.

Accepted: PDF, DOCX, XLSX and ODT, at most 10 MB; PPTX (slides) when a caller allows it.
Office files are ZIP containers: they are inspected for their declared parts, macros are refused
and a zip bomb is stopped by the declared uncompressed size before anything is extracted.
"""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 5000
MAX_COMPRESSION_RATIO = 200


@dataclass(frozen=True)
class DocumentType:
    extension: str
    content_type: str


PDF = DocumentType("pdf", "application/pdf")
DOCX = DocumentType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = DocumentType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
ODT = DocumentType("odt", "application/vnd.oasis.opendocument.text")
PPTX = DocumentType("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")
DOCUMENT_TYPES = {t.extension: t for t in (PDF, DOCX, XLSX, ODT, PPTX)}


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, code="invalid_document")


def check_zip_container(handle: IO[bytes], *, max_uncompressed: int = MAX_UNCOMPRESSED_BYTES) -> zipfile.ZipFile:
    """Open a ZIP safely or raise ValidationError: no bombs, no encrypted entries, no macros."""
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _refuse(_("Het bestand is beschadigd of geen geldig document.")) from exc
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise _refuse(_("Het bestand bevat te veel onderdelen."))
    total = 0
    for entry in entries:
        total += entry.file_size
        if entry.flag_bits & 0x1:
            raise _refuse(_("Versleutelde documenten worden niet geaccepteerd."))
        if entry.compress_size and entry.file_size / entry.compress_size > MAX_COMPRESSION_RATIO:
            raise _refuse(_("Het bestand is verdacht sterk gecomprimeerd en wordt niet geaccepteerd."))
        name = entry.filename.lower()
        if name.endswith("vbaproject.bin") or name.startswith("basic/") or "/macros/" in name:
            raise _refuse(_("Documenten met macro's worden niet geaccepteerd."))
    if total > max_uncompressed:
        raise _refuse(_("Het bestand is uitgepakt te groot."))
    return archive


def detect_document_type(handle: IO[bytes]) -> DocumentType | None:
    handle.seek(0)
    head = handle.read(8)
    handle.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if not head.startswith(b"PK\x03\x04"):
        return None
    archive = check_zip_container(handle)
    names = set(archive.namelist())
    detected: DocumentType | None = None
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        detected = DOCX
    elif "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        detected = XLSX
    elif "[Content_Types].xml" in names and "ppt/presentation.xml" in names:
        detected = PPTX
    elif "mimetype" in names and archive.read("mimetype").strip() == ODT.content_type.encode():
        detected = ODT
    handle.seek(0)
    return detected


def validate_document(
    upload: IO[bytes], *, size: int, allowed: tuple[str, ...] = ("pdf", "docx", "xlsx", "odt")
) -> DocumentType:
    """Return the document's real type or raise ValidationError with a message for the user."""
    if size > MAX_DOCUMENT_BYTES:
        raise _refuse(_("Het bestand is groter dan 10 MB."))
    if size == 0:
        raise _refuse(_("Het bestand is leeg."))
    detected = detect_document_type(upload)
    if detected is None or detected.extension not in allowed:
        names = ", ".join(e.upper() for e in allowed)
        raise _refuse(_("Dit bestandstype wordt niet geaccepteerd. Toegestaan: %(types)s.") % {"types": names})
    return detected


def storage_name(prefix: str, document_type: DocumentType) -> str:
    """A random name under the private storage; the user's file name is never used as a path."""
    return f"{prefix}/{uuid.uuid4().hex}.{document_type.extension}"


def display_name(filename: str, document_type: DocumentType) -> str:
    """The user's file name made harmless for display and Content-Disposition."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if c.isprintable() and c not in '<>:"|?*;')[:120].strip(" .")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem or 'document'}.{document_type.extension}"
