"""The pure ranking: eligibility, the tie rule, shared ranks, the Top N and the display order."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cim.topten.ranking import Candidate, Exclusion, display_order, exclusion, rank

D = Decimal
MIN = D("25")


def c(key: int, overall: str, strategic: str | None = None, operational: str | None = None, **kw) -> Candidate:  # type: ignore[no-untyped-def]
    return Candidate(
        key=key,
        overall=D(overall),
        strategic=D(overall if strategic is None else strategic),
        operational=D(overall if operational is None else operational),
        **kw,
    )


def test_higher_overall_ranks_first() -> None:
    result = rank([c(1, "50"), c(2, "70"), c(3, "60")], minimum=MIN)
    assert [(r.rank, r.key) for r in result.ranked] == [(1, 2), (2, 3), (3, 1)]


def test_equal_overall_higher_minimum_level_goes_first() -> None:
    lopsided = c(1, "60", "90", "30")
    balanced = c(2, "60", "58", "62")
    result = rank([lopsided, balanced], minimum=MIN)
    assert [(r.rank, r.key) for r in result.ranked] == [(1, 2), (2, 1)]


def test_equal_overall_and_minimum_share_the_rank_and_the_next_skips() -> None:
    result = rank([c(1, "80"), c(2, "70", "70", "75"), c(3, "70", "75", "70"), c(4, "60")], minimum=MIN)
    assert [(r.rank, r.key) for r in result.ranked] == [(1, 1), (2, 2), (2, 3), (4, 4)]


def test_top_grows_beyond_n_on_a_tie_at_the_last_place() -> None:
    candidates = [c(i, str(90 - i)) for i in range(1, 10)] + [c(10, "50"), c(11, "50"), c(12, "40")]
    top = rank(candidates, minimum=MIN).top(10)
    assert [r.rank for r in top] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]
    assert 12 not in {r.key for r in top}


@pytest.mark.parametrize(
    ("candidate", "reason"),
    [
        (c(1, "90", submitted=False), Exclusion.NOT_SUBMITTED),
        (c(1, "90", complete=False), Exclusion.INCOMPLETE),
        (Candidate(key=1, overall=D("90"), strategic=D("90"), operational=None), Exclusion.LEVEL_MISSING),
        (c(1, "60", "95", "24.9"), Exclusion.BELOW_MINIMUM),
        (c(1, "60", "25", "95"), None),  # exactly the minimum is enough
    ],
)
def test_eligibility(candidate: Candidate, reason: Exclusion | None) -> None:
    assert exclusion(candidate, MIN) == reason


def test_excluded_are_reported_and_not_ranked() -> None:
    result = rank([c(1, "99", complete=False), c(2, "50")], minimum=MIN)
    assert [r.key for r in result.ranked] == [2]
    assert result.ranked[0].rank == 1
    assert result.excluded == ((c(1, "99", complete=False), Exclusion.INCOMPLETE),)


def test_a_candidate_twice_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="twice"):
        rank([c(1, "50"), c(1, "60")], minimum=MIN)


def test_display_order_puts_named_alphabetically_then_anonymous_within_a_shared_rank() -> None:
    ranked = rank([c(1, "70"), c(2, "70"), c(3, "70"), c(4, "80")], minimum=MIN).ranked
    names = {1: "Zutphen", 2: "Arnhem", 3: "Ede", 4: "Tiel"}
    ordered = display_order(ranked, named={1, 2, 4}, names=names)
    assert [r.key for r in ordered] == [4, 2, 1, 3]


# --- Properties --------------------------------------------------------------------------------

score = st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False)
level = st.one_of(st.none(), score)


@st.composite
def candidate_lists(draw):  # type: ignore[no-untyped-def]
    n = draw(st.integers(min_value=0, max_value=40))
    keys = draw(st.lists(st.integers(min_value=1, max_value=10_000), min_size=n, max_size=n, unique=True))
    # A small pool of values makes ties frequent.
    pool = draw(st.lists(score, min_size=1, max_size=6))
    value = st.sampled_from(pool)
    return [
        Candidate(
            key=key,
            overall=draw(value),
            strategic=draw(st.one_of(value, st.none())) if draw(st.booleans()) else draw(value),
            operational=draw(value),
            complete=draw(st.booleans()) if draw(st.integers(0, 9)) == 0 else True,
            submitted=draw(st.integers(0, 19)) != 0,
        )
        for key in keys
    ]


@settings(max_examples=200, deadline=None)
@given(candidate_lists(), score)
def test_rank_is_one_plus_the_number_strictly_better(candidates: list[Candidate], minimum: Decimal) -> None:
    result = rank(candidates, minimum=minimum)
    keys = [r.candidate.sort_key() for r in result.ranked]
    for entry in result.ranked:
        better = sum(1 for k in keys if k > entry.candidate.sort_key())
        assert entry.rank == better + 1
    ranks = [r.rank for r in result.ranked]
    assert ranks == sorted(ranks)
    if ranks:
        assert ranks[0] == 1


@settings(max_examples=200, deadline=None)
@given(candidate_lists(), score)
def test_every_candidate_is_either_ranked_or_excluded_with_its_reason(
    candidates: list[Candidate], minimum: Decimal
) -> None:
    result = rank(candidates, minimum=minimum)
    ranked = {r.key for r in result.ranked}
    excluded = {cand.key for cand, _ in result.excluded}
    assert ranked | excluded == {cand.key for cand in candidates}
    assert not ranked & excluded
    for cand, reason in result.excluded:
        assert exclusion(cand, minimum) == reason
    for entry in result.ranked:
        cand = entry.candidate
        assert cand.submitted
        assert cand.complete
        assert cand.strategic is not None
        assert cand.strategic >= minimum
        assert cand.operational is not None
        assert cand.operational >= minimum


@settings(max_examples=200, deadline=None)
@given(candidate_lists(), score, st.randoms(use_true_random=False))
def test_input_order_does_not_matter(candidates: list[Candidate], minimum: Decimal, rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(candidates)
    rnd.shuffle(shuffled)
    assert rank(candidates, minimum=minimum) == rank(shuffled, minimum=minimum)


@settings(max_examples=200, deadline=None)
@given(candidate_lists(), score, st.integers(min_value=1, max_value=12))
def test_top_n_holds_every_rank_up_to_n_and_nothing_else(
    candidates: list[Candidate], minimum: Decimal, size: int
) -> None:
    result = rank(candidates, minimum=minimum)
    top = result.top(size)
    assert all(r.rank <= size for r in top)
    assert len(top) >= min(size, len(result.ranked))
    assert set(top) == {r for r in result.ranked if r.rank <= size}


@settings(max_examples=200, deadline=None)
@given(candidate_lists(), score, st.data())
def test_a_better_overall_never_worsens_the_rank(candidates: list[Candidate], minimum: Decimal, data) -> None:  # type: ignore[no-untyped-def]
    result = rank(candidates, minimum=minimum)
    if not result.ranked:
        return
    entry = data.draw(st.sampled_from(result.ranked))
    better = Candidate(
        key=entry.key,
        overall=min(Decimal(100), entry.candidate.overall + Decimal("0.1")),
        strategic=entry.candidate.strategic,
        operational=entry.candidate.operational,
    )
    improved = rank([better if cand.key == entry.key else cand for cand in candidates], minimum=minimum)
    assert next(r.rank for r in improved.ranked if r.key == entry.key) <= entry.rank


@settings(max_examples=100, deadline=None)
@given(candidate_lists(), score, st.data())
def test_display_order_keeps_ranks_in_order_and_anonymous_after_named(candidates, minimum, data) -> None:  # type: ignore[no-untyped-def]
    ranked = rank(candidates, minimum=minimum).ranked
    named = set(data.draw(st.lists(st.sampled_from([r.key for r in ranked]), unique=True))) if ranked else set()
    ordered = display_order(ranked, named=named, names={r.key: f"G{r.key}" for r in ranked})
    assert sorted(ordered, key=lambda r: r.key) == sorted(ranked, key=lambda r: r.key)
    for a, b in itertools.pairwise(ordered):
        assert a.rank <= b.rank
        if a.rank == b.rank:
            assert not (a.key not in named and b.key in named)
