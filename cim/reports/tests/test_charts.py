"""The charts are plain SVG: no script, text kept as text, the palette's colours, every value that is
drawn also in words (alt) — and a group too small to compare shows the words, not a box."""

from __future__ import annotations

import base64
from decimal import Decimal

from cim.reports import charts


def test_positions_chart_draws_box_median_and_own_value_only() -> None:
    rows = [
        charts.BoxRow("Alle deelnemers", Decimal("55"), Decimal("48"), Decimal("30"), Decimal("66")),
        charts.BoxRow("Provincie Gelderland", Decimal("55"), Decimal("50")),
        charts.BoxRow("Grootteklasse M", Decimal("55")),
    ]
    chart = charts.positions(
        "p",
        rows,
        alt="alt",
        axis_label="Totaalscore",
        own_label="Uw waarde",
        median_label="Mediaan",
        band_label="Middelste helft",
        not_shown="te weinig deelnemers in deze groep om te vergelijken",
    )
    svg = chart.svg
    assert svg.startswith("<?xml")
    assert "<script" not in svg
    assert "te weinig deelnemers in deze groep om te vergelijken" in svg  # text stays text
    assert charts.OWN.lower() in svg.lower()
    assert charts.OTHERS.lower() in svg.lower()
    assert "55,0" in svg
    assert chart.data_uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(chart.data_uri.split(",", 1)[1]).decode() == svg


def test_the_same_data_gives_the_same_svg() -> None:
    def draw() -> str:
        return charts.bars("b", ["A", "B"], [Decimal("10"), None], alt="", axis_label="Score", empty_label="geen").svg

    assert draw() == draw()
    assert "geen" in draw()


def test_trend_chart_with_gaps() -> None:
    chart = charts.trend(
        "t",
        [2024, 2025, 2026],
        [Decimal("40"), None, Decimal("55")],
        [None, Decimal("42"), Decimal("45")],
        alt="",
        axis_label="Score",
        own_label="Uw organisatie",
        median_label="Mediaan",
    )
    assert "2025" in chart.svg
    assert "Uw organisatie" in chart.svg


def test_labels_are_text_never_markup() -> None:
    chart = charts.bars(
        "b", ['<script>alert("x")</script>', "A & B"], [Decimal(1), Decimal(2)], alt="", axis_label="<b>"
    )
    assert "<script" not in chart.svg
    assert "&lt;script&gt;" in chart.svg
    assert "A &amp; B" in chart.svg
