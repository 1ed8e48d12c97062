"""Lesson texts: plain text with a small, safe Markdown subset. Plain Python, no database.

Supported: paragraphs (blank line), line breaks, bulleted lists (`- ` or `* `), numbered lists
(`1. `), **bold** and *italic*. Everything else is shown literally: the text is escaped first,
the few constructs are turned into tags, and the result goes through `nh3` with only those tags
allowed (no attributes, no links), so no script or markup of the writer can reach a page.
"""

from __future__ import annotations

import re

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em"}
MAX_TEXT_LENGTH = 10_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_BLANK_LINES = re.compile(r"\n\s*\n")


def normalise(text: str) -> str:
    """Unix line breaks, no control or bidirectional-override characters, no trailing spaces."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def _inline(line: str) -> str:
    html = str(escape(line))
    html = _STRONG.sub(r"<strong>\1</strong>", html)
    return _EM.sub(r"<em>\1</em>", html)


def _block(block: str) -> str:
    lines = [line for line in block.split("\n") if line.strip()]
    for pattern, tag in ((_BULLET, "ul"), (_NUMBERED, "ol")):
        matches = [pattern.match(line) for line in lines]
        if all(matches):
            items = "".join(f"<li>{_inline(m.group(1))}</li>" for m in matches if m)
            return f"<{tag}>{items}</{tag}>"
    return "<p>" + "<br>".join(_inline(line.strip()) for line in lines) + "</p>"


def to_html(text: str) -> SafeString:
    blocks = [b for b in _BLANK_LINES.split(normalise(text)) if b.strip()]
    html = "".join(_block(b) for b in blocks)
    cleaned = nh3.clean(html, tags=ALLOWED_TAGS, attributes={}, link_rel=None)
    return mark_safe(cleaned)  # built from escaped text, then sanitised by nh3


def to_plain(text: str, limit: int | None = None) -> str:
    """The text without Markdown marks, on one line; for excerpts and search results."""
    plain = " ".join(normalise(text).replace("**", "").split())
    plain = re.sub(r"(^|\s)[-*](\s)", r"\1\2", plain)
    plain = " ".join(plain.split())
    if limit is not None and len(plain) > limit:
        plain = plain[: limit - 1].rsplit(" ", 1)[0] + "…"
    return plain
