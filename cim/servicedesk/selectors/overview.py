"""One row per participation of an edition for the service desk's overview (constant queries,
plus one per registered overview column)."""

from __future__ import annotations

from dataclasses import dataclass, field

from cim.core.registry import OverviewColumn, overview_columns
from cim.editions.models import Edition, LoginCode, ScanStatus
from cim.editions.selectors import ParticipationRow, edition_participation_rows
from cim.servicedesk.selectors.threads import open_thread_counts


@dataclass(frozen=True)
class OverviewFilters:
    query: str = ""
    scan_status: str = ""
    onboarding: str = ""  # registered | code_sent | no_code
    open_questions: str = ""  # yes | no


@dataclass
class OverviewRow:
    row: ParticipationRow
    open_questions: int
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def participation(self):  # type: ignore[no-untyped-def]
        return self.row.participation

    @property
    def code_label(self) -> str:
        from django.utils.translation import gettext as _

        if self.row.penvoerder:
            return _("gebruikt")
        if self.row.latest_code:
            return str(LoginCode.State(self.row.latest_code.state).label)
        return _("geen")


def edition_overview(edition: Edition, filters: OverviewFilters) -> tuple[list[OverviewColumn], list[OverviewRow]]:
    onboarding = filters.onboarding if filters.onboarding in {"registered", "code_sent", "no_code"} else ""
    rows = edition_participation_rows(edition, query=filters.query[:100], onboarding=onboarding)
    if filters.scan_status in ScanStatus.values:
        rows = [r for r in rows if r.participation.scan_status == filters.scan_status]
    counts = open_thread_counts([r.participation.pk for r in rows])
    result = [OverviewRow(r, counts.get(r.participation.pk, 0)) for r in rows]
    if filters.open_questions == "yes":
        result = [r for r in result if r.open_questions]
    elif filters.open_questions == "no":
        result = [r for r in result if not r.open_questions]
    columns = overview_columns()
    participations = [r.participation for r in result]
    for column in columns:
        values = column.values(participations) if participations else {}
        for row in result:
            row.extra[column.key] = values.get(row.participation.pk, "")
    return columns, result
