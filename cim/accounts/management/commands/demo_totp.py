from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cim.accounts.models import User
from cim.accounts.totp import totp_current_code


class Command(BaseCommand):
    help = "Development only: print the current two-factor code of a demo account."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Only available with DEBUG on (development).")
        user = User.objects.filter(email__iexact=options["email"]).first()
        if user is None:
            raise CommandError("No such account.")
        try:
            self.stdout.write(totp_current_code(user))
        except Exception as exc:
            raise CommandError("This account has no two-factor authenticator.") from exc
