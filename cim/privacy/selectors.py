"""Reads for data rights: which participations an export covers, and which people a service desk
may find (only people whose data its own programme holds)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from cim.access.actor import Actor
from cim.access.roles import Perm
from cim.access.scoping import participations_visible
from cim.core.registry import DataSubject, person_data_holders


def export_participations(actor: Actor, participation: Any) -> list[Any]:
    """The organisation's participations in the programme of `participation` that the actor may
    read (all editions), oldest first."""
    return list(
        participations_visible(actor, Perm.VIEW_PARTICIPATION)
        .filter(organisation_id=participation.organisation_id, edition__programme_id=participation.edition.programme_id)
        .select_related("edition")
        .order_by("edition__year")
    )


def subject_for(email: str) -> DataSubject:
    user = get_user_model().objects.filter(email__iexact=email).first()
    return DataSubject(email=email, user=user)


def programmes_holding(subject: DataSubject) -> set[int]:
    programmes: set[int] = set()
    for holder in person_data_holders():
        programmes |= holder.programmes(subject)
    return programmes


def person_find(actor: Actor, email: str) -> DataSubject | None:
    """The person with this e-mail address, if the actor's programmes hold data about them."""
    email = (email or "").strip()
    if not email or not actor.is_authenticated:
        return None
    subject = subject_for(email)
    if not programmes_holding(subject) & actor.programmes_with(Perm.MANAGE_PROGRAMME):
        return None
    return subject


def person_summary(subject: DataSubject) -> list[tuple[Any, int]]:
    """What each room holds about the person: (label, number of records)."""
    return [(holder.label, holder.count(subject)) for holder in person_data_holders()]
