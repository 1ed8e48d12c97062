"""Statistics pages: public (per published edition), the funder's dashboard for its province, the
staff preview and publication, the staff view with unsuppressed values, and the downloads."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cim.access.decorators import programme_perm_required
from cim.access.roles import Perm
from cim.access.scoping import access_edition, actor_of, funded_province_codes
from cim.audit.log import record
from cim.core.errors import DomainError
from cim.editions.models import Edition
from cim.questionnaires.selectors import edition_definition
from cim.statistics import catalogue as cat
from cim.statistics import display, downloads
from cim.statistics.charts import share_chart
from cim.statistics.selectors import (
    PublishedRelease,
    province_names,
    published_editions,
    published_release,
    staff_true_values,
)
from cim.statistics.services import statistics_preview, statistics_publish


def _edition(pk: Any) -> Edition:
    try:
        return Edition.objects.select_related("programme").get(pk=int(pk))
    except (Edition.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404 from exc


def _published(pk: Any) -> PublishedRelease:
    """A published edition's release, or 404: an unpublished edition does not exist for the public
    (staff prepare it under /beheer/)."""
    found = published_release(_edition(pk))
    if found is None:
        raise Http404
    return found


def _labels(release: PublishedRelease) -> display.Labels:
    rows = {r for t in release.tables.values() for r in t.rows}
    return display.labels_for(edition_definition(release.edition.pk), province_names(rows))


def _is_staff(request: HttpRequest, edition: Edition, perm: Perm = Perm.READ_CONFIDENTIAL) -> bool:
    actor = actor_of(request)
    return actor.is_programme_staff and actor.can_in_programme(perm, edition.programme_id)


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "statistics/index.html", {"editions": published_editions()})


def edition_page(request: HttpRequest, pk: int) -> HttpResponse:
    release = _published(pk)
    labels = _labels(release)
    return render(
        request,
        "statistics/edition.html",
        {
            "edition": release.edition,
            "release": release,
            "sections": display.edition_sections(release.tables, release.specs, labels),
            "chart": share_chart(release, "*", labels),
            "downloads": downloads.catalogue(release, labels),
            "staff": _is_staff(request, release.edition),
            "others": [e for e in published_editions([release.edition.programme_id]) if e.pk != release.edition.pk],
        },
    )


@programme_perm_required(Perm.VIEW_PUBLISHED_STATISTICS)
def funder_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    """The funder's province (programme staff: every province), with the growth per domain first."""
    actor = actor_of(request)
    edition = access_edition(actor, pk, perm=Perm.VIEW_PUBLISHED_STATISTICS)
    release = published_release(edition)
    if release is None:
        raise Http404
    labels = _labels(release)
    codes = funded_province_codes(actor, edition.programme_id)
    if codes is None:  # programme staff: every province in the tables
        codes = sorted({r for t in release.tables.values() for r in t.rows} - {"*", "?"})
    blocks = []
    for key in ("growth_circular_by_province", "growth_total_by_province"):
        table, spec = release.tables.get(key), release.specs.get(key)
        if table is None or spec is None:
            continue
        title = cat.table_info(key).title
        for code in [*codes, "*"]:
            block = display.growth_per_domain(table, spec, row=code, labels=labels, title=title)
            if block is not None:
                blocks.append(block)
    return render(
        request,
        "statistics/funder.html",
        {
            "edition": edition,
            "release": release,
            "provinces": [labels.row(c) for c in codes],
            "blocks": blocks,
            "charts": [chart for c in codes if (chart := share_chart(release, c, labels)) is not None],
            "sections": display.edition_sections(release.tables, release.specs, labels, highlight=frozenset(codes)),
            "others": published_editions([edition.programme_id]),
        },
    )


def download(request: HttpRequest, pk: int, key: str, fmt: str) -> HttpResponse:
    release = _published(pk)
    if key not in release.tables or fmt not in downloads.FORMATS:
        raise Http404
    return downloads.response(release, key, fmt, _labels(release))


# --- Staff -----------------------------------------------------------------------------------


@programme_perm_required(Perm.MANAGE_PROGRAMME)
def staff_preview(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk, perm=Perm.MANAGE_PROGRAMME)
    preview = statistics_preview(actor=request.user, edition=edition, request=request)
    definition = edition_definition(edition.pk)
    rows = {c.row for t in (preview.result.tables.values() if preview.result else []) for c in t.public.cells}
    labels = display.labels_for(definition, province_names(rows))
    tables = []
    if preview.result is not None:
        for key, table in preview.result.tables.items():
            view = display.staff_table(table.spec, table.staff.cells, labels, reasons=True)
            tables.append((view, key in preview.changed))
    public_sections = (
        display.edition_sections(
            {k: t.public for k, t in preview.result.tables.items()},
            {k: t.spec for k, t in preview.result.tables.items()},
            labels,
        )
        if preview.result is not None
        else []
    )
    return render(
        request,
        "statistics/staff/preview.html",
        {
            "edition": edition,
            "preview": preview,
            "tables": tables,
            "sections": public_sections,
            "audit": preview.result.audit if preview.result else None,
            "params": preview.result.params.as_dict() if preview.result else {},
            "published": published_release(edition),
        },
    )


@require_POST
@programme_perm_required(Perm.MANAGE_PROGRAMME)
def staff_publish(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk, perm=Perm.MANAGE_PROGRAMME)
    try:
        created = statistics_publish(
            actor=request.user, edition=edition, fingerprint=str(request.POST.get("fingerprint", ""))[:100]
        )
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("statistics:preview", pk=edition.pk)
    messages.success(
        request,
        _("De statistieken zijn gepubliceerd (%(count)s tabellen).") % {"count": len(created)},
    )
    return redirect("statistics:edition", pk=edition.pk)


@programme_perm_required(Perm.READ_CONFIDENTIAL)
def staff_values(request: HttpRequest, pk: int) -> HttpResponse:
    """A published edition with the true value beside every suppressed cell (staff, audited)."""
    edition = access_edition(actor_of(request), pk, perm=Perm.READ_CONFIDENTIAL)
    release = published_release(edition)
    if release is None:
        messages.info(request, _("Deze editie heeft nog geen gepubliceerde statistieken."))
        return redirect(reverse("portal:dashboard"))
    true_values = staff_true_values(edition, release)
    labels = _labels(release)
    tables = []
    for key, public in release.tables.items():
        spec = release.specs[key]
        true = true_values[key]
        cells = []
        for cell in public.cells:
            computed = true.get((cell.row, cell.column))
            value = cell.value if cell.value is not None else computed
            cells.append(_StaffValue(cell.row, cell.column, value, cell.value is not None))
        tables.append(display.staff_table(spec, [c for c in cells if c.value is not None], labels, reasons=False))
    record(
        "statistics.values_viewed",
        actor=request.user,
        obj=edition,
        programme=edition.programme,
        details={"tables": len(tables)},
        request=request,
    )
    return render(
        request,
        "statistics/staff/values.html",
        {"edition": edition, "release": release, "tables": tables, "now": timezone.now()},
    )


class _StaffValue:
    __slots__ = ("column", "row", "shown", "value")

    def __init__(self, row: str, column: str, value: Any, shown: bool) -> None:
        self.row, self.column, self.value, self.shown = row, column, value, shown
