"""Staff see each reminder kind, preview what it would send, pause and resume it, and read the
log of what was sent."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cim.access.decorators import programme_perm_required
from cim.access.roles import Perm
from cim.access.scoping import actor_of
from cim.core.errors import DomainError
from cim.core.mail import render_mail
from cim.core.registry import reminder_kinds
from cim.editions.models import Programme
from cim.servicedesk.models import ReminderPause, SentReminder
from cim.servicedesk.services import reminders as reminder_services

MANAGE = Perm.MANAGE_PROGRAMME


def _programmes(request: HttpRequest) -> list[Programme]:
    return list(Programme.objects.filter(pk__in=actor_of(request).programmes_with(MANAGE)).order_by("name"))


@programme_perm_required(MANAGE)
@require_GET
def reminder_list(request: HttpRequest) -> HttpResponse:
    programmes = _programmes(request)
    paused = set(ReminderPause.objects.filter(programme__in=programmes).values_list("programme_id", "kind"))
    kinds = [
        {
            "kind": kind,
            "states": [{"programme": p, "paused": (p.pk, kind.code) in paused} for p in programmes],
        }
        for kind in reminder_kinds()
    ]
    return render(
        request,
        "servicedesk/staff/reminders.html",
        {"kinds": kinds, "many_programmes": len(programmes) > 1},
    )


def _preview_date(request: HttpRequest) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("datum", ""))
    except ValueError:
        return timezone.localdate()


@programme_perm_required(MANAGE)
@require_GET
def reminder_preview(request: HttpRequest, code: str) -> HttpResponse:
    kind = reminder_services.kind_by_code(code)
    if kind is None:
        raise Http404
    today = _preview_date(request)
    programmes = _programmes(request)
    rows = reminder_services.reminders_due_for(kind=kind, today=today, programme_ids={p.pk for p in programmes})
    sample = next((r for r in rows if not r.already_sent and not r.paused), rows[0] if rows else None)
    mail = None
    if sample is not None:
        subject, text, _html = render_mail(
            kind.template, reminder_services.mail_context(sample.due), sample.due.language
        )
        mail = {"subject": subject, "text": text, "to": sample.due.email, "language": sample.due.language}
    return render(
        request,
        "servicedesk/staff/reminder_preview.html",
        {
            "kind": kind,
            "today": today,
            "rows": rows,
            "to_send": sum(1 for r in rows if not r.already_sent and not r.paused),
            "mail": mail,
        },
    )


@programme_perm_required(MANAGE)
@require_POST
def reminder_pause(request: HttpRequest, code: str) -> HttpResponse:
    programmes = {p.pk: p for p in _programmes(request)}
    try:
        programme = programmes[int(request.POST.get("programma") or next(iter(programmes)))]
    except (KeyError, ValueError, StopIteration):
        messages.error(request, _("Kies een programma waarvoor u werkt."))
        return redirect("servicedesk:staff_reminders")
    try:
        if request.POST.get("pauze") == "1":
            reminder_services.reminder_pause(actor=request.user, programme=programme, code=code)
            messages.success(
                request, _("Deze herinnering is gepauzeerd; er wordt niets van verstuurd tot u haar hervat.")
            )
        else:
            reminder_services.reminder_resume(actor=request.user, programme=programme, code=code)
            messages.success(request, _("Deze herinnering wordt weer verstuurd."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("servicedesk:staff_reminders")


@programme_perm_required(MANAGE)
@require_GET
def reminders_sent(request: HttpRequest) -> HttpResponse:
    programmes = _programmes(request)
    sent = SentReminder.objects.filter(programme__in=programmes)
    kind = request.GET.get("soort", "")
    if kind:
        sent = sent.filter(kind=kind[:80])
    page = Paginator(sent.order_by("-sent_at", "-id"), 50).get_page(request.GET.get("pagina"))
    labels = {k.code: k.label for k in reminder_kinds()}
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "servicedesk/staff/reminders_sent.html",
        {"page": page, "labels": labels, "kind": kind, "kinds": reminder_kinds(), "query": query.urlencode()},
    )
