"""Compile one gettext catalogue (.po) to .mo without needing GNU gettext on the machine."""

import sys

import polib


def main(source: str, target: str) -> None:
    catalogue = polib.pofile(source)
    untranslated = [e.msgid for e in catalogue.untranslated_entries() if not e.obsolete]
    catalogue.save_as_mofile(target)
    if untranslated:
        print(f"{source}: {len(untranslated)} untranslated", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
