"""Login codes and invitation tokens: random, easy to type, stored only as a hash."""

import math

import pytest

from cim.editions.codes import (
    ALPHABET,
    CODE_LENGTH,
    MalformedCode,
    format_code,
    generate_code,
    generate_token,
    hash_secret,
    normalise_code,
)


def test_code_has_at_least_80_bits_and_no_look_alikes() -> None:
    assert CODE_LENGTH * math.log2(len(ALPHABET)) >= 80
    assert not set(ALPHABET) & set("IL1OQ0B8S5Z2UV")


def test_generated_codes_are_grouped_and_unique() -> None:
    codes = {generate_code() for _ in range(500)}
    assert len(codes) == 500
    for code in list(codes)[:50]:
        groups = code.split("-")
        assert [len(g) for g in groups] == [4, 4, 4, 4, 4]
        assert set("".join(groups)) <= set(ALPHABET)


@pytest.mark.parametrize(
    "typed",
    [
        "ACDE-FGHJ-KMNP-RTWX-YACD",
        "acde fghj kmnp rtwx yacd",
        "ACDEFGHJKMNPRTWXYACD",
        " acde-fghj-kmnp-rtwx-yacd\t",
        "ACDE\u00a0FGHJ KMNP RTWX YACD",
    ],
)
def test_normalise_accepts_what_people_type(typed: str) -> None:
    assert normalise_code(typed) == "ACDEFGHJKMNPRTWXYACD"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "ACDE-FGHJ",
        "ACDE-FGHJ-KMNP-RTWX-YACDE",
        "ACDE-FGHJ-KMNP-RTWX-YAC0",
        "<script>alert(1)</script>",
        "A" * 10_000,
        "ÄCDE-FGHJ-KMNP-RTWX-YACD",
    ],
)
def test_normalise_refuses_what_cannot_be_a_code(typed: str) -> None:
    with pytest.raises(MalformedCode):
        normalise_code(typed)


def test_hash_is_stable_and_does_not_contain_the_code() -> None:
    code = normalise_code(generate_code())
    digest = hash_secret(code)
    assert digest == hash_secret(code)
    assert len(digest) == 64
    assert code not in digest
    assert hash_secret(code) != hash_secret(code[::-1])


def test_format_and_tokens() -> None:
    assert format_code("ACDEFGHJKMNPRTWXYACD") == "ACDE-FGHJ-KMNP-RTWX-YACD"
    tokens = {generate_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(len(t) >= 43 for t in tokens)
