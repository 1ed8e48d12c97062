"""Service desk pages: the programme per edition, sessions, check-in, per-municipality overview,
exports."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cim.access.decorators import programme_perm_required
from cim.access.roles import Perm
from cim.access.scoping import access_edition, actor_of, editions_managed
from cim.audit.log import record
from cim.core.errors import DomainError
from cim.core.exports import xlsx_response
from cim.events import exports, selectors
from cim.events.access import audit_attendee_read, staff_event, staff_registration, staff_session
from cim.events.forms import CancelForm, EventForm, ReasonForm, SessionForm
from cim.events.models import Event
from cim.events.services import attendance as attendance_services
from cim.events.services import programme as programme_services
from cim.events.services import registrations as registration_services

MANAGE = Perm.MANAGE_PROGRAMME


@programme_perm_required(MANAGE)
def index(request: HttpRequest) -> HttpResponse:
    editions = list(editions_managed(actor_of(request)).order_by("-year"))
    counts = {
        row["edition_id"]: row["n"]
        for row in Event.objects.filter(edition__in=editions).values("edition_id").annotate(n=Count("pk"))
    }
    return render(request, "events/staff/index.html", {"rows": [(e, counts.get(e.pk, 0)) for e in editions]})


@programme_perm_required(MANAGE)
def edition_programme(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk)
    missing = selectors.penvoerders_missing_mc1(edition)
    return render(
        request,
        "events/staff/edition.html",
        {"edition": edition, "events": selectors.programme_for(edition), "missing_mc1": missing},
    )


@require_POST
@programme_perm_required(MANAGE)
def create_defaults(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk)
    try:
        created = programme_services.programme_create_defaults(actor=request.user, edition=edition)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("%(n)s bijeenkomsten aangemaakt met de standaardinhoud. Voeg nu sessies toe.") % {"n": len(created)},
        )
    return redirect("events:staff_edition", edition.pk)


@programme_perm_required(MANAGE)
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = staff_event(actor_of(request), pk)
    form = EventForm(request.POST or None, instance=Event.objects.get(pk=event.pk))
    if request.method == "POST" and form.is_valid():
        try:
            programme_services.event_update(
                actor=request.user, event=event, **{f: form.cleaned_data[f] for f in programme_services.EVENT_FIELDS}
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De bijeenkomst is opgeslagen."))
            return redirect(reverse("events:staff_edition", args=[event.edition_id]) + f"#event-{event.pk}")
    return render(request, "events/staff/event_form.html", {"event": event, "form": form})


@programme_perm_required(MANAGE)
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    event = staff_event(actor_of(request), pk)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme_services.session_create(actor=request.user, event=event, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De sessie is toegevoegd."))
            return redirect(reverse("events:staff_edition", args=[event.edition_id]) + f"#event-{event.pk}")
    return render(request, "events/staff/session_form.html", {"event": event, "form": form})


@programme_perm_required(MANAGE)
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    session = staff_session(actor, pk)
    audit_attendee_read(
        actor, obj=session, programme=session.event.edition.programme, what="event attendees", request=request
    )
    return render(
        request,
        "events/staff/session.html",
        {
            "session": session,
            "event": session.event,
            "overview": selectors.session_overview(session),
            "cancel_form": CancelForm(),
        },
    )


@programme_perm_required(MANAGE)
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = staff_session(actor_of(request), pk)
    form = SessionForm(request.POST or None, instance=type(session).objects.get(pk=session.pk))
    if request.method == "POST" and form.is_valid():
        try:
            programme_services.session_update(actor=request.user, session_id=session.pk, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("De sessie is opgeslagen. Aangemelde deelnemers krijgen bericht als tijd of plaats veranderde."),
            )
            return redirect("events:staff_session", session.pk)
    return render(request, "events/staff/session_form.html", {"event": session.event, "session": session, "form": form})


@programme_perm_required(MANAGE)
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = staff_session(actor_of(request), pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme_services.session_cancel(
                actor=request.user, session_id=session.pk, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De sessie is afgelast; alle aangemelde deelnemers krijgen bericht."))
            return redirect("events:staff_session", session.pk)
    return render(request, "events/staff/session_cancel.html", {"session": session, "form": form})


@programme_perm_required(MANAGE)
def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    session = staff_session(actor, pk)
    query = request.GET.get("q", "")[:100]
    audit_attendee_read(
        actor, obj=session, programme=session.event.edition.programme, what="event check-in", request=request
    )
    registrations = list(selectors.checkin_list(session, query=query))
    return render(
        request,
        "events/staff/checkin.html",
        {
            "session": session,
            "event": session.event,
            "registrations": registrations,
            "query": query,
            "stats": selectors.session_stats([session])[session.pk],
        },
    )


@require_POST
@programme_perm_required(MANAGE)
def mark_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    registration = staff_registration(actor_of(request), pk)
    value = request.POST.get("attendance", "")
    error = ""
    try:
        registration = attendance_services.attendance_mark(
            actor=request.user, registration_id=registration.pk, attendance=value
        )
    except DomainError as exc:
        error = exc.message
    if getattr(request, "htmx", False):
        return render(
            request,
            "events/partials/checkin_row.html",
            {
                "registration": registration,
                "error": error,
                "oob": True,  # the "n of m present" counter is refreshed alongside the row
                "stats": selectors.session_stats([registration.session])[registration.session_id],
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            _("%(name)s: %(state)s.") % {"name": registration.name, "state": registration.get_attendance_display()},
        )
    target = reverse("events:staff_checkin", args=[registration.session_id])
    query = request.POST.get("q", "")[:100]
    return redirect(
        f"{target}?q={query}#registration-{registration.pk}" if query else f"{target}#registration-{registration.pk}"
    )


@require_POST
@programme_perm_required(MANAGE)
def mark_no_shows(request: HttpRequest, pk: int) -> HttpResponse:
    session = staff_session(actor_of(request), pk)
    try:
        count = attendance_services.no_shows_mark(actor=request.user, session_id=session.pk)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(n)s deelnemers gemarkeerd als niet verschenen.") % {"n": count})
    return redirect("events:staff_checkin", session.pk)


@require_POST
@programme_perm_required(MANAGE)
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = staff_registration(actor_of(request), pk)
    form = CancelForm(request.POST)
    try:
        registration_services.registration_cancel(
            actor=request.user,
            registration_id=registration.pk,
            by=registration_services.CANCELLED_BY_STAFF,
            reason=form.cleaned_data.get("reason", "") if form.is_valid() else "",
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("De aanmelding van %(name)s is geannuleerd.") % {"name": registration.name})
    return redirect("events:staff_session", registration.session_id)


@programme_perm_required(MANAGE)
def municipalities(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    edition = access_edition(actor, pk)
    audit_attendee_read(
        actor, obj=edition, programme=edition.programme, what="event attendees per organisation", request=request
    )
    events, rows = selectors.municipality_overview(edition)
    only_missing = request.GET.get("penvoerder") == "ontbreekt"
    if only_missing:
        rows = [r for r in rows if r.penvoerder_missing_mc1]
    return render(
        request,
        "events/staff/municipalities.html",
        {"edition": edition, "events": events, "rows": rows, "only_missing": only_missing},
    )


@programme_perm_required(MANAGE)
def edition_export(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk)
    events = selectors.edition_events(edition)
    registrations = list(selectors.registrations_for_export(edition))
    record(
        "events.exported",
        actor=request.user,
        obj=edition,
        programme=edition.programme,
        details={"registrations": len(registrations)},
        request=request,
    )
    return xlsx_response(f"bijeenkomsten-{edition.year}.xlsx", exports.edition_sheets(events, registrations))


@programme_perm_required(MANAGE)
def session_export(request: HttpRequest, pk: int) -> HttpResponse:
    session = staff_session(actor_of(request), pk)
    overview = selectors.session_overview(session)
    record(
        "events.exported",
        actor=request.user,
        obj=session,
        programme=session.event.edition.programme,
        details={"registrations": len(overview.seated) + len(overview.waiting)},
        request=request,
    )
    start = timezone.localtime(session.starts_at)
    return xlsx_response(f"sessie-{session.event.kind}-{start:%Y-%m-%d}.xlsx", exports.session_sheets(overview))
