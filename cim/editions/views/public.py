"""Pages without login: redeem a login code, accept an invitation, apply to take part."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cim.accounts.forms import AccountCreateForm
from cim.accounts.services import user_create, user_login
from cim.core import ratelimit
from cim.core.errors import DomainError
from cim.editions.forms import ApplicationForm, RedeemForm
from cim.editions.models import Edition, LoginCode
from cim.editions.services import applications as application_services
from cim.editions.services import invitations as invitation_services
from cim.editions.services import login_codes as code_services

logger = logging.getLogger("cim.security")
SESSION_KEY = "redeem_code"
SESSION_MAX_AGE = 30 * 60
WINDOW = 15 * 60


def _throttled(request: HttpRequest) -> bool:
    limit = settings.LOGIN_CODE_ATTEMPTS_PER_15_MIN
    return ratelimit.exceeded("code", ratelimit.client_ip(request), limit=limit, window=WINDOW) or ratelimit.exceeded(
        "code-session", request.session.session_key or "none", limit=limit, window=WINDOW
    )


def _count_failure(request: HttpRequest) -> None:
    if not request.session.session_key:
        request.session.save()
    ratelimit.hit("code", ratelimit.client_ip(request), WINDOW)
    ratelimit.hit("code-session", request.session.session_key or "none", WINDOW)


@never_cache
def redeem_code(request: HttpRequest) -> HttpResponse:
    form = RedeemForm(request.POST or None)
    if request.method == "POST":
        if _throttled(request):
            logger.warning("login code throttled ip=%s", ratelimit.client_ip(request))
            form.is_valid()
            form.add_error(
                None,
                _("Te veel pogingen. Probeer het over een kwartier opnieuw, of neem contact op met de servicedesk."),
            )
        elif form.is_valid():
            try:
                login_code = code_services.login_code_check(code=form.cleaned_data["code"])
                if request.user.is_authenticated:
                    code_services.check_user_may_redeem(request.user, login_code.participation)
            except DomainError as exc:
                if exc.code in {"malformed", "unknown"}:
                    _count_failure(request)
                form.add_error("code", exc.message)
            else:
                request.session[SESSION_KEY] = {"id": login_code.pk, "at": int(time.time())}
                return redirect("editions:redeem_account")
    return render(request, "editions/public/redeem_code.html", {"form": form})


def _code_from_session(request: HttpRequest) -> LoginCode | None:
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict) or int(time.time()) - int(data.get("at", 0)) > SESSION_MAX_AGE:
        return None
    code_id = data.get("id")
    if not isinstance(code_id, int):
        return None
    login_code = (
        LoginCode.objects.select_related("participation__organisation", "participation__edition")
        .filter(pk=code_id)
        .first()
    )
    if login_code is None or login_code.state != LoginCode.State.VALID:
        return None
    return login_code


@never_cache
def redeem_account(request: HttpRequest) -> HttpResponse:
    login_code = _code_from_session(request)
    if login_code is None:
        messages.error(request, _("Voer uw inlogcode (opnieuw) in."))
        return redirect("editions:redeem_code")
    participation = login_code.participation
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                code_services.login_code_redeem(login_code_id=login_code.pk, user=request.user)
            except DomainError as exc:
                messages.error(request, exc.message)
                return redirect("editions:redeem_code")
            request.session.pop(SESSION_KEY, None)
            messages.success(
                request,
                _("U bent nu penvoerder voor %(org)s.") % {"org": participation.organisation.name},
            )
            return redirect("portal:dashboard")
        return render(request, "editions/public/redeem_confirm.html", {"participation": participation})
    form = AccountCreateForm(
        request.POST or None,
        initial={"name": participation.contact_name, "email": participation.contact_email},
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = user_create(
                    email=form.cleaned_data["email"],
                    name=form.cleaned_data["name"],
                    password=form.cleaned_data["password1"],
                    language=getattr(request, "LANGUAGE_CODE", "nl"),
                )
                code_services.login_code_redeem(login_code_id=login_code.pk, user=user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("editions:redeem_code")
        request.session.pop(SESSION_KEY, None)
        user_login(request, user)
        messages.success(
            request,
            _("Welkom! U bent nu penvoerder voor %(org)s.") % {"org": participation.organisation.name},
        )
        return redirect("portal:dashboard")
    return render(
        request,
        "editions/public/redeem_account.html",
        {"form": form, "participation": participation},
    )


@never_cache
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitation_services.invitation_check(token=token)
    except DomainError as exc:
        return render(request, "editions/public/invitation_invalid.html", {"message": exc.message}, status=404)
    participation = invitation.participation
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                invitation_services.invitation_accept(token=token, user=request.user)
            except DomainError as exc:
                messages.error(request, exc.message)
                return redirect("portal:dashboard")
            messages.success(
                request,
                _("U werkt nu mee aan de deelname van %(org)s.") % {"org": participation.organisation.name},
            )
            return redirect("portal:dashboard")
        return render(request, "editions/public/invitation_confirm.html", {"invitation": invitation})
    form = AccountCreateForm(request.POST or None, fixed_email=invitation.email, initial={"name": invitation.name})
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = user_create(
                    email=invitation.email,
                    name=form.cleaned_data["name"],
                    password=form.cleaned_data["password1"],
                    language=getattr(request, "LANGUAGE_CODE", "nl"),
                    email_verified=True,  # the invitation link was sent to this address
                )
                invitation_services.invitation_accept(token=token, user=user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("portal:home")
        user_login(request, user)
        messages.success(
            request,
            _("Welkom! U werkt nu mee aan de deelname van %(org)s.") % {"org": participation.organisation.name},
        )
        return redirect("portal:dashboard")
    return render(request, "editions/public/invitation_account.html", {"form": form, "invitation": invitation})


APPLY_LIMIT = 5
APPLY_WINDOW = 60 * 60


def _open_editions():  # type: ignore[no-untyped-def]
    from cim.editions.lifecycle import EditionStatus

    return Edition.objects.filter(status__in=[EditionStatus.DRAFT, EditionStatus.OPEN]).order_by("year")


@never_cache
def apply(request: HttpRequest) -> HttpResponse:
    editions = _open_editions()
    form = ApplicationForm(request.POST or None, editions=editions)
    if request.method == "POST":
        ip = ratelimit.client_ip(request)
        if ratelimit.exceeded("apply", ip, limit=APPLY_LIMIT, window=APPLY_WINDOW):
            form.is_valid()
            form.add_error(
                None,
                _("U heeft al meerdere aanmeldingen gedaan. Probeer het later opnieuw of mail de servicedesk."),
            )
        elif form.is_valid():
            ratelimit.hit("apply", ip, APPLY_WINDOW)
            data = form.cleaned_data
            if data.get("website"):
                # A bot filled in the hidden field: pretend success, store nothing.
                logger.info("application honeypot triggered ip=%s", ip)
                return redirect("editions:apply_done")
            try:
                application_services.application_submit(
                    edition=data["edition"],
                    organisation=data["organisation"],
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                    contact_function=data["contact_function"],
                    takes_monitor=data["takes_monitor"],
                    takes_masterclasses=data["takes_masterclasses"],
                    message=data["message"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                return redirect("editions:apply_done")
    return render(request, "editions/public/apply.html", {"form": form, "editions": editions})


def apply_done(request: HttpRequest) -> HttpResponse:
    return render(request, "editions/public/apply_done.html")
