"""Refresh the English catalogue of every app (msgids are Dutch: the source language).

Run `make makemessages`, translate the new entries in cim/<app>/locale/en/LC_MESSAGES/django.po,
then `make messages` compiles them. Needs GNU gettext (xgettext) on the machine.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    status = 0
    for app in sorted((ROOT / "cim").iterdir()):
        if not (app / "locale").is_dir():
            continue
        result = subprocess.run(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "makemessages",
                "-l",
                "en",
                "--no-obsolete",
                "--no-location",
            ],
            cwd=app,
            check=False,
        )
        status |= result.returncode
    return status


if __name__ == "__main__":
    raise SystemExit(main())
