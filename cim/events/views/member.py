"""The municipality's own page: the programme, its registrations, the shared link, the MC4 project."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cim.access.decorators import login_required
from cim.access.roles import Perm
from cim.access.scoping import access_participation, actor_of
from cim.core.errors import DomainError
from cim.editions.models import Participation
from cim.events import selectors
from cim.events.access import own_registration
from cim.events.certificates import certificate_filename, certificate_pdf
from cim.events.forms import CancelForm, MemberRegistrationForm, ProjectForm
from cim.events.models import Event, EventProject, Registration, Session
from cim.events.services import links
from cim.events.services import registrations as registration_services
from cim.events.views.common import submit_registration

AUDIT_WHAT = "event registrations"


def _can_register(request: HttpRequest, participation: Participation) -> bool:
    perms = actor_of(request).participation_perms(
        participation_id=participation.pk,
        programme_id=participation.edition.programme_id,
        organisation_id=participation.organisation_id,
    )
    return Perm.REGISTER_FOR_EVENTS in perms


@login_required
def events_home(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    participation = access_participation(
        actor, pk, perm=Perm.VIEW_PARTICIPATION, request=request, audit_what=AUDIT_WHAT
    )
    can_register = _can_register(request, participation)
    membership = actor.membership(participation.pk)
    is_penvoerder = membership is not None and membership.role == "penvoerder"
    link = selectors.active_signup_link(participation) if can_register else None
    return render(
        request,
        "events/member/home.html",
        {
            "participation": participation,
            "events": selectors.programme_for(participation.edition, participation=participation),
            "can_register": can_register,
            "is_penvoerder": is_penvoerder,
            "mc1_missing": bool(selectors.penvoerders_missing_mc1(participation.edition, [participation])),
            "signup_link": link,
            "signup_url": request.build_absolute_uri(reverse("events:link", args=[link.key])) if link else "",
            "cancel_form": CancelForm(),
        },
    )


def _session_of(participation: Participation, session_pk: int) -> Session:
    session = (
        Session.objects.select_related("event__edition")
        .filter(pk=session_pk, event__edition_id=participation.edition_id)
        .first()
    )
    if session is None:
        raise Http404
    return session


@login_required
def register(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    participation = access_participation(actor_of(request), pk, perm=Perm.REGISTER_FOR_EVENTS, request=request)
    session = _session_of(participation, session_pk)
    event = session.event
    stats = selectors.session_stats([session])[session.pk]
    needs_project = (
        event.requires_project and not EventProject.objects.filter(event=event, participation=participation).exists()
    )
    myself = request.GET.get("zelf") == "1"
    user: Any = request.user
    initial = {"language": user.language}
    if myself:
        initial.update(name=user.display_name, email=user.email)
    form = MemberRegistrationForm(
        request.POST or None,
        initial=initial,
        event=event,
        full=stats.is_full,
        colleague=not myself,
        needs_project=needs_project,
    )
    if request.method == "POST" and form.is_valid():
        registration = submit_registration(
            form,
            lambda: registration_services.registration_create(
                actor=request.user,
                session_id=session.pk,
                participation=participation,
                person=form.person(),
                source=Registration.Source.PENVOERDER,
                join_waitlist=form.cleaned_data.get("join_waitlist", False),
                is_companion=form.cleaned_data.get("is_companion", False),
                project=form.project(),
            ),
        )
        if registration is not None:
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(
                    request,
                    _("%(name)s is aangemeld; de bevestiging met agenda-uitnodiging is verstuurd naar %(email)s.")
                    % {"name": registration.name, "email": registration.email},
                )
            else:
                messages.success(
                    request,
                    _("%(name)s staat op de wachtlijst en krijgt bericht als er een plaats vrijkomt.")
                    % {"name": registration.name},
                )
            return redirect(reverse("events:home", args=[participation.pk]) + f"#event-{event.pk}")
    return render(
        request,
        "events/member/register.html",
        {"participation": participation, "session": session, "event": event, "stats": stats, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def cancel(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    participation = access_participation(actor_of(request), pk, perm=Perm.REGISTER_FOR_EVENTS, request=request)
    registration = own_registration(participation, registration_pk)
    form = CancelForm(request.POST)
    reason = form.cleaned_data.get("reason", "") if form.is_valid() else ""
    try:
        registration_services.registration_cancel(
            actor=request.user,
            registration_id=registration.pk,
            by=registration_services.CANCELLED_BY_ORGANISATION,
            reason=reason,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("De aanmelding van %(name)s is geannuleerd.") % {"name": registration.name})
    return redirect(reverse("events:home", args=[participation.pk]) + f"#event-{registration.event_id}")


@require_POST
@login_required
def signup_link(request: HttpRequest, pk: int) -> HttpResponse:
    participation = access_participation(actor_of(request), pk, perm=Perm.REGISTER_FOR_EVENTS, request=request)
    try:
        links.signup_link_create(actor=request.user, participation=participation)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Er is een nieuwe aanmeldlink gemaakt; een eerdere link werkt niet meer."))
    return redirect(reverse("events:home", args=[participation.pk]) + "#aanmeldlink")


@login_required
def project(request: HttpRequest, pk: int, event_pk: int) -> HttpResponse:
    participation = access_participation(actor_of(request), pk, perm=Perm.REGISTER_FOR_EVENTS, request=request)
    event = Event.objects.filter(pk=event_pk, edition_id=participation.edition_id, requires_project=True).first()
    if event is None:
        raise Http404
    existing = EventProject.objects.filter(event=event, participation=participation).first()
    form = ProjectForm(
        request.POST or None,
        initial={"title": existing.title, "description": existing.description} if existing else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration_services.project_save(
                actor=request.user,
                event=event,
                participation=participation,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Het project is opgeslagen."))
            return redirect(reverse("events:home", args=[participation.pk]) + f"#event-{event.pk}")
    return render(request, "events/member/project.html", {"participation": participation, "event": event, "form": form})


@login_required
def certificate(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    participation = access_participation(
        actor_of(request), pk, perm=Perm.VIEW_PARTICIPATION, request=request, audit_what="event certificate"
    )
    registration = own_registration(participation, registration_pk)
    if not registration.attended:
        raise Http404
    response = HttpResponse(
        certificate_pdf(registration, language=getattr(request, "LANGUAGE_CODE", None)),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(registration)}"'
    return response
