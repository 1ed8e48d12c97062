"""One chart per page: the circular share per procurement category (in the style of the feedback
report's charts, `cim.reports.charts`), drawn from PUBLISHED tables only and cached per release
and language. The same figures are in the share table next to it (its data table)."""

from __future__ import annotations

from decimal import Decimal

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _

from cim.disclosure.release import circular_shares
from cim.disclosure.tables import MARGIN
from cim.reports.charts import Chart, bars
from cim.statistics.display import Labels, _in_spec_order, _renamed
from cim.statistics.selectors import PublishedRelease


def share_chart(release: PublishedRelease, row: str, labels: Labels) -> Chart | None:
    total, circular = release.tables.get("total_by_province"), release.tables.get("circular_by_province")
    if total is None or circular is None or row not in total.rows:
        return None
    language = (translation.get_language() or "nl")[:2]
    key = f"statistics-share-chart:{release.edition.pk}:{row}:{language}:{release.released_at.timestamp()}"
    found = cache.get(key)
    if found is not None:
        return Chart(*found)
    shares = circular_shares(_renamed(circular, total), total)
    columns = [c for c in _in_spec_order(total, release.specs.get("total_by_province")) if c != MARGIN]
    values = [None if (v := shares.value(row, c)) is None else v * 100 for c in columns]
    shown = [v for v in values if v is not None]
    maximum = float(max(shown)) * 1.15 if shown else 100.0
    area = labels.row(row)
    chart = bars(
        f"share-{row}",
        [labels.measure(c) for c in columns],
        [None if v is None else Decimal(v).quantize(Decimal("0.1")) for v in values],
        alt=_("Staafdiagram: circulair aandeel per inkoopcategorie, %(area)s. De cijfers staan in de tabel eronder.")
        % {"area": area},
        axis_label=_("circulair aandeel (%)"),
        maximum=max(maximum, 1.0),
        suffix=" %",
        empty_label=_("niet getoond (x)"),
        language=language,
    )
    cache.set(key, (chart.key, chart.svg, chart.alt), 60 * 60 * 24)
    return chart
