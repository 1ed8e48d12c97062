"""Content that staff write in Dutch and, optionally, English: field `x` and field `x_en`."""

from __future__ import annotations

from typing import Any

from django.utils import translation


def localized(obj: Any, field: str, language: str | None = None) -> str:
    language = language or translation.get_language() or "nl"
    if language.startswith("en"):
        english = getattr(obj, f"{field}_en", "")
        if english:
            return str(english)
    return str(getattr(obj, field, ""))
