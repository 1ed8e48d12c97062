"""Every room's English catalogue is complete: each Dutch msgid in its code and templates has a
non-empty, non-fuzzy English translation. Rooms are found by walking cim/, so a room added later
is covered without touching this file; a room with translatable text but no catalogue fails."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from cim.testing.i18n import extract_messages, messages_in_python, messages_in_templatized

CIM = Path(__file__).resolve().parent.parent / "cim"
ROOMS = sorted(p.name for p in CIM.iterdir() if p.is_dir() and (p / "__init__.py").exists())


def english_catalogue(room: str) -> Path:
    return CIM / room / "locale" / "en" / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("room", ROOMS)
def test_english_catalogue_is_complete(room: str) -> None:
    messages = extract_messages(CIM / room)
    if not messages:
        return  # nothing to translate in this package (e.g. cim/testing)
    path = english_catalogue(room)
    assert path.exists(), (
        f"cim/{room} has {len(messages)} translatable messages but no English catalogue; run `make makemessages`"
    )
    catalogue = polib.pofile(str(path))
    entries = {(e.msgctxt, e.msgid, e.msgid_plural or None): e for e in catalogue if not e.obsolete}
    problems = []
    for key, where in sorted(messages.items(), key=lambda item: item[1]):
        entry = entries.get(key)
        if entry is None:
            problems.append(f"missing ({where}): {key[1]!r}")
        elif entry.fuzzy:
            problems.append(f"fuzzy ({where}): {key[1]!r}")
        elif (entry.msgid_plural and not all(entry.msgstr_plural.values())) or (
            not entry.msgid_plural and not entry.msgstr
        ):
            problems.append(f"untranslated ({where}): {key[1]!r}")
    assert not problems, f"cim/{room}/locale/en: {len(problems)} problems (make makemessages, then translate):\n" + (
        "\n".join(problems[:40])
    )


def test_placeholders_survive_translation() -> None:
    """A translation that drops or renames %(name)s would crash or lose information at runtime."""
    import re

    placeholder = re.compile(r"%\((\w+)\)s")
    problems = []
    for room in ROOMS:
        path = english_catalogue(room)
        if not path.exists():
            continue
        for entry in polib.pofile(str(path)):
            translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
            expected = set(placeholder.findall(entry.msgid))
            for text in translations:
                if text and set(placeholder.findall(text)) != expected:
                    problems.append(f"{room}: {entry.msgid!r} -> {text!r}")
    assert not problems, "\n".join(problems)


def test_extractor_reads_python_and_templates() -> None:
    """The extractor the completeness test relies on finds what makemessages would find."""
    from django.utils.translation.template import templatize

    python = 'x = _("Een") + gettext_lazy("Twee") + ngettext("%(n)s rij", "%(n)s rijen", n) + pgettext("ctx", "Drie")'
    assert messages_in_python(python) == {
        (None, "Een", None),
        (None, "Twee", None),
        (None, "%(n)s rij", "%(n)s rijen"),
        ("ctx", "Drie", None),
    }
    template = (
        '{% load i18n %}<p>{% translate "Vier" %}</p>\n  <b>{{ x|default:_("Vijf") }}</b>\n'
        "{% blocktranslate count n=3 %}{{ n }} regel{% plural %}{{ n }} regels{% endblocktranslate %}\n"
        "{% blocktranslate trimmed with a=b %}\n  Zes {{ a }}\n{% endblocktranslate %}"
    )
    assert messages_in_templatized(templatize(template)) == {
        (None, "Vier", None),
        (None, "Vijf", None),
        (None, "%(n)s regel", "%(n)s regels"),
        (None, "Zes %(a)s", None),
    }
