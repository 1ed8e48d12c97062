from typing import Any

from django.core.management.base import BaseCommand

from cim.events.services.registrations import offers_expire


class Command(BaseCommand):
    help = (
        "Let waiting-list offers that were not accepted in time lapse and offer the seat to the next person. "
        "Run every quarter of an hour (cron); registering and accepting also do this for their own session."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{offers_expire()} offers expired.")
