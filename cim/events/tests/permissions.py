from cim.events.tests.world import events_world
from cim.testing.matrix import (
    ANY_SERVICE_DESK,
    BAD_REQUEST,
    NOT_ALLOWED,
    NOT_FOUND,
    OWN_ORGANISATION_AND_STAFF,
    OWN_PENVOERDER_ONLY,
    PUBLIC,
    SERVICE_DESK_ONLY,
    Case,
    expect,
)


def ours(w):  # type: ignore[no-untyped-def]
    events_world(w)
    return {"pk": w.participation.pk}


def ours_session(w):  # type: ignore[no-untyped-def]
    return {"pk": w.participation.pk, "session_pk": events_world(w).session.pk}


def ours_registration(w):  # type: ignore[no-untyped-def]
    return {"pk": w.participation.pk, "registration_pk": events_world(w).registration.pk}


def ours_attended(w):  # type: ignore[no-untyped-def]
    return {"pk": w.participation.pk, "registration_pk": events_world(w).attended.pk}


def edition(w):  # type: ignore[no-untyped-def]
    events_world(w)
    return {"pk": w.edition.pk}


def event_mc1(w):  # type: ignore[no-untyped-def]
    return {"pk": events_world(w).mc1.pk}


def event_closing(w):  # type: ignore[no-untyped-def]
    return {"pk": events_world(w).closing.pk}


def session(w):  # type: ignore[no-untyped-def]
    return {"pk": events_world(w).session.pk}


def registration_pk(w):  # type: ignore[no-untyped-def]
    return {"pk": events_world(w).registration.pk}


def token(w):  # type: ignore[no-untyped-def]
    return {"token": events_world(w).token}


def attended_token(w):  # type: ignore[no-untyped-def]
    return {"token": events_world(w).attended_token}


def link_key(w):  # type: ignore[no-untyped-def]
    return {"key": events_world(w).link.key}


def person(w):  # type: ignore[no-untyped-def]
    return {
        "name": "Carla Collega",
        "email": "carla@arnhem.nl",
        "language": "nl",
        "dietary": "",
        "accepts_chatham": "on",
    }


CASES = [
    # Public
    Case("events:programme", PUBLIC, kwargs=lambda w: (events_world(w), {})[1]),
    Case("events:event", PUBLIC, kwargs=event_mc1),
    Case("events:public_register", PUBLIC, kwargs=event_closing),
    Case(
        "events:public_register",
        expect(BAD_REQUEST),
        kwargs=event_closing,
        method="post",
        data=lambda w: {"name": "X"},
        label="incomplete",
    ),
    Case("events:public_register", expect(NOT_FOUND), kwargs=event_mc1, label="masterclass is not public"),
    Case("events:done", PUBLIC),
    Case("events:link", PUBLIC, kwargs=link_key),
    Case("events:link", expect(NOT_FOUND), kwargs=lambda w: {"key": "unknown"}, label="unknown key"),
    Case(
        "events:link_register",
        PUBLIC,
        kwargs=lambda w: {"key": events_world(w).link.key, "session_pk": events_world(w).session.pk},
    ),
    Case("events:registration", PUBLIC, kwargs=token),
    Case("events:registration", expect(NOT_FOUND), kwargs=lambda w: {"token": "forged:token"}, label="forged"),
    Case("events:registration_cancel", PUBLIC, kwargs=token, method="post"),
    Case("events:registration_cancel", expect(NOT_ALLOWED), kwargs=token, label="GET"),
    Case("events:offer_accept", PUBLIC, kwargs=token, method="post"),
    Case("events:registration_ics", PUBLIC, kwargs=token),
    Case("events:registration_certificate", PUBLIC, kwargs=attended_token),
    Case("events:registration_certificate", expect(NOT_FOUND), kwargs=token, label="not attended"),
    # The participating organisation
    Case("events:home", OWN_ORGANISATION_AND_STAFF, kwargs=ours),
    Case("events:register", OWN_PENVOERDER_ONLY, kwargs=ours_session),
    Case("events:register", OWN_PENVOERDER_ONLY, kwargs=ours_session, method="post", data=person),
    Case(
        "events:register",
        expect(NOT_FOUND, anonymous="login", foreign_penvoerder="ok"),
        kwargs=lambda w: {"pk": w.foreign_participation.pk, "session_pk": events_world(w).session.pk},
        label="the other municipality's own page",
    ),
    Case("events:cancel", OWN_PENVOERDER_ONLY, kwargs=ours_registration, method="post"),
    Case("events:cancel", expect(NOT_ALLOWED), kwargs=ours_registration, label="GET"),
    Case(
        "events:cancel",
        expect(NOT_FOUND, anonymous="login"),
        kwargs=lambda w: {"pk": w.participation.pk, "registration_pk": events_world(w).foreign_registration.pk},
        method="post",
        label="foreign registration",
    ),
    Case("events:certificate", OWN_ORGANISATION_AND_STAFF, kwargs=ours_attended),
    Case("events:signup_link", OWN_PENVOERDER_ONLY, kwargs=ours, method="post"),
    Case("events:signup_link", expect(NOT_ALLOWED), kwargs=ours, label="GET"),
    Case(
        "events:project",
        OWN_PENVOERDER_ONLY,
        kwargs=lambda w: {"pk": w.participation.pk, "event_pk": events_world(w).mc4.pk},
    ),
    # Service desk
    Case("events:staff_index", ANY_SERVICE_DESK),
    Case("events:staff_edition", SERVICE_DESK_ONLY, kwargs=edition),
    Case("events:staff_defaults", SERVICE_DESK_ONLY, kwargs=edition, method="post"),
    Case("events:staff_municipalities", SERVICE_DESK_ONLY, kwargs=edition),
    Case("events:staff_edition_export", SERVICE_DESK_ONLY, kwargs=edition),
    Case("events:staff_event_edit", SERVICE_DESK_ONLY, kwargs=event_mc1),
    Case("events:staff_session_create", SERVICE_DESK_ONLY, kwargs=event_mc1),
    Case("events:staff_session", SERVICE_DESK_ONLY, kwargs=session),
    Case("events:staff_session_edit", SERVICE_DESK_ONLY, kwargs=session),
    Case("events:staff_session_cancel", SERVICE_DESK_ONLY, kwargs=session),
    Case("events:staff_checkin", SERVICE_DESK_ONLY, kwargs=session),
    Case("events:staff_no_shows", SERVICE_DESK_ONLY, kwargs=session, method="post"),
    Case("events:staff_session_export", SERVICE_DESK_ONLY, kwargs=session),
    Case(
        "events:staff_attendance",
        SERVICE_DESK_ONLY,
        kwargs=registration_pk,
        method="post",
        data=lambda w: {"attendance": "present"},
    ),
    Case("events:staff_attendance", expect(NOT_ALLOWED), kwargs=registration_pk, label="GET"),
    Case("events:staff_cancel", SERVICE_DESK_ONLY, kwargs=registration_pk, method="post"),
]
