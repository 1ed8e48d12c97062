"""The per-edition overview of every participating organisation, filterable, and as XLSX."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cim.access.decorators import programme_perm_required
from cim.access.roles import Perm
from cim.access.scoping import access_edition, actor_of
from cim.audit.log import record
from cim.core.exports import Sheet, xlsx_response
from cim.editions.models import ScanStatus
from cim.servicedesk.selectors.overview import OverviewFilters, edition_overview


def _filters(request: HttpRequest) -> OverviewFilters:
    return OverviewFilters(
        query=request.GET.get("q", "")[:100],
        scan_status=request.GET.get("scan", "")[:20],
        onboarding=request.GET.get("penvoerder", "")[:20],
        open_questions=request.GET.get("vragen", "")[:5],
    )


@programme_perm_required(Perm.MANAGE_PROGRAMME)
@require_GET
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk)
    filters = _filters(request)
    columns, rows = edition_overview(edition, filters)
    return render(
        request,
        "servicedesk/staff/overview.html",
        {
            "edition": edition,
            "columns": columns,
            "rows": rows,
            "filters": filters,
            "scan_statuses": ScanStatus.choices,
            "query": request.GET.urlencode(),
        },
    )


@programme_perm_required(Perm.MANAGE_PROGRAMME)
@require_GET
def overview_export(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk)
    filters = _filters(request)
    columns, rows = edition_overview(edition, filters)
    header = [
        _("Organisatie"),
        _("CBS-code"),
        _("Doet mee aan monitor"),
        _("Doet mee aan masterclasses"),
        _("Penvoerder"),
        _("E-mailadres penvoerder"),
        _("Contactpersoon"),
        _("E-mailadres contactpersoon"),
        _("Inlogcode"),
        _("Status scan"),
        _("Voortgang scan (%)"),
        _("Ingediend op"),
        _("Open vragen"),
        *[str(c.label) for c in columns],
    ]
    body = []
    for r in rows:
        p = r.participation
        penvoerder = r.row.penvoerder.user if r.row.penvoerder else None
        body.append(
            [
                p.organisation.name,
                p.organisation.cbs_code or "",
                _("ja") if p.takes_monitor else _("nee"),
                _("ja") if p.takes_masterclasses else _("nee"),
                penvoerder.display_name if penvoerder else "",
                penvoerder.email if penvoerder else "",
                p.contact_name,
                p.contact_email,
                r.code_label,
                p.get_scan_status_display(),
                p.scan_progress,
                p.submitted_at,
                r.open_questions,
                *[r.extra.get(c.key, "") for c in columns],
            ]
        )
    record(
        "confidential.export",
        actor=request.user,
        programme=edition.programme,
        details={"what": "servicedesk.overview", "edition": edition.pk, "rows": len(body)},
        request=request,
    )
    return xlsx_response(
        f"overzicht-{edition.year}-{timezone.localdate():%Y%m%d}.xlsx",
        [Sheet(_("Overzicht"), header, body)],
    )
