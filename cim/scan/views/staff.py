"""The service desk: scan progress per edition (filters, XLSX export, reminders), one
participation's answers (audited), reopening and extending the deadline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cim.access.decorators import programme_perm_required
from cim.access.roles import Perm
from cim.access.scoping import access_edition, access_participation, actor_of
from cim.audit.log import record
from cim.core.errors import DomainError
from cim.core.exports import Sheet, xlsx_response
from cim.core.forms import DateTimeInput, Form
from cim.editions.models import ScanStatus
from cim.scan import pages
from cim.scan.selectors import edition_progress_rows, open_submission, scan_data, submissions_of
from cim.scan.services.reminders import reminders_send
from cim.scan.services.submission import deadline_extend, response_reopen

MANAGE = Perm.MANAGE_PROGRAMME


class ProgressFilterForm(Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), required=False, choices=[("", gettext_lazy("Alle")), *ScanStatus.choices]
    )
    q = forms.CharField(label=gettext_lazy("Organisatie"), required=False, max_length=100)
    max_progress = forms.IntegerField(
        label=gettext_lazy("Hoogstens % ingevuld"), required=False, min_value=0, max_value=100
    )


class ReopenForm(Form):
    reason = forms.CharField(
        label=gettext_lazy("Reden"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("De penvoerder krijgt de reden per e-mail."),
    )
    extend_to = forms.DateTimeField(
        label=gettext_lazy("Nieuwe inleverdatum (niet verplicht)"), required=False, widget=DateTimeInput()
    )


class ExtendForm(Form):
    until = forms.DateTimeField(label=gettext_lazy("Nieuwe inleverdatum"), widget=DateTimeInput())
    reason = forms.CharField(label=gettext_lazy("Reden"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


def _filtered_rows(request: HttpRequest, edition: Any) -> tuple[ProgressFilterForm, list[Any]]:
    form = ProgressFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {
            "status": form.cleaned_data["status"],
            "query": form.cleaned_data["q"],
            "max_progress": form.cleaned_data["max_progress"],
        }
    return form, edition_progress_rows(edition, **filters)


@programme_perm_required(MANAGE)
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk)
    form, rows = _filtered_rows(request, edition)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.scan_status] = counts.get(row.scan_status, 0) + 1
    return render(
        request,
        "scan/staff/progress.html",
        {
            "edition": edition,
            "rows": rows,
            "form": form,
            "counts": [(label, counts.get(value, 0)) for value, label in ScanStatus.choices],
            "query_string": request.GET.urlencode(),
        },
    )


@programme_perm_required(MANAGE)
def progress_export(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk)
    _form, rows = _filtered_rows(request, edition)
    header = [
        _("Organisatie"),
        _("CBS-code"),
        _("Penvoerder"),
        _("E-mailadres"),
        _("Status"),
        _("Ingevuld (%)"),
        _("Ingediend op"),
        _("Inleverdatum"),
    ]
    data = [
        [
            p.organisation.name,
            p.organisation.cbs_code,
            p.penvoerders[0].user.display_name if p.penvoerders else p.contact_name,
            p.penvoerders[0].user.email if p.penvoerders else p.contact_email,
            p.get_scan_status_display(),
            p.scan_progress,
            p.submitted_at,
            p.deadline,
        ]
        for p in rows
    ]
    record(
        "scan.progress_exported",
        actor=request.user,
        obj=edition,
        programme=edition.programme,
        details={"rows": len(data), "filters": request.GET.dict()},
    )
    return xlsx_response(
        f"voortgang-scan-{edition.year}-{timezone.localdate():%Y%m%d}.xlsx",
        [Sheet(_("Voortgang"), header, data)],
    )


@require_POST
@programme_perm_required(MANAGE)
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk)
    ids = [int(v) for v in request.POST.getlist("participation") if v.isdigit() and len(v) < 12]
    try:
        result = reminders_send(
            actor=request.user, edition=edition, participation_ids=ids, message=request.POST.get("message", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(n)s herinneringen verstuurd.") % {"n": len(result.sent)})
        if result.skipped_submitted:
            messages.info(
                request,
                _("Niet verstuurd, want al ingediend: %(names)s.")
                % {"names": ", ".join(p.organisation.name for p in result.skipped_submitted)},
            )
        if result.skipped_no_address:
            messages.warning(
                request,
                _("Geen e-mailadres bekend: %(names)s.")
                % {"names": ", ".join(p.organisation.name for p in result.skipped_no_address)},
            )
    target = reverse("scan:staff_progress", args=[edition.pk])
    back = request.POST.get("back", "")
    if back and len(back) < 500 and "\n" not in back and "\r" not in back:
        target += "?" + back
    return redirect(target)


@programme_perm_required(Perm.READ_CONFIDENTIAL)
def participation_scan(request: HttpRequest, pk: int) -> HttpResponse:
    participation = access_participation(
        actor_of(request), pk, perm=Perm.READ_CONFIDENTIAL, request=request, audit_what="scan answers"
    )
    data = scan_data(participation)
    actor = actor_of(request)
    can_manage = actor.can_in_programme(MANAGE, participation.edition.programme_id)
    return render(
        request,
        "scan/staff/participation_scan.html",
        {
            "participation": participation,
            "sheet": pages.answer_sheet(data.definition, data.values) if data.definition else [],
            "progress": participation.scan_progress,
            "submission": open_submission(participation),
            "submissions": submissions_of(participation),
            "can_manage": can_manage,
            "reopen_form": ReopenForm(),
            "extend_form": ExtendForm(),
        },
    )


def _participation_action(
    request: HttpRequest,
    pk: int,
    *,
    form_class: type[Form],
    act: Callable[[Any, Any, dict[str, Any]], object],
    done: str,
    template: str,
) -> HttpResponse:
    """A service desk form on one participation: check, call the service, report, or show errors."""
    participation = access_participation(actor_of(request), pk, perm=MANAGE, request=request)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            act(request.user, participation, form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, done)
            return redirect("scan:staff_scan", participation.pk)
    return render(
        request,
        template,
        {"form": form, "participation": participation, "submission": open_submission(participation)},
        status=400 if form.errors else 200,
    )


@programme_perm_required(MANAGE)
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _participation_action(
        request,
        pk,
        form_class=ReopenForm,
        act=lambda user, participation, data: response_reopen(
            actor=user, participation=participation, reason=data["reason"], extend_to=data["extend_to"]
        ),
        done=_("De scan is heropend; de penvoerder krijgt bericht."),
        template="scan/staff/reopen.html",
    )


@programme_perm_required(MANAGE)
def extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _participation_action(
        request,
        pk,
        form_class=ExtendForm,
        act=lambda user, participation, data: deadline_extend(
            actor=user, participation=participation, until=data["until"], reason=data["reason"]
        ),
        done=_("De inleverdatum is verlengd; de penvoerder krijgt bericht."),
        template="scan/staff/extend.html",
    )
