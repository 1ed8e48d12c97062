"""Server-side SVG charts for the feedback report (matplotlib, Agg; no pyplot, so thread-safe).

Plain data in, SVG text out. The same SVG is shown on the page (as an <img> with a data: URL,
so the page's Content-Security-Policy stays strict) and in the PDF. Colours come from the
Okabe–Ito palette, which stays distinguishable with every common colour-vision deficiency, and
are never the only cue: the organisation's own value is a diamond with a label, the others'
median a line, the middle half a hatched box. Each chart has a text alternative and a data table
next to it in the template.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

matplotlib.use("Agg")

# Okabe & Ito (2008), "Color Universal Design".
OWN = "#D55E00"  # vermillion
OTHERS = "#0072B2"  # blue
BAND = "#56B4E9"  # sky blue
BAR = "#009E73"  # bluish green
TEXT = "#1a1a1a"
GRID = "#d0d0d0"

RC: dict[Any, Any] = {
    "svg.fonttype": "none",  # text stays text: smaller, selectable, read by the PDF's tagging
    "svg.hashsalt": "cim-report",  # stable ids: the same data gives the same SVG
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.edgecolor": "#767676",
    "axes.labelcolor": TEXT,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "hatch.color": OTHERS,
}


@dataclass(frozen=True)
class Chart:
    key: str
    svg: str
    alt: str

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode("utf-8")).decode("ascii")


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context(RC):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def _figure(width: float, height: float) -> Figure:
    with matplotlib.rc_context(RC):
        return Figure(figsize=(width, height), dpi=100, layout="constrained")


def _plain(value: Decimal | float, decimals: int = 1, language: str = "nl") -> str:
    text = f"{float(value):.{decimals}f}"
    return text.replace(".", ",") if language.startswith("nl") else text


def bars(
    key: str,
    labels: Sequence[str],
    values: Sequence[Decimal | None],
    *,
    alt: str,
    axis_label: str,
    maximum: float = 100,
    suffix: str = "",
    empty_label: str = "",
    language: str = "nl",
) -> Chart:
    """Horizontal bars with their value written beside them (None: no bar, `empty_label`)."""
    with matplotlib.rc_context(RC):
        figure = _figure(7.2, 0.42 * len(labels) + 0.9)
        axes = figure.add_subplot()
        positions = list(range(len(labels)))[::-1]
        for y, value in zip(positions, values, strict=True):
            if value is None:
                axes.text(0.5, y, empty_label, va="center", ha="left", color=TEXT, fontsize=9, style="italic")
                continue
            axes.barh(y, float(value), color=BAR, height=0.6, edgecolor="#00573f")
            axes.text(float(value) + maximum * 0.01, y, _plain(value, 1, language) + suffix, va="center", fontsize=9)
        axes.set_yticks(positions, labels=list(labels))
        axes.set_xlim(0, maximum * 1.12)
        axes.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))  # whole numbers: no decimal sign
        axes.set_xlabel(axis_label)
        axes.grid(axis="x", color=GRID, linewidth=0.6)
        axes.set_axisbelow(True)
        axes.spines[["top", "right"]].set_visible(False)
    return Chart(key, _svg(figure), alt)


@dataclass(frozen=True)
class BoxRow:
    label: str
    own: Decimal
    median: Decimal | None = None  # None: not shown (too few others)
    lower: Decimal | None = None  # quartiles, only with enough others
    upper: Decimal | None = None


def positions(
    key: str,
    rows: Sequence[BoxRow],
    *,
    alt: str,
    axis_label: str,
    own_label: str,
    median_label: str,
    band_label: str,
    not_shown: str,
    maximum: float = 100,
    language: str = "nl",
) -> Chart:
    """Per peer group: the middle half of the others (a hatched box without whiskers), their median
    (a line) and the organisation's own value (a diamond). Never a minimum, maximum or point of
    another organisation."""
    with matplotlib.rc_context(RC):
        figure = _figure(7.2, 0.75 * len(rows) + 1.3)
        axes = figure.add_subplot()
        ys = list(range(len(rows)))[::-1]
        for y, row in zip(ys, rows, strict=True):
            if row.median is None:
                axes.text(maximum * 0.01, y + 0.22, not_shown, va="center", fontsize=8.5, style="italic", color=TEXT)
            else:
                if row.lower is not None and row.upper is not None:
                    width = max(float(row.upper - row.lower), maximum * 0.004)
                    axes.barh(
                        y,
                        width,
                        left=float(row.lower),
                        height=0.42,
                        color=BAND,
                        alpha=0.45,
                        hatch="///",
                        edgecolor=OTHERS,
                        linewidth=1,
                    )
                axes.plot([float(row.median)] * 2, [y - 0.27, y + 0.27], color=OTHERS, linewidth=2.5)
            axes.plot(float(row.own), y, marker="D", markersize=9, color=OWN, markeredgecolor="#1a1a1a", linestyle="")
            axes.annotate(
                _plain(row.own, 1, language),
                (float(row.own), y),
                xytext=(0, -14),
                textcoords="offset points",
                ha="center",
                fontsize=8,
                color=TEXT,
            )
        axes.set_yticks(ys, labels=[r.label for r in rows])
        axes.set_ylim(-0.8, len(rows) - 0.35)
        axes.set_xlim(0, maximum)
        axes.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        axes.set_xlabel(axis_label)
        axes.grid(axis="x", color=GRID, linewidth=0.6)
        axes.set_axisbelow(True)
        axes.spines[["top", "right"]].set_visible(False)
        handles = [
            axes.plot([], [], marker="D", color=OWN, markeredgecolor="#1a1a1a", linestyle="", label=own_label)[0],
            axes.plot([], [], color=OTHERS, linewidth=2.5, label=median_label)[0],
            axes.barh([], [], color=BAND, alpha=0.45, hatch="///", edgecolor=OTHERS, label=band_label),
        ]
        figure.legend(handles=handles, loc="outside lower center", ncols=3, frameon=False, fontsize=8.5)
    return Chart(key, _svg(figure), alt)


def trend(
    key: str,
    years: Sequence[int],
    own: Sequence[Decimal | None],
    median: Sequence[Decimal | None],
    *,
    alt: str,
    axis_label: str,
    own_label: str,
    median_label: str,
    maximum: float = 100,
) -> Chart:
    """The organisation's value per edition (solid line, diamonds) against the others' median
    (dashed line, circles); gaps where there is no value or no median may be shown."""
    with matplotlib.rc_context(RC):
        figure = _figure(7.2, 3.3)
        axes = figure.add_subplot()
        xs = list(range(len(years)))  # positions; the years are the tick labels
        own_points = [(x, float(v)) for x, v in zip(xs, own, strict=True) if v is not None]
        median_points = [(x, float(v)) for x, v in zip(xs, median, strict=True) if v is not None]
        axes.set_xticks(xs, labels=[str(y) for y in years])
        axes.set_xlim(-0.4, len(xs) - 0.6)
        if median_points:
            axes.plot(
                [p[0] for p in median_points],
                [p[1] for p in median_points],
                color=OTHERS,
                linestyle="--",
                marker="o",
                linewidth=2,
                label=median_label,
            )
        if own_points:
            axes.plot(
                [p[0] for p in own_points],
                [p[1] for p in own_points],
                color=OWN,
                marker="D",
                linewidth=2.5,
                markeredgecolor="#1a1a1a",
                label=own_label,
            )
        axes.set_ylim(0, maximum)
        axes.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        axes.set_ylabel(axis_label)
        axes.grid(axis="y", color=GRID, linewidth=0.6)
        axes.set_axisbelow(True)
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(loc="upper left", frameon=False, fontsize=8.5)
    return Chart(key, _svg(figure), alt)
