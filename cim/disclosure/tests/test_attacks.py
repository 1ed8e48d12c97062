"""The attack scenarios of issue 5. Each test first shows the attack working on a naive release
(so the test can fail), then shows that the protected release defeats it: no outsider and no
organisation knowing its own numbers can narrow any suppressed value below its protection
interval (checked by solving every view directly, see checks.py)."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest

from cim.disclosure.attacker import AttackerModel
from cim.disclosure.benchmark import benchmark
from cim.disclosure.params import DisclosureParams
from cim.disclosure.release import protect_release, relevant_tables
from cim.disclosure.tables import Kind, Microdata, TableSpec, build_cells
from cim.disclosure.tests.checks import as_ledger, disclosures, release_disclosures

D = Decimal
PARAMS = DisclosureParams()
CATEGORIES = ("gww", "energie")


def spec(key="euros", rows="province", edition=1, columns=CATEGORIES):
    return TableSpec(key, Kind.MAGNITUDE, edition, rows, columns)


def add_province(data, edition, province, values, *, first_org, size="M"):
    for offset, (gww, energie) in enumerate(values):
        data.add(
            edition,
            first_org + offset,
            groups={"province": province, "size_class": size},
            values={"gww": gww, "energie": energie},
        )


def large_world(edition=1):
    data = Microdata()
    add_province(data, edition, "PV25", [(100 + 7 * i, 50 + 3 * i) for i in range(8)], first_org=1)
    add_province(data, edition, "PV26", [(90 + 5 * i, 40 + 4 * i) for i in range(7)], first_org=20)
    return data


def naive_recovers(cells, published_refs, data, target_ref, value, viewer=None):
    model = AttackerModel(cells, published_refs, data)
    lo, hi = model.interval_exact(target_ref, viewer)
    return lo == pytest.approx(float(value)) and hi == pytest.approx(float(value))


def test_one_contributor():
    data = large_world()
    add_province(data, 1, "PV21", [(70, 30)], first_org=40)
    cells = build_cells(spec(), data)
    target = ("1/euros", "PV21", "gww")
    # Naive: publish everything except the lone cell; the row total gives it away.
    assert naive_recovers(cells, [c.ref for c in cells if c.ref != target], data, target, 70)
    result = protect_release([spec()], data)
    table = result.tables["euros"].public
    assert table.value("PV21", "gww") is None
    assert table.value("PV21", "*") is None or table.value("PV21", "energie") is None
    assert release_disclosures(result, data) == []


def test_two_contributors_cannot_subtract_their_own_value():
    data = large_world()
    add_province(data, 1, "PV21", [(70, 30), (20, 25)], first_org=40)
    cells = build_cells(spec(), data)
    target = ("1/euros", "PV21", "gww")
    published = [c.ref for c in cells if c.ref != ("1/euros", "PV21", "energie")]
    # Naive: publish the pair's GWW total (only the other category hidden). Either member
    # subtracts its own value and knows the other's exactly.
    model = AttackerModel(cells, published, data)
    assert model.interval_exact(target, 41) == pytest.approx((90.0, 90.0))
    result = protect_release([spec()], data)
    assert result.tables["euros"].public.value("PV21", "gww") is None
    assert release_disclosures(result, data) == []


def test_a_city_with_80_percent_of_a_category():
    data = Microdata()
    values = [(800, 60), (60, 55), (50, 50), (45, 52), (45, 48)]
    add_province(data, 1, "PV25", values, first_org=1)
    add_province(data, 1, "PV26", [(90 + 5 * i, 40 + 4 * i) for i in range(7)], first_org=20)
    add_province(data, 1, "PV27", [(95 + 3 * i, 45 + 2 * i) for i in range(6)], first_org=40)
    # Five contributors, yet the second largest estimates the city's 800 as 1000 - 60 = 940 ... but
    # 1000 - 800 - 60 = 140 >= 120 = 15 % of 800 would be safe; make the rest smaller:
    data.values[(1, 3, "gww")] = D(20)
    data.values[(1, 4, "gww")] = D(20)
    data.values[(1, 5, "gww")] = D(20)
    result = protect_release([spec()], data)
    staff = result.tables["euros"].staff.get("PV25", "gww")
    assert staff.status == "primary"
    assert result.tables["euros"].public.value("PV25", "gww") is None
    assert release_disclosures(result, data) == []


def test_differencing_two_overlapping_tables():
    # One municipality is the only XL in PV21. Hiding it in the province table alone is not
    # enough when the size-class table is published too: (XL total) - (XL in other provinces).
    data = large_world()
    for org in range(1, 6):
        data.groups[(1, org)]["size_class"] = "XL"
    add_province(data, 1, "PV21", [(70, 30), (20, 25), (22, 24), (21, 26), (23, 27)], first_org=40)
    data.groups[(1, 40)]["size_class"] = "XL"
    by_province, by_size = spec("p", "province"), spec("s", "size_class")
    build_cells(by_province, data) + build_cells(by_size, data)
    # A naive pattern that protects each table on its own.
    naive = {("1/p", "PV21", "gww"), ("1/p", "PV21", "energie"), ("1/p", "PV25", "gww"), ("1/p", "PV25", "energie")}
    assert disclosures(build_cells(by_province, data), naive, data, PARAMS) == []
    result = protect_release([by_province, by_size], data)
    assert release_disclosures(result, data) == []


def test_a_municipality_subtracting_its_own_value_from_a_group_total():
    data = large_world()
    # PV21: five members, but member 40 is huge and member 41 second: 41 subtracts its own value.
    add_province(data, 1, "PV21", [(1000, 30), (300, 25), (10, 24), (10, 26), (10, 27)], first_org=40)
    result = protect_release([spec()], data)
    assert result.tables["euros"].public.value("PV21", "gww") is None
    assert release_disclosures(result, data) == []


def test_a_joiner_in_the_next_edition():
    data = large_world(edition=1)
    for org in list(range(1, 9)) + list(range(20, 27)):
        province = data.groups[(1, org)]["province"]
        data.add(
            2, org, groups={"province": province, "size_class": "M"}, values={"gww": 110 + org, "energie": 60 + org}
        )
    data.add(2, 99, groups={"province": "PV25", "size_class": "M"}, values={"gww": 500, "energie": 40})
    first = protect_release([spec(edition=1)], data)
    growth = TableSpec("growth", Kind.GROWTH, 2, "province", CATEGORIES, previous=1)
    naive_cells = build_cells(spec(edition=2), data) + build_cells(growth, data)
    joiner = ("2/growth", "PV25", "gww|joiners")
    # Naive: publish the new edition and the panel, hiding only the joiner cell.
    assert naive_recovers(naive_cells, [c.ref for c in naive_cells if c.ref != joiner], data, joiner, 500)
    ledger = as_ledger(first)
    second = protect_release([spec(edition=2), growth], data, ledger=ledger)
    assert second.tables["growth"].public.value("PV25", "gww|joiners") is None
    assert release_disclosures(second, data, ledger) == []


def test_reconstructing_a_value_from_mean_median_and_count():
    # Three others: the median is one of them, the published total gives the sum of the other
    # two, and a member who is one of those two knows the third exactly. So no median below 5.
    peers = [D(10), D(40), D(90)]
    assert not benchmark(peers, D(50)).shown
    # From five others on, with the group total known as well, no other value is pinned down.
    peers = [D(12), D(30), D(41), D(77), D(150)]
    result = benchmark(peers, D(50))
    assert result.shown
    assert result.median == D(41)
    from scipy.optimize import linprog

    # Unknowns y1..y4 (the four non-median others, sorted); known: their sum, y1 <= y2 <= m <= y3 <= y4.
    total = sum(peers) - result.median
    m = float(result.median)
    for index in range(4):
        objective = [0.0] * 4
        objective[index] = 1.0
        bounds = [(0, m), (0, m), (m, None), (m, None)]
        order = [[1, -1, 0, 0], [0, 0, 1, -1]]
        low = linprog(objective, A_ub=order, b_ub=[0, 0], A_eq=[[1, 1, 1, 1]], b_eq=[float(total)], bounds=bounds)
        high = linprog(
            [-c for c in objective], A_ub=order, b_ub=[0, 0], A_eq=[[1, 1, 1, 1]], b_eq=[float(total)], bounds=bounds
        )
        assert -high.fun - low.fun > 1.0


def test_three_yearly_releases_with_growth_leave_nothing_narrowable():
    """Each release re-checks only the earlier suppressions it shares a component with (here the
    third release leaves the first edition's alone); the independent check solves every view of
    every suppressed cell of all releases so far."""
    from cim.disclosure.synthetic import CATEGORIES as ALL_CATEGORIES
    from cim.disclosure.synthetic import synthetic_microdata

    data = synthetic_microdata(organisations=60, editions=3, seed=7)
    totals = tuple(f"total:{c}" for c in ALL_CATEGORIES[:2])
    ledger: list = []
    for edition in (1, 2, 3):
        specs = [TableSpec("totals", Kind.MAGNITUDE, edition, "province", totals)]
        if edition > 1:
            specs.append(TableSpec("growth", Kind.GROWTH, edition, "province", totals, previous=edition - 1))
        result = protect_release(specs, data, ledger=ledger)
        assert any(c.suppressed for c in result.tables["totals"].public.cells)
        assert release_disclosures(result, data, ledger) == []
        earlier = sum(len(table.suppressed) for table in ledger)
        if edition == 3:  # the second edition's numbers again, the first's not
            assert 0 < result.audit.earlier_checked < earlier
        ledger += as_ledger(result)
    # A fourth release sums the third and fourth editions' numbers: the first's tables stay out.
    fourth = [TableSpec("growth", Kind.GROWTH, 4, "province", totals, previous=3)]
    assert {(t.spec.edition, t.spec.key) for t in relevant_tables(fourth, ledger)} == {(3, "totals"), (3, "growth")}


def test_the_same_release_in_another_process_suppresses_the_same_cells():
    """Staff preview in one server process and publish in another: the suppression pattern must
    not depend on the process's string hashing (set order), or the publish would be refused."""
    import subprocess
    import sys

    program = (
        "from cim.disclosure.release import protect_release\n"
        "from cim.disclosure.synthetic import edition_specs, synthetic_microdata\n"
        "data = synthetic_microdata(organisations=40, editions=2, seed=3)\n"
        "result = protect_release(edition_specs(2, previous=1), data)\n"
        "print(sorted((t, c.row, c.column) for t, table in result.tables.items()"
        " for c in table.public.cells if c.suppressed))\n"
    )
    patterns = {
        subprocess.run(  # noqa: S603 -- our own interpreter and a fixed program
            [sys.executable, "-c", program],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()[-1]
        for seed in ("1", "2")
    }
    assert len(patterns) == 1
    assert "(" in next(iter(patterns))  # some cells are suppressed
