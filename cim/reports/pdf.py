"""The report as a tagged A4 PDF (WeasyPrint, PDF/UA-1): cover, contents, page numbers, the same
charts (SVG) and tables as the page."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation

from cim.reports.content import Report

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)


def render_pdf(report: Report, charts: dict[str, Any], *, language: str) -> bytes:
    from weasyprint import CSS, HTML

    with translation.override(language):
        html = render_to_string(
            "reports/report_pdf.html",
            {
                "report": report,
                "charts": charts,
                "generated_at": timezone.now(),
                "in_pdf": True,
                "site_url": settings.SITE_URL,
            },
        )
    stylesheet = finders.find("reports/report_pdf.css")
    return HTML(string=html, base_url=None).write_pdf(
        stylesheets=[CSS(filename=stylesheet)] if stylesheet else None,
        pdf_variant="pdf/ua-1",
        pdf_tags=True,
    )
