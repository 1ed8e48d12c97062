"""Reads of announcements and who receives them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from cim.access.actor import Actor
from cim.access.roles import Perm
from cim.editions.models import Edition, Participation, ParticipationMember
from cim.servicedesk.models import Announcement


@dataclass(frozen=True)
class AnnouncementRecipient:
    email: str
    name: str
    language: str
    organisation: str
    registered: bool  # False: the participation's contact address, the penvoerder has no account yet


def announcement_recipients(edition: Edition) -> list[AnnouncementRecipient]:
    """Every active participation's penvoerder, or its contact address while nobody has used the
    login code yet. One message per address."""
    participations = (
        Participation.objects.filter(edition=edition, status=Participation.Status.ACTIVE)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=ParticipationMember.objects.filter(
                    is_active=True, role=ParticipationMember.Role.PENVOERDER
                ).select_related("user"),
                to_attr="active_penvoerders",
            )
        )
        .order_by("organisation__name")
    )
    seen: set[str] = set()
    result = []
    for participation in participations:
        penvoerder = participation.active_penvoerders[0].user if participation.active_penvoerders else None
        if penvoerder is not None and penvoerder.is_active:
            recipient = AnnouncementRecipient(
                penvoerder.email, penvoerder.display_name, penvoerder.language, participation.organisation.name, True
            )
        elif participation.contact_email:
            recipient = AnnouncementRecipient(
                participation.contact_email, participation.contact_name, "nl", participation.organisation.name, False
            )
        else:
            continue
        if recipient.email.lower() in seen:
            continue
        seen.add(recipient.email.lower())
        result.append(recipient)
    return result


def member_announcements(actor: Actor, *, limit: int = 3) -> list[Announcement]:
    """Sent announcements of the editions the actor takes part in, newest first."""
    editions = {m.edition_id for m in actor.memberships.values()}
    if not editions:
        return []
    return list(
        Announcement.objects.filter(edition_id__in=editions, sent_at__isnull=False)
        .select_related("edition")
        .order_by("-sent_at")[:limit]
    )


def staff_announcements(actor: Actor) -> QuerySet[Announcement]:
    return (
        Announcement.objects.filter(edition__programme_id__in=actor.programmes_with(Perm.MANAGE_PROGRAMME))
        .select_related("edition", "created_by", "sent_by")
        .order_by("-created_at")
    )


def access_announcement(actor: Actor, pk: Any) -> Announcement:
    from django.http import Http404

    try:
        return staff_announcements(actor).get(pk=int(pk))
    except (Announcement.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise Http404 from exc
