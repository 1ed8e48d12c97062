"""Pages without login: the public programme, the closing meeting's public form, the colleagues'
registration link, and each attendee's personal page (reached through the signed link in the
e-mails) with the calendar file, cancellation, the offer from the waiting list and the certificate."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from cim.core import ratelimit
from cim.core.errors import DomainError
from cim.events import ics, rules, selectors
from cim.events.certificates import certificate_filename, certificate_pdf
from cim.events.forms import CancelForm, MemberRegistrationForm, PublicRegistrationForm
from cim.events.models import Event, EventProject, Registration, Session
from cim.events.services import links, notifications
from cim.events.services import registrations as registration_services
from cim.events.tokens import registration_uuid
from cim.events.views.common import DONE_SESSION_KEY, remember_done, submit_registration

logger = logging.getLogger("cim.security")
PUBLIC_WINDOW = 60 * 60


@require_GET
def programme(request: HttpRequest) -> HttpResponse:
    return render(request, "events/public/programme.html", {"events": selectors.public_events()})


def _public_event(pk: int) -> Event:
    event = (
        Event.objects.select_related("edition__programme")
        .filter(pk=pk, edition__status__in=selectors.PUBLIC_EDITION_STATUSES)
        .first()
    )
    if event is None:
        raise Http404
    return event


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _public_event(pk)
    sessions = list(event.sessions.order_by("starts_at"))
    stats = selectors.session_stats(sessions)
    return render(
        request,
        "events/public/event.html",
        {"event": event, "sessions": [selectors.SessionView(s, stats[s.pk]) for s in sessions]},
    )


def _open_sessions(event: Event):  # type: ignore[no-untyped-def]
    return event.sessions.filter(status=Session.Status.SCHEDULED, starts_at__gt=timezone.now()).order_by("starts_at")


@never_cache
def public_register(request: HttpRequest, pk: int) -> HttpResponse:
    event = _public_event(pk)
    if not event.public_registration:
        raise Http404
    sessions = _open_sessions(event)
    stats = selectors.session_stats(list(sessions))
    form = PublicRegistrationForm(
        request.POST or None,
        sessions=sessions,
        event=event,
        full=any(s.is_full for s in stats.values()),
        initial={"language": getattr(request, "LANGUAGE_CODE", "nl")},
    )
    if request.method == "POST":
        ip = ratelimit.client_ip(request)
        limit = settings.EVENTS_PUBLIC_REGISTRATIONS_PER_HOUR
        if ratelimit.exceeded("events-public", ip, limit=limit, window=PUBLIC_WINDOW):
            form.is_valid()
            form.add_error(
                None, _("U heeft al meerdere aanmeldingen gedaan. Probeer het later opnieuw of mail de servicedesk.")
            )
        elif form.is_valid():
            ratelimit.hit("events-public", ip, PUBLIC_WINDOW)
            if form.cleaned_data.get("website"):
                # A bot filled in the hidden field: pretend success, store nothing.
                logger.info("events honeypot triggered ip=%s", ip)
                return redirect("events:done")
            data = form.cleaned_data
            registration = submit_registration(
                form,
                lambda: registration_services.registration_create(
                    actor=None,
                    session_id=data["session"].pk,
                    person=form.person(),
                    source=Registration.Source.PUBLIC,
                    organisation_name=data["organisation_name"],
                    organisation_kind=data["organisation_kind"],
                    join_waitlist=data.get("join_waitlist", False),
                ),
            )
            if registration is not None:
                remember_done(request, registration)
                return redirect("events:done")
    return render(
        request,
        "events/public/register.html",
        {"event": event, "form": form, "has_sessions": sessions.exists()},
        status=400 if request.method == "POST" and form.errors else 200,
    )


@never_cache
def done(request: HttpRequest) -> HttpResponse:
    return render(request, "events/public/done.html", {"done": request.session.pop(DONE_SESSION_KEY, None)})


@never_cache
def link(request: HttpRequest, key: str) -> HttpResponse:
    try:
        signup = links.signup_link_check(key=key)
    except DomainError as exc:
        return render(request, "events/public/invalid.html", {"message": exc.message}, status=404)
    participation = signup.participation
    return render(
        request,
        "events/public/link.html",
        {
            "key": key,
            "participation": participation,
            "events": selectors.programme_for(participation.edition, participation=participation),
        },
    )


@never_cache
def link_register(request: HttpRequest, key: str, session_pk: int) -> HttpResponse:
    try:
        signup = links.signup_link_check(key=key)
    except DomainError as exc:
        return render(request, "events/public/invalid.html", {"message": exc.message}, status=404)
    participation = signup.participation
    session = (
        Session.objects.select_related("event__edition")
        .filter(pk=session_pk, event__edition_id=participation.edition_id)
        .first()
    )
    if session is None:
        raise Http404
    event = session.event
    stats = selectors.session_stats([session])[session.pk]
    needs_project = (
        event.requires_project and not EventProject.objects.filter(event=event, participation=participation).exists()
    )
    form = MemberRegistrationForm(
        request.POST or None,
        event=event,
        full=stats.is_full,
        needs_project=needs_project,
        initial={"language": getattr(request, "LANGUAGE_CODE", "nl")},
    )
    if request.method == "POST":
        ip = ratelimit.client_ip(request)
        if ratelimit.exceeded("events-link", ip, limit=30, window=PUBLIC_WINDOW):
            form.is_valid()
            form.add_error(None, _("Te veel aanmeldingen vanaf dit adres. Probeer het later opnieuw."))
        elif form.is_valid():
            ratelimit.hit("events-link", ip, PUBLIC_WINDOW)
            registration = submit_registration(
                form,
                lambda: registration_services.registration_create(
                    actor=None,
                    session_id=session.pk,
                    participation=participation,
                    person=form.person(),
                    source=Registration.Source.LINK,
                    join_waitlist=form.cleaned_data.get("join_waitlist", False),
                    is_companion=form.cleaned_data.get("is_companion", False),
                    project=form.project(),
                ),
            )
            if registration is not None:
                remember_done(request, registration)
                return redirect("events:done")
    return render(
        request,
        "events/public/link_register.html",
        {"key": key, "participation": participation, "session": session, "event": event, "stats": stats, "form": form},
        status=400 if request.method == "POST" and form.errors else 200,
    )


def _registration_from_token(token: str) -> Registration:
    value = registration_uuid(token)
    registration = (
        Registration.objects.select_related("session__event__edition__programme").filter(uuid=value).first()
        if value
        else None
    )
    if registration is None or registration.anonymised_at:
        raise Http404
    return registration


@never_cache
def registration(request: HttpRequest, token: str) -> HttpResponse:
    reg = _registration_from_token(token)
    session = reg.session
    deadline = rules.cancel_deadline(starts_at=session.starts_at, hours_before=session.event.cancel_until_hours)
    can_cancel = (
        reg.is_active
        and (reg.status != Registration.Status.CONFIRMED or timezone.now() < deadline)
        and session.ends_at > timezone.now()
    )
    return render(
        request,
        "events/attendee/registration.html",
        {
            "registration": reg,
            "session": session,
            "event": session.event,
            "token": token,
            "can_cancel": can_cancel,
            "cancel_deadline": deadline,
            "cancel_form": CancelForm(),
        },
    )


@require_POST
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    reg = _registration_from_token(token)
    form = CancelForm(request.POST)
    try:
        registration_services.registration_cancel(
            actor=None,
            registration_id=reg.pk,
            by=registration_services.CANCELLED_BY_ATTENDEE,
            reason=form.cleaned_data.get("reason", "") if form.is_valid() else "",
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Uw aanmelding is geannuleerd. U ontvangt een bevestiging per e-mail."))
    return redirect("events:registration", token)


@require_POST
def offer_accept(request: HttpRequest, token: str) -> HttpResponse:
    reg = _registration_from_token(token)
    try:
        registration_services.offer_accept(registration_id=reg.pk)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("U heeft de plaats aangenomen. De bevestiging met agenda-uitnodiging is verstuurd.")
        )
    return redirect("events:registration", token)


@require_GET
def registration_ics(request: HttpRequest, token: str) -> HttpResponse:
    reg = _registration_from_token(token)
    if reg.status != Registration.Status.CONFIRMED or reg.session.is_cancelled:
        raise Http404
    response = HttpResponse(
        notifications.ics_bytes(reg, method=ics.REQUEST), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{notifications.ICS_FILENAME}"'
    return response


@require_GET
def registration_certificate(request: HttpRequest, token: str) -> HttpResponse:
    reg = _registration_from_token(token)
    if not reg.attended:
        raise Http404
    response = HttpResponse(
        certificate_pdf(reg, language=getattr(request, "LANGUAGE_CODE", None)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(reg)}"'
    return response
