from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cim.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Replace ALL data (database and uploaded files) with a backup made by `manage.py backup`. "
        "Stop the web server and the task worker first. See docs/operations.md#restore."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="the .tar.gz written by manage.py backup")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["archive"])
        if not source.is_file():
            raise CommandError(f"{source} does not exist")
        if not options["yes"]:
            answer = input(f"This replaces all current data with {source}. Type 'restore' to continue: ")
            if answer.strip() != "restore":
                raise CommandError("Cancelled; nothing was changed.")
        try:
            manifest = backup_restore(source)
        except BackupError as exc:
            raise CommandError(f"{exc}. Nothing was changed.") from exc
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']} ({manifest['objects']} database objects, "
            f"{len(manifest['files'])} files)."
        )
