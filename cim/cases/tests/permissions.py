from cim.cases.tests import objects as o
from cim.testing.matrix import (
    ANY_SERVICE_DESK,
    BAD_REQUEST,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    OWN_ORGANISATION_AND_STAFF,
    PUBLIC,
    SERVICE_DESK_ONLY,
    Case,
    expect,
)

# Members of any organisation (their own content) but no programme staff.
MEMBERS = expect(NOT_FOUND, anonymous=LOGIN, penvoerder=OK, contributor=OK, foreign_penvoerder=OK)
# Our organisation's people and the service desk may write (analysts only read).
OWN_WRITERS = expect(NOT_FOUND, anonymous=LOGIN, penvoerder=OK, contributor=OK, servicedesk=OK)
# Everyone with a role in a programme (members of any role, staff); funders are not participants.
PARTICIPANTS = expect(OK, anonymous=LOGIN, funder=NOT_FOUND)
# Writers of lessons: members and the service desk of any programme.
LESSON_WRITERS = expect(OK, anonymous=LOGIN, analyst=NOT_FOUND, funder=NOT_FOUND)
UNPUBLISHED = expect(NOT_FOUND, servicedesk=OK)


def project(w):  # type: ignore[no-untyped-def]
    return {"pk": o.project(w).pk}


def draft(w):  # type: ignore[no-untyped-def]
    return {"pk": o.draft_lesson(w).pk}


def submitted(w):  # type: ignore[no-untyped-def]
    return {"pk": o.submitted_lesson(w).pk}


def awaiting(w):  # type: ignore[no-untyped-def]
    return {"pk": o.awaiting_lesson(w).pk}


def shared(w):  # type: ignore[no-untyped-def]
    return {"pk": o.shared_lesson(w).pk}


def project_data(w):  # type: ignore[no-untyped-def]
    return {"title": "Nieuw project", "category": o.tag("energie").pk, "phase": "idea"}


def lesson_data(w):  # type: ignore[no-untyped-def]
    return {"title": "Een les", "tried": "Wij probeerden iets nieuws."}


def shared_data(w):  # type: ignore[no-untyped-def]
    return {"title": "Een les", "tried": "Een gemeente probeerde iets.", "action": "save"}


def material_data(w):  # type: ignore[no-untyped-def]
    return {
        "programme": w.programme.pk,
        "kind": "link",
        "occasion": "mc2",
        "title": "Website",
        "description": "Een nuttige website.",
        "attribution": "Rijksoverheid",
        "url": "https://www.example.org/",
    }


CASES = [
    # Projects
    Case("cases:projects", expect(OK, anonymous=LOGIN, funder=NOT_FOUND)),
    Case("cases:project_create", MEMBERS),
    Case("cases:project_create", MEMBERS, method="post", data=project_data),
    Case("cases:project", OWN_ORGANISATION_AND_STAFF, kwargs=project),
    Case("cases:project_edit", OWN_WRITERS, kwargs=project),
    Case("cases:project_edit", OWN_WRITERS, kwargs=project, method="post", data=project_data),
    Case(
        "cases:project_masterclass4",
        OWN_WRITERS,
        kwargs=project,
        method="post",
        data=lambda w: {"edition": w.edition.pk, "action": "choose"},
        note="only the penvoerder's choice is stored (tests/test_projects.py)",
    ),
    Case("cases:project_masterclass4", expect(NOT_ALLOWED), kwargs=project, label="GET"),
    # Shared lessons
    Case("cases:shared_lessons", PARTICIPANTS),
    Case(
        "cases:shared_lesson",
        expect(OK, anonymous=LOGIN, funder=NOT_FOUND, foreign_staff=NOT_FOUND),
        kwargs=lambda w: {"public_id": o.shared_lesson(w).public_id},
    ),
    Case(
        "cases:shared_lesson",
        expect(NOT_FOUND, anonymous=LOGIN),
        kwargs=lambda w: {"public_id": o.awaiting_lesson(w).public_id},
        label="not yet approved",
    ),
    # An organisation's own lessons
    Case("cases:lessons_mine", LESSON_WRITERS),
    Case("cases:lesson_create", LESSON_WRITERS),
    Case("cases:lesson_create", LESSON_WRITERS, method="post", data=lesson_data),
    Case("cases:lesson", OWN_ORGANISATION_AND_STAFF, kwargs=draft),
    Case("cases:lesson_edit", OWN_WRITERS, kwargs=draft),
    Case("cases:lesson_edit", OWN_WRITERS, kwargs=draft, method="post", data=lesson_data),
    Case("cases:lesson_submit", OWN_WRITERS, kwargs=draft, method="post"),
    Case(
        "cases:lesson_approve",
        OWN_WRITERS,
        kwargs=awaiting,
        method="post",
        data=lambda w: {"version": o.awaiting_lesson(w).shared_version().digest()},
        note="only the author's approval counts (tests/test_lessons.py)",
    ),
    Case(
        "cases:lesson_request_changes",
        OWN_WRITERS,
        kwargs=awaiting,
        method="post",
        data=lambda w: {"note": "Graag korter."},
    ),
    Case("cases:lesson_withdraw", OWN_WRITERS, kwargs=shared, method="post"),
    Case("cases:lesson_top10", OWN_WRITERS, kwargs=shared, method="post", data=lambda w: {"edition": w.edition.pk}),
    # De-identification by the service desk
    Case("cases:review_list", ANY_SERVICE_DESK),
    Case("cases:review", SERVICE_DESK_ONLY, kwargs=submitted),
    Case("cases:review", SERVICE_DESK_ONLY, kwargs=submitted, method="post", data=shared_data),
    # Programme material
    Case("cases:material_list", PUBLIC),
    Case("cases:material", PUBLIC, kwargs=lambda w: {"pk": o.material(w).pk}),
    Case(
        "cases:material", UNPUBLISHED, kwargs=lambda w: {"pk": o.material(w, published=False).pk}, label="unpublished"
    ),
    Case("cases:material_download", PUBLIC, kwargs=lambda w: {"pk": o.material(w).pk}),
    Case(
        "cases:material_download",
        UNPUBLISHED,
        kwargs=lambda w: {"pk": o.material(w, published=False).pk},
        label="unpublished",
    ),
    Case("cases:material_manage", ANY_SERVICE_DESK),
    Case("cases:material_create", ANY_SERVICE_DESK),
    Case(
        "cases:material_create",
        expect(NOT_FOUND, anonymous=LOGIN, servicedesk=OK, foreign_staff=BAD_REQUEST),
        method="post",
        data=material_data,
        note="another programme's service desk cannot add material to ours",
    ),
    Case("cases:material_edit", SERVICE_DESK_ONLY, kwargs=lambda w: {"pk": o.material(w).pk}),
    Case(
        "cases:material_edit",
        SERVICE_DESK_ONLY,
        kwargs=lambda w: {"pk": o.material(w).pk},
        method="post",
        data=material_data,
    ),
    Case("cases:material_publish", SERVICE_DESK_ONLY, kwargs=lambda w: {"pk": o.material(w).pk}, method="post"),
]
