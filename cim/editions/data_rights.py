"""What the editions room contributes to data rights: the export of an organisation's
participations and team, anonymising a person's contact details and invitations, and the
retention of invitations and applications (see docs/security.md#data-rights)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cim.core.exports import csv_bytes
from cim.core.registry import (
    DataExportPart,
    DataScope,
    DataSubject,
    ExportFile,
    PersonDataHolder,
    RetentionRule,
    register_data_export,
    register_person_data,
    register_retention,
)
from cim.editions.models import Invitation, Participation, ParticipationApplication, ParticipationMember

ANONYMISED = "Geanonimiseerd"
INVITATION_RETENTION_DAYS = 90
APPLICATION_RETENTION_DAYS = 730


def anonymous_email(kind: str, pk: int) -> str:
    return f"geanonimiseerd-{kind}-{pk}@example.invalid"


def _export(scope: DataScope) -> Iterator[ExportFile]:
    ids = [p.pk for p in scope.participations]
    with translation.override(scope.language):
        participations = Participation.objects.filter(pk__in=ids).select_related("edition").order_by("edition__year")
        yield ExportFile(
            "deelnames/deelnames.csv",
            csv_bytes(
                [
                    _("Editie"),
                    _("Status"),
                    _("Monitor"),
                    _("Masterclasses"),
                    _("Contactpersoon"),
                    _("E-mailadres contactpersoon"),
                    _("Status scan"),
                    _("Voortgang scan (%)"),
                    _("Ingediend op"),
                    _("Toegevoegd op"),
                ],
                (
                    [
                        p.edition.year,
                        p.get_status_display(),
                        p.takes_monitor,
                        p.takes_masterclasses,
                        p.contact_name,
                        p.contact_email,
                        p.get_scan_status_display(),
                        p.scan_progress,
                        p.submitted_at,
                        p.joined_at,
                    ]
                    for p in participations
                ),
            ),
        )
        members = (
            ParticipationMember.objects.filter(participation_id__in=ids)
            .select_related("participation__edition", "user")
            .order_by("participation__edition__year", "started_at")
        )
        yield ExportFile(
            "deelnames/team.csv",
            csv_bytes(
                [
                    _("Editie"),
                    _("Naam"),
                    _("E-mailadres"),
                    _("Rol"),
                    _("Onderdelen"),
                    _("Actief"),
                    _("Sinds"),
                    _("Tot"),
                    _("Reden beëindiging"),
                ],
                (
                    [
                        m.participation.edition.year,
                        m.user.display_name,
                        m.user.email,
                        m.get_role_display(),
                        ", ".join(m.sections or []),
                        m.is_active,
                        m.started_at,
                        m.ended_at,
                        m.end_reason,
                    ]
                    for m in members
                ),
            ),
        )
        invitations = Invitation.objects.filter(participation_id__in=ids).select_related("participation__edition")
        yield ExportFile(
            "deelnames/uitnodigingen.csv",
            csv_bytes(
                [
                    _("Editie"),
                    _("Naam"),
                    _("E-mailadres"),
                    _("Verstuurd op"),
                    _("Geldig tot"),
                    _("Geaccepteerd op"),
                    _("Ingetrokken op"),
                ],
                (
                    [
                        i.participation.edition.year,
                        i.name,
                        i.email,
                        i.created_at,
                        i.expires_at,
                        i.accepted_at,
                        i.revoked_at,
                    ]
                    for i in invitations.order_by("created_at")
                ),
            ),
        )


def _contact_q(subject: DataSubject) -> Q:
    return Q(contact_email__iexact=subject.email)


def _count(subject: DataSubject) -> int:
    total = Participation.objects.filter(_contact_q(subject)).count()
    total += Invitation.objects.filter(email__iexact=subject.email).count()
    total += ParticipationApplication.objects.filter(_contact_q(subject)).count()
    if subject.user is not None:
        total += ParticipationMember.objects.filter(user=subject.user, is_active=True).count()
    return total


def _anonymise(subject: DataSubject, now: Any) -> int:
    changed = Participation.objects.filter(_contact_q(subject)).update(contact_name="", contact_email="")
    for invitation in Invitation.objects.filter(email__iexact=subject.email):
        Invitation.objects.filter(pk=invitation.pk).update(
            name=ANONYMISED,
            email=anonymous_email("uitnodiging", invitation.pk),
            revoked_at=invitation.revoked_at or (None if invitation.accepted_at else now),
        )
        changed += 1
    for application in ParticipationApplication.objects.filter(_contact_q(subject)):
        ParticipationApplication.objects.filter(pk=application.pk).update(
            contact_name=ANONYMISED,
            contact_email=anonymous_email("aanmelding", application.pk),
            contact_function="",
        )
        changed += 1
    if subject.user is not None:
        changed += ParticipationMember.objects.filter(user=subject.user, is_active=True).update(
            is_active=False, ended_at=now, end_reason=ANONYMISED
        )
    return changed


def _programmes(subject: DataSubject) -> set[int]:
    ids = set(Participation.objects.filter(_contact_q(subject)).values_list("edition__programme_id", flat=True)) | set(
        Invitation.objects.filter(email__iexact=subject.email).values_list(
            "participation__edition__programme_id", flat=True
        )
    )
    ids |= set(
        ParticipationApplication.objects.filter(_contact_q(subject)).values_list("edition__programme_id", flat=True)
    )
    if subject.user is not None:
        ids |= set(
            ParticipationMember.objects.filter(user=subject.user).values_list(
                "participation__edition__programme_id", flat=True
            )
        )
    return ids


def _invitations_retention(now: Any, dry_run: bool) -> int:
    cutoff = now - dt.timedelta(days=INVITATION_RETENTION_DAYS)
    # Accepted invitations name a person who now has an account; open ones a person who never
    # answered. Both are kept for the period, then removed.
    due = Invitation.objects.filter(Q(expires_at__lt=cutoff) | Q(accepted_at__lt=cutoff) | Q(revoked_at__lt=cutoff))
    count = due.count()
    if not dry_run and count:
        due.delete()
    return count


def _applications_retention(now: Any, dry_run: bool) -> int:
    cutoff = now - dt.timedelta(days=APPLICATION_RETENTION_DAYS)
    due = ParticipationApplication.objects.filter(decided_at__lt=cutoff).exclude(contact_name=ANONYMISED)
    pks = list(due.values_list("pk", flat=True))
    if not dry_run:
        for pk in pks:
            ParticipationApplication.objects.filter(pk=pk).update(
                contact_name=ANONYMISED,
                contact_email=anonymous_email("aanmelding", pk),
                contact_function="",
                message="",
            )
    return len(pks)


register_data_export(DataExportPart("deelnames", gettext_lazy("Deelnames, team en uitnodigingen"), _export, order=10))
register_person_data(
    PersonDataHolder(
        "editions",
        gettext_lazy("Contactgegevens van deelnames, uitnodigingen, aanmeldingen en rollen"),
        _count,
        _anonymise,
        order=10,
        programmes=_programmes,
    )
)
register_retention(
    RetentionRule(
        "editions.invitations",
        gettext_lazy("Uitnodigingen voor collega's (naam en e-mailadres)"),
        gettext_lazy("90 dagen na verlopen, accepteren of intrekken; daarna verwijderd"),
        _invitations_retention,
        order=10,
    )
)
register_retention(
    RetentionRule(
        "editions.applications",
        gettext_lazy("Aanmeldingen om deel te nemen (contactpersoon en toelichting)"),
        gettext_lazy("2 jaar na het besluit; daarna geanonimiseerd"),
        _applications_retention,
        order=11,
    )
)
