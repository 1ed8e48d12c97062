"""Writes (and the audited staff preview): protecting an edition's statistics and publishing them.

The preview and the publication compute the same release: the edition's catalogue over the
microdata of the programme, protected and audited by `cim.disclosure.release.protect_release`
against the ledger of everything published before. The preview's *fingerprint* (the ledger token
plus every public cell) travels in the publish form; publishing recomputes the release and
refuses when the fingerprint differs (the scans or the ledger changed since the preview: look
again), so staff publish exactly what they saw, once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from cim.audit.log import record
from cim.core.errors import DomainError
from cim.disclosure import services as disclosure_services
from cim.disclosure.models import PublishedTable
from cim.disclosure.params import DisclosureParams
from cim.disclosure.release import ReleaseResult, protect_release
from cim.disclosure.suppression import ProtectionFailed
from cim.editions.models import Edition
from cim.statistics.selectors import Readiness, ReleaseInput, publish_readiness, published_release, release_input


@dataclass
class Preview:
    input: ReleaseInput
    result: ReleaseResult | None  # None: nothing to publish (no submitted scans)
    fingerprint: str
    changed: list[str]  # table keys whose public figures differ from the latest publication
    failure: str = ""  # the audit could not protect every cell: nothing can be published
    readiness: Readiness = field(default_factory=lambda: Readiness([], []))  # the timeline's say
    left_out: list[str] = field(default_factory=list)  # tables whose cells no suppression could protect

    @property
    def edition(self) -> Edition:
        return self.input.edition

    @property
    def publishable(self) -> bool:
        return (
            self.result is not None
            and self.result.audit.ok
            and bool(self.changed)
            and not self.failure
            and self.readiness.ready
        )


def _fingerprint(token: str, result: ReleaseResult | None) -> str:
    parts = [token]
    if result is not None:
        for key in sorted(result.tables):
            for cell in sorted(result.tables[key].public.cells, key=lambda c: (c.row, c.column)):
                shown = "x" if cell.value is None else f"{cell.value:.2f}"
                parts.append(f"{key}|{cell.row}|{cell.column}|{shown}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _changed(edition: Edition, result: ReleaseResult) -> list[str]:
    published = published_release(edition)
    changed = []
    for key, table in result.tables.items():
        before = published.tables.get(key) if published else None
        now = {
            (c.row, c.column, None if c.value is None else c.value.quantize(disclosure_services.CENT))
            for c in table.public.cells
        }
        if before is None or now != {(c.row, c.column, c.value) for c in before.cells}:
            changed.append(key)
    return sorted(changed)


def compute_preview(edition: Edition) -> Preview:
    """Protect and audit the edition's tables (no write). May take seconds for a large edition.
    The preview is always possible; whether it may be published also depends on the timeline
    (`Preview.readiness`)."""
    preview = _protected_preview(edition)
    preview.readiness = publish_readiness(edition)
    return preview


def _protected_preview(edition: Edition) -> Preview:
    found = release_input(edition)
    if not found.specs:
        return Preview(found, None, _fingerprint(found.token, None), [])
    specs, left_out = list(found.specs), []
    params = DisclosureParams.from_settings()
    while True:
        try:
            result = protect_release(specs, found.data, params=params, ledger=found.ledger)
            break
        except ProtectionFailed as exc:
            # A table whose cells cannot be protected (in a very small edition, a province with
            # one or two participants) is left out of this release, and the rest tried again.
            failing = {failure.cell[0] for failure in exc.report.failures}
            dropped = [s for s in specs if s.uid in failing]
            if not dropped:
                return Preview(
                    found,
                    None,
                    _fingerprint(found.token, None),
                    [],
                    failure=_(
                        "Niet elke cel kan worden beschermd; deze statistieken kunnen zo niet worden gepubliceerd."
                    ),
                )
            left_out += [s.key for s in dropped]
            specs = [s for s in specs if s.uid not in failing]
            if not specs:
                return Preview(found, None, _fingerprint(found.token, None), [], left_out=left_out)
    return Preview(found, result, _fingerprint(found.token, result), _changed(edition, result), left_out=left_out)


def statistics_preview(*, actor: Any, edition: Edition, request: Any = None) -> Preview:
    """The staff preview: what will be published and what is suppressed (with the true values
    and reasons, for staff only). The read of unsuppressed aggregates is audited."""
    preview = compute_preview(edition)
    record(
        "statistics.previewed",
        actor=actor,
        obj=edition,
        programme=edition.programme,
        details={"tables": len(preview.input.specs), "participants": preview.input.members},
        request=request,
    )
    return preview


def statistics_publish(*, actor: Any, edition: Edition, fingerprint: str) -> list[PublishedTable]:
    """Publish the edition's statistics exactly as previewed (`fingerprint`); only tables whose
    figures changed since the last publication get a new version. Raises DomainError, writing
    nothing, for a stale or repeated submit or a failed audit."""
    if not isinstance(fingerprint, str) or not fingerprint.strip():
        raise DomainError(_("Bekijk eerst het voorbeeld en publiceer vanaf die pagina."))
    preview = compute_preview(edition)
    if not preview.readiness.ready:
        raise DomainError(" ".join(preview.readiness.blockers))
    if preview.failure:
        raise DomainError(preview.failure)
    if preview.result is None:
        raise DomainError(_("Er zijn nog geen ingediende scans; er is niets te publiceren."))
    if preview.fingerprint != fingerprint.strip():
        if not preview.changed:
            raise DomainError(_("Deze statistieken zijn al zo gepubliceerd. Er is niets veranderd."))
        raise DomainError(
            _("De gegevens of de eerdere publicaties zijn gewijzigd sinds het voorbeeld. Bekijk het voorbeeld opnieuw.")
        )
    if not preview.changed:
        raise DomainError(_("Deze statistieken zijn al zo gepubliceerd. Er is niets veranderd."))
    result = ReleaseResult(
        tables={key: preview.result.tables[key] for key in preview.changed},
        audit=preview.result.audit,
        params=preview.result.params,
        warnings=preview.result.warnings,
    )
    with transaction.atomic():
        created = disclosure_services.release_publish(
            actor=actor, edition=edition, result=result, token=preview.input.token
        )
        record(
            "statistics.published",
            actor=actor,
            obj=edition,
            programme=edition.programme,
            details={"tables": [t.key for t in created], "participants": preview.input.members},
        )
    return created
