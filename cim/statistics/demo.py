"""Demo: publish the statistics of every demo edition whose results are released, oldest first, so
that the demo funder sees Gelderland's growth per domain. Idempotent: an edition whose figures
are already published as they are now is left alone."""

from __future__ import annotations

from cim.core.demo import DemoContext
from cim.core.errors import DomainError
from cim.statistics.services import compute_preview, statistics_publish


def seed(ctx: DemoContext) -> None:
    desk = ctx.data.get("service_desk")
    published = []
    for year, edition in sorted(ctx.data.get("editions", {}).items()):
        if not edition.results_visible:
            continue
        preview = compute_preview(edition)
        if not preview.publishable:
            continue
        try:
            statistics_publish(actor=desk, edition=edition, fingerprint=preview.fingerprint)
        except DomainError as exc:  # pragma: no cover - shown to whoever runs seed_demo
            ctx.notes.append(f"Demo statistics {year} not published: {exc}")
            continue
        published.append(str(year))
    if published:
        ctx.notes.append("Demo statistics published (" + ", ".join(published) + ").")
