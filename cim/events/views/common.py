"""Shared by the registration pages: turn a service's refusal into a message on the right field."""

from __future__ import annotations

from collections.abc import Callable

from cim.core.errors import DomainError
from cim.events.forms import PersonFields
from cim.events.models import Registration

FIELD_FOR_CODE = {
    "duplicate": "email",
    "email": "email",
    "chatham": "accepts_chatham",
    "project": "project_title",
    "companion": "is_companion",
    "organisation_kind": "organisation_kind",
}


def submit_registration(form: PersonFields, call: Callable[[], Registration]) -> Registration | None:
    try:
        return call()
    except DomainError as exc:
        if exc.code == "full":
            form.show_waitlist()
        field = FIELD_FOR_CODE.get(exc.code)
        form.add_error(field if field in form.fields else None, exc.message)
        return None


DONE_SESSION_KEY = "events_registered"


def remember_done(request, registration: Registration) -> None:  # type: ignore[no-untyped-def]
    request.session[DONE_SESSION_KEY] = {
        "email": registration.email,
        "status": registration.status,
        "event": registration.event.display_title,
    }
