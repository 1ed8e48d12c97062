import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from cim.testing.matrix import (
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    OWN_ORGANISATION_AND_STAFF,
    SERVICE_DESK_ONLY,
    STAFF_READ,
    Case,
    expect,
)

MEMBERS_EDIT = expect(NOT_FOUND, anonymous=LOGIN, penvoerder=OK, contributor=OK)
PENVOERDER_ONLY = expect(NOT_FOUND, anonymous=LOGIN, penvoerder=OK)


def ours(w):  # type: ignore[no-untyped-def]
    return {"pk": w.participation.pk}


def edition(w):  # type: ignore[no-untyped-def]
    return {"pk": w.edition.pk}


def section(w):  # type: ignore[no-untyped-def]
    return {"pk": w.participation.pk, "section": "organisation"}


def question(w):  # type: ignore[no-untyped-def]
    return {"pk": w.participation.pk, "key": "procurement_spend_total"}


def _response(w):  # type: ignore[no-untyped-def]
    from cim.questionnaires.models import QuestionnaireDefinition
    from cim.scan.models import Response

    definition = QuestionnaireDefinition.objects.get(edition=w.edition, is_active=True)
    return Response.objects.get_or_create(participation=w.participation, defaults={"definition": definition})[0]


def document(w):  # type: ignore[no-untyped-def]
    from cim.scan.models import EvidenceDocument

    doc = EvidenceDocument(
        response=_response(w),
        question_key="policy_document",
        name="beleid.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0",
    )
    doc.file.save("scan-evidence/test.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"pk": w.participation.pk, "document_pk": doc.pk}


def submitted(w):  # type: ignore[no-untyped-def]
    from cim.scan.models import Submission

    Submission.objects.create(
        response=_response(w),
        number=1,
        receipt_code="CIM-2030-TESTTEST",
        submitted_at=timezone.now(),
        submitted_by=w.users["penvoerder"],
        answers={"procurement_spend_total": "1000.00"},
    )
    w.participation.scan_status = "submitted"
    w.participation.save(update_fields=["scan_status"])
    return {"pk": w.participation.pk}


def workbook_import(w):  # type: ignore[no-untyped-def]
    from cim.scan.models import WorkbookImport

    found = WorkbookImport.objects.create(
        response=_response(w), filename="werkboek.xlsx", uploaded_by=w.users["penvoerder"], changes=[], problems=[]
    )
    return {"pk": w.participation.pk, "import_pk": found.pk}


CASES = [
    # The municipality's scan
    Case("scan:home", OWN_ORGANISATION_AND_STAFF, kwargs=ours),
    Case("scan:section", OWN_ORGANISATION_AND_STAFF, kwargs=section),
    Case(
        "scan:section",
        MEMBERS_EDIT,
        kwargs=section,
        method="post",
        data=lambda w: {
            "p-procurement_spend_total": "1",
            "a-procurement_spend_total": "1000",
            "v-procurement_spend_total": "0",
        },
        label="save",
    ),
    Case("scan:question", OWN_ORGANISATION_AND_STAFF, kwargs=question),
    Case(
        "scan:autosave",
        MEMBERS_EDIT,
        kwargs=question,
        method="post",
        data=lambda w: {"a-procurement_spend_total": "1000", "v-procurement_spend_total": "0"},
    ),
    Case("scan:autosave", expect(NOT_ALLOWED), kwargs=question, label="GET"),
    Case("scan:carry", MEMBERS_EDIT, kwargs=question, method="post"),
    Case("scan:history", OWN_ORGANISATION_AND_STAFF, kwargs=question),
    Case("scan:document", OWN_ORGANISATION_AND_STAFF, kwargs=document),
    Case("scan:review", OWN_ORGANISATION_AND_STAFF, kwargs=ours),
    Case("scan:submit", PENVOERDER_ONLY, kwargs=ours, method="post"),
    Case("scan:submit", expect(NOT_ALLOWED), kwargs=ours, label="GET"),
    Case("scan:receipt", OWN_ORGANISATION_AND_STAFF, kwargs=submitted),
    Case("scan:receipt_pdf", OWN_ORGANISATION_AND_STAFF, kwargs=submitted),
    Case("scan:workbook", OWN_ORGANISATION_AND_STAFF, kwargs=ours),
    Case("scan:workbook_upload", MEMBERS_EDIT, kwargs=ours),
    Case("scan:workbook_preview", PENVOERDER_ONLY, kwargs=workbook_import),
    Case(
        "scan:workbook_preview",
        PENVOERDER_ONLY,
        kwargs=workbook_import,
        method="post",
        data=lambda w: {"action": "discard"},
        label="discard",
    ),
    # The service desk
    Case("scan:staff_progress", SERVICE_DESK_ONLY, kwargs=edition),
    Case("scan:staff_export", SERVICE_DESK_ONLY, kwargs=edition),
    Case(
        "scan:staff_remind",
        SERVICE_DESK_ONLY,
        kwargs=edition,
        method="post",
        data=lambda w: {"participation": [w.participation.pk]},
    ),
    Case("scan:staff_remind", expect(NOT_ALLOWED), kwargs=edition, label="GET"),
    Case("scan:staff_scan", STAFF_READ, kwargs=ours),
    Case("scan:staff_reopen", SERVICE_DESK_ONLY, kwargs=submitted),
    Case(
        "scan:staff_reopen",
        SERVICE_DESK_ONLY,
        kwargs=submitted,
        method="post",
        data=lambda w: {"reason": "Verkeerd bedrag ingevuld"},
        label="reopen",
    ),
    Case("scan:staff_extend", SERVICE_DESK_ONLY, kwargs=ours),
    Case(
        "scan:staff_extend",
        SERVICE_DESK_ONLY,
        kwargs=ours,
        method="post",
        data=lambda w: {
            "until": (timezone.localtime(w.edition.submission_deadline) + dt.timedelta(days=10)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "reason": "Ziekte",
        },
        label="extend",
    ),
]
