"""Uploaded documents: the type comes from the content; crafted files are refused with a message."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cim.core.uploads import (
    MAX_DOCUMENT_BYTES,
    detect_document_type,
    display_name,
    storage_name,
    validate_document,
)

PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def office_zip(parts: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = office_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = office_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = office_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})


def check(data: bytes, **kwargs):  # type: ignore[no-untyped-def]
    return validate_document(io.BytesIO(data), size=len(data), **kwargs)


def refusal(data: bytes, **kwargs) -> str:  # type: ignore[no-untyped-def]
    with translation.override("nl"), pytest.raises(ValidationError) as caught:
        check(data, **kwargs)
    return caught.value.messages[0]


@pytest.mark.parametrize(("data", "extension"), [(PDF_BYTES, "pdf"), (DOCX, "docx"), (XLSX, "xlsx"), (ODT, "odt")])
def test_real_documents_are_recognised(data: bytes, extension: str) -> None:
    assert check(data).extension == extension


def test_type_comes_from_content_not_from_the_name() -> None:
    # An executable renamed to .pdf, an HTML page renamed to .docx: both refused.
    assert "Dit bestandstype wordt niet geaccepteerd" in refusal(b"MZ\x90\x00\x03" + b"\x00" * 100)
    assert "Dit bestandstype wordt niet geaccepteerd" in refusal(b"<html><script>alert(1)</script></html>")
    # A plain ZIP that claims nothing is not an office document.
    assert "Dit bestandstype wordt niet geaccepteerd" in refusal(office_zip({"readme.txt": b"hallo"}))


def test_allowed_types_can_be_narrowed() -> None:
    assert "Toegestaan: PDF." in refusal(DOCX, allowed=("pdf",))


def test_empty_and_oversized_files_are_refused() -> None:
    assert refusal(b"") == "Het bestand is leeg."
    with translation.override("nl"), pytest.raises(ValidationError) as caught:
        validate_document(io.BytesIO(PDF_BYTES), size=MAX_DOCUMENT_BYTES + 1)
    assert caught.value.messages == ["Het bestand is groter dan 10 MB."]


def test_macros_are_refused() -> None:
    docm = office_zip(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>", "word/vbaProject.bin": b"\x00" * 10}
    )
    assert refusal(docm) == "Documenten met macro's worden niet geaccepteerd."
    odt_with_basic = office_zip(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "Basic/Standard/Module1.xml": b"x"}
    )
    assert refusal(odt_with_basic) == "Documenten met macro's worden niet geaccepteerd."


def test_zip_bomb_is_stopped_before_extraction() -> None:
    bomb = office_zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w/>",
            "word/media/x.bin": b"\x00" * (20 * 1024 * 1024),
        }
    )
    assert len(bomb) < 100_000  # tiny on the outside
    assert refusal(bomb) == "Het bestand is verdacht sterk gecomprimeerd en wordt niet geaccepteerd."


def test_too_many_parts_are_refused() -> None:
    many = office_zip({f"part{i}.xml": b"" for i in range(5001)}, compression=zipfile.ZIP_STORED)
    assert refusal(many) == "Het bestand bevat te veel onderdelen."


def test_encrypted_entries_are_refused() -> None:
    data = bytearray(DOCX)
    # Set the "encrypted" flag bit in every local and central directory header.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (index := data.find(signature, start)) != -1:
            data[index + offset] |= 0x01
            start = index + 4
    assert refusal(bytes(data)) == "Versleutelde documenten worden niet geaccepteerd."


def test_truncated_zip_is_refused() -> None:
    assert refusal(DOCX[:40]) == "Het bestand is beschadigd of geen geldig document."


def test_detection_rewinds_the_upload() -> None:
    handle = io.BytesIO(DOCX)
    assert detect_document_type(handle) is not None
    assert handle.tell() == 0


def test_names_never_come_from_the_user() -> None:
    pdf = check(PDF_BYTES)
    name = storage_name("lessen", pdf)
    assert name.startswith("lessen/")
    assert name.endswith(".pdf")
    assert ".." not in name
    assert display_name("../../etc/passwd", pdf) == "passwd.pdf"
    assert display_name('C:\\Users\\x\\rapport<script>".exe', pdf) == "rapportscript.pdf"
    assert display_name("...", pdf) == "document.pdf"
