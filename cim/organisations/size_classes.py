"""Fixed size classes of municipalities by population (a predefined peer-group classification).

Peer groups are only ever formed from fixed classifications like this one, never from filters
a user chooses (see docs/disclosure.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SizeClass:
    code: str
    label: Promise
    lower: int  # inclusive
    upper: int | None  # exclusive


SIZE_CLASSES = (
    SizeClass("S", _("minder dan 20.000 inwoners"), 0, 20_000),
    SizeClass("M", _("20.000 tot 50.000 inwoners"), 20_000, 50_000),
    SizeClass("L", _("50.000 tot 100.000 inwoners"), 50_000, 100_000),
    SizeClass("XL", _("100.000 inwoners of meer"), 100_000, None),
)
SIZE_CLASS_CHOICES = [(c.code, c.label) for c in SIZE_CLASSES]


def size_class_for(population: int | None) -> str:
    """The size class code for a population, or "" when the population is unknown."""
    if population is None:
        return ""
    for size_class in SIZE_CLASSES:
        if population >= size_class.lower and (size_class.upper is None or population < size_class.upper):
            return size_class.code
    return ""


def size_class_label(code: str) -> str:
    for size_class in SIZE_CLASSES:
        if size_class.code == code:
            return str(size_class.label)
    return str(_("onbekend"))
