from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from cim.core import registry
from cim.core.demo import DEMO_PASSWORD, DemoContext


class Command(BaseCommand):
    help = "Create (or complete) the demo programme with its editions, participants and users. Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        ctx = DemoContext()
        with transaction.atomic():
            for seed in registry.demo_seeders():
                seed(ctx)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        for note in ctx.notes:
            self.stdout.write(note)
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max((len(role) for role, _, _ in ctx.logins), default=10)
        for role, email, note in ctx.logins:
            self.stdout.write(f"  {role.ljust(width)}  {email}{'  ' + note if note else ''}")
