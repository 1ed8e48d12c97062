"""`manage.py import_organisations`: adds, renames, moves, ends (never deletes), reports; a rejected
file changes nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cim.audit.models import AuditEntry
from cim.organisations.models import Organisation
from cim.organisations.reference import DEFAULT_FILE

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple]:
    return list(
        Organisation.objects.order_by("cbs_code").values_list(
            "cbs_code", "name", "province__cbs_code", "is_active", "population"
        )
    )


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_organisations", *args, stdout=out)
    return out.getvalue()


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def newer_list(tmp_path: Path) -> str:
    """The 2023 list with one municipality ended, one renamed, one moved and one added."""
    lines = DEFAULT_FILE.read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:]
    rows = [r for r in rows if ",GM0197," not in r]  # Aalten ends
    rows = [r.replace(",Zutphen,", ",Zutphen aan de IJssel,") for r in rows]  # renamed
    rows = [
        r.replace("0200,GM0200,Apeldoorn,25,PV25,Gelderland", "0200,GM0200,Apeldoorn,26,PV26,Utrecht") for r in rows
    ]
    rows.append("1999,GM1999,Nieuwegemeente,25,PV25,Gelderland")
    return write(tmp_path, "gemeenten-2025.csv", "\n".join([header, *rows]) + "\n")


def test_shipped_reference_data_is_loaded() -> None:
    assert Organisation.objects.filter(kind="gemeente").count() == 342
    assert Organisation.objects.filter(kind="provincie").count() == 12
    assert Organisation.objects.get(cbs_code="GM0202").province.name == "Gelderland"


def test_reimporting_the_same_list_changes_nothing() -> None:
    before = snapshot()
    output = run(str(DEFAULT_FILE))
    assert "Ongewijzigd: 342" in output
    assert snapshot() == before


def test_newer_list_adds_renames_moves_and_ends_without_deleting(tmp_path: Path) -> None:
    output = run(newer_list(tmp_path), "--ended-on", "2025-01-01")
    assert "Nieuwe gemeenten (1):\n  GM1999 Nieuwegemeente" in output
    assert "Hernoemd (1):\n  GM0301 Zutphen → Zutphen aan de IJssel" in output
    assert "Andere provincie (1):\n  GM0200 Apeldoorn → Utrecht" in output
    assert "Beëindigd (inactief gemaakt) (1):\n  GM0197 Aalten" in output
    aalten = Organisation.objects.get(cbs_code="GM0197")
    assert not aalten.is_active
    assert str(aalten.ended_on) == "2025-01-01"
    assert Organisation.objects.get(cbs_code="GM0301").name == "Zutphen aan de IJssel"
    assert Organisation.objects.get(cbs_code="GM0200").province.cbs_code == "PV26"
    assert Organisation.objects.filter(kind="gemeente").count() == 343
    entry = AuditEntry.objects.get(action="organisations.imported")
    assert entry.details["summary"]["added"] == ["GM1999 Nieuwegemeente"]


def test_ended_municipality_comes_back_when_listed_again(tmp_path: Path) -> None:
    run(newer_list(tmp_path))
    output = run(str(DEFAULT_FILE))
    assert "Weer actief (1):\n  GM0197 Aalten" in output
    assert Organisation.objects.get(cbs_code="GM0197").is_active


def test_dry_run_reports_but_saves_nothing(tmp_path: Path) -> None:
    before = snapshot()
    output = run(newer_list(tmp_path), "--dry-run")
    assert "Nieuwe gemeenten (1)" in output
    assert "Proefdraai: er is niets opgeslagen." in output
    assert snapshot() == before
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("content", "encoding", "message"),
    [
        ("Code,Naam\nGM0202,Arnhem\n", "utf-8", "Deze kolommen ontbreken"),
        (
            "Gemeentecode,GemeentecodeGM,Gemeentenaam,Provinciecode,ProvinciecodePV,Provincienaam\n"
            "0202,GM0202,Árnhem,25,PV25,Gelderland\n",
            "latin-1",
            "niet in UTF-8 gecodeerd",
        ),
        (
            "Gemeentecode,GemeentecodeGM,Gemeentenaam,Provinciecode,ProvinciecodePV,Provincienaam\n"
            "0202,GM0202,Arnhem,25,PV25,Gelderland\n0202,GM0202,Arnhem,25,PV25,Gelderland\n",
            "utf-8",
            "Regel 3: gemeentecode GM0202 staat er al op regel 2.",
        ),
    ],
)
def test_rejected_file_changes_nothing(tmp_path: Path, content: str, encoding: str, message: str) -> None:
    before = snapshot()
    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, "lijst.csv", content, encoding))
    assert "Het bestand is afgewezen; er is niets gewijzigd." in str(caught.value)
    assert message in str(caught.value)
    assert snapshot() == before
    assert not AuditEntry.objects.exists()


def test_population_file_sets_population_and_size_class(tmp_path: Path) -> None:
    path = write(tmp_path, "bevolking.csv", "Gemeentecode;Bevolking\n0202;164.096\n0197;27.000\n")
    output = run("--population", path, "--year", "2024")
    assert "Inwonertallen gewijzigd: 2" in output
    arnhem = Organisation.objects.get(cbs_code="GM0202")
    assert (arnhem.population, arnhem.population_year, arnhem.size_class) == (164096, 2024, "XL")
    assert Organisation.objects.get(cbs_code="GM0197").size_class == "M"


def test_bad_population_file_undoes_the_municipality_import_too(tmp_path: Path) -> None:
    before = snapshot()
    population = write(tmp_path, "bevolking.csv", "Gemeentecode;Bevolking\n0202;164096\n9998;12\n")
    with pytest.raises(CommandError) as caught:
        run(newer_list(tmp_path), "--population", population)
    assert "Onbekende gemeentecodes: GM9998" in str(caught.value)
    assert snapshot() == before


def test_missing_file_and_missing_arguments() -> None:
    with pytest.raises(CommandError, match="Bestand niet gevonden"):
        run("/nergens/gemeenten.csv")
    with pytest.raises(CommandError, match="Give a municipality list"):
        run()
