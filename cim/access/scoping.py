"""The one mechanism that scopes confidential data to the people who may see it.

Every read of a participation (and everything hanging from it: answers, scores, reports,
registrations, messages) starts here. "Not found" and "not allowed" are the same 404. Reads by
someone outside the organisation are audited; denied attempts on existing objects too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from cim.access.actor import Actor, load_actor
from cim.access.roles import ORGANISATION_READ, Perm, Role, role_has
from cim.audit.log import record

if TYPE_CHECKING:
    from cim.editions.models import Edition, Participation


def actor_of(request_or_user: Any) -> Actor:
    user = getattr(request_or_user, "user", request_or_user)
    return load_actor(user)


def participations_visible(actor: Actor, perm: Perm = Perm.VIEW_PARTICIPATION) -> QuerySet[Participation]:
    """All participations on which the actor holds `perm`, as one query."""
    from cim.editions.models import Participation

    if not actor.is_authenticated:
        return Participation.objects.none()
    condition = Q(pk__in=[])
    staff_programmes = [pid for pid, role in actor.staff.items() if role_has(role, perm)]
    if staff_programmes:
        condition |= Q(edition__programme_id__in=staff_programmes)
    own = [m.participation_id for m in actor.memberships.values() if role_has(m.role, perm)]
    if own:
        condition |= Q(pk__in=own)
    if perm in ORGANISATION_READ:
        for programme_id, organisation_id in actor.organisation_scopes:
            condition |= Q(edition__programme_id=programme_id, organisation_id=organisation_id)
    return Participation.objects.filter(condition)


def access_participation(
    actor: Actor,
    pk: Any,
    *,
    perm: Perm = Perm.VIEW_PARTICIPATION,
    request: HttpRequest | None = None,
    audit_what: str | None = None,
) -> Participation:
    """Fetch one participation the actor may use with `perm`, or raise Http404.

    `audit_what` names the confidential data about to be shown; when the actor is not a member
    of the organisation, the read is recorded in the audit log.
    """
    from cim.editions.models import Participation

    try:
        participation = Participation.objects.select_related("edition__programme", "organisation").get(pk=int(pk))
    except (Participation.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404 from exc
    perms = actor.participation_perms(
        participation_id=participation.pk,
        programme_id=participation.edition.programme_id,
        organisation_id=participation.organisation_id,
    )
    if perm not in perms:
        if actor.is_authenticated:
            record(
                "access.denied",
                actor=actor.user,
                obj=participation,
                organisation=participation.organisation,
                programme=participation.edition.programme,
                details={"perm": str(perm), "path": request.path if request else ""},
                request=request,
            )
        raise Http404
    if audit_what and not actor.is_insider(
        programme_id=participation.edition.programme_id,
        organisation_id=participation.organisation_id,
    ):
        record(
            "confidential.read",
            actor=actor.user,
            obj=participation,
            organisation=participation.organisation,
            programme=participation.edition.programme,
            details={"what": audit_what, "path": request.path if request else ""},
            request=request,
        )
    return participation


def organisation_scope_q(actor: Actor, perm: Perm, *, programme_field: str, organisation_field: str) -> Q:
    """A filter for organisation-owned content (projects, lessons, threads) the actor may use with
    `perm`: everything in programmes where it is staff with `perm`, plus its own organisations'."""
    condition = Q(pk__in=[])
    staff_programmes = [pid for pid, role in actor.staff.items() if role_has(role, perm)]
    if staff_programmes:
        condition |= Q(**{f"{programme_field}__in": staff_programmes})
    for programme_id, organisation_id in actor.organisation_scopes:
        if perm in actor.organisation_perms(programme_id=programme_id, organisation_id=organisation_id):
            condition |= Q(**{programme_field: programme_id, organisation_field: organisation_id})
    return condition


def check_organisation_access(
    actor: Actor,
    *,
    programme: Any,
    organisation: Any,
    perm: Perm,
    obj: Any = None,
    request: HttpRequest | None = None,
    audit_what: str | None = None,
) -> None:
    """Raise Http404 unless the actor holds `perm` on this organisation's content in this programme.

    Use after fetching an organisation-owned object by id (fetch → check, one call site per view).
    Denied attempts and outside reads (with `audit_what`) are audited like participations.
    """
    perms = actor.organisation_perms(programme_id=programme.pk, organisation_id=organisation.pk)
    if perm not in perms:
        if actor.is_authenticated:
            record(
                "access.denied",
                actor=actor.user,
                obj=obj,
                organisation=organisation,
                programme=programme,
                details={"perm": str(perm), "path": request.path if request else ""},
                request=request,
            )
        raise Http404
    if audit_what and not actor.is_insider(programme_id=programme.pk, organisation_id=organisation.pk):
        record(
            "confidential.read",
            actor=actor.user,
            obj=obj,
            organisation=organisation,
            programme=programme,
            details={"what": audit_what, "path": request.path if request else ""},
            request=request,
        )


def editions_managed(actor: Actor, perm: Perm = Perm.MANAGE_PROGRAMME) -> QuerySet[Edition]:
    from cim.editions.models import Edition

    return Edition.objects.filter(programme_id__in=actor.programmes_with(perm)).select_related("programme")


def editions_newest_first(actor: Actor, perm: Perm = Perm.MANAGE_PROGRAMME) -> list[Edition]:
    """The editions of the programmes where the actor holds `perm`, newest first; read once per
    request for each set of programmes (the dashboard's panels share it)."""
    from cim.editions.models import Edition

    programmes = frozenset(actor.programmes_with(perm))
    if not programmes:
        return []
    key = ("editions_newest_first", programmes)
    if key not in actor.memo:
        actor.memo[key] = list(
            Edition.objects.filter(programme_id__in=programmes).select_related("programme").order_by("-year", "pk")
        )
    return list(actor.memo[key])


def access_edition(actor: Actor, pk: Any, *, perm: Perm = Perm.MANAGE_PROGRAMME) -> Edition:
    """An edition for programme staff holding `perm` in its programme, or Http404."""
    from cim.editions.models import Edition

    try:
        return editions_managed(actor, perm).get(pk=int(pk))
    except (Edition.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def funded_province_codes(actor: Actor, programme_id: int) -> list[str] | None:
    """The CBS codes of the provinces a funder follows in the programme, or None when the actor
    follows none there (programme staff: every province)."""
    from cim.organisations.models import Organisation

    province_ids = actor.funder.get(programme_id, frozenset())
    if not province_ids:
        return None
    return [
        code for code in Organisation.objects.filter(pk__in=province_ids).values_list("cbs_code", flat=True) if code
    ]


def require_programme_perm(actor: Actor, perm: Perm) -> set[int]:
    """For staff pages without an object in the URL: the programmes the actor may act in, or 404."""
    programmes = actor.programmes_with(perm)
    if not programmes:
        raise Http404
    return programmes


def member_role(actor: Actor, participation_id: int) -> Role | None:
    membership = actor.membership(participation_id)
    return membership.role if membership else None
