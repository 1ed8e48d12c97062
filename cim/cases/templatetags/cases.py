from typing import Any

from django import template
from django.utils.safestring import SafeString

from cim.cases.text import to_html, to_plain

register = template.Library()


@register.filter
def lesson_html(text: Any) -> SafeString:
    """{{ lesson.shared_tried|lesson_html }}: the safe Markdown subset, sanitised (see cim/cases/text.py)."""
    return to_html(str(text or ""))


@register.filter
def excerpt(text: Any, limit: int = 240) -> str:
    return to_plain(str(text or ""), int(limit))


@register.filter
def filesize(size: Any) -> str:
    """1234567 → "1,2 MB" (Dutch) / "1.2 MB"."""
    from cim.core.formatting import format_number

    if not size:
        return ""
    size = int(size)
    if size < 1024 * 1024:
        return f"{format_number(max(1, round(size / 1024)))} kB"
    return f"{format_number(size / (1024 * 1024), 1)} MB"
