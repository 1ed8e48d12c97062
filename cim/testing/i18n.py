"""Extract the translatable messages of a room the way `makemessages` does, without GNU gettext.

Python files are read with `ast` (the keywords makemessages passes to xgettext); templates
(.html, .txt) are first turned into gettext calls by Django's own `templatize`, exactly as
makemessages does, and then read the same way. The result is a set of message keys
`(context, msgid, msgid_plural)` that must all be translated in the room's English catalogue.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation.template import templatize

# keyword -> (index of context, index of msgid, index of plural); None where absent.
KEYWORDS: dict[str, tuple[int | None, int, int | None]] = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
SOURCE_SUFFIXES = {".py", ".html", ".txt"}
SKIP_DIRS = {"locale", "__pycache__", "node_modules", "static"}

Key = tuple[str | None, str, str | None]


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def messages_in_python(source: str) -> set[Key]:
    found: set[Key] = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name not in KEYWORDS:
            continue
        ctx_i, msg_i, plural_i = KEYWORDS[name]
        needed = max(i for i in (ctx_i, msg_i, plural_i) if i is not None)
        if len(node.args) <= needed:
            continue
        msgid = _literal(node.args[msg_i])
        context = _literal(node.args[ctx_i]) if ctx_i is not None else None
        plural = _literal(node.args[plural_i]) if plural_i is not None else None
        if msgid is None or (ctx_i is not None and context is None) or (plural_i is not None and plural is None):
            continue  # not a literal: xgettext skips it too
        if msgid:
            found.add((context, msgid, plural))
    return found


_STRING = r"""[uU]?(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
_CALL = re.compile(
    rf"(?<![\w.])(npgettext|ngettext|pgettext|gettext|_)\(\s*((?:{_STRING}\s*,\s*)*{_STRING})\s*(?:,\s*count\s*)?\)"
)


def messages_in_templatized(code: str) -> set[Key]:
    """templatize() output is blanked text (X…) around gettext calls with literal arguments."""
    found: set[Key] = set()
    for match in _CALL.finditer(code):
        found |= messages_in_python(match[0])
    return found


def source_files(app_dir: Path) -> Iterator[Path]:
    for path in sorted(app_dir.rglob("*")):
        if path.suffix in SOURCE_SUFFIXES and path.is_file():
            parts = set(path.relative_to(app_dir).parts[:-1])
            if not parts & SKIP_DIRS and not any(p.startswith(".") for p in parts):
                yield path


def extract_messages(app_dir: Path) -> dict[Key, str]:
    """Every message of a room, mapped to the first file it was found in."""
    found: dict[Key, str] = {}
    for path in source_files(app_dir):
        text = path.read_text(encoding="utf-8")
        keys = messages_in_python(text) if path.suffix == ".py" else messages_in_templatized(templatize(text, path))
        for key in sorted(keys, key=str):
            found.setdefault(key, str(path.relative_to(app_dir)))
    return found
