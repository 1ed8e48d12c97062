from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from cim.events.services.retention import registrations_anonymise


class Command(BaseCommand):
    help = (
        "Anonymise the personal data (name, e-mail, function, dietary wishes) of masterclass and closing-meeting "
        "attendees whose session ended more than EVENTS_RETENTION_DAYS days ago. Counts and attendance per "
        "organisation remain. Run daily (cron)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="override EVENTS_RETENTION_DAYS")
        parser.add_argument("--dry-run", action="store_true", help="only count what would be anonymised")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"] if options["days"] is not None else settings.EVENTS_RETENTION_DAYS
        if days < 0:
            self.stderr.write("--days must be 0 or more")
            return
        count = registrations_anonymise(retention_days=days, dry_run=options["dry_run"])
        verb = "would be anonymised" if options["dry_run"] else "anonymised"
        self.stdout.write(f"{count} registrations {verb} (retention {days} days).")
