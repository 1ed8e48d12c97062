"""The de-identification helper flags what could identify a speaker, organisation or situation."""

from __future__ import annotations

import pytest

from cim.cases.deidentify import Reason, build_vocabulary, find_flags, highlight

VOCABULARY = build_vocabulary(
    organisation_names=["Arnhem", "Buren", "Ede", "Gelderland", "'s-Hertogenbosch", "Bergen (NH.)", "Land van Cuijk"],
    person_names=["Coen Collega", "Jan van der Berg", "Petra Penvoerder"],
)


def flagged(text: str) -> list[tuple[str, str]]:
    return [(f.reason.value, f.text) for f in find_flags(text, VOCABULARY)]


def test_names_of_municipalities_provinces_and_people() -> None:
    text = "De gemeente Arnhem (Gelderland) vroeg Coen Collega en Jan van der Berg om hulp."
    assert flagged(text) == [
        ("organisation", "Arnhem"),
        ("organisation", "Gelderland"),
        ("person", "Coen Collega"),
        ("person", "Jan van der Berg"),
    ]


def test_parts_of_a_persons_name_and_adjectives_of_a_place() -> None:
    assert flagged("Petra belde met de Arnhemse wethouder en met Berg.") == [
        ("person", "Petra"),
        ("organisation", "Arnhemse"),
        ("person", "Berg"),
    ]


def test_ordinary_words_that_look_like_names_are_not_flagged() -> None:
    # "buren" (neighbours) is a word; "Buren" the municipality. Particles of names never count.
    assert flagged("De buren van de leverancier deden mee, van der tot ter.") == []
    assert flagged("In Buren ging het anders.") == [("organisation", "Buren")]


def test_names_with_particles_and_apostrophes() -> None:
    assert flagged("In 's-Hertogenbosch, Land van Cuijk en Bergen.") == [
        ("organisation", "'s-Hertogenbosch"),
        ("organisation", "Land van Cuijk"),
        ("organisation", "Bergen"),
    ]


@pytest.mark.parametrize(
    "number",
    [
        "026-1234567",
        "026 123 45 67",
        "(026) 123 45 67",
        "06-12345678",
        "06 1234 5678",
        "0612345678",
        "+31 6 12345678",
        "+31 (0)26 123 4567",
        "0031 26 1234567",
        "0800-1234",
        "0900 123 45 67",
    ],
)
def test_dutch_phone_numbers(number: str) -> None:
    assert flagged(f"Bel {number} voor meer.") == [("phone", number)]


@pytest.mark.parametrize(
    "text",
    [
        "Op 01-02-2024 was het zover.",
        "In 2024 en 2025 kochten wij voor 1234567890 euro.",
        "Het contract heeft nummer NL91ABNA0417164300.",
        "Wij hadden 12 3456 artikelen.",
    ],
)
def test_dates_amounts_and_codes_are_not_phone_numbers(text: str) -> None:
    assert [r for r, _ in flagged(text) if r == "phone"] == []


def test_postcodes_emails_and_web_addresses() -> None:
    text = "Stuur naar 6811 AB of 6811AB, mail p.penvoerder@arnhem.nl, zie https://www.arnhem.nl/afval, www.ede.nl en gelderland.nl."
    assert flagged(text) == [
        ("postcode", "6811 AB"),
        ("postcode", "6811AB"),
        ("email", "p.penvoerder@arnhem.nl"),
        ("url", "https://www.arnhem.nl/afval"),
        ("url", "www.ede.nl"),
        ("url", "gelderland.nl"),
    ]


def test_words_like_postcodes_in_lower_case_or_years_are_not_flagged() -> None:
    assert flagged("In 2024 en 2025 deden wij mee; 2030 SA is geen postcode.") == []


def test_overlapping_candidates_keep_the_longest() -> None:
    flags = find_flags("Mail Petra.Penvoerder@arnhem.nl vandaag.", VOCABULARY)
    assert [(f.reason, f.text) for f in flags] == [(Reason.EMAIL, "Petra.Penvoerder@arnhem.nl")]


def test_spans_point_into_the_text() -> None:
    text = "Vraag het Coen Collega."
    (flag,) = find_flags(text, VOCABULARY)
    assert text[flag.start : flag.end] == "Coen Collega"


def test_highlight_marks_flags_and_escapes_everything_else() -> None:
    text = "<script>alert(1)</script> Arnhem"
    html = highlight(text, find_flags(text, VOCABULARY))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert '<mark class="cim-flag cim-flag--organisation">Arnhem' in html
    assert "naam van een gemeente of provincie" in html


def test_empty_text_and_vocabulary() -> None:
    empty = build_vocabulary(organisation_names=[], person_names=[])
    assert find_flags("", empty) == []
    assert [f.reason for f in find_flags("Bel 026-1234567", empty)] == [Reason.PHONE]
