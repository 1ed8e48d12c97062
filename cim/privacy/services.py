"""Writes for data rights: the organisation's ZIP export, anonymising a person on request, and
applying the retention periods. Rooms contribute their parts through `cim.core.registry`."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cim.access.scoping import actor_of
from cim.audit.log import record
from cim.core.errors import DomainError
from cim.core.registry import (
    DataScope,
    ExportFile,
    RetentionRule,
    data_export_parts,
    person_data_holders,
    retention_rules,
)
from cim.privacy.selectors import export_participations, person_find

MAX_REASON = 500
_UNSAFE_PATH = re.compile(r"[^\w.\- ]+", re.UNICODE)


def zip_path(path: str) -> str:
    """A path inside the ZIP that cannot escape the archive's folder when unpacked."""
    parts = [_UNSAFE_PATH.sub("_", part).strip(" .") for part in path.replace("\\", "/").split("/")]
    return "/".join(part for part in parts if part and part not in {".", ".."}) or "bestand"


@dataclass(frozen=True)
class ExportResult:
    filename: str
    files: int
    size: int


def _readme(scope: DataScope, written: list[tuple[str, int, str]]) -> bytes:
    lines = [
        _("Alle gegevens van %(org)s in %(programme)s")
        % {"org": scope.organisation.name, "programme": scope.programme.name},
        _("Gemaakt op %(when)s.") % {"when": timezone.localtime().strftime("%Y-%m-%d %H:%M")},
        "",
        _("Edities: %(years)s") % {"years": ", ".join(str(p.edition.year) for p in scope.participations)},
        "",
        _("CSV-bestanden zijn UTF-8 met komma's; antwoorden staan als JSON, zoals ze zijn opgeslagen."),
        _("Tekst die een spreadsheet als formule zou uitvoeren, begint met een apostrof."),
        "",
        _("Bestanden (grootte in bytes, SHA-256):"),
    ]
    lines += [f"{path}\t{size}\t{digest}" for path, size, digest in written]
    return ("\n".join(lines) + "\n").encode()


def organisation_data_export(
    *, user: Any, participation_id: Any, target: IO[bytes], language: str = "nl"
) -> ExportResult:
    """Write the organisation's data in the participation's programme (every edition) as a ZIP to
    `target`. Only the organisation's penvoerder may (checked by the caller through
    `access_participation(…, perm=Perm.EXPORT_ORGANISATION_DATA)`)."""
    from cim.access.roles import Perm
    from cim.access.scoping import access_participation

    actor = actor_of(user)
    participation = access_participation(actor, participation_id, perm=Perm.EXPORT_ORGANISATION_DATA)
    scope = DataScope(
        organisation=participation.organisation,
        programme=participation.edition.programme,
        participations=export_participations(actor, participation),
        language=language,
    )
    written: list[tuple[str, int, str]] = []
    seen: set[str] = set()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in data_export_parts():
            for item in part.files(scope):
                path = _unique(zip_path(item.path), seen)
                archive.writestr(path, item.content)
                written.append((path, len(item.content), hashlib.sha256(item.content).hexdigest()))
        with translation.override(language):
            archive.writestr("LEESMIJ.txt", _readme(scope, written))
    size = target.tell()
    year = participation.edition.year
    filename = f"gegevens-{participation.organisation.cbs_code or participation.organisation.pk}-{timezone.localdate():%Y%m%d}.zip"
    record(
        "privacy.data_exported",
        actor=user,
        obj=participation,
        organisation=participation.organisation,
        programme=participation.edition.programme,
        details={
            "files": len(written),
            "bytes": size,
            "editions": [p.edition.year for p in scope.participations],
            "from_edition": year,
        },
    )
    return ExportResult(filename=filename, files=len(written), size=size)


def _unique(path: str, seen: set[str]) -> str:
    candidate, n = path, 1
    while candidate in seen:
        n += 1
        stem, dot, ext = path.rpartition(".")
        candidate = f"{stem}-{n}.{ext}" if dot else f"{path}-{n}"
    seen.add(candidate)
    return candidate


def _refuse_protected(subject_user: Any, acting_user: Any) -> None:
    from cim.editions.models import FunderAccess, ProgrammeStaff

    if subject_user is None:
        return
    if subject_user.pk == acting_user.pk:
        raise DomainError(_("U kunt uzelf niet anonimiseren."))
    if (
        subject_user.is_staff
        or subject_user.is_superuser
        or ProgrammeStaff.objects.filter(user=subject_user, is_active=True).exists()
        or FunderAccess.objects.filter(user=subject_user, is_active=True).exists()
    ):
        raise DomainError(
            _(
                "Deze persoon heeft een rol bij een programma of in het technisch beheer. Vraag de technisch beheerder eerst die rol te beëindigen."
            )
        )


@transaction.atomic
def person_anonymise(*, actor: Any, email: str, reason: str, confirmed: bool) -> dict[str, int]:
    """Anonymise everything the rooms hold about the person with this e-mail address, on their
    request. The account (if any) stays as an empty shell so that history keeps its shape."""
    reason = " ".join((reason or "").split())
    if not confirmed:
        raise DomainError(_("Bevestig dat u deze persoon wilt anonimiseren."))
    if not reason:
        raise DomainError(_("Vermeld de reden (bijvoorbeeld het verzoek van de persoon en de datum)."))
    if len(reason) > MAX_REASON:
        raise DomainError(_("De reden is te lang (hoogstens 500 tekens)."))
    subject = person_find(actor_of(actor), email)
    if subject is None:
        raise DomainError(_("Over deze persoon zijn in uw programma geen gegevens gevonden."))
    _refuse_protected(subject.user, actor)
    now = timezone.now()
    counts = {holder.code: holder.anonymise(subject, now) for holder in person_data_holders()}
    record(
        "privacy.person_anonymised",
        actor=actor,
        reason=reason,
        # Never the name or e-mail address: the audit log must not undo the anonymisation.
        details={"records": counts, "account_id": subject.user.pk if subject.user else None},
    )
    return counts


@dataclass(frozen=True)
class RetentionOutcome:
    rule: RetentionRule
    count: int


def retention_apply(*, now: dt.datetime | None = None, dry_run: bool = False, only: str = "") -> list[RetentionOutcome]:
    """Run every registered retention rule (or the one named `only`), each in its own transaction."""
    now = now or timezone.now()
    outcomes = []
    for rule in retention_rules():
        if only and rule.code != only:
            continue
        with transaction.atomic():
            outcomes.append(RetentionOutcome(rule, rule.apply(now, dry_run)))
    if not dry_run:
        record("privacy.retention_applied", details={o.rule.code: o.count for o in outcomes})
    return outcomes


__all__ = ["ExportFile", "organisation_data_export", "person_anonymise", "retention_apply", "zip_path"]
