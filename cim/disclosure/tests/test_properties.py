"""Property-based tests (hypothesis) for the rules, the benchmark and whole releases."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cim.disclosure.benchmark import benchmark
from cim.disclosure.params import DisclosureParams
from cim.disclosure.release import protect_release
from cim.disclosure.rules import frequency_verdict, magnitude_verdict
from cim.disclosure.tables import Kind, Microdata, TableSpec
from cim.disclosure.tests.checks import release_disclosures

PARAMS = DisclosureParams()
amounts = st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=Decimal("0.01"), max_value=10**10, places=2)


@given(st.lists(amounts, min_size=1, max_size=30))
def test_p_percent_rule_matches_its_definition(values):
    xs = sorted((v for v in values if v > 0), reverse=True)
    verdict = magnitude_verdict(values, PARAMS)
    if not xs:
        assert verdict.safe
        return
    x1, x2 = xs[0], (xs[1] if len(xs) > 1 else Decimal(0))
    expected_safe = sum(xs) - x1 - x2 >= PARAMS.p / 100 * x1 and len(xs) >= PARAMS.min_contributors
    assert verdict.safe == expected_safe
    assert (verdict.protection > 0) == (not verdict.safe)


@given(st.lists(positive, min_size=1, max_size=20), st.integers(min_value=2, max_value=1000))
def test_rules_do_not_depend_on_the_unit(values, factor):
    assert magnitude_verdict(values, PARAMS).safe == magnitude_verdict([v * factor for v in values], PARAMS).safe


@given(st.lists(positive, min_size=5, max_size=20), st.data())
def test_a_small_extra_contributor_never_makes_a_safe_cell_unsafe(values, data):
    if not magnitude_verdict(values, PARAMS).safe:
        return
    second = sorted(values, reverse=True)[1]
    extra = data.draw(st.decimals(min_value=Decimal("0.01"), max_value=second, places=2))
    assert magnitude_verdict([*values, extra], PARAMS).safe


@given(st.integers(min_value=1, max_value=60), st.data())
def test_published_counts_never_single_out_a_small_group(size, data):
    count = data.draw(st.integers(min_value=0, max_value=size))
    verdict = frequency_verdict(count, size, PARAMS)
    if verdict.safe:
        assert count == 0 or count >= PARAMS.min_frequency
        if size < PARAMS.small_group:
            assert count not in (0, 1, size - 1, size)


@given(st.lists(amounts, max_size=25), amounts)
def test_benchmark_shows_only_what_the_group_size_allows(peers, own):
    result = benchmark(peers, own)
    n = len(peers)
    assert result.shown == (n >= 5)
    assert result.has_quartiles == (n >= 10)
    assert not any(hasattr(result, name) for name in ("minimum", "maximum", "mean", "points", "values"))
    if result.shown:
        assert min(peers) <= result.median <= max(peers)
    if result.has_quartiles:
        assert result.lower_quartile <= result.median <= result.upper_quartile


organisation = st.tuples(
    st.sampled_from(["PV20", "PV21", "PV25"]),
    st.sampled_from(["S", "M"]),
    st.integers(min_value=0, max_value=1000),
    st.integers(min_value=0, max_value=1000),
    st.sampled_from(["ja", "nee", "deels"]),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(organisation, min_size=2, max_size=11))
def test_no_release_lets_anyone_narrow_a_suppressed_cell(orgs):
    data = Microdata()
    for org, (province, size, gww, energie, answer) in enumerate(orgs, start=1):
        data.add(
            1,
            org,
            groups={"province": province, "size_class": size},
            values={"gww": gww, "energie": energie},
            answers={"policy": answer},
        )
    specs = [
        TableSpec("euros_p", Kind.MAGNITUDE, 1, "province", ("gww", "energie")),
        TableSpec("euros_s", Kind.MAGNITUDE, 1, "size_class", ("gww", "energie")),
        TableSpec("policy_p", Kind.FREQUENCY, 1, "province", ("ja", "nee", "deels"), question="policy"),
    ]
    result = protect_release(specs, data)
    assert release_disclosures(result, data) == []
    for table in result.tables.values():  # every published cell passes its primary rule
        for cell in table.staff.cells:
            if cell.status == "published" and table.spec.kind == Kind.MAGNITUDE:
                assert not cell.reasons
