from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from cim.access.actor import Actor
from cim.access.roles import Perm
from cim.audit.models import AuditEntry


def audit_entries(
    actor: Actor,
    *,
    action: str = "",
    actor_query: str = "",
    organisation_id: Any = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    """Entries of the programmes where the actor may read the audit log, and programme-less ones
    (reference-data imports)."""
    programmes = actor.programmes_with(Perm.READ_AUDIT)
    qs = AuditEntry.objects.filter(Q(programme_id__in=programmes) | Q(programme__isnull=True)).select_related(
        "organisation", "programme"
    )
    if not programmes:
        return qs.none()
    if action:
        qs = qs.filter(action=action)
    if actor_query:
        qs = qs.filter(actor_label__icontains=actor_query[:100])
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    return qs
