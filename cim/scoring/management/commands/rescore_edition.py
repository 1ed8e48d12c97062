"""`manage.py rescore_edition YEAR [--programme SLUG]`: recompute every score of an edition."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cim.editions.models import Edition
from cim.scoring.services import rescore_edition


class Command(BaseCommand):
    help = "Recompute the scores of every submitted scan of an edition from its questionnaire's scoring method."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", type=int)
        parser.add_argument("--programme", default="", help="the programme's slug (needed when several have YEAR)")

    def handle(self, *args: Any, **options: Any) -> None:
        editions = Edition.objects.filter(year=options["year"]).select_related("programme")
        if options["programme"]:
            editions = editions.filter(programme__slug=options["programme"])
        found = list(editions)
        if not found:
            raise CommandError(
                f"No edition {options['year']}"
                + (f" in programme {options['programme']}" if options["programme"] else "")
                + "."
            )
        if len(found) > 1:
            slugs = ", ".join(e.programme.slug for e in found)
            raise CommandError(
                f"Several programmes have an edition {options['year']} ({slugs}): choose one with --programme."
            )
        edition = found[0]
        count = rescore_edition(edition=edition)
        self.stdout.write(f"{edition.programme.slug} {edition.year}: {count} scores computed.")
