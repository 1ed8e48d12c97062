"""Helpers shared by this room's services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from cim.core.errors import DomainError


def clean_or_refuse(obj: models.Model, *, exclude: list[str] | None = None) -> None:
    """full_clean(), with the first validation message as a DomainError for the user."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        messages = [f"{m}" for field_messages in exc.message_dict.values() for m in field_messages]
        raise DomainError(" ".join(messages[:3])) from exc


def user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None
