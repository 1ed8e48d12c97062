"""Reads of projects, lessons and material, always through cim.access.scoping.

Public entry points for other rooms:
- `masterclass4_project(organisation, edition)` (events: the project brought to masterclass 4);
- `top10_lessons(edition, organisation)` (statistics: lessons shared for the Top 10 page);
- `related_content(tags=…, user=…)` (reports: shared lessons and material with the same tags).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest

from cim.access.actor import Actor, load_actor
from cim.access.roles import STAFF_ROLES, Perm, Role, role_has
from cim.access.scoping import check_organisation_access, organisation_scope_q
from cim.audit.log import record
from cim.cases.deidentify import Vocabulary, build_vocabulary
from cim.cases.models import Lesson, Masterclass4Choice, Material, Project, ProjectPhaseChange, Tag
from cim.cases.sharing import STAFF_EDITABLE, LessonStatus
from cim.cases.vocabulary import TagKind
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition, Participation, Programme
from cim.organisations.models import Organisation

SEARCH_WORDS = 8
SHARED_TEXT_FIELDS = ("shared_title", "shared_tried", "shared_worked", "shared_did_not_work", "shared_obstacles")


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc


def edition_from_form(value: str) -> Edition | None:
    """The edition a form names by id; None for anything that is not an existing edition."""
    return Edition.objects.filter(pk=int(value)).first() if value.isdigit() and len(value) < 12 else None


def _scope(actor: Actor, perm: Perm) -> Q:
    return organisation_scope_q(actor, perm, programme_field="programme_id", organisation_field="organisation_id")


def audit_overview(
    actor: Actor, *, what: str, organisation_ids: Iterable[int | None], request: HttpRequest | None
) -> None:
    """One audit entry when programme staff look at a list of several organisations' content."""
    outside = sorted(
        {org_id for org_id in organisation_ids if org_id and not any(org_id == o for _, o in actor.organisation_scopes)}
    )
    if outside:
        record(
            "confidential.read",
            actor=actor.user,
            details={"what": what, "organisations": outside, "path": request.path if request else ""},
            request=request,
        )


# --- Tags ----------------------------------------------------------------------------------------


def tags_by_kind() -> dict[str, list[Tag]]:
    grouped: dict[str, list[Tag]] = {kind: [] for kind in TagKind.values}
    for tag in Tag.objects.all():
        grouped.setdefault(tag.kind, []).append(tag)
    return grouped


# --- Projects ------------------------------------------------------------------------------------


def projects_visible(actor: Actor, perm: Perm = Perm.VIEW_PARTICIPATION) -> QuerySet[Project]:
    if not actor.is_authenticated:
        return Project.objects.none()
    return Project.objects.filter(_scope(actor, perm))


def access_project(
    actor: Actor,
    pk: Any,
    *,
    perm: Perm = Perm.VIEW_PARTICIPATION,
    request: HttpRequest | None = None,
    audit_what: str | None = None,
) -> Project:
    """One project the actor may use with `perm`, or Http404 (denials and outside reads audited)."""
    try:
        project = Project.objects.select_related(
            "programme", "organisation", "first_edition", "category", "perspective"
        ).get(pk=_int(pk))
    except Project.DoesNotExist as exc:
        raise Http404 from exc
    check_organisation_access(
        actor,
        programme=project.programme,
        organisation=project.organisation,
        perm=perm,
        obj=project,
        request=request,
        audit_what=audit_what,
    )
    return project


def project_rows(actor: Actor) -> list[Project]:
    """Projects the actor may read, with their masterclass-4 choices: a constant number of queries."""
    return list(
        projects_visible(actor)
        .select_related("organisation", "first_edition", "category", "perspective")
        .prefetch_related(
            Prefetch(
                "masterclass4_choices",
                queryset=Masterclass4Choice.objects.select_related("edition"),
                to_attr="mc4",
            )
        )
        .order_by("organisation__name", "title", "pk")
    )


def own_projects(actor: Actor) -> QuerySet[Project]:
    """Projects of the actor's own organisations that it may write about (for lesson forms)."""
    own = [o for _, o in actor.organisation_scopes]
    return (
        projects_visible(actor, Perm.EDIT_ORGANISATION_CONTENT)
        .filter(organisation_id__in=own)
        .select_related("organisation")
        .order_by("title", "pk")
    )


def project_lessons(project: Project) -> list[Lesson]:
    return list(project.lessons.order_by("-updated_at", "-pk"))


def project_history(project: Project) -> list[ProjectPhaseChange]:
    return list(project.phase_changes.select_related("edition", "changed_by").order_by("changed_at", "pk"))


def latest_participation(*, programme_id: int, organisation_id: int) -> Participation | None:
    """The organisation's participation in the newest edition of the programme."""
    return (
        Participation.objects.filter(edition__programme_id=programme_id, organisation_id=organisation_id)
        .select_related("edition")
        .order_by("-edition__year")
        .first()
    )


@dataclass
class Masterclass4Option:
    edition: Edition
    chosen: Project | None  # the organisation's current choice for this edition

    def is_this(self, project: Project) -> bool:
        return self.chosen is not None and self.chosen.pk == project.pk


def masterclass4_options(actor: Actor, project: Project) -> list[Masterclass4Option]:
    """Editions in which the actor, as penvoerder, may choose this project for masterclass 4."""
    participation_ids = [
        m.participation_id
        for m in actor.memberships.values()
        if m.role == Role.PENVOERDER
        and m.organisation_id == project.organisation_id
        and m.programme_id == project.programme_id
    ]
    if not participation_ids:
        return []
    editions = [
        p.edition
        for p in Participation.objects.filter(pk__in=participation_ids, takes_masterclasses=True)
        .exclude(edition__status=EditionStatus.ARCHIVED)
        .select_related("edition")
        .order_by("-edition__year")
    ]
    chosen = {
        c.edition_id: c.project
        for c in Masterclass4Choice.objects.filter(
            organisation_id=project.organisation_id, edition__in=editions
        ).select_related("project")
    }
    return [Masterclass4Option(edition, chosen.get(edition.pk)) for edition in editions]


def masterclass4_project(organisation: Organisation, edition: Edition) -> Project | None:
    """The project `organisation` brings to masterclass 4 of `edition`, if it chose one.

    For the events room; the caller decides who may see it (the organisation and programme staff).
    """
    choice = (
        Masterclass4Choice.objects.filter(organisation=organisation, edition=edition)
        .select_related("project__category", "project__perspective")
        .first()
    )
    return choice.project if choice else None


# --- Owners: on whose behalf a person writes ---------------------------------------------------


@dataclass(frozen=True)
class Owner:
    """Who a new project or lesson belongs to: an organisation in an edition, or programme staff."""

    key: str  # "p<participation id>" or "s<programme id>"
    label: str
    programme: Programme
    organisation: Organisation | None
    edition: Edition | None


def owners_for(actor: Actor, *, include_staff: bool) -> list[Owner]:
    owners: list[Owner] = []
    ids = [
        m.participation_id
        for m in actor.memberships.values()
        if Perm.EDIT_ORGANISATION_CONTENT
        in actor.organisation_perms(programme_id=m.programme_id, organisation_id=m.organisation_id)
    ]
    seen: set[tuple[int, int]] = set()
    for p in (
        Participation.objects.filter(pk__in=ids)
        .select_related("edition__programme", "organisation")
        .order_by("-edition__year")
    ):
        # The newest edition stands for the organisation; its content carries over anyway.
        if (p.edition.programme_id, p.organisation_id) in seen:
            continue
        seen.add((p.edition.programme_id, p.organisation_id))
        owners.append(Owner(f"p{p.pk}", str(p.organisation), p.edition.programme, p.organisation, p.edition))
    if include_staff:
        staff_ids = [pid for pid, role in actor.staff.items() if role_has(role, Perm.EDIT_ORGANISATION_CONTENT)]
        for programme in Programme.objects.filter(pk__in=staff_ids).order_by("name"):
            owners.append(Owner(f"s{programme.pk}", str(programme), programme, None, None))
    return owners


# --- Lessons -------------------------------------------------------------------------------------


def lesson_perms(actor: Actor, lesson: Lesson) -> frozenset[Perm]:
    """What the actor may do with a lesson: its organisation's content, or (for staff write-ups
    without an organisation) the programme staff's."""
    if lesson.organisation_id is None:
        return frozenset(p for p in Perm if actor.can_in_programme(p, lesson.programme_id))
    return actor.organisation_perms(programme_id=lesson.programme_id, organisation_id=lesson.organisation_id)


def _lesson_check(
    actor: Actor,
    lesson: Lesson,
    *,
    perm: Perm,
    request: HttpRequest | None,
    audit_what: str | None,
) -> None:
    if lesson.organisation is not None:
        check_organisation_access(
            actor,
            programme=lesson.programme,
            organisation=lesson.organisation,
            perm=perm,
            obj=lesson,
            request=request,
            audit_what=audit_what,
        )
    elif not actor.can_in_programme(perm, lesson.programme_id):
        # Staff write-ups from a masterclass belong to the programme's staff alone.
        raise Http404


def access_lesson(
    actor: Actor,
    pk: Any,
    *,
    perm: Perm = Perm.VIEW_PARTICIPATION,
    request: HttpRequest | None = None,
    audit_what: str | None = None,
) -> Lesson:
    """One lesson in its full, identifiable form, for its organisation and programme staff only."""
    try:
        lesson = Lesson.objects.select_related(
            "programme", "organisation", "edition", "project", "author", "top10_edition"
        ).get(pk=_int(pk))
    except Lesson.DoesNotExist as exc:
        raise Http404 from exc
    _lesson_check(actor, lesson, perm=perm, request=request, audit_what=audit_what)
    return lesson


def own_lessons(actor: Actor) -> list[Lesson]:
    """Lessons of the actor's own organisations, and those the actor wrote."""
    if not actor.is_authenticated:
        return []
    own = [o for _, o in actor.organisation_scopes]
    return list(
        Lesson.objects.filter(_scope(actor, Perm.VIEW_PARTICIPATION))
        .filter(Q(organisation_id__in=own) | Q(author=actor.user))
        .select_related("organisation", "project", "top10_edition")
        .order_by("-updated_at", "-pk")
    )


def review_queue(actor: Actor) -> list[Lesson]:
    """For the service desk: every lesson submitted for sharing, and staff write-ups."""
    programmes = [pid for pid, role in actor.staff.items() if role_has(role, Perm.EDIT_ORGANISATION_CONTENT)]
    if not programmes:
        return []
    order = {LessonStatus.SUBMITTED: 0, LessonStatus.AWAITING_APPROVAL: 1, LessonStatus.DRAFT: 2}
    lessons = list(
        Lesson.objects.filter(programme_id__in=programmes)
        .filter(Q(status__in=STAFF_EDITABLE) | Q(organisation__isnull=True))
        .select_related("organisation", "programme")
        .order_by("-updated_at", "-pk")
    )
    return sorted(lessons, key=lambda lesson: order.get(LessonStatus(lesson.status), 3))


def shared_programmes(actor: Actor) -> set[int]:
    """Programmes whose shared lessons the actor may read: members of any role, and staff."""
    if not actor.is_authenticated:
        return set()
    staff = {pid for pid, role in actor.staff.items() if role in STAFF_ROLES}
    return staff | {m.programme_id for m in actor.memberships.values()}


@dataclass
class LessonFilter:
    query: str = ""
    category: str = ""
    perspective: str = ""
    theme: str = ""
    phase: str = ""


def shared_lessons(actor: Actor, filters: LessonFilter | None = None) -> QuerySet[Lesson]:
    """Shared lessons the actor may read. Search looks only at the shared (de-identified) text."""
    filters = filters or LessonFilter()
    qs = Lesson.objects.filter(status=LessonStatus.SHARED, programme_id__in=shared_programmes(actor))
    for word in filters.query.split()[:SEARCH_WORDS]:
        condition = Q()
        for name in SHARED_TEXT_FIELDS:
            condition |= Q(**{f"{name}__icontains": word[:50]})
        qs = qs.filter(condition)
    for key in (filters.category, filters.perspective, filters.theme):
        if key:
            qs = qs.filter(tags__key=key)
    if filters.phase:
        qs = qs.filter(phase=filters.phase)
    return qs.prefetch_related("tags").order_by("-shared_at", "-pk").distinct()


def shared_lesson(actor: Actor, public_id: str) -> Lesson:
    try:
        return (
            Lesson.objects.prefetch_related("tags")
            .filter(programme_id__in=shared_programmes(actor))
            .get(public_id=str(public_id)[:32], status=LessonStatus.SHARED)
        )
    except Lesson.DoesNotExist as exc:
        raise Http404 from exc


def top10_lessons(edition: Edition, organisation: Organisation) -> list[Lesson]:
    """The shared lessons `organisation` agreed to show on the Top 10 page of `edition`.

    For the statistics room. Only approved, de-identified lessons qualify; show their `shared_*`
    fields (the page names the organisation, so the consent is explicit and per edition).
    """
    return list(
        Lesson.objects.filter(top10_edition=edition, organisation=organisation, status=LessonStatus.SHARED)
        .prefetch_related("tags")
        .order_by("shared_at", "pk")
    )


def deidentify_vocabulary(programme: Programme | None = None) -> Vocabulary:
    """Names to flag: every municipality and province, and every registered user."""
    from cim.accounts.models import User

    organisations = Organisation.objects.filter(
        kind__in=[Organisation.Kind.MUNICIPALITY, Organisation.Kind.PROVINCE, Organisation.Kind.WATER_BOARD]
    ).values_list("name", flat=True)
    people = User.objects.filter(anonymised_at__isnull=True).exclude(name="").values_list("name", flat=True)
    return build_vocabulary(organisation_names=organisations, person_names=people)


# --- Material ------------------------------------------------------------------------------------


@dataclass
class MaterialFilter:
    tag: str = ""
    occasion: str = ""


def published_material(filters: MaterialFilter | None = None) -> QuerySet[Material]:
    filters = filters or MaterialFilter()
    qs = Material.objects.filter(is_published=True)
    if filters.tag:
        qs = qs.filter(tags__key=filters.tag)
    if filters.occasion:
        qs = qs.filter(occasion=filters.occasion)
    return qs.select_related("programme").prefetch_related("tags").order_by("-published_at", "-pk").distinct()


def material_managed(actor: Actor) -> QuerySet[Material]:
    return (
        Material.objects.filter(programme_id__in=actor.programmes_with(Perm.MANAGE_PROGRAMME))
        .select_related("programme")
        .prefetch_related("tags")
        .order_by("-updated_at", "-pk")
    )


def access_material(actor: Actor, pk: Any, *, manage: bool = False) -> Material:
    """Published material for anyone; unpublished material only for its programme's service desk."""
    try:
        material = Material.objects.select_related("programme").prefetch_related("tags").get(pk=_int(pk))
    except Material.DoesNotExist as exc:
        raise Http404 from exc
    may_manage = actor.can_in_programme(Perm.MANAGE_PROGRAMME, material.programme_id)
    if (manage or not material.is_published) and not may_manage:
        raise Http404
    return material


# --- Links between lessons and material ----------------------------------------------------------


@dataclass
class RelatedContent:
    lessons: list[Lesson] = field(default_factory=list)
    material: list[Material] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.lessons or self.material)


def related_content(*, tags: Iterable[str | Tag], user: Any, limit: int = 5) -> RelatedContent:
    """Shared lessons (that `user` may read) and published material carrying any of `tags`
    (tag keys such as "gww", "emvi", "hoogwaardig-hergebruik"), most matching tags first.

    For the feedback report's recommendations; never returns an author or organisation.
    """
    keys = sorted({t.key if isinstance(t, Tag) else str(t) for t in tags})
    if not keys:
        return RelatedContent()
    match = Count("tags", filter=Q(tags__key__in=keys), distinct=True)
    lessons = (
        Lesson.objects.filter(status=LessonStatus.SHARED, programme_id__in=shared_programmes(load_actor(user)))
        .annotate(matches=match)
        .filter(matches__gt=0)
        .order_by("-matches", "-shared_at", "-pk")
        .prefetch_related("tags")[:limit]
    )
    material = (
        Material.objects.filter(is_published=True)
        .annotate(matches=match)
        .filter(matches__gt=0)
        .order_by("-matches", "-published_at", "-pk")
        .prefetch_related("tags")[:limit]
    )
    return RelatedContent(list(lessons), list(material))
