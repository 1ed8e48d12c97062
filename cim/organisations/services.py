"""Writes to organisations: importing CBS reference files. Never deletes an organisation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cim.audit.log import record
from cim.organisations.models import Organisation
from cim.organisations.reference import MunicipalityRow, ReferenceFileError


class DryRunRollback(Exception):
    pass


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    ended: list[str] = field(default_factory=list)
    reactivated: list[str] = field(default_factory=list)
    provinces_added: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return any(
            (
                self.added,
                self.renamed,
                self.moved,
                self.ended,
                self.reactivated,
                self.provinces_added,
            )
        )

    def lines(self) -> list[str]:
        out = []
        for title, items in (
            (_("Nieuwe provincies"), self.provinces_added),
            (_("Nieuwe gemeenten"), self.added),
            (_("Hernoemd"), self.renamed),
            (_("Andere provincie"), self.moved),
            (_("Beëindigd (inactief gemaakt)"), self.ended),
            (_("Weer actief"), self.reactivated),
        ):
            if items:
                out.append(f"{title} ({len(items)}):")
                out.extend(f"  {item}" for item in items)
        out.append(_("Ongewijzigd: %(n)s") % {"n": self.unchanged})
        return out

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


def organisations_import(
    *,
    rows: list[MunicipalityRow],
    actor: Any = None,
    ended_on: dt.date | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Bring the municipalities in line with a CBS list: add, rename, move, end, reactivate."""
    report = ImportReport()
    ended_on = ended_on or timezone.localdate()
    try:
        with transaction.atomic():
            provinces = _sync_provinces(rows, report)
            existing = {o.cbs_code: o for o in Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)}
            for row in rows:
                org = existing.pop(row.code, None)
                province = provinces[row.province_code]
                if org is None:
                    Organisation.objects.create(
                        kind=Organisation.Kind.MUNICIPALITY,
                        cbs_code=row.code,
                        name=row.name,
                        province=province,
                    )
                    report.added.append(f"{row.code} {row.name}")
                    continue
                changed = False
                if org.name != row.name:
                    report.renamed.append(f"{row.code} {org.name} → {row.name}")
                    org.name, changed = row.name, True
                if org.province_id != province.pk:
                    report.moved.append(f"{row.code} {row.name} → {province.name}")
                    org.province, changed = province, True
                if not org.is_active:
                    report.reactivated.append(f"{row.code} {row.name}")
                    org.is_active, org.ended_on, changed = True, None, True
                if changed:
                    org.save()
                else:
                    report.unchanged += 1
            for code, org in sorted(existing.items()):
                if org.is_active:
                    org.is_active, org.ended_on = False, ended_on
                    org.save(update_fields=["is_active", "ended_on", "updated_at"])
                    report.ended.append(f"{code} {org.name}")
            if dry_run:
                raise DryRunRollback
            record("organisations.imported", actor=actor, details={"summary": report.as_dict()})
    except DryRunRollback:
        pass
    return report


def _sync_provinces(rows: list[MunicipalityRow], report: ImportReport) -> dict[str, Organisation]:
    provinces = {o.cbs_code: o for o in Organisation.objects.filter(kind=Organisation.Kind.PROVINCE)}
    for row in rows:
        if row.province_code not in provinces:
            provinces[row.province_code] = Organisation.objects.create(
                kind=Organisation.Kind.PROVINCE, cbs_code=row.province_code, name=row.province_name
            )
            report.provinces_added.append(f"{row.province_code} {row.province_name}")
    return provinces  # type: ignore[return-value]


def reference_data_ensure() -> int:
    """Load the shipped municipalities and provinces when there are none (the migration does this
    for a new database; browser tests need it again after each flush). Returns how many were made."""
    from cim.organisations.reference import DEFAULT_FILE, parse_municipalities

    if Organisation.objects.exists():
        return 0
    rows = parse_municipalities(DEFAULT_FILE.read_bytes())
    provinces: dict[str, Organisation] = {}
    for row in rows:
        if row.province_code not in provinces:
            provinces[row.province_code] = Organisation.objects.create(
                kind=Organisation.Kind.PROVINCE, cbs_code=row.province_code, name=row.province_name
            )
    Organisation.objects.bulk_create(
        Organisation(
            kind=Organisation.Kind.MUNICIPALITY, cbs_code=r.code, name=r.name, province=provinces[r.province_code]
        )
        for r in rows
    )
    return len(rows) + len(provinces)


def population_import(*, populations: dict[str, int], year: int, actor: Any = None, dry_run: bool = False) -> list[str]:
    """Set population (and so the size class) of known municipalities; unknown codes reject the file."""
    known = {o.cbs_code: o for o in Organisation.objects.filter(cbs_code__in=populations.keys())}
    unknown = sorted(set(populations) - set(known))
    if unknown:
        raise ReferenceFileError(
            [
                _("Onbekende gemeentecodes: %(codes)s. Importeer eerst de nieuwe gemeentelijst.")
                % {"codes": ", ".join(unknown[:20])}
            ]
        )
    changes = []
    try:
        with transaction.atomic():
            for code, population in sorted(populations.items()):
                org = known[code]
                if org.population != population or org.population_year != year:
                    changes.append(f"{code} {org.name}: {org.population or '-'} → {population}")
                    org.population, org.population_year = population, year
                    org.save()
            if dry_run:
                raise DryRunRollback
            record(
                "organisations.imported",
                actor=actor,
                details={"population_year": year, "changed": len(changes)},
            )
    except DryRunRollback:
        pass
    return changes
