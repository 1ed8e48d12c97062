"""What the Top 10 contributes to the organisation's data export: its choice to be named per
edition, and its line in every published Top 10 (place, named or not, and its own scores as
frozen at publication)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cim.core.exports import csv_bytes
from cim.core.registry import DataExportPart, DataScope, ExportFile, register_data_export
from cim.topten.models import NamingConsent, PublishedRank


def _export(scope: DataScope) -> Iterator[ExportFile]:
    with translation.override(scope.language):
        consents = NamingConsent.objects.filter(participation__in=scope.participations).select_related(
            "participation__edition"
        )
        yield ExportFile(
            "top10/toestemming.csv",
            csv_bytes(
                [_("Editie"), _("Mag genoemd worden"), _("Gewijzigd op")],
                (
                    [str(c.participation.edition), _("ja") if c.named else _("nee"), c.changed_at]
                    for c in consents.order_by("participation__edition__year")
                ),
            ),
        )
        ranks = PublishedRank.objects.filter(
            organisation=scope.organisation, top_ten__edition__programme=scope.programme
        ).select_related("top_ten__edition")
        yield ExportFile(
            "top10/plaatsen.csv",
            csv_bytes(
                [_("Editie"), _("Plaats"), _("Genoemd"), _("Totaalscore"), _("Strategisch"), _("Operationeel")],
                (
                    [
                        str(r.top_ten.edition),
                        r.position,
                        _("ja") if r.named else _("nee"),
                        r.overall,
                        r.strategic,
                        r.operational,
                    ]
                    for r in ranks.order_by("top_ten__edition__year")
                ),
            ),
        )


register_data_export(DataExportPart("top10", gettext_lazy("Top 10: naamsvermelding en plaatsen"), _export, order=70))
