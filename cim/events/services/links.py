"""The registration link a penvoerder shares with colleagues."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cim.audit.log import record
from cim.core.errors import DomainError
from cim.editions.models import Participation
from cim.events.models import SignupLink


@transaction.atomic
def signup_link_create(*, actor: Any, participation: Participation) -> SignupLink:
    """A new link; the previous one stops working."""
    if participation.status != Participation.Status.ACTIVE:
        raise DomainError(_("Deze deelname is teruggetrokken."), code="withdrawn")
    SignupLink.objects.filter(participation=participation, revoked_at__isnull=True).update(revoked_at=timezone.now())
    link = SignupLink.objects.create(participation=participation, key=secrets.token_urlsafe(24), created_by=actor)
    record(
        "events.signup_link_created",
        actor=actor,
        obj=participation,
        organisation=participation.organisation,
        programme=participation.edition.programme,
    )
    return link


def signup_link_check(*, key: str) -> SignupLink:
    link = (
        SignupLink.objects.select_related("participation__organisation", "participation__edition__programme")
        .filter(key=str(key)[:64], revoked_at__isnull=True)
        .first()
    )
    if link is None:
        raise DomainError(
            _("Deze aanmeldlink werkt niet (meer). Vraag uw penvoerder om de actuele link."), code="unknown"
        )
    if link.participation.status != Participation.Status.ACTIVE:
        raise DomainError(_("Deze deelname is niet meer actief."), code="inactive")
    return link
