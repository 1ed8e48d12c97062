"""Reads of editions and participations, always given the acting user (via cim.access)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from cim.access.actor import Actor
from cim.access.roles import Perm
from cim.access.scoping import participations_visible
from cim.editions.models import (
    Edition,
    Invitation,
    LoginCode,
    Participation,
    ParticipationApplication,
    ParticipationMember,
    ScanStatus,
)


@dataclass
class ParticipationRow:
    participation: Participation
    penvoerder: ParticipationMember | None
    latest_code: LoginCode | None
    contributors: int

    @property
    def onboarding(self) -> str:
        if self.penvoerder:
            return "registered"
        if self.latest_code and self.latest_code.state == LoginCode.State.VALID:
            return "code_sent"
        return "no_code"


def edition_participation_rows(edition: Edition, *, query: str = "", onboarding: str = "") -> list[ParticipationRow]:
    """Every participation of an edition with its penvoerder and latest code: a constant number of queries."""
    qs = (
        Participation.objects.filter(edition=edition)
        .select_related("organisation", "province")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=ParticipationMember.objects.filter(is_active=True).select_related("user"),
                to_attr="active_members",
            ),
            Prefetch(
                "login_codes",
                queryset=LoginCode.objects.order_by("-issued_at"),
                to_attr="codes_newest_first",
            ),
        )
        .order_by("organisation__name")
    )
    if query:
        qs = qs.filter(Q(organisation__name__icontains=query[:100]) | Q(organisation__cbs_code__iexact=query[:10]))
    rows = []
    for p in qs:
        penvoerder = next((m for m in p.active_members if m.role == ParticipationMember.Role.PENVOERDER), None)
        contributors = sum(1 for m in p.active_members if m.role == ParticipationMember.Role.CONTRIBUTOR)
        rows.append(
            ParticipationRow(
                p,
                penvoerder,
                p.codes_newest_first[0] if p.codes_newest_first else None,
                contributors,
            )
        )
    if onboarding:
        rows = [r for r in rows if r.onboarding == onboarding]
    return rows


def edition_counts(edition: Edition) -> dict[str, int]:
    return Participation.objects.filter(edition=edition).aggregate(
        total=Count("pk", distinct=True),
        monitor=Count("pk", filter=Q(takes_monitor=True), distinct=True),
        masterclasses=Count("pk", filter=Q(takes_masterclasses=True), distinct=True),
        with_penvoerder=Count("pk", filter=Q(members__role="penvoerder", members__is_active=True), distinct=True),
        submitted=Count("pk", filter=Q(scan_status=ScanStatus.SUBMITTED), distinct=True),
    )


def pending_applications(edition: Edition) -> QuerySet[ParticipationApplication]:
    return edition.applications.filter(status=ParticipationApplication.Status.PENDING).select_related("organisation")


def participation_people(participation: Participation) -> dict[str, Any]:
    members = list(
        participation.members.select_related("user", "added_by").order_by("-is_active", "role", "-started_at")
    )
    return {
        "active_members": [m for m in members if m.is_active],
        "past_members": [m for m in members if not m.is_active],
        "penvoerder": next(
            (m for m in members if m.is_active and m.role == ParticipationMember.Role.PENVOERDER),
            None,
        ),
        "open_invitations": list(
            Invitation.objects.filter(
                participation=participation,
                accepted_at__isnull=True,
                revoked_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
        ),
    }


def member_participations(actor: Actor) -> list[Participation]:
    """The participations a person holds an active role in, newest edition first."""
    ids = list(actor.memberships)
    if not ids:
        return []
    return list(
        participations_visible(actor, Perm.VIEW_PARTICIPATION)
        .filter(pk__in=ids)
        .select_related("edition__programme", "organisation")
        .prefetch_related("edition__feedback_moments")
        .order_by("-edition__year")
    )
