import contextlib
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from cim.core import registry
from cim.core.demo import DEMO_PASSWORD, DemoContext


def _clock_at(day: str) -> contextlib.AbstractContextManager[Any]:
    """The clock set to noon (Amsterdam) on `day` for the whole run, so that every date the demo
    writes is as it would have been then."""
    try:
        parsed = dt.date.fromisoformat(day)
    except ValueError as exc:
        raise CommandError(f"--today expects a date as YYYY-MM-DD, not {day!r}.") from exc
    try:
        import time_machine
    except ImportError as exc:  # pragma: no cover - the dev extra installs it
        raise CommandError("--today needs time-machine: pip install -e '.[dev]'.") from exc
    noon = dt.datetime(parsed.year, parsed.month, parsed.day, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    return time_machine.travel(noon, tick=True)


class Command(BaseCommand):
    help = (
        "Create (or complete) the demo programme with its editions, participants and users, built "
        "around today (or --today). Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            help="build the demo as if it were this day (reproducible screenshots and documentation)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        clock = _clock_at(options["today"]) if options.get("today") else contextlib.nullcontext()
        with clock:
            ctx = DemoContext()
            with transaction.atomic():
                for seed in registry.demo_seeders():
                    seed(ctx)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready (built around {ctx.today.isoformat()})."))
        for note in ctx.notes:
            self.stdout.write(note)
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max((len(role) for role, _, _ in ctx.logins), default=10)
        for role, email, note in ctx.logins:
            self.stdout.write(f"  {role.ljust(width)}  {email}{'  ' + note if note else ''}")
