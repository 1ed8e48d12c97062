"""Comparisons come only from cim.disclosure, over the other members of fixed peer groups."""

from __future__ import annotations

import statistics
from decimal import Decimal

from cim.disclosure.benchmark import BenchmarkResult
from cim.disclosure.params import DisclosureParams
from cim.reports.comparisons import compare, microdata
from cim.reports.selectors import PeerGroups
from cim.scoring.selectors import ScoreRecord

from .test_recommendations import record


def world_of(n_province: int, n_elsewhere: int) -> tuple[dict[int, ScoreRecord], dict[int, PeerGroups]]:
    records, groups = {}, {}
    for index in range(1 + n_province + n_elsewhere):
        province = "PV25" if index <= n_province else "PV26"
        value = Decimal(10 + 7 * index)
        records[index] = record(
            participation_id=index, organisation_id=100 + index, overall=value, circular_share=value / 4
        )
        groups[index] = PeerGroups(100 + index, province, "", "M" if index % 2 == 0 else "S", "gemeente")
    return records, groups


def results(n_province: int, n_elsewhere: int) -> dict[tuple[str, str], BenchmarkResult]:
    records, groups = world_of(n_province, n_elsewhere)
    data = microdata(1, records, groups)
    found = compare(data, edition_id=1, organisation_id=100, own=records[0], params=DisclosureParams())
    return {(c.measure, c.classification): c.result for c in found}


def test_four_others_show_nothing() -> None:
    found = results(4, 0)
    assert not any(r.shown for r in found.values())


def test_groups_are_judged_on_their_own_others() -> None:
    found = results(4, 6)  # 10 others in all, 4 in the own province, 4 in the own size class
    everyone, province = found[("overall", "all")], found[("overall", "province")]
    assert everyone.shown
    assert everyone.has_quartiles
    others = [Decimal(10 + 7 * i) for i in range(1, 11)]
    assert everyone.median == statistics.median(others)
    assert not province.shown
    assert province.median is None


def test_never_a_minimum_or_maximum_or_an_individual_value() -> None:
    found = results(5, 0)  # exactly five others: the median only
    result = found[("overall", "all")]
    assert result.shown
    assert not result.has_quartiles
    shown = {v for v in (result.median, result.lower_quartile, result.upper_quartile) if v is not None}
    others = [Decimal(10 + 7 * i) for i in range(1, 6)]
    assert min(others) not in shown
    assert max(others) not in shown
    assert not hasattr(result, "minimum")


def test_unknown_peer_groups_compare_nothing() -> None:
    records, groups = world_of(12, 0)
    groups = {k: PeerGroups(g.organisation_id, g.province, g.province_name, "", g.kind) for k, g in groups.items()}
    data = microdata(1, records, groups)
    found = compare(data, edition_id=1, organisation_id=100, own=records[0], params=DisclosureParams())
    assert not next(c for c in found if c.classification == "size_class").result.shown
