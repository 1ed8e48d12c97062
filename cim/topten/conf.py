"""Settings of the Top 10, with their defaults (documented in docs/topten.md).

`settings.TOPTEN_MIN_LEVEL_SCORE` (default 20, where the second maturity stage begins): the score
(0–100) a municipality needs on *each* level, strategic and operational, to be ranked. `settings.TOPTEN_SIZE` (default 10).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from cim.topten.ranking import TOP_SIZE

DEFAULT_MIN_LEVEL_SCORE = Decimal("20.0")


def min_level_score() -> Decimal:
    raw = getattr(settings, "TOPTEN_MIN_LEVEL_SCORE", DEFAULT_MIN_LEVEL_SCORE)
    try:
        value = Decimal(str(raw)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError) as exc:
        raise ImproperlyConfigured(f"TOPTEN_MIN_LEVEL_SCORE must be a number, not {raw!r}") from exc
    if not Decimal(0) <= value <= Decimal(100):
        raise ImproperlyConfigured(f"TOPTEN_MIN_LEVEL_SCORE must lie between 0 and 100, not {raw!r}")
    return value


def top_size() -> int:
    raw = getattr(settings, "TOPTEN_SIZE", TOP_SIZE)
    if not isinstance(raw, int) or isinstance(raw, bool) or not 1 <= raw <= 100:
        raise ImproperlyConfigured(f"TOPTEN_SIZE must be a whole number from 1 to 100, not {raw!r}")
    return raw
