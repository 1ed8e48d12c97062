"""The typed audit actions. Every entry names one of these; apps register their own in ready().

Labels are shown to staff in their language (like pretix's log_action types).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_ACTIONS: dict[str, Promise] = {}


def register(actions: dict[str, Promise]) -> None:
    for code, label in actions.items():
        if code in _ACTIONS and _ACTIONS[code] != label:
            raise ValueError(f"audit action {code!r} registered twice")
        _ACTIONS[code] = label


def label(code: str) -> str:
    return str(_ACTIONS.get(code, code))


def is_registered(code: str) -> bool:
    return code in _ACTIONS


def choices() -> list[tuple[str, str]]:
    return sorted(((code, str(lbl)) for code, lbl in _ACTIONS.items()), key=lambda c: c[1])


register(
    {
        "confidential.read": _("Vertrouwelijke gegevens ingezien"),
        "confidential.export": _("Vertrouwelijke gegevens geëxporteerd"),
        "access.denied": _("Toegang geweigerd tot gegevens van een andere organisatie"),
    }
)
