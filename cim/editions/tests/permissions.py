from cim.testing.factories import organisation
from cim.testing.matrix import (
    ANY_SERVICE_DESK,
    NOT_ALLOWED,
    OWN_ORGANISATION_AND_STAFF,
    OWN_PENVOERDER_ONLY,
    PUBLIC,
    SERVICE_DESK_ONLY,
    Case,
    expect,
)


def ours(w):  # type: ignore[no-untyped-def]
    return {"pk": w.participation.pk}


def edition(w):  # type: ignore[no-untyped-def]
    return {"pk": w.edition.pk}


def contributor_member(w):  # type: ignore[no-untyped-def]
    member = w.participation.members.get(role="contributor")
    return {"pk": w.participation.pk, "member_pk": member.pk}


CASES = [
    # Public
    Case("editions:redeem_code", PUBLIC),
    Case("editions:redeem_code", PUBLIC, method="post", data=lambda w: {"code": "not-a-code"}),
    Case("editions:redeem_account", PUBLIC),
    Case("editions:invitation_accept", PUBLIC, kwargs=lambda w: {"token": w.invitation_token}),
    Case(
        "editions:invitation_accept",
        PUBLIC,
        kwargs=lambda w: {"token": w.invitation_token},
        method="post",
    ),
    Case("editions:apply", PUBLIC),
    Case("editions:apply", PUBLIC, method="post", data=lambda w: {"contact_name": "X"}),
    Case("editions:apply_done", PUBLIC),
    # Members of the organisation
    Case("editions:participation", OWN_ORGANISATION_AND_STAFF, kwargs=ours),
    Case(
        "editions:invite",
        OWN_PENVOERDER_ONLY,
        kwargs=ours,
        method="post",
        data=lambda w: {"name": "Nina Nieuw", "email": "nina@arnhem.nl"},
    ),
    Case("editions:invite", expect(NOT_ALLOWED), kwargs=ours, label="GET"),
    Case(
        "editions:invitation_revoke",
        OWN_PENVOERDER_ONLY,
        kwargs=lambda w: {"pk": w.participation.pk, "invitation_pk": w.invitation.pk},
        method="post",
    ),
    Case("editions:member_end", OWN_PENVOERDER_ONLY, kwargs=contributor_member, method="post"),
    # Service desk
    Case("editions:staff_editions", ANY_SERVICE_DESK),
    Case("editions:staff_edition_create", ANY_SERVICE_DESK),
    Case("editions:staff_edition", SERVICE_DESK_ONLY, kwargs=edition),
    Case("editions:staff_edition_edit", SERVICE_DESK_ONLY, kwargs=edition),
    Case(
        "editions:staff_edition_status",
        SERVICE_DESK_ONLY,
        kwargs=edition,
        method="post",
        data=lambda w: {"to_status": "closed", "from_status": "open", "reason": "Matrix"},
    ),
    Case("editions:staff_edition_status", SERVICE_DESK_ONLY, kwargs=edition, label="GET"),
    Case(
        "editions:staff_feedback_moment_add",
        SERVICE_DESK_ONLY,
        kwargs=edition,
        method="post",
        data=lambda w: {"date": str(w.feedback_moment.date), "kind": "results", "description": "Extra moment"},
    ),
    Case(
        "editions:staff_feedback_moment_remove",
        SERVICE_DESK_ONLY,
        kwargs=lambda w: {"pk": w.feedback_moment.pk},
        method="post",
    ),
    Case("editions:staff_participations_add", SERVICE_DESK_ONLY, kwargs=edition),
    Case(
        "editions:staff_participations_add",
        SERVICE_DESK_ONLY,
        kwargs=edition,
        method="post",
        data=lambda w: {"organisation": organisation("GM0200").pk, "takes_monitor": "on"},
    ),
    Case("editions:staff_codes_bulk", SERVICE_DESK_ONLY, kwargs=edition),
    Case("editions:staff_application", SERVICE_DESK_ONLY, kwargs=lambda w: {"pk": w.application.pk}),
    Case("editions:staff_participation", SERVICE_DESK_ONLY, kwargs=ours),
    Case(
        "editions:staff_participation",
        SERVICE_DESK_ONLY,
        kwargs=lambda w: {"pk": w.foreign_participation.pk},
        label="other",
    ),
    Case("editions:staff_participation_edit", SERVICE_DESK_ONLY, kwargs=ours),
    Case("editions:staff_code_issue", SERVICE_DESK_ONLY, kwargs=ours, method="post"),
    Case("editions:staff_handover", SERVICE_DESK_ONLY, kwargs=ours),
    Case("editions:staff_withdraw", SERVICE_DESK_ONLY, kwargs=ours),
    Case(
        "editions:staff_code_revoke",
        SERVICE_DESK_ONLY,
        kwargs=lambda w: {"pk": w.login_code.pk},
        method="post",
    ),
]
