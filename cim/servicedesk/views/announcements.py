"""Announcements to every penvoerder of an edition: write, preview, send once."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cim.access.decorators import programme_perm_required
from cim.access.roles import Perm
from cim.access.scoping import actor_of, editions_managed
from cim.core.errors import DomainError
from cim.core.mail import render_mail
from cim.servicedesk.forms import AnnouncementForm
from cim.servicedesk.models import Announcement
from cim.servicedesk.selectors.announcements import (
    access_announcement,
    announcement_recipients,
    staff_announcements,
)
from cim.servicedesk.services import announcements as announcement_services

MANAGE = Perm.MANAGE_PROGRAMME


@programme_perm_required(MANAGE)
@require_GET
def announcement_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "servicedesk/staff/announcements.html",
        {"announcements": staff_announcements(actor_of(request))[:100]},
    )


def _form_page(request: HttpRequest, announcement: Announcement | None) -> HttpResponse:
    actor = actor_of(request)
    editions = editions_managed(actor).order_by("-year")
    form = AnnouncementForm(request.POST or None, instance=announcement, editions=editions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = announcement_services.announcement_save(
                actor=request.user,
                edition=data["edition"],
                announcement=announcement,
                **{k: data[k] for k in announcement_services.FIELDS},
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De mededeling is opgeslagen. Bekijk het voorbeeld en verstuur haar."))
            return redirect("servicedesk:staff_announcement", saved.pk)
    return render(
        request,
        "servicedesk/staff/announcement_form.html",
        {"form": form, "announcement": announcement},
        status=400 if request.method == "POST" else 200,
    )


@programme_perm_required(MANAGE)
def announcement_new(request: HttpRequest) -> HttpResponse:
    return _form_page(request, None)


@programme_perm_required(MANAGE)
def announcement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = access_announcement(actor_of(request), pk)
    if announcement.is_sent:
        messages.info(request, _("Deze mededeling is al verstuurd en kan niet meer worden gewijzigd."))
        return redirect("servicedesk:staff_announcement", announcement.pk)
    return _form_page(request, announcement)


@programme_perm_required(MANAGE)
@require_GET
def announcement_preview(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = access_announcement(actor_of(request), pk)
    recipients = announcement_recipients(announcement.edition)
    previews = []
    for language in ("nl", "en"):
        context = {
            "name": getattr(request.user, "display_name", ""),
            "title": announcement.title_in(language),
            "body": announcement.body_in(language),
            "edition": announcement.edition,
        }
        subject, text, _html = render_mail("servicedesk/mail/announcement", context, language)
        previews.append(
            {
                "language": language,
                "subject": subject,
                "text": text,
                "count": sum(1 for r in recipients if (r.language or "nl").startswith(language)),
            }
        )
    return render(
        request,
        "servicedesk/staff/announcement.html",
        {
            "announcement": announcement,
            "recipients": recipients,
            "unregistered": sum(1 for r in recipients if not r.registered),
            "previews": previews,
        },
    )


@programme_perm_required(MANAGE)
@require_POST
def announcement_send(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = access_announcement(actor_of(request), pk)
    try:
        count = announcement_services.announcement_send(actor=request.user, announcement=announcement)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("De mededeling is verstuurd naar %(n)s penvoerders.") % {"n": count})
    return redirect("servicedesk:staff_announcement", announcement.pk)
