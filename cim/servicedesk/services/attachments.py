"""Attachments pass the same checks as every upload (cim.core.uploads) before anything is stored."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cim.core.errors import DomainError
from cim.core.uploads import DocumentType, display_name, validate_document
from cim.servicedesk.conversation import MAX_ATTACHMENTS
from cim.servicedesk.models import Attachment, Message


@dataclass(frozen=True)
class CheckedUpload:
    upload: Any
    document_type: DocumentType
    filename: str


def check_uploads(uploads: Sequence[Any]) -> list[CheckedUpload]:
    """Validate every upload or raise DomainError naming the file; nothing is stored here."""
    uploads = [u for u in uploads if u]
    if len(uploads) > MAX_ATTACHMENTS:
        raise DomainError(_("Voeg hoogstens %(n)s bijlagen toe.") % {"n": MAX_ATTACHMENTS})
    checked = []
    for upload in uploads:
        name = str(getattr(upload, "name", "") or "document")
        try:
            document_type = validate_document(upload, size=int(upload.size))
        except ValidationError as exc:
            shown = display_name(name, DocumentType("", ""))[:-1] or "document"
            raise DomainError(
                _("Bijlage '%(name)s': %(problem)s") % {"name": shown, "problem": " ".join(exc.messages)}
            ) from exc
        checked.append(CheckedUpload(upload, document_type, display_name(name, document_type)))
    return checked


def store_attachments(message: Message, checked: Sequence[CheckedUpload]) -> list[Attachment]:
    stored = []
    for item in checked:
        item.upload.seek(0)
        attachment = Attachment(
            message=message,
            filename=item.filename,
            content_type=item.document_type.content_type,
            size=int(item.upload.size),
        )
        attachment.file.save(f"{_random_stem()}.{item.document_type.extension}", item.upload, save=False)
        attachment.full_clean()
        attachment.save()
        stored.append(attachment)
    return stored


def _random_stem() -> str:
    import uuid

    return uuid.uuid4().hex
