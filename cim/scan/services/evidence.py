"""Evidence documents: checked by content (PDF, DOCX, XLSX, ODT; at most 10 MB), stored under a
random name outside the web root, linked to the answer."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from cim.core.errors import DomainError
from cim.core.uploads import display_name, storage_name, validate_document
from cim.editions.models import Participation
from cim.questionnaires import model as m
from cim.scan.models import AnswerRevision, EvidenceDocument, Response
from cim.scan.services.answers import AnswerRejected, SaveOutcome, answer_save, check_section_allowed, edit_context


def evidence_upload(
    *,
    user: Any,
    participation: Participation,
    question_key: str,
    upload: UploadedFile,
    base_version: int,
    source: str = AnswerRevision.Source.AUTOSAVE,
) -> SaveOutcome:
    ctx = edit_context(user=user, participation=participation)
    question = ctx.definition.question(question_key)
    if question is None or question.type != m.EVIDENCE:
        raise DomainError(_("Bij deze vraag kunt u geen document uploaden."))
    check_section_allowed(ctx, question)
    try:
        document_type = validate_document(upload, size=upload.size or 0)
    except ValidationError as exc:
        raise AnswerRejected(" ".join(exc.messages), code="document") from exc
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    with transaction.atomic():
        response, _created = Response.objects.get_or_create(
            participation=participation, defaults={"definition_id": ctx.definition_id}
        )
        document = EvidenceDocument(
            response=response,
            question_key=question_key,
            name=display_name(upload.name or "", document_type),
            content_type=document_type.content_type,
            size=upload.size or 0,
            sha256=digest.hexdigest(),
            uploaded_by=user,
        )
        document.file.save(storage_name("scan-evidence", document_type), upload, save=False)
        try:
            document.save()
            outcome = answer_save(
                user=user,
                participation=participation,
                question_key=question_key,
                value={"document": document.pk, "name": document.name},
                base_version=base_version,
                source=source,
            )
        except Exception:
            document.file.delete(save=False)
            raise
        if outcome.status == "conflict":
            transaction.set_rollback(True)
            document.file.delete(save=False)
    return outcome


def evidence_document(participation: Participation, document_id: Any) -> EvidenceDocument | None:
    """A document of this participation's scan (the caller has checked access to it)."""
    try:
        return EvidenceDocument.objects.filter(response__participation=participation, pk=int(document_id)).first()
    except (TypeError, ValueError):
        return None
