from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from cim.core.backup import backup_create


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files (PRIVATE_ROOT) into one .tar.gz with checksums. "
        "Restore with `manage.py restore`. See docs/operations.md#backups."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            default="",
            help="file to write (default: var/backups/cim-<date-time>.tar.gz); a directory gets the default name",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = f"cim-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        target = Path(options["output"] or "var/backups")
        if not options["output"] or target.is_dir() or options["output"].endswith("/"):
            target = target / name
        result = backup_create(target.resolve())
        self.stdout.write(
            f"Backup written to {result.path} ({result.objects} database objects, {result.files} files, "
            f"{result.size} bytes)."
        )
