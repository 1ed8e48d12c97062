"""Writing audit entries. Services call `record(...)` inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from cim.audit import actions
from cim.audit.models import AuditEntry
from cim.core.ratelimit import client_ip


def record(
    action: str,
    *,
    actor: Any = None,
    obj: models.Model | None = None,
    organisation: Any = None,
    programme: Any = None,
    reason: str = "",
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    if not actions.is_registered(action):
        raise ValueError(f"unregistered audit action {action!r}")
    user = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(
        actor=user,
        actor_label=(getattr(user, "display_name", "") or getattr(user, "email", "") or "systeem")[:200]
        if user
        else "systeem",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        organisation=organisation,
        programme=programme,
        reason=reason[:500],
        details=details or {},
        ip_address=(client_ip(request) if request is not None else None) or None,
    )
    entry.save()
    return entry
