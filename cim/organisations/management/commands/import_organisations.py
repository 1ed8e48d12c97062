from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from cim.organisations.reference import ReferenceFileError, parse_municipalities, parse_population
from cim.organisations.services import organisations_import, population_import


class Command(BaseCommand):
    help = (
        "Import a CBS 'Gemeenten alfabetisch' CSV: adds new municipalities, marks ended ones inactive "
        "(never deletes), prints what changed. --population imports a 'Bevolking per gemeente' table."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="CBS municipality list (CSV, UTF-8)")
        parser.add_argument("--population", help="CBS population table (CSV, UTF-8)")
        parser.add_argument("--year", type=int, default=None, help="reference year of the population table")
        parser.add_argument(
            "--ended-on",
            type=dt.date.fromisoformat,
            default=None,
            help="date for ended municipalities",
        )
        parser.add_argument("--dry-run", action="store_true", help="report what would change, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["file"] and not options["population"]:
            raise CommandError("Give a municipality list, --population FILE, or both.")
        try:
            # Both files are read and checked before anything is written; then one transaction,
            # so that a rejected population file also undoes the municipality import.
            rows = parse_municipalities(self._read(options["file"])) if options["file"] else None
            populations = parse_population(self._read(options["population"])) if options["population"] else None
            with transaction.atomic():
                if rows is not None:
                    report = organisations_import(rows=rows, ended_on=options["ended_on"], dry_run=options["dry_run"])
                    for line in report.lines():
                        self.stdout.write(line)
                if populations is not None:
                    year = options["year"] or timezone.localdate().year
                    changes = population_import(populations=populations, year=year, dry_run=options["dry_run"])
                    self.stdout.write(f"Inwonertallen gewijzigd: {len(changes)}")
                    for line in changes:
                        self.stdout.write(f"  {line}")
        except ReferenceFileError as exc:
            raise CommandError("Het bestand is afgewezen; er is niets gewijzigd.\n" + "\n".join(exc.problems)) from exc
        if options["dry_run"]:
            self.stdout.write("Proefdraai: er is niets opgeslagen.")

    def _read(self, name: str) -> bytes:
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {name}")
        return path.read_bytes()
