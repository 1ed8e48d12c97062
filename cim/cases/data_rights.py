"""What the cases room contributes to the data export: the organisation's projects with their
progress and its lessons, original and shared version. Lessons and projects are the
organisation's content; the author is named through the account, which anonymisation covers."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cim.cases.models import Lesson, Masterclass4Choice, Project, ProjectPhaseChange
from cim.core.exports import csv_bytes
from cim.core.registry import DataExportPart, DataScope, ExportFile, register_data_export


def _export(scope: DataScope) -> Iterator[ExportFile]:
    owned = {"programme": scope.programme, "organisation": scope.organisation}
    with translation.override(scope.language):
        projects = list(
            Project.objects.filter(**owned).select_related("category", "perspective").order_by("created_at")
        )
        yield ExportFile(
            "projecten/projecten.csv",
            csv_bytes(
                [
                    _("Project"),
                    _("Titel"),
                    _("Categorie"),
                    _("Perspectief"),
                    _("Fase"),
                    _("Geplande aanbestedingsdatum"),
                    _("Ambitie"),
                    _("Partners"),
                    _("Succesfactoren"),
                    _("Obstakels en risico's"),
                    _("Vastgelegd op"),
                ],
                (
                    [
                        p.pk,
                        p.title,
                        p.category.name if p.category else "",
                        p.perspective.name if p.perspective else "",
                        p.get_phase_display(),
                        p.planned_tender_date,
                        p.ambition,
                        p.partners,
                        p.success_factors,
                        p.obstacles_risks,
                        p.created_at,
                    ]
                    for p in projects
                ),
            ),
        )
        steps = (
            ProjectPhaseChange.objects.filter(project__in=projects)
            .select_related("edition")
            .order_by("project_id", "changed_at")
        )
        yield ExportFile(
            "projecten/voortgang.csv",
            csv_bytes(
                [_("Project"), _("Van fase"), _("Naar fase"), _("Editie"), _("Toelichting"), _("Gewijzigd op")],
                (
                    [
                        s.project_id,
                        s.get_from_phase_display(),
                        s.get_to_phase_display(),
                        s.edition.year if s.edition else "",
                        s.note,
                        s.changed_at,
                    ]
                    for s in steps
                ),
            ),
        )
        choices = Masterclass4Choice.objects.filter(
            organisation=scope.organisation, project__in=projects
        ).select_related("edition")
        yield ExportFile(
            "projecten/masterclass-4.csv",
            csv_bytes(
                [_("Editie"), _("Project"), _("Gekozen op")],
                ([c.edition.year, c.project_id, c.chosen_at] for c in choices),
            ),
        )
        lessons = Lesson.objects.filter(**owned).select_related("edition").order_by("created_at")
        yield ExportFile(
            "lessen/lessen.csv",
            csv_bytes(
                [
                    _("Les"),
                    _("Editie"),
                    _("Project"),
                    _("Status"),
                    _("Titel"),
                    _("Wat is geprobeerd"),
                    _("Wat werkte"),
                    _("Wat werkte niet"),
                    _("Obstakels"),
                    _("Titel (gedeelde versie)"),
                    _("Wat is geprobeerd (gedeelde versie)"),
                    _("Wat werkte (gedeelde versie)"),
                    _("Wat werkte niet (gedeelde versie)"),
                    _("Obstakels (gedeelde versie)"),
                    _("Gedeeld op"),
                    _("Vastgelegd op"),
                ],
                (
                    [
                        lesson.pk,
                        lesson.edition.year if lesson.edition else "",
                        lesson.project_id or "",
                        lesson.get_status_display(),
                        lesson.title,
                        lesson.tried,
                        lesson.worked,
                        lesson.did_not_work,
                        lesson.obstacles,
                        lesson.shared_title,
                        lesson.shared_tried,
                        lesson.shared_worked,
                        lesson.shared_did_not_work,
                        lesson.shared_obstacles,
                        lesson.shared_at,
                        lesson.created_at,
                    ]
                    for lesson in lessons
                ),
            ),
        )


register_data_export(DataExportPart("projecten", gettext_lazy("Projecten en lessen"), _export, order=30))
