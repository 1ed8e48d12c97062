"""A penvoerder invites colleagues; the colleague accepts with the link from the e-mail."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cim.audit.log import record
from cim.core.errors import DomainError
from cim.core.mail import Recipient, send_mail
from cim.editions.codes import generate_token, hash_secret
from cim.editions.models import Invitation, Participation, ParticipationMember
from cim.editions.services.login_codes import check_user_may_redeem
from cim.editions.services.participations import membership_grant

INVITATION_VALID_DAYS = 14
MAX_OPEN_INVITATIONS = 50


@dataclass(frozen=True)
class SentInvitation:
    invitation: Invitation
    token: str


@transaction.atomic
def invitation_create(
    *,
    actor: Any,
    participation: Participation,
    name: str,
    email: str,
    sections: list[str] | None = None,
    language: str = "nl",
) -> SentInvitation:
    email = email.strip().lower()
    name = " ".join(name.split())
    if participation.status != Participation.Status.ACTIVE:
        raise DomainError(_("Deze deelname is teruggetrokken."))
    if ParticipationMember.objects.filter(
        participation=participation, user__email__iexact=email, is_active=True
    ).exists():
        raise DomainError(_("%(email)s werkt al mee aan deze deelname.") % {"email": email})
    open_invitations = Invitation.objects.filter(
        participation=participation,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    )
    if open_invitations.count() >= MAX_OPEN_INVITATIONS:
        raise DomainError(_("Er staan al te veel uitnodigingen open. Trek eerst oude uitnodigingen in."))
    open_invitations.filter(email__iexact=email).update(revoked_at=timezone.now())
    token = generate_token()
    invitation = Invitation(
        participation=participation,
        name=name,
        email=email,
        sections=sections or [],
        token_hash=hash_secret(token),
        invited_by=actor,
        expires_at=timezone.now() + dt.timedelta(days=INVITATION_VALID_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    record(
        "invitation.sent",
        actor=actor,
        obj=participation,
        organisation=participation.organisation,
        programme=participation.edition.programme,
        details={"email": email, "sections": sections or []},
    )
    send_mail(
        to=[Recipient(email, name)],
        template="editions/mail/invitation",
        context={
            "invitation": invitation,
            "participation": participation,
            "token": token,
            "inviter": actor,
        },
        language=language,
    )
    return SentInvitation(invitation, token)


@transaction.atomic
def invitation_revoke(*, actor: Any, invitation: Invitation) -> None:
    if not invitation.is_open:
        raise DomainError(_("Deze uitnodiging is niet meer open."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    participation = invitation.participation
    record(
        "invitation.revoked",
        actor=actor,
        obj=participation,
        organisation=participation.organisation,
        programme=participation.edition.programme,
        details={"email": invitation.email},
    )


def invitation_check(*, token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("participation__organisation", "participation__edition")
        .filter(token_hash=hash_secret(str(token)[:200]))
        .first()
    )
    if invitation is None:
        raise DomainError(_("Deze uitnodiging kennen wij niet. Controleer de link uit de e-mail."), code="unknown")
    if invitation.accepted_at:
        raise DomainError(_("Deze uitnodiging is al gebruikt. Log in met uw account."), code="accepted")
    if invitation.revoked_at:
        raise DomainError(_("Deze uitnodiging is ingetrokken."), code="revoked")
    if invitation.expires_at <= timezone.now():
        raise DomainError(_("Deze uitnodiging is verlopen. Vraag uw penvoerder om een nieuwe."), code="expired")
    if invitation.participation.status != Participation.Status.ACTIVE:
        raise DomainError(_("Deze deelname is niet meer actief."), code="inactive")
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: Any) -> ParticipationMember:
    invitation = invitation_check(token=token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise DomainError(_("Deze uitnodiging is al gebruikt. Log in met uw account."), code="accepted")
    participation = invitation.participation
    check_user_may_redeem(user, participation)
    if ParticipationMember.objects.filter(participation=participation, user=user, is_active=True).exists():
        raise DomainError(_("U werkt al mee aan deze deelname."), code="already_member")
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    member = membership_grant(
        actor=invitation.invited_by or user,
        participation=participation,
        user=user,
        role=ParticipationMember.Role.CONTRIBUTOR,
        sections=invitation.sections,
    )
    record(
        "invitation.accepted",
        actor=user,
        obj=participation,
        organisation=participation.organisation,
        programme=participation.edition.programme,
        details={"email": invitation.email},
    )
    return member
