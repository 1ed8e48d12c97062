"""Writes to projects: record, update (with phase history) and the masterclass-4 choice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cim.access.actor import load_actor
from cim.access.roles import Role
from cim.audit.log import record
from cim.cases.models import Masterclass4Choice, Project, ProjectPhaseChange, Tag
from cim.cases.selectors import Owner, latest_participation
from cim.cases.services.common import clean_or_refuse, user_or_none
from cim.cases.vocabulary import Phase, TagKind
from cim.core.errors import DomainError
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition, Participation

EDITABLE_FIELDS = (
    "title",
    "category",
    "perspective",
    "phase",
    "planned_tender_date",
    "ambition",
    "partners",
    "success_factors",
    "obstacles_risks",
)
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


def _check_fields(fields: dict[str, Any]) -> None:
    category = fields.get("category")
    if not isinstance(category, Tag) or category.kind != TagKind.CATEGORY:
        raise DomainError(_("Kies een inkoopcategorie."))
    perspective = fields.get("perspective")
    if perspective is not None and (not isinstance(perspective, Tag) or perspective.kind != TagKind.PERSPECTIVE):
        raise DomainError(_("Kies een perspectief uit de lijst."))
    if fields.get("phase") not in Phase.values:
        raise DomainError(_("Kies een fase uit de lijst."))
    date = fields.get("planned_tender_date")
    if date is not None and not EARLIEST_DATE <= date <= LATEST_DATE:
        raise DomainError(_("Vul een aanbestedingsdatum tussen 2000 en 2100 in."))


def _check_unique_title(*, programme_id: int, organisation_id: int, title: str, exclude_pk: int | None = None) -> None:
    same = Project.objects.filter(
        programme_id=programme_id, organisation_id=organisation_id, title__iexact=" ".join(title.split())
    )
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    if same.exists():
        raise DomainError(_("Uw organisatie heeft al een project met deze titel."))


def _current_edition(project: Project) -> Edition | None:
    participation = latest_participation(programme_id=project.programme_id, organisation_id=project.organisation_id)
    return participation.edition if participation else None


@transaction.atomic
def project_create(*, actor: Any, owner: Owner, **fields: Any) -> Project:
    if owner.organisation is None or owner.edition is None:
        raise DomainError(_("Een project hoort bij een deelnemende organisatie."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown project fields: {sorted(unknown)}")
    fields.setdefault("phase", Phase.IDEA)
    _check_fields(fields)
    _check_unique_title(
        programme_id=owner.programme.pk, organisation_id=owner.organisation.pk, title=str(fields.get("title", ""))
    )
    project = Project(
        programme=owner.programme,
        organisation=owner.organisation,
        first_edition=owner.edition,
        created_by=user_or_none(actor),
        **fields,
    )
    clean_or_refuse(project)
    project.save()
    ProjectPhaseChange.objects.create(
        project=project, from_phase="", to_phase=project.phase, edition=owner.edition, changed_by=user_or_none(actor)
    )
    record(
        "cases.project_created",
        actor=actor,
        obj=project,
        organisation=project.organisation,
        programme=project.programme,
    )
    return project


@transaction.atomic
def project_update(*, actor: Any, project: Project, phase_note: str = "", **fields: Any) -> Project:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown project fields: {sorted(unknown)}")
    project = Project.objects.select_for_update().get(pk=project.pk)
    before = {name: getattr(project, name) for name in EDITABLE_FIELDS}
    _check_fields({**before, **fields})
    if "title" in fields:
        _check_unique_title(
            programme_id=project.programme_id,
            organisation_id=project.organisation_id,
            title=str(fields["title"]),
            exclude_pk=project.pk,
        )
    for name, value in fields.items():
        setattr(project, name, value)
    clean_or_refuse(project)
    changed = sorted(name for name in EDITABLE_FIELDS if getattr(project, name) != before[name])
    if not changed:
        return project
    project.save()
    if "phase" in changed:
        ProjectPhaseChange.objects.create(
            project=project,
            from_phase=before["phase"],
            to_phase=project.phase,
            edition=_current_edition(project),
            note=" ".join(phase_note.split())[:300],
            changed_by=user_or_none(actor),
        )
        record(
            "cases.project_phase_changed",
            actor=actor,
            obj=project,
            organisation=project.organisation,
            programme=project.programme,
            details={"from": before["phase"], "to": project.phase},
        )
    record(
        "cases.project_updated",
        actor=actor,
        obj=project,
        organisation=project.organisation,
        programme=project.programme,
        details={"fields": changed},
    )
    return project


def _penvoerder_participation(actor: Any, project: Project, edition: Edition) -> Participation:
    """The participation in `edition` in which `actor` is the penvoerder of the project's organisation."""
    if edition.programme_id != project.programme_id:
        raise DomainError(_("Deze editie hoort niet bij het programma van het project."))
    participation = (
        Participation.objects.filter(edition=edition, organisation_id=project.organisation_id)
        .select_related("edition")
        .first()
    )
    membership = load_actor(actor).membership(participation.pk) if participation else None
    if participation is None or membership is None or membership.role != Role.PENVOERDER:
        raise DomainError(
            _("Alleen de penvoerder van de organisatie in deze editie kiest het project voor masterclass 4.")
        )
    if not participation.takes_masterclasses:
        raise DomainError(_("Uw organisatie doet in deze editie niet mee aan de masterclasses."))
    if edition.status == EditionStatus.ARCHIVED:
        raise DomainError(_("Deze editie is gearchiveerd; de keuze voor masterclass 4 ligt vast."))
    return participation


@transaction.atomic
def masterclass4_choose(*, actor: Any, project: Project, edition: Edition) -> Masterclass4Choice:
    """Bring `project` to masterclass 4 of `edition`; it replaces an earlier choice of the organisation."""
    _penvoerder_participation(actor, project, edition)
    existing = (
        Masterclass4Choice.objects.select_for_update()
        .filter(edition=edition, organisation_id=project.organisation_id)
        .first()
    )
    if existing is not None and existing.project_id == project.pk:
        raise DomainError(_("Dit project is al gekozen voor masterclass 4."))
    previous = existing.project_id if existing else None
    try:
        with transaction.atomic():
            if existing is None:
                choice = Masterclass4Choice.objects.create(
                    edition=edition, organisation_id=project.organisation_id, project=project, chosen_by=actor
                )
            else:
                existing.project = project
                existing.chosen_by = actor
                existing.save(update_fields=["project", "chosen_by", "chosen_at"])
                choice = existing
    except IntegrityError as exc:  # a simultaneous choice won the race
        raise DomainError(_("Er is zojuist al een ander project gekozen. Laad de pagina opnieuw.")) from exc
    record(
        "cases.masterclass4_chosen",
        actor=actor,
        obj=project,
        organisation=project.organisation,
        programme=project.programme,
        details={"edition": edition.pk, "replaces_project": previous},
    )
    return choice


@transaction.atomic
def masterclass4_clear(*, actor: Any, project: Project, edition: Edition) -> None:
    _penvoerder_participation(actor, project, edition)
    deleted, _rows = Masterclass4Choice.objects.filter(edition=edition, project=project).delete()
    if not deleted:
        raise DomainError(_("Dit project was niet gekozen voor masterclass 4."))
    record(
        "cases.masterclass4_cleared",
        actor=actor,
        obj=project,
        organisation=project.organisation,
        programme=project.programme,
        details={"edition": edition.pk},
    )
