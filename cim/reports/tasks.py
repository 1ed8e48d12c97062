"""Background work of the reports room: thin, load by id and call the service."""

from __future__ import annotations

from django.tasks import task


@task
def generate_report_pdf(pdf_id: int) -> None:
    from cim.reports.services import pdf_generate

    pdf_generate(pdf_id=pdf_id)
