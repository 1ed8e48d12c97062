"""What the scan contributes to data rights: answers with their full history, submissions and
evidence documents in the export; the name in the answer history when a person is anonymised;
the retention of uploaded workbooks (see docs/security.md#data-rights)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cim.core.exports import csv_bytes
from cim.core.registry import (
    DataExportPart,
    DataScope,
    DataSubject,
    ExportFile,
    PersonDataHolder,
    RetentionRule,
    register_data_export,
    register_person_data,
    register_retention,
)
from cim.questionnaires.models import DefinitionQuestion
from cim.scan.models import Answer, AnswerRevision, EvidenceDocument, Submission, WorkbookImport

ANONYMISED = "Geanonimiseerd"
WORKBOOK_RETENTION_DAYS = 30


def _json(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _question_texts(definition_ids: set[int], language: str) -> dict[tuple[int, str], str]:
    field = "text_en" if language == "en" else "text_nl"
    rows = DefinitionQuestion.objects.filter(definition_id__in=definition_ids).values_list(
        "definition_id", "key", field, "text_nl"
    )
    return {(d, key): text or text_nl for d, key, text, text_nl in rows}


def _export(scope: DataScope) -> Iterator[ExportFile]:
    ids = [p.pk for p in scope.participations]
    with translation.override(scope.language):
        answers = list(
            Answer.objects.filter(response__participation_id__in=ids)
            .select_related("response__participation__edition", "updated_by")
            .order_by("response__participation__edition__year", "question_key")
        )
        texts = _question_texts({a.response.definition_id for a in answers}, scope.language)
        yield ExportFile(
            "scan/antwoorden.csv",
            csv_bytes(
                [
                    _("Editie"),
                    _("Vraag (sleutel)"),
                    _("Vraag"),
                    _("Antwoord (JSON)"),
                    _("Versie"),
                    _("Gewijzigd op"),
                    _("Gewijzigd door"),
                ],
                (
                    [
                        a.response.participation.edition.year,
                        a.question_key,
                        texts.get((a.response.definition_id, a.question_key), ""),
                        _json(a.value),
                        a.version,
                        a.updated_at,
                        a.updated_by.display_name if a.updated_by else "",
                    ]
                    for a in answers
                ),
            ),
        )
        revisions = (
            AnswerRevision.objects.filter(answer__response__participation_id__in=ids)
            .select_related("answer__response__participation__edition")
            .order_by("answer__response__participation__edition__year", "answer__question_key", "version")
        )
        yield ExportFile(
            "scan/geschiedenis.csv",
            csv_bytes(
                [
                    _("Editie"),
                    _("Vraag (sleutel)"),
                    _("Versie"),
                    _("Oud (JSON)"),
                    _("Nieuw (JSON)"),
                    _("Gewijzigd op"),
                    _("Gewijzigd door"),
                    _("Hoe"),
                ],
                (
                    [
                        r.answer.response.participation.edition.year,
                        r.answer.question_key,
                        r.version,
                        _json(r.old_value),
                        _json(r.new_value),
                        r.changed_at,
                        r.changed_by_label,
                        r.get_source_display(),
                    ]
                    for r in revisions.iterator(chunk_size=2000)
                ),
            ),
        )
        submissions = list(
            Submission.objects.filter(response__participation_id__in=ids)
            .select_related("response__participation__edition", "submitted_by")
            .order_by("response__participation__edition__year", "number")
        )
        yield ExportFile(
            "scan/indieningen.csv",
            csv_bytes(
                [
                    _("Editie"),
                    _("Volgnummer"),
                    _("Kenmerk"),
                    _("Ingediend op"),
                    _("Ingediend door"),
                    _("Heropend op"),
                    _("Reden heropenen"),
                ],
                (
                    [
                        s.response.participation.edition.year,
                        s.number,
                        s.receipt_code,
                        s.submitted_at,
                        s.submitted_by.display_name if s.submitted_by else "",
                        s.reopened_at,
                        s.reopen_reason,
                    ]
                    for s in submissions
                ),
            ),
        )
        for s in submissions:
            year = s.response.participation.edition.year
            yield ExportFile(
                f"scan/indieningen/{year}-{s.number}-{s.receipt_code}.json",
                json.dumps(s.answers, ensure_ascii=False, indent=2, sort_keys=True).encode(),
            )
        documents = EvidenceDocument.objects.filter(response__participation_id__in=ids).select_related(
            "response__participation__edition"
        )
        for document in documents.order_by("pk"):
            try:
                with document.file.open("rb") as handle:
                    content = handle.read()
            except OSError:
                continue  # a file lost from storage is reported by the backup check, not here
            year = document.response.participation.edition.year
            yield ExportFile(f"scan/documenten/{year}/{document.pk}-{document.name}", content)


def _count(subject: DataSubject) -> int:
    if subject.user is None:
        return 0
    return AnswerRevision.objects.filter(changed_by=subject.user).exclude(changed_by_label=ANONYMISED).count()


def _anonymise(subject: DataSubject, now: Any) -> int:
    if subject.user is None:
        return 0
    return (
        AnswerRevision.objects.filter(changed_by=subject.user)
        .exclude(changed_by_label=ANONYMISED)
        .update(changed_by_label=ANONYMISED)
    )


def _workbooks_retention(now: Any, dry_run: bool) -> int:
    due = WorkbookImport.objects.filter(created_at__lt=now - dt.timedelta(days=WORKBOOK_RETENTION_DAYS))
    count = due.count()
    if not dry_run and count:
        due.delete()
    return count


register_data_export(
    DataExportPart(
        "scan",
        gettext_lazy("De scan: antwoorden met hun geschiedenis, indieningen en bewijsstukken"),
        _export,
        order=20,
    )
)
register_person_data(
    PersonDataHolder("scan", gettext_lazy("Naam in de geschiedenis van antwoorden"), _count, _anonymise, order=20)
)
register_retention(
    RetentionRule(
        "scan.workbooks",
        gettext_lazy("Geüploade werkboeken (kopie van voorgestelde wijzigingen)"),
        gettext_lazy("30 dagen na uploaden; de antwoorden en hun geschiedenis blijven"),
        _workbooks_retention,
        order=20,
    )
)
