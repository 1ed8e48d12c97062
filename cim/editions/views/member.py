"""Pages for the people of a participating organisation: its participation and team."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cim.access.decorators import login_required
from cim.access.roles import Perm
from cim.access.scoping import access_participation, actor_of
from cim.core import registry
from cim.core.errors import DomainError
from cim.editions.forms import InvitationForm
from cim.editions.models import Invitation, ParticipationMember
from cim.editions.selectors import participation_people
from cim.editions.services import invitations as invitation_services
from cim.editions.services import participations as participation_services


@login_required
def participation_home(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    participation = access_participation(actor, pk, perm=Perm.VIEW_PARTICIPATION, request=request, audit_what="team")
    perms = actor.participation_perms(
        participation_id=participation.pk,
        programme_id=participation.edition.programme_id,
        organisation_id=participation.organisation_id,
    )
    choices = registry.section_choices(participation)
    return render(
        request,
        "editions/member/participation.html",
        {
            "participation": participation,
            "can_manage_team": Perm.MANAGE_TEAM in perms,
            "can_export": Perm.EXPORT_ORGANISATION_DATA in perms,
            "invite_form": InvitationForm(section_choices=choices),
            **_with_section_titles(participation_people(participation), choices),
        },
    )


def _with_section_titles(people: dict, choices: list[tuple[str, str]]) -> dict:
    """Name the sections assigned to each colleague and open invitation (empty: all)."""
    titles = dict(choices)
    for item in [*people["active_members"], *people["open_invitations"]]:
        item.section_titles = [titles.get(key, key) for key in (item.sections or [])]
    return people


@require_POST
@login_required
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    participation = access_participation(actor_of(request), pk, perm=Perm.MANAGE_TEAM, request=request)
    choices = registry.section_choices(participation)
    form = InvitationForm(request.POST, section_choices=choices)
    if form.is_valid():
        try:
            invitation_services.invitation_create(
                actor=request.user,
                participation=participation,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                sections=form.cleaned_data.get("sections") or [],
                language=getattr(request, "LANGUAGE_CODE", "nl"),
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("De uitnodiging is verstuurd naar %(email)s.") % {"email": form.cleaned_data["email"]},
            )
        return redirect("editions:participation", participation.pk)
    people = _with_section_titles(participation_people(participation), choices)
    return render(
        request,
        "editions/member/participation.html",
        {"participation": participation, "can_manage_team": True, "invite_form": form, **people},
        status=400,
    )


@require_POST
@login_required
def invitation_revoke(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    participation = access_participation(actor_of(request), pk, perm=Perm.MANAGE_TEAM, request=request)
    try:
        invitation = Invitation.objects.get(pk=invitation_pk, participation=participation)
    except Invitation.DoesNotExist as exc:
        raise Http404 from exc
    try:
        invitation_services.invitation_revoke(actor=request.user, invitation=invitation)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("De uitnodiging is ingetrokken."))
    return redirect("editions:participation", participation.pk)


@require_POST
@login_required
def member_end(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    participation = access_participation(actor_of(request), pk, perm=Perm.MANAGE_TEAM, request=request)
    try:
        member = ParticipationMember.objects.select_related("user", "participation").get(
            pk=member_pk, participation=participation
        )
    except ParticipationMember.DoesNotExist as exc:
        raise Http404 from exc
    try:
        participation_services.membership_end(actor=request.user, member=member)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(name)s werkt niet meer mee.") % {"name": member.user.display_name})
    return redirect("editions:participation", participation.pk)
