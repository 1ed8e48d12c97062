"""The receipt of a submitted scan: the same content as a page and as a tagged PDF (WeasyPrint)."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from cim.editions.models import Participation
from cim.questionnaires.selectors import edition_definition
from cim.scan.models import Submission
from cim.scan.pages import answer_sheet

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one line per page step is noise


def receipt_context(participation: Participation, submission: Submission) -> dict[str, Any]:
    definition = edition_definition(participation.edition_id)
    return {
        "participation": participation,
        "submission": submission,
        "definition": definition,
        "sheet": answer_sheet(definition, submission.answers or {}) if definition else [],
    }


def receipt_pdf(participation: Participation, submission: Submission, *, language: str | None = None) -> bytes:
    from weasyprint import CSS, HTML

    with translation.override(language or translation.get_language() or "nl"):
        html = render_to_string("scan/receipt_pdf.html", receipt_context(participation, submission))
    stylesheet = finders.find("scan/receipt.css")
    return HTML(string=html, base_url=None).write_pdf(
        stylesheets=[CSS(filename=stylesheet)] if stylesheet else None,
        pdf_variant="pdf/ua-1",
        pdf_tags=True,
    )
