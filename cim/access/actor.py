"""Who is acting: a user's roles, loaded once per request (three small queries) and cached."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cim.access.roles import (
    ORGANISATION_READ,
    ROLES_REQUIRING_MFA,
    STAFF_ROLES,
    Perm,
    Role,
    role_has,
)


@dataclass(frozen=True)
class Membership:
    participation_id: int
    organisation_id: int
    edition_id: int
    programme_id: int
    role: Role
    sections: tuple[str, ...]


@dataclass
class Actor:
    user: Any
    staff: dict[int, Role] = field(default_factory=dict)  # programme id -> staff role
    funder: dict[int, frozenset[int]] = field(default_factory=dict)  # programme id -> province ids
    memberships: dict[int, Membership] = field(default_factory=dict)  # participation id -> membership
    # Reads shared by several parts of one request (the actor lives as long as its request's user).
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_authenticated(self) -> bool:
        return bool(self.user is not None and self.user.is_authenticated)

    # --- programme roles -------------------------------------------------------------------
    def programmes_with(self, perm: Perm) -> set[int]:
        ids = {pid for pid, role in self.staff.items() if role_has(role, perm)}
        if role_has(Role.FUNDER, perm):
            ids |= set(self.funder)
        return ids

    def can_in_programme(self, perm: Perm, programme_id: int) -> bool:
        return programme_id in self.programmes_with(perm)

    @property
    def is_programme_staff(self) -> bool:
        return bool(self.staff)

    @property
    def is_service_desk(self) -> bool:
        return Role.SERVICE_DESK in self.staff.values()

    @property
    def is_analyst(self) -> bool:
        return Role.ANALYST in self.staff.values()

    @property
    def is_funder(self) -> bool:
        return bool(self.funder)

    @property
    def requires_mfa(self) -> bool:
        return any(role in ROLES_REQUIRING_MFA for role in self.staff.values())

    # --- participation roles ---------------------------------------------------------------
    @property
    def is_member(self) -> bool:
        return bool(self.memberships)

    @property
    def is_penvoerder(self) -> bool:
        return any(m.role == Role.PENVOERDER for m in self.memberships.values())

    @property
    def organisation_scopes(self) -> set[tuple[int, int]]:
        """(programme id, organisation id) pairs this person belongs to."""
        return {(m.programme_id, m.organisation_id) for m in self.memberships.values()}

    def membership(self, participation_id: int) -> Membership | None:
        return self.memberships.get(participation_id)

    def is_insider(self, *, programme_id: int, organisation_id: int) -> bool:
        return (programme_id, organisation_id) in self.organisation_scopes

    def organisation_perms(self, *, programme_id: int, organisation_id: int) -> frozenset[Perm]:
        """What the actor may do with an organisation's own content in a programme (projects,
        lessons, conversations): staff by their role, members by their strongest active role."""
        perms: set[Perm] = set()
        staff_role = self.staff.get(programme_id)
        if staff_role in STAFF_ROLES:
            perms |= {p for p in Perm if role_has(staff_role, p)}
        for member in self.memberships.values():
            if member.programme_id == programme_id and member.organisation_id == organisation_id:
                perms |= {p for p in Perm if role_has(member.role, p)}
        return frozenset(perms)

    def participation_perms(self, *, participation_id: int, programme_id: int, organisation_id: int) -> frozenset[Perm]:
        """Everything this actor may do with one participation, from every role it holds."""
        perms: set[Perm] = set()
        staff_role = self.staff.get(programme_id)
        if staff_role in STAFF_ROLES:
            perms |= {p for p in Perm if role_has(staff_role, p)}
        member = self.memberships.get(participation_id)
        if member is not None:
            perms |= {p for p in Perm if role_has(member.role, p)}
        elif self.is_insider(programme_id=programme_id, organisation_id=organisation_id):
            perms |= ORGANISATION_READ
        return frozenset(perms)


ANONYMOUS = Actor(user=None)


def load_actor(user: Any) -> Actor:
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_cim_actor", None)
    if cached is not None:
        return cached
    from cim.editions.models import FunderAccess, ParticipationMember, ProgrammeStaff

    actor = Actor(user=user)
    for programme_id, role in ProgrammeStaff.objects.filter(user=user, is_active=True).values_list(
        "programme_id", "role"
    ):
        actor.staff[programme_id] = Role(role)
    funder: dict[int, set[int]] = {}
    for programme_id, province_id in FunderAccess.objects.filter(user=user, is_active=True).values_list(
        "programme_id", "province_id"
    ):
        funder.setdefault(programme_id, set()).add(province_id)
    actor.funder = {k: frozenset(v) for k, v in funder.items()}
    rows = ParticipationMember.objects.filter(user=user, is_active=True, participation__status="active").values_list(
        "participation_id",
        "participation__organisation_id",
        "participation__edition_id",
        "participation__edition__programme_id",
        "role",
        "sections",
    )
    for pid, org_id, edition_id, programme_id, role, sections in rows:
        actor.memberships[pid] = Membership(pid, org_id, edition_id, programme_id, Role(role), tuple(sections or ()))
    user._cim_actor = actor
    return actor


def forget_actor(user: Any) -> None:
    """Call after changing a user's roles within the same request."""
    if hasattr(user, "_cim_actor"):
        del user._cim_actor
