"""The pure scoring functions on the shipped 2026 method: every rule kind, weights, rounding,
stages, hidden and missing answers, circular shares."""

from __future__ import annotations

from decimal import Decimal

from cim.scoring.engine import compute

from .helpers import grid, shipped

CATEGORIES = ("gww", "buildings", "facilities", "mobility", "energy")
SPEARHEADS = (
    "health_society",
    "reuse",
    "sustainable_energy",
    "natural_capital",
    "innovation_partnership",
    "contract_cycles",
)


def best_2026() -> dict:  # type: ignore[type-arg]
    return {
        "policy_general_maturity": 5,
        "procurement_policy_circular": "mandatory",
        "communication_internal": ["intranet", "training", "management", "council"],
        "communication_external": ["website", "market_events", "press", "reports"],
        "action_plan": "evaluated",
        "policy_target": True,
        "policy_target_pct": Decimal("30"),
        "ambition_maturity": 5,
        "approach_maturity": 5,
        "embedding_measures": ["procurement_process", "responsible_official", "monitoring", "budget"],
        "council_reporting": "more",
        "internal_cooperation": 5,
        "regional_cooperation": ["municipalities", "province", "regional_network", "water_board"],
        "chain_cooperation": 5,
        "market_dialogue": "always_large",
        "staff_trained": 40,
        "projects_selected": True,
        "projects": [{"name": f"Project {i}"} for i in range(5)],
        "category_spend": grid({c: ("1000", "500") for c in CATEGORIES}),
        "spearhead_attention": {s: {"level": 4} for s in SPEARHEADS},
    }


def test_the_best_answers_score_100_and_the_last_stage() -> None:
    definition, method = shipped(2026)
    result = compute(method, definition, best_2026())
    assert result.overall == Decimal("100.0")
    assert result.levels == {"strategic": Decimal("100.0"), "operational": Decimal("100.0")}
    assert set(result.themes.values()) == {Decimal("100.0")}
    assert result.stage == "leading"
    assert result.complete


def test_nothing_answered_scores_0_and_is_incomplete() -> None:
    definition, method = shipped(2026)
    result = compute(method, definition, {})
    assert result.overall == Decimal("0.0")
    assert result.stage == "orienting"
    assert not result.complete
    assert "policy_general_maturity" in result.missing
    # not shown (no target) is not missing
    assert "policy_target_pct" not in result.missing


def test_a_theme_is_the_weighted_mean_of_its_questions() -> None:
    definition, method = shipped(2026)
    answers = {"policy_target": True, "policy_target_pct": Decimal("12"), "ambition_maturity": 4}
    result = compute(method, definition, answers)
    # target yes: 100; 12 % reaches the band from 10: 75 of 100; maturity 4: 75 of 100 with weight 2
    assert result.themes["ambitions"] == Decimal("81.3")  # (100 + 75 + 2 × 75) / 4 = 81.25, rounded half up
    assert result.questions["policy_target_pct"].measured == Decimal("12")
    assert result.stages["ambitions"] == "leading"


def test_a_hidden_question_earns_nothing_and_is_not_missing() -> None:
    definition, method = shipped(2026)
    result = compute(method, definition, {"policy_target": False, "ambition_maturity": 3})
    assert result.themes["ambitions"] == Decimal("25.0")  # (0 + 0 + 2 × 50) / 4
    assert "policy_target_pct" not in result.missing


def test_multiple_choice_adds_up_to_its_cap() -> None:
    definition, method = shipped(2026)
    two = compute(method, definition, {"communication_internal": ["intranet", "training"]})
    assert two.questions["communication_internal"].points == Decimal("60")
    everything = compute(
        method, definition, {"communication_internal": ["intranet", "training", "management", "council"]}
    )
    assert everything.questions["communication_internal"].points == Decimal("100")  # 110, capped
    none = compute(method, definition, {"communication_internal": ["none"]})
    assert none.questions["communication_internal"].points == 0


def test_grid_rules_mean_of_a_column_and_a_ratio() -> None:
    definition, method = shipped(2026)
    attention = {s: {"level": level} for s, level in zip(SPEARHEADS, (0, 1, 2, 3, 4, 4), strict=True)}
    result = compute(method, definition, {"spearhead_attention": attention})
    assert result.themes["attention"] == Decimal("58.3")  # (0+25+50+75+100+100)/6
    spend = grid({"gww": ("1000000", "80000"), "buildings": ("500000", "0"), "facilities": ("0", "0")})
    result = compute(method, definition, {"category_spend": spend})
    # 80,000 / 1,500,000 = 5.33 %: the band from 5 gives 50 points
    assert result.questions["category_spend"].points == Decimal("50")
    assert result.circular_share == Decimal("5.3")
    assert result.spend_total == Decimal("1500000")
    assert result.categories["gww"].share == Decimal("8.0")
    assert result.categories["facilities"].share is None  # nothing bought: no share
    assert result.categories["mobility"].total is None


def test_the_numbers_of_the_levels_follow_the_weights() -> None:
    definition, method = shipped(2026)
    answers = best_2026()
    answers.pop("category_spend")  # results: 0
    result = compute(method, definition, answers)
    assert result.levels["operational"] == Decimal("60.0")  # actions 40 % + attention 20 %
    assert result.levels["strategic"] == Decimal("100.0")
    assert result.overall == Decimal("80.0")
    assert result.stage == "leading"  # 80 is where the last stage starts


def test_repeating_groups_count_rows_and_below_the_first_band_is_zero() -> None:
    definition, method = shipped(2026)
    none = compute(method, definition, {"projects_selected": True, "projects": []})
    assert none.questions["projects"].points == 0
    three = compute(method, definition, {"projects_selected": True, "projects": [{}, {}, {}]})
    assert three.questions["projects"].points == Decimal("80")


def test_every_shipped_method_scores_sample_answers_between_0_and_100() -> None:
    import random

    from cim.scan.logic import python_values
    from cim.scan.sample import sample_answers

    for year in (2024, 2025, 2026):
        definition, method = shipped(year)
        for maturity in (0.0, 0.5, 1.0):
            wire = sample_answers(definition, population=50_000, maturity=maturity, rng=random.Random(year))
            result = compute(method, definition, python_values(definition, wire))
            assert Decimal(0) <= result.overall <= Decimal(100)
            assert result.complete, (year, maturity, result.missing)
            assert result.circular_share is not None
