"""The workbook upload: propose changes (nothing saved), then apply them all in one transaction."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cim.core.errors import DomainError
from cim.editions.models import Participation
from cim.questionnaires import model as m
from cim.questionnaires import values
from cim.scan import logic, rules
from cim.scan.merge import merge
from cim.scan.models import Answer, AnswerRevision, Response, WorkbookImport
from cim.scan.services.answers import answers_save, edit_context
from cim.scan.workbook import WorkbookRejected, open_upload, parse_workbook


def workbook_prepare(*, user: Any, participation: Participation, upload: UploadedFile) -> WorkbookImport:
    """Read an uploaded workbook and record what it would change and every problem. Raises
    DomainError when the file itself is refused."""
    ctx = edit_context(user=user, participation=participation)
    try:
        workbook = open_upload(upload, upload.size or 0)
    except WorkbookRejected as exc:
        raise DomainError(exc.message, code="workbook") from exc
    try:
        parsed = parse_workbook(workbook, ctx.definition)
    except WorkbookRejected as exc:
        raise DomainError(exc.message, code="workbook") from exc
    finally:
        workbook.close()
    problems = list(parsed.problems)
    if parsed.participation_id is not None and parsed.participation_id != participation.pk:
        raise DomainError(
            _("Dit werkboek hoort bij een andere scan. Download het werkboek van deze scan en vul dat in.")
        )
    if parsed.checksum and parsed.checksum != ctx.definition.checksum:
        raise DomainError(
            _("Dit werkboek hoort bij een andere versie van de vragenlijst. Download het werkboek opnieuw.")
        )
    response, _created = Response.objects.get_or_create(
        participation=participation, defaults={"definition_id": ctx.definition_id}
    )
    current = {a.question_key: a for a in Answer.objects.filter(response=response).select_related("updated_by")}
    bases = _base_values(current, parsed.versions)
    changes = []
    state = {k: a.value for k, a in current.items()}
    for question in ctx.definition.questions:
        if question.key not in parsed.values:
            continue
        new = parsed.values[question.key]
        base_version = parsed.versions.get(
            question.key, current[question.key].version if question.key in current else 0
        )
        base = bases.get(question.key) if base_version else None
        if question.type == m.EVIDENCE and new is None and isinstance(base, dict) and "document" in base:
            continue  # documents are not in the workbook; an empty link cell keeps them
        if new == base:
            continue  # not changed in the workbook
        answer = current.get(question.key)
        stored = answer.value if answer else None
        if new == stored:
            continue
        if not rules.may_edit_section(role=ctx.role, sections=ctx.sections, section_key=question.section_key):
            problems.append(
                _("%(n)s %(text)s: dit onderdeel is niet aan u toegewezen.")
                % {"n": question.number, "text": question.text.get()}
            )
            continue
        ok, _merged = merge(question, base, new, stored)
        conflict = ""
        if not ok:
            conflict = _("%(name)s heeft dit antwoord gewijzigd nadat u het werkboek downloadde.") % {
                "name": answer.updated_by.display_name if answer and answer.updated_by else _("Iemand anders")
            }
            problems.append(f"{question.number} {question.text.get()}: {conflict}")
        state[question.key] = new
        changes.append(
            {
                "key": question.key,
                "section": question.section_key,
                "number": question.number,
                "old": stored,
                "new": new,
                "base_version": base_version,
                "conflict": conflict,
            }
        )
    for key in [c["key"] for c in changes]:
        problems.extend(logic.hard_check_errors(ctx.definition, state, key))
    problems = list(dict.fromkeys(problems))
    WorkbookImport.objects.filter(response=response, status=WorkbookImport.Status.PENDING, uploaded_by=user).update(
        status=WorkbookImport.Status.DISCARDED, decided_at=timezone.now()
    )
    return WorkbookImport.objects.create(
        response=response,
        filename=(upload.name or "werkboek.xlsx")[:150],
        changes=changes,
        problems=problems[:500],
        uploaded_by=user,
    )


def _base_values(current: dict[str, Answer], versions: dict[str, int]) -> dict[str, Any]:
    """The answers as they were when the workbook was downloaded (from the history)."""
    wanted = {
        (current[key].pk, version)
        for key, version in versions.items()
        if key in current and version and version != current[key].version
    }
    result = {key: a.value for key, a in current.items() if versions.get(key, a.version) == a.version}
    if wanted:
        by_answer = {a.pk: key for key, a in current.items()}
        for revision in AnswerRevision.objects.filter(answer_id__in={pk for pk, _v in wanted}).only(
            "answer_id", "version", "new_value"
        ):
            if (revision.answer_id, revision.version) in wanted:
                result[by_answer[revision.answer_id]] = revision.new_value
    return result


@transaction.atomic
def workbook_apply(*, user: Any, participation: Participation, workbook_import: WorkbookImport) -> int:
    """Apply every change of a checked upload in one transaction, or nothing."""
    locked = WorkbookImport.objects.select_for_update().get(pk=workbook_import.pk)
    if locked.status != WorkbookImport.Status.PENDING:
        raise DomainError(_("Dit werkboek is al verwerkt."), code="done")
    if locked.problems:
        raise DomainError(_("Los eerst de problemen in het werkboek op en upload het opnieuw."), code="problems")
    changes = {c["key"]: (c["new"], int(c["base_version"])) for c in locked.changes}
    if changes:
        answers_save(
            user=user,
            participation=participation,
            changes=changes,
            source=AnswerRevision.Source.WORKBOOK,
            all_or_nothing=True,
        )
    locked.status = WorkbookImport.Status.APPLIED
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_at"])
    return len(changes)


def workbook_discard(*, workbook_import: WorkbookImport) -> None:
    if workbook_import.status == WorkbookImport.Status.PENDING:
        workbook_import.status = WorkbookImport.Status.DISCARDED
        workbook_import.decided_at = timezone.now()
        workbook_import.save(update_fields=["status", "decided_at"])


def change_texts(definition: m.Definition, change: dict[str, Any]) -> tuple[str, str]:
    question = definition.question(change["key"])
    if question is None:
        return "", ""
    return values.display_question(question, change["old"]), values.display_question(question, change["new"])
