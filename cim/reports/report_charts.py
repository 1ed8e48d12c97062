"""The charts of one report, with their text alternatives, cached until the report changes."""

from __future__ import annotations

from decimal import Decimal
from math import ceil

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _

from cim.core.formatting import format_number, format_percent
from cim.reports import charts
from cim.reports.content import PositionBlock, Report

CACHE_SECONDS = 24 * 3600


def _n(value: Decimal | None) -> str:
    return format_number(value, 1) if value is not None else "–"


def _value(value: Decimal | None, percent: bool) -> str:
    if value is None:
        return "–"
    return format_percent(value, 1) if percent else format_number(value, 1)


def themes_chart(report: Report, language: str) -> charts.Chart:
    ranked = sorted(report.themes, key=lambda t: t.score)
    alt = _(
        "Staafdiagram met de score per thema, van 0 tot 100. Hoogste: %(high)s (%(high_score)s); laagste: %(low)s (%(low_score)s). De tabel hieronder geeft alle waarden."
    ) % {
        "high": ranked[-1].label,
        "high_score": _n(ranked[-1].score),
        "low": ranked[0].label,
        "low_score": _n(ranked[0].score),
    }
    return charts.bars(
        "themes",
        [t.label for t in report.themes],
        [t.score for t in report.themes],
        alt=alt,
        axis_label=_("Score (0–100)"),
        language=language,
    )


def categories_chart(report: Report, language: str) -> charts.Chart:
    shares = [c.share for c in report.categories]
    known = [s for s in shares if s is not None]
    maximum = float(max(10, ceil(max(known, default=Decimal(0)) / 10) * 10))
    parts = "; ".join(
        f"{c.label}: {format_percent(c.share, 1) if c.share is not None else _('geen inkoop')}"
        for c in report.categories
    )
    alt = _("Staafdiagram met het circulaire aandeel per inkoopcategorie: %(parts)s.") % {"parts": parts}
    return charts.bars(
        "categories",
        [c.label for c in report.categories],
        shares,
        alt=alt,
        axis_label=_("Circulair aandeel (%)"),
        maximum=maximum,
        suffix=" %",
        empty_label=_("geen inkoop"),
        language=language,
    )


def position_chart(block: PositionBlock, language: str) -> charts.Chart:
    rows = [
        charts.BoxRow(
            row.group_label,
            block.own,
            row.result.median if row.result.shown else None,
            row.result.lower_quartile,
            row.result.upper_quartile,
        )
        for row in block.rows
    ]
    maximum = 100.0
    if block.percent:
        highest = max([block.own, *(r.upper or r.median or 0 for r in rows)])
        maximum = float(min(100, max(10, ceil(float(highest) * 1.25 / 10) * 10)))
    groups = "; ".join(f"{row.group_label}: {row.text}" for row in block.rows)
    alt = _("%(measure)s: uw waarde is %(own)s. %(groups)s.") % {
        "measure": block.label,
        "own": _value(block.own, block.percent),
        "groups": groups,
    }
    return charts.positions(
        f"position_{block.measure}",
        rows,
        alt=alt,
        axis_label=block.label + (" (%)" if block.percent else " (0–100)"),
        own_label=_("Uw waarde"),
        median_label=_("Mediaan van de anderen"),
        band_label=_("Middelste helft van de anderen"),
        not_shown=_("te weinig deelnemers in deze groep om te vergelijken"),
        maximum=maximum,
        language=language,
    )


def trend_chart(report: Report, measure: str) -> charts.Chart:
    percent = measure == "share"
    own = [p.share if percent else p.overall for p in report.trend]
    median = [p.share_median if percent else p.overall_median for p in report.trend]
    parts = "; ".join(
        _("%(year)s: %(own)s (mediaan %(median)s)")
        % {"year": p.year, "own": _value(o, percent), "median": _value(md, percent)}
        for p, o, md in zip(report.trend, own, median, strict=True)
    )
    label = _("Circulair aandeel") if percent else _("Totaalscore")
    alt = _("Lijndiagram van uw %(measure)s per editie naast de mediaan van de anderen: %(parts)s.") % {
        "measure": label.lower(),
        "parts": parts,
    }
    known = [float(v) for v in [*own, *median] if v is not None]
    maximum = 100.0 if not percent else float(min(100, max(10, ceil(max(known, default=0) * 1.25 / 10) * 10)))
    return charts.trend(
        f"trend_{measure}",
        [p.year for p in report.trend],
        own,
        median,
        alt=alt,
        axis_label=label + (" (%)" if percent else " (0–100)"),
        own_label=_("Uw organisatie"),
        median_label=_("Mediaan van de anderen"),
        maximum=maximum,
    )


def build_charts(report: Report) -> dict[str, charts.Chart]:
    language = translation.get_language() or "nl"
    result: dict[str, charts.Chart] = {}
    if report.themes:
        result["themes"] = themes_chart(report, language)
    if report.categories:
        result["categories"] = categories_chart(report, language)
    for block in report.positions:
        result[f"position_{block.measure}"] = position_chart(block, language)
    if report.has_trend:
        result["trend_overall"] = trend_chart(report, "overall")
        if any(p.share is not None for p in report.trend):
            result["trend_share"] = trend_chart(report, "share")
    return result


def charts_for(report: Report, fingerprint: str) -> dict[str, charts.Chart]:
    """The report's charts, from the cache when the report has not changed since."""
    key = f"report-charts:{report.participation.pk}:{fingerprint}"
    found = cache.get(key)
    if found is None:
        found = build_charts(report)
        cache.set(key, found, CACHE_SECONDS)
    report.attach_charts(found)
    return found
