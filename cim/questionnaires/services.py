"""Writes of questionnaire definitions: install at edition creation, upload for a draft edition."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from cim.audit.log import record
from cim.core.errors import DomainError
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition
from cim.questionnaires.loader import LoadedDefinition, load_definition
from cim.questionnaires.models import DefinitionQuestion, QuestionnaireDefinition
from cim.questionnaires.problems import DefinitionInvalid
from cim.questionnaires.selectors import earlier_definitions

logger = logging.getLogger(__name__)
SHIPPED_DIR = Path(__file__).resolve().parent / "definitions"
MAX_UPLOAD_BYTES = 1_000_000


def shipped_years() -> list[int]:
    return sorted(int(p.stem.rsplit("-", 1)[1]) for p in SHIPPED_DIR.glob("monitor-*.yaml"))


def shipped_source(year: int) -> str | None:
    path = SHIPPED_DIR / f"monitor-{year}.yaml"
    return path.read_text(encoding="utf-8") if path.exists() else None


def retarget_year(source: str, year: int) -> str:
    """A definition of another year as the starting point for `year` (staff review it in draft)."""
    match = re.search(r"^edition:\s*(\d{4})\s*$", source, flags=re.MULTILINE)
    if match is None:
        return source
    old = match.group(1)
    source = source[: match.start()] + f"edition: {year}" + source[match.end() :]
    return source.replace(f"Monitor {old}", f"Monitor {year}")


def decode_upload(content: bytes) -> str:
    if len(content) > MAX_UPLOAD_BYTES:
        raise DomainError(_("Het bestand is groter dan 1 MB."))
    if b"\x00" in content:
        raise DomainError(_("Dit is geen tekstbestand. Upload de vragenlijst als YAML-bestand (.yaml)."))
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DomainError(_("Het bestand is geen UTF-8-tekst. Sla het op als UTF-8 en upload het opnieuw.")) from exc


@transaction.atomic
def definition_install(*, actor: Any, edition: Edition, source: str, filename: str = "") -> QuestionnaireDefinition:
    """Check a definition and make it the edition's questionnaire. Raises DefinitionInvalid (with
    every problem and its position) or DomainError (the edition's questionnaire is frozen)."""
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    current = QuestionnaireDefinition.objects.filter(edition=locked, is_active=True).exists()
    if current and locked.status != EditionStatus.DRAFT:
        raise DomainError(
            _(
                "De vragenlijst van een editie ligt vast zodra de editie open is. Alleen in voorbereiding kan een nieuwe versie worden geüpload."
            ),
            code="frozen",
        )
    loaded = load_definition(source, expected_year=locked.year, earlier=earlier_definitions(locked))
    QuestionnaireDefinition.objects.filter(edition=locked, is_active=True).update(is_active=False)
    version = (QuestionnaireDefinition.objects.filter(edition=locked).aggregate(v=Max("version"))["v"] or 0) + 1
    row = QuestionnaireDefinition.objects.create(
        edition=locked,
        version=version,
        source=source,
        filename=filename[:200],
        checksum=loaded.checksum,
        question_count=len(loaded.definition.questions),
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _store_questions(row, loaded)
    if actor is not None:  # the automatic first version follows from `edition.created`, audited there
        record(
            "questionnaire.uploaded",
            actor=actor,
            obj=row,
            programme=locked.programme,
            details={
                "version": version,
                "questions": row.question_count,
                "checksum": loaded.checksum[:12],
                "file": filename,
            },
        )
    return row


def _store_questions(row: QuestionnaireDefinition, loaded: LoadedDefinition) -> None:
    DefinitionQuestion.objects.bulk_create(
        [
            DefinitionQuestion(
                definition=row,
                key=q.key,
                section_key=q.section_key,
                position=position,
                type=q.type,
                text_nl=q.text.nl,
                text_en=q.text.en,
                continues=list(q.continued_keys),
                tags={k: list(v) for k, v in q.tags.items()},
            )
            for position, q in enumerate(loaded.definition.questions, start=1)
        ]
    )


def definition_install_default(*, edition: Edition) -> QuestionnaireDefinition | None:
    """Give a new edition its questionnaire: the shipped file for its year, else the previous
    edition's questionnaire (or the newest shipped one) retargeted to its year."""
    source = shipped_source(edition.year)
    filename = f"monitor-{edition.year}.yaml"
    if source is None:
        previous = (
            QuestionnaireDefinition.objects.filter(
                edition__programme_id=edition.programme_id, edition__year__lt=edition.year, is_active=True
            )
            .order_by("-edition__year")
            .first()
        )
        if previous is not None:
            source, filename = previous.source, previous.filename
        else:
            newest = max(shipped_years(), default=None)
            if newest is None:
                return None
            source, filename = shipped_source(newest) or "", f"monitor-{newest}.yaml"
        source = retarget_year(source, edition.year)
    try:
        return definition_install(actor=None, edition=edition, source=source, filename=filename)
    except (DefinitionInvalid, DomainError) as exc:
        logger.warning("no questionnaire installed for edition %s: %s", edition.pk, exc)
        return None


def definition_upload(*, actor: Any, edition: Edition, content: bytes, filename: str) -> QuestionnaireDefinition:
    """Staff upload a new version for a draft edition; rejected uploads are audited too."""
    text = decode_upload(content)
    try:
        return definition_install(actor=actor, edition=edition, source=text, filename=filename)
    except DefinitionInvalid as exc:
        record(
            "questionnaire.rejected",
            actor=actor,
            obj=edition,
            programme=edition.programme,
            details={"file": filename[:200], "problems": [str(p) for p in exc.problems[:20]]},
        )
        raise
