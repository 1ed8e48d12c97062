"""Parsing CBS reference files: every problem is reported, nothing half-read is returned."""

import itertools

import pytest
from django.utils import translation

from cim.organisations.reference import (
    DEFAULT_FILE,
    MAX_REPORTED_ERRORS,
    ReferenceFileError,
    parse_municipalities,
    parse_population,
)
from cim.organisations.size_classes import SIZE_CLASSES, size_class_for, size_class_label

HEADER = "Gemeentecode,GemeentecodeGM,Gemeentenaam,Provinciecode,ProvinciecodePV,Provincienaam\n"


def problems(data: bytes, parser=parse_municipalities) -> list[str]:  # type: ignore[no-untyped-def]
    with translation.override("nl"), pytest.raises(ReferenceFileError) as caught:
        parser(data)
    return caught.value.problems


def test_shipped_list_has_342_municipalities_in_12_provinces() -> None:
    rows = parse_municipalities(DEFAULT_FILE.read_bytes())
    assert len(rows) == 342
    assert len({r.province_code for r in rows}) == 12
    arnhem = next(r for r in rows if r.code == "GM0202")
    assert (arnhem.name, arnhem.province_code, arnhem.province_name) == ("Arnhem", "PV25", "Gelderland")


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_separators_and_bom_are_accepted(separator: str) -> None:
    text = HEADER.replace(",", separator) + separator.join(["0202", "GM0202", "Arnhem", "25", "PV25", "Gelderland"])
    rows = parse_municipalities(("\ufeff" + text).encode("utf-8"))
    assert rows[0].code == "GM0202"


def test_wrong_columns_are_named() -> None:
    data = b"Code,Naam\nGM0202,Arnhem\n"
    (message,) = problems(data)
    assert message.startswith("Deze kolommen ontbreken: Gemeentecode, GemeentecodeGM, Gemeentenaam")


def test_wrong_encoding_is_explained() -> None:
    data = (HEADER + "0202,GM0202,Súdwest-Fryslân,21,PV21,Fryslân\n").encode("latin-1")
    assert problems(data) == [
        "Het bestand is niet in UTF-8 gecodeerd. Sla het in uw spreadsheetprogramma op als 'CSV UTF-8'."
    ]


def test_binary_empty_and_huge_files_are_refused() -> None:
    assert problems(b"PK\x03\x04\x00\x00binary") == ["Het bestand is geen tekstbestand (CSV)."]
    assert problems(b"") == ["Het bestand is leeg."]
    assert problems(HEADER.encode()) == ["Het bestand bevat geen gemeenten."]
    assert "groter dan 2 MB" in problems(b"x" * (2 * 1024 * 1024 + 1))[0]


def test_duplicates_bad_codes_and_long_names_are_listed_by_line() -> None:
    data = (
        HEADER
        + "0202,GM0202,Arnhem,25,PV25,Gelderland\n"
        + "0202,GM0202,Arnhem,25,PV25,Gelderland\n"
        + "0203,GM0204,Verkeerd,25,PV25,Gelderland\n"
        + "0205,GM0205,"
        + "x" * 201
        + ",25,PV25,Gelderland\n"
        + "0206,GM0206,Ergens,99,PV25,Gelderland\n"
        + "0207,GM0207,Elders,25,PV25,Gelre\n"
        + "0208,GM0208\n"
    ).encode()
    assert problems(data) == [
        "Regel 3: gemeentecode GM0202 staat er al op regel 2.",
        "Regel 4: ongeldige gemeentecode GM0204.",
        "Regel 5: de gemeentenaam ontbreekt of is te lang.",
        "Regel 6: ongeldige provincie.",
        "Regel 7: provincie PV25 heeft twee namen.",
        "Regel 8: te weinig kolommen.",
    ]


def test_many_problems_are_summarised() -> None:
    data = (HEADER + "".join(f"{i:04d},GM9999,X,25,PV25,Gelderland\n" for i in range(40))).encode()
    found = problems(data)
    assert len(found) == MAX_REPORTED_ERRORS + 1
    assert found[-1] == "… en nog 20 problemen."


def test_population_file() -> None:
    data = b"Regiocode;Bevolking\n0202;164.096\nGM0268;179 073\n"
    assert parse_population(data) == {"GM0202": 164096, "GM0268": 179073}


def test_population_file_problems() -> None:
    assert problems(b"Code;Iets\n0202;1\n", parse_population)[0].startswith("Verwacht een kolom met de gemeentecode")
    assert problems(b"Gemeentecode;Inwoners\n0202;veel\n0202;12\n0202;13\nXX;5\n", parse_population) == [
        "Regel 2: ongeldig aantal inwoners.",
        "Regel 4: gemeentecode GM0202 staat er dubbel in.",
        "Regel 5: ongeldige gemeentecode XX.",
    ]


@pytest.mark.parametrize(
    ("population", "code"),
    [
        (None, ""),
        (0, "S"),
        (19_999, "S"),
        (20_000, "M"),
        (49_999, "M"),
        (50_000, "L"),
        (99_999, "L"),
        (100_000, "XL"),
        (900_000, "XL"),
    ],
)
def test_size_class_boundaries(population, code) -> None:  # type: ignore[no-untyped-def]
    assert size_class_for(population) == code


def test_size_classes_cover_every_population_without_gaps() -> None:
    for lower, upper in itertools.pairwise(SIZE_CLASSES):
        assert lower.upper == upper.lower
    assert SIZE_CLASSES[0].lower == 0
    assert SIZE_CLASSES[-1].upper is None
    with translation.override("en"):
        assert size_class_label("M") == "20,000 to 50,000 inhabitants"
        assert size_class_label("?") == "unknown"
