"""The worked examples of the ESSnet/sdcTools Handbook on Statistical Disclosure Control
(chapter 4: magnitude tables; chapter 5: frequency tables), reproduced with our rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cim.disclosure.attacker import AttackerModel
from cim.disclosure.params import DisclosureParams
from cim.disclosure.rules import Reason, frequency_verdict, magnitude_verdict, p_percent_upper_level
from cim.disclosure.tables import Kind, Microdata, TableSpec, build_cells

D = Decimal


def test_example_1_second_largest_estimates_the_largest_within_2_percent():
    # X = 100,000; x1 = 50,000; x2 = 49,000: safe by a (1,90) rule, yet the second largest
    # estimates x1 as 51,000 (2 % too high). The p % rule (p = 15) calls it unsafe.
    contributions = [D(50_000), D(49_000), D(1_000)]
    assert magnitude_verdict(contributions, DisclosureParams(min_contributors=1, dominance_k=D(90))).reasons == (
        Reason.P_PERCENT,
    )
    verdict = magnitude_verdict(contributions, DisclosureParams(min_contributors=1))
    assert not verdict.safe
    # Upper protection level p/100 * x1 - (X - x1 - x2) = 7,500 - 1,000.
    assert verdict.protection == D(6_500)


def test_example_2_p_percent_rule_is_less_strict_than_the_equivalent_2k_rule():
    # p = 10: X = 110,000, x1 = 52,000, x2 = 50,000. The estimate X - x2 = 60,000 overshoots x1
    # by 15.4 % > 10 %: safe by the p % rule (a (2, 90.9) dominance rule would suppress it).
    contributions = [D(52_000), D(50_000), D(8_000)]
    assert magnitude_verdict(contributions, DisclosureParams(min_contributors=1, p=D(10))).safe


def test_example_4_dominance_upper_protection_level():
    # X = 330 from 300, 20 and 10 is unsafe under (1,85); the upper bound must reach 100/85 * 300.
    verdict = magnitude_verdict([D(300), D(20), D(10)], DisclosureParams(min_contributors=1, dominance_k=D(85)))
    assert Reason.DOMINANCE in verdict.reasons
    assert verdict.protection >= D(100) / D(85) * D(300) - D(330)


def test_example_5_p_percent_protection_level_formula():
    # U >= (1 + p/100) x1 - X + x2 = p/100 x1 - (X - x1 - x2).
    x1, x2, total, p = D(1000), D(400), D(1500), D(15)
    assert p_percent_upper_level(x1, x2, total, p) == (1 + p / 100) * x1 - total + x2


def test_example_3_feasibility_interval_of_a_suppressed_cell():
    # Geurts (1992), handbook table 4.4: rows 1 and 2 of a 3 x 2 table suppressed; the margins
    # give X11 in [3, 6].
    data = Microdata()
    inner = {"1": (4, 3), "2": (2, 1), "3": (3, 3)}
    for org, (row, (a, b)) in enumerate(inner.items(), start=1):
        data.add(1, org, groups={"province": row}, values={"a": a, "b": b})
    spec = TableSpec("t", Kind.MAGNITUDE, 1, "province", ("a", "b"))
    cells = build_cells(spec, data)
    hidden = {("1/t", r, c) for r in ("1", "2") for c in ("a", "b")}
    model = AttackerModel(cells, [c.ref for c in cells if c.ref not in hidden], data)
    assert model.interval(("1/t", "1", "a")) == pytest.approx((3.0, 6.0))
    assert model.interval_exact(("1/t", "1", "a")) == pytest.approx((3.0, 6.0))


@pytest.mark.parametrize(
    ("count", "size", "reason"),
    [
        (6, 6, Reason.GROUP_DISCLOSURE),  # all married people work full time (table 5.4)
        (0, 6, Reason.GROUP_DISCLOSURE),  # ... and none part time
        (1, 6, Reason.FEW_CONTRIBUTORS),  # the divorced part-timer knows all others work full time
        (5, 6, Reason.WITHIN_GROUP),
    ],
)
def test_frequency_group_and_within_group_disclosure(count, size, reason):
    verdict = frequency_verdict(count, size, DisclosureParams())
    assert not verdict.safe
    assert reason in verdict.reasons


def test_frequency_cells_that_are_safe():
    params = DisclosureParams()
    assert frequency_verdict(2, 4, params).reasons  # 2 of 4: too few
    assert frequency_verdict(3, 30, params).safe
    assert frequency_verdict(0, 30, params).safe  # 0 % of a large group is allowed
    assert frequency_verdict(29, 30, params).safe
    assert not frequency_verdict(9, 10, params).safe  # N - 1 of a small group
