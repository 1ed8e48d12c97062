"""Pages of the service desk: editions, participations, login codes, applications."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cim.access.decorators import programme_perm_required
from cim.access.roles import Perm
from cim.access.scoping import access_edition, access_participation, actor_of, editions_managed
from cim.core.errors import DomainError
from cim.core.exports import csv_response
from cim.editions import lifecycle
from cim.editions.forms import (
    BulkCodesForm,
    EditionForm,
    FeedbackMomentForm,
    HandoverForm,
    ParticipationAddForm,
    ParticipationEditForm,
    ReasonForm,
    StatusForm,
)
from cim.editions.models import (
    FeedbackMoment,
    LoginCode,
    ParticipationApplication,
    ParticipationMember,
    Programme,
)
from cim.editions.selectors import (
    edition_counts,
    edition_participation_rows,
    participation_people,
    pending_applications,
)
from cim.editions.services import applications as application_services
from cim.editions.services import editions as edition_services
from cim.editions.services import login_codes as code_services
from cim.editions.services import participations as participation_services

MANAGE = Perm.MANAGE_PROGRAMME


@programme_perm_required(MANAGE)
def edition_list(request: HttpRequest) -> HttpResponse:
    editions = editions_managed(actor_of(request)).order_by("-year")
    return render(request, "editions/staff/edition_list.html", {"editions": editions})


@programme_perm_required(MANAGE)
def edition_create(request: HttpRequest) -> HttpResponse:
    programmes = Programme.objects.filter(pk__in=actor_of(request).programmes_with(MANAGE))
    form = EditionForm(request.POST or None, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items()}
        try:
            edition = edition_services.edition_create(actor=request.user, **data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De editie is aangemaakt."))
            return redirect("editions:staff_edition", edition.pk)
    return render(request, "editions/staff/edition_form.html", {"form": form})


@programme_perm_required(MANAGE)
def edition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk)
    query = request.GET.get("q", "")[:100]
    onboarding = request.GET.get("penvoerder", "")
    rows = edition_participation_rows(
        edition,
        query=query,
        onboarding=onboarding if onboarding in {"registered", "code_sent", "no_code"} else "",
    )
    steps = [(step, lifecycle.action_label(edition.status, step)) for step in lifecycle.steps_from(edition.status)]
    return render(
        request,
        "editions/staff/edition_detail.html",
        {
            "edition": edition,
            "rows": rows,
            "counts": edition_counts(edition),
            "applications": pending_applications(edition),
            "steps": steps,
            "query": query,
            "onboarding": onboarding,
            "moment_form": FeedbackMomentForm(),
        },
    )


@programme_perm_required(MANAGE)
def edition_edit(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk)
    form = EditionForm(request.POST or None, instance=edition)
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in edition_services.EDITABLE_FIELDS if f in form.cleaned_data}
        try:
            edition_services.edition_update(
                actor=request.user, edition=access_edition(actor_of(request), pk), **changes
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De editie is opgeslagen."))
            return redirect("editions:staff_edition", edition.pk)
    return render(request, "editions/staff/edition_form.html", {"form": form, "edition": edition})


@programme_perm_required(MANAGE)
def edition_status(request: HttpRequest, pk: int) -> HttpResponse:
    """One step in the edition's life on its own confirmation page: what it does, what the
    timeline says (a step against it needs a reason) and, when reopening, a new deadline."""
    edition = access_edition(actor_of(request), pk)
    data = request.POST if request.method == "POST" else None
    target = (data or request.GET).get("to_status", "")
    reopening = lifecycle.is_reopening(edition.status, target)
    form = StatusForm(data, reopening=reopening, initial={"to_status": target, "from_status": edition.status})
    if data is not None:
        if not form.is_valid():
            if {"to_status", "from_status"} & set(form.errors):  # not sent from this page
                messages.error(request, _("Bevestig de stap op deze pagina; er is niets gewijzigd."))
                return redirect(reverse("editions:staff_edition_status", args=[edition.pk]) + f"?to_status={target}")
        else:
            try:
                edition_services.edition_change_status(
                    actor=request.user,
                    edition=edition,
                    to_status=form.cleaned_data["to_status"],
                    expected_status=form.cleaned_data["from_status"],
                    reason=form.cleaned_data["reason"],
                    new_deadline=form.cleaned_data.get("new_deadline"),
                )
            except DomainError as exc:
                if exc.code in ("invalid_transition", "stale"):
                    messages.error(request, exc.message)
                    return redirect("editions:staff_edition", edition.pk)
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("De status is nu: %(status)s.") % {"status": edition.get_status_display()})
                return redirect("editions:staff_edition", edition.pk)
    check = edition_services.step_check(edition, target)
    known = target in lifecycle.steps_from(edition.status)
    return render(
        request,
        "editions/staff/edition_status.html",
        {
            "edition": edition,
            "form": form,
            "check": check,
            "target": target,
            "label": lifecycle.action_label(edition.status, target) if known else "",
            "effect": lifecycle.step_effect(edition.status, target) if known else "",
            "reopening": reopening,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@programme_perm_required(MANAGE)
def feedback_moment_add(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk)
    form = FeedbackMomentForm(request.POST)
    if form.is_valid():
        try:
            edition_services.feedback_moment_add(actor=request.user, edition=edition, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Het terugkoppelmoment is toegevoegd."))
    else:
        messages.error(request, _("Vul een datum en een omschrijving in."))
    return redirect("editions:staff_edition", edition.pk)


@require_POST
@programme_perm_required(MANAGE)
def feedback_moment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        moment = FeedbackMoment.objects.select_related("edition").get(pk=pk)
    except FeedbackMoment.DoesNotExist as exc:
        raise Http404 from exc
    edition = access_edition(actor_of(request), moment.edition_id)
    try:
        edition_services.feedback_moment_remove(actor=request.user, moment=moment)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Het terugkoppelmoment is verwijderd."))
    return redirect("editions:staff_edition", edition.pk)


@programme_perm_required(MANAGE)
def participations_add(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk)
    form = ParticipationAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["organisation"]:
                participation_services.participation_add(
                    actor=request.user,
                    edition=edition,
                    organisation=data["organisation"],
                    takes_monitor=data["takes_monitor"],
                    takes_masterclasses=data["takes_masterclasses"],
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                )
                messages.success(request, _("%(name)s is toegevoegd.") % {"name": data["organisation"].name})
            else:
                result = participation_services.participations_add_bulk(
                    actor=request.user,
                    edition=edition,
                    codes_text=data["codes"],
                    takes_monitor=data["takes_monitor"],
                    takes_masterclasses=data["takes_masterclasses"],
                )
                messages.success(request, _("%(n)s organisaties toegevoegd.") % {"n": len(result.added)})
                if result.already:
                    messages.info(
                        request,
                        _("Deden al mee: %(names)s.") % {"names": ", ".join(o.name for o in result.already)},
                    )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("editions:staff_edition", edition.pk)
    return render(request, "editions/staff/participations_add.html", {"form": form, "edition": edition})


@programme_perm_required(MANAGE)
def codes_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk)
    form = BulkCodesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rows = [
            r for r in edition_participation_rows(edition) if not r.penvoerder and r.participation.status == "active"
        ]
        if form.cleaned_data["scope"] == BulkCodesForm.SCOPE_WITHOUT:
            rows = [r for r in rows if r.onboarding == "no_code"]
        by_email = form.cleaned_data["delivery"] == "email"
        try:
            result = code_services.login_codes_issue_bulk(
                actor=request.user,
                participations=[r.participation for r in rows],
                by_email=by_email,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if by_email:
                messages.success(request, _("%(n)s codes verstuurd per e-mail.") % {"n": len(result.issued)})
                if result.skipped_without_email:
                    messages.warning(
                        request,
                        _("Geen e-mailadres bekend, dus geen code verstuurd voor: %(names)s.")
                        % {"names": ", ".join(p.organisation.name for p in result.skipped_without_email)},
                    )
                return redirect("editions:staff_edition", edition.pk)
            return csv_response(
                f"inlogcodes-{edition.year}-{timezone.localdate():%Y%m%d}.csv",
                [
                    _("Organisatie"),
                    _("CBS-code"),
                    _("Naam penvoerder"),
                    _("E-mailadres"),
                    _("Inlogcode"),
                    _("Geldig tot"),
                ],
                (
                    [
                        i.participation.organisation.name,
                        i.participation.organisation.cbs_code,
                        i.participation.contact_name,
                        i.participation.contact_email,
                        i.code,
                        timezone.localtime(i.login_code.expires_at).strftime("%d-%m-%Y"),
                    ]
                    for i in result.issued
                ),
                delimiter=";",
            )
    return render(
        request,
        "editions/staff/codes_bulk.html",
        {"form": form, "edition": edition, "valid_days": settings.LOGIN_CODE_VALID_DAYS},
    )


@programme_perm_required(MANAGE)
def staff_participation(request: HttpRequest, pk: int) -> HttpResponse:
    participation = access_participation(actor_of(request), pk, perm=MANAGE, request=request)
    people = participation_people(participation)
    return render(
        request,
        "editions/staff/participation_detail.html",
        {
            "participation": participation,
            "codes": participation.login_codes.select_related("issued_by", "redeemed_by", "revoked_by"),
            **people,
        },
    )


@programme_perm_required(MANAGE)
def staff_participation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    participation = access_participation(actor_of(request), pk, perm=MANAGE, request=request)
    form = ParticipationEditForm(request.POST or None, instance=participation)
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in participation_services.PARTICIPATION_EDITABLE}
        try:
            participation_services.participation_update(
                actor=request.user,
                participation=access_participation(actor_of(request), pk, perm=MANAGE),
                reason=form.cleaned_data.get("reason", ""),
                **changes,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De deelname is opgeslagen."))
            return redirect("editions:staff_participation", participation.pk)
    return render(
        request,
        "editions/staff/participation_edit.html",
        {"form": form, "participation": participation},
    )


@require_POST
@programme_perm_required(MANAGE)
def code_issue(request: HttpRequest, pk: int) -> HttpResponse:
    participation = access_participation(actor_of(request), pk, perm=MANAGE, request=request)
    by_email = request.POST.get("delivery") == "email"
    if by_email and not participation.contact_email:
        messages.error(request, _("Er is geen e-mailadres bekend. Vul eerst het contactadres in."))
        return redirect("editions:staff_participation", participation.pk)
    try:
        issued = code_services.login_code_issue(
            actor=request.user,
            participation=participation,
            send_to=participation.contact_email if by_email else "",
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("editions:staff_participation", participation.pk)
    if by_email:
        messages.success(
            request,
            _("De code is verstuurd naar %(email)s.") % {"email": participation.contact_email},
        )
        return redirect("editions:staff_participation", participation.pk)
    response = render(
        request,
        "editions/staff/code_shown.html",
        {"participation": participation, "issued": issued},
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@programme_perm_required(MANAGE)
def code_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        login_code = LoginCode.objects.get(pk=pk)
    except LoginCode.DoesNotExist as exc:
        raise Http404 from exc
    participation = access_participation(actor_of(request), login_code.participation_id, perm=MANAGE, request=request)
    try:
        code_services.login_code_revoke(actor=request.user, login_code=login_code)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("De code is ingetrokken."))
    return redirect("editions:staff_participation", participation.pk)


@programme_perm_required(MANAGE)
def penvoerder_handover(request: HttpRequest, pk: int) -> HttpResponse:
    participation = access_participation(actor_of(request), pk, perm=MANAGE, request=request)
    candidates = [
        (m.user_id, f"{m.user.display_name} ({m.user.email})")
        for m in participation.members.filter(is_active=True, role=ParticipationMember.Role.CONTRIBUTOR).select_related(
            "user"
        )
    ]
    form = HandoverForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        member = (
            participation.members.filter(
                is_active=True,
                role=ParticipationMember.Role.CONTRIBUTOR,
                user_id=int(form.cleaned_data["member"]),
            )
            .select_related("user")
            .first()
        )
        if member is None:
            form.add_error("member", _("Deze collega werkt niet (meer) mee."))
        else:
            try:
                participation_services.membership_grant(
                    actor=request.user,
                    participation=participation,
                    user=member.user,
                    role=ParticipationMember.Role.PENVOERDER,
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("%(name)s is nu penvoerder.") % {"name": member.user.display_name})
                return redirect("editions:staff_participation", participation.pk)
    return render(
        request,
        "editions/staff/handover.html",
        {"form": form, "participation": participation, "candidates": candidates},
    )


@programme_perm_required(MANAGE)
def participation_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    participation = access_participation(actor_of(request), pk, perm=MANAGE, request=request)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            participation_services.participation_withdraw(
                actor=request.user, participation=participation, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De deelname is teruggetrokken."))
            return redirect("editions:staff_participation", participation.pk)
    return render(request, "editions/staff/withdraw.html", {"form": form, "participation": participation})


@programme_perm_required(MANAGE)
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        application = ParticipationApplication.objects.select_related("edition", "organisation").get(pk=pk)
    except ParticipationApplication.DoesNotExist as exc:
        raise Http404 from exc
    edition = access_edition(actor_of(request), application.edition_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST":
        decision = request.POST.get("decision")
        try:
            with transaction.atomic():
                if decision == "approve":
                    participation = application_services.application_approve(
                        actor=request.user, application=application
                    )
                    messages.success(
                        request,
                        _("%(name)s neemt nu deel.") % {"name": application.organisation.name},
                    )
                    return redirect("editions:staff_participation", participation.pk)
                if decision == "decline" and form.is_valid():
                    application_services.application_decline(
                        actor=request.user,
                        application=application,
                        reason=form.cleaned_data["reason"],
                    )
                    messages.success(request, _("De aanmelding is afgewezen; de aanvrager krijgt bericht."))
                    return redirect("editions:staff_edition", edition.pk)
        except DomainError as exc:
            form.add_error(None, exc.message)
    return render(
        request,
        "editions/staff/application_decide.html",
        {"form": form, "application": application, "edition": edition},
    )
