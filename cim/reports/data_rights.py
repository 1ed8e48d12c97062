"""What the feedback report contributes to the organisation's data export: for every edition whose
results are released, the scores (CSV) and the report as a PDF in the export's language — the
stored PDF when it is current, else made now (see docs/security.md#data-rights)."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cim.core.exports import csv_bytes
from cim.core.registry import DataExportPart, DataScope, ExportFile, register_data_export
from cim.reports.content import report_of
from cim.reports.models import ReportPdf
from cim.reports.pdf import render_pdf
from cim.reports.report_charts import charts_for
from cim.reports.selectors import report_fingerprint
from cim.scoring.models import Score


def _stored_pdf(participation_id: int, language: str, fingerprint: str) -> bytes | None:
    pdf = ReportPdf.objects.filter(
        participation_id=participation_id, language=language, fingerprint=fingerprint, status=ReportPdf.Status.DONE
    ).first()
    if pdf is None or not pdf.file:
        return None
    try:
        with pdf.file.open("rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def _export(scope: DataScope) -> Iterator[ExportFile]:
    released = [p for p in scope.participations if p.edition.results_visible]
    scores = {s.participation_id: s for s in Score.objects.filter(participation__in=released)}
    with translation.override(scope.language):
        yield ExportFile(
            "terugkoppeling/scores.csv",
            csv_bytes(
                [_("Editie"), _("Totaalscore"), _("Strategisch niveau"), _("Operationeel niveau"), _("Fase")],
                [
                    [p.edition.year, s.overall, s.strategic, s.operational, s.stage]
                    for p in released
                    if (s := scores.get(p.pk)) is not None
                ],
            ),
        )
        for participation in released:
            if participation.pk not in scores:
                continue
            fingerprint = report_fingerprint(participation, scope.language)
            content = _stored_pdf(participation.pk, scope.language, fingerprint)
            if content is None:
                # Related lessons depend on who reads; the export shows none rather than guess.
                report = report_of(participation, user=AnonymousUser())
                if report is None:
                    continue
                content = render_pdf(report, charts_for(report, fingerprint), language=scope.language)
            yield ExportFile(f"terugkoppeling/rapport-{participation.edition.year}.pdf", content)


register_data_export(
    DataExportPart(code="terugkoppeling", label=gettext_lazy("Scores en terugkoppelrapporten"), files=_export, order=40)
)
