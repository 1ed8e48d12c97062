"""Roles and what each may do: declared here, in one place.

Programme roles (service desk, analyst, funder) hold for one programme. Participation roles
(penvoerder, contributor) hold for one participation, and give read access to the same
organisation's other participations in that programme (earlier reports, for instance).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    SERVICE_DESK = "servicedesk"
    ANALYST = "analyst"
    FUNDER = "funder"
    PENVOERDER = "penvoerder"
    CONTRIBUTOR = "contributor"


class Perm(StrEnum):
    # Programme level.
    MANAGE_PROGRAMME = "programme.manage"  # editions, participations, login codes, applications
    READ_CONFIDENTIAL = "confidential.read"  # any participation's answers, scores, reports (audited)
    READ_AUDIT = "audit.read"
    VIEW_PUBLISHED_STATISTICS = "statistics.published"  # the funder's dashboard
    # Participation level.
    VIEW_PARTICIPATION = "participation.view"
    MANAGE_TEAM = "participation.team"  # invite and remove colleagues
    EDIT_SCAN = "scan.edit"
    SUBMIT_SCAN = "scan.submit"
    VIEW_RESULTS = "results.view"
    REGISTER_FOR_EVENTS = "events.register"  # register colleagues for masterclasses
    EDIT_ORGANISATION_CONTENT = "organisation.content"  # projects and lessons of the organisation
    CONTACT_SERVICE_DESK = "servicedesk.contact"  # ask questions, suggest improvements
    EXPORT_ORGANISATION_DATA = "organisation.export"  # download all the organisation's data (ZIP)


ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.SERVICE_DESK: frozenset(
        {
            Perm.MANAGE_PROGRAMME,
            Perm.READ_CONFIDENTIAL,
            Perm.READ_AUDIT,
            Perm.VIEW_PUBLISHED_STATISTICS,
            Perm.VIEW_PARTICIPATION,
            Perm.VIEW_RESULTS,
            Perm.EDIT_ORGANISATION_CONTENT,  # de-identify lessons, help with projects
        }
    ),
    Role.ANALYST: frozenset(
        {
            Perm.READ_CONFIDENTIAL,
            Perm.VIEW_PUBLISHED_STATISTICS,
            Perm.VIEW_PARTICIPATION,
            Perm.VIEW_RESULTS,
        }
    ),
    Role.FUNDER: frozenset({Perm.VIEW_PUBLISHED_STATISTICS}),
    Role.PENVOERDER: frozenset(
        {
            Perm.VIEW_PARTICIPATION,
            Perm.MANAGE_TEAM,
            Perm.EDIT_SCAN,
            Perm.SUBMIT_SCAN,
            Perm.VIEW_RESULTS,
            Perm.CONTACT_SERVICE_DESK,
            Perm.REGISTER_FOR_EVENTS,
            Perm.EDIT_ORGANISATION_CONTENT,
            Perm.EXPORT_ORGANISATION_DATA,
        }
    ),
    Role.CONTRIBUTOR: frozenset(
        {
            Perm.VIEW_PARTICIPATION,
            Perm.EDIT_SCAN,
            Perm.VIEW_RESULTS,
            Perm.CONTACT_SERVICE_DESK,
            Perm.EDIT_ORGANISATION_CONTENT,
        }
    ),
}

# What a member of a participation may do in the same organisation's other participations.
ORGANISATION_READ: frozenset[Perm] = frozenset({Perm.VIEW_PARTICIPATION, Perm.VIEW_RESULTS})

STAFF_ROLES = frozenset({Role.SERVICE_DESK, Role.ANALYST})
ROLES_REQUIRING_MFA = STAFF_ROLES


def role_has(role: Role | str, perm: Perm) -> bool:
    return perm in ROLE_PERMISSIONS[Role(role)]
