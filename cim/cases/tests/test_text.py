"""Lesson texts: plain text with a small Markdown subset; nothing the writer types can run."""

from __future__ import annotations

import re

import pytest

from cim.cases.text import ALLOWED_TAGS, normalise, to_html, to_plain


def test_paragraphs_line_breaks_lists_and_emphasis() -> None:
    text = "Eerste regel\ntweede regel\n\n- een\n- **twee**\n\n1. *drie*\n2. vier"
    assert to_html(text) == (
        "<p>Eerste regel<br>tweede regel</p><ul><li>een</li><li><strong>twee</strong></li></ul>"
        "<ol><li><em>drie</em></li><li>vier</li></ol>"
    )


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">klik</a>',
        "[klik](javascript:alert(1))",
        '<p style="x" onclick="alert(1)">tekst</p>',
        "**<b onmouseover=alert(1)>vet</b>**",
    ],
)
def test_markup_and_script_are_shown_as_text(payload: str) -> None:
    html = str(to_html(payload))
    tags = re.findall(r"<(/?[a-zA-Z][^\s>/]*)([^>]*)>", html)
    assert {name.lstrip("/") for name, _ in tags} <= ALLOWED_TAGS
    assert all(attributes.strip() == "" for _, attributes in tags)  # no attributes at all
    assert "&lt;" in html or "](" in html  # the writer's markup is visible as text


def test_control_and_bidi_override_characters_are_removed() -> None:
    assert normalise("a\u202eb\x00c\r\nd  ") == "abc\nd"


def test_plain_excerpt() -> None:
    assert to_plain("- een **twee**\n- drie", 11) == "een twee…"
    assert to_plain("kort") == "kort"
