"""Send the reminders that are due today. Run daily from cron (see docs/servicedesk.md):

    15 7 * * *  cd /srv/cim && .venv/bin/python manage.py send_reminders

Safe to run more than once a day and concurrently: each reminder goes out once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from cim.servicedesk.services.reminders import kind_by_code, reminders_send


class Command(BaseCommand):
    help = "Send the due reminders of every registered kind (each reminder once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Act as if today is this date (YYYY-MM-DD); default: today.")
        parser.add_argument("--dry-run", action="store_true", help="Only list what would be sent.")
        parser.add_argument("--kind", help="Only this kind (e.g. scan.deadline_14).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("--date must look like 2026-01-31") from exc
        if options["kind"] and kind_by_code(options["kind"]) is None:
            raise CommandError(f"unknown reminder kind {options['kind']!r}")
        report = reminders_send(today=today, dry_run=options["dry_run"], only=options["kind"])
        for code, due in report.would_send:
            self.stdout.write(f"would send {code} [{due.key}] to {due.email}")
        for sent in report.sent:
            self.stdout.write(f"sent {sent.kind} [{sent.key}] to {sent.email}")
        for failure in report.failed:
            self.stderr.write(f"failed {failure}")
        self.stdout.write(
            f"{today.isoformat()}: {len(report.sent)} sent, {report.already_sent} already sent earlier, "
            f"{report.paused} paused, {len(report.failed)} failed"
            + (f", {len(report.would_send)} would be sent (dry run)" if options["dry_run"] else "")
        )
        if report.failed:
            raise CommandError(f"{len(report.failed)} reminders failed; see the log")
