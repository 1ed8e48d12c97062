"""E-mail in the recipient's language: plain text and HTML from templates, sent after commit.

A message `<template>` needs `<template>_subject.txt`, `<template>.txt` and `<template>.html`.
Names and subjects are stripped of line breaks, so no header can be injected. Subject and text are
plain text (not HTML-escaped); the HTML part is escaped like every page.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import formataddr
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str = ""

    def header(self) -> str:
        return formataddr((one_line(self.name), one_line(self.email)))


def one_line(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def render_plain(name: str, context: dict[str, Any]) -> str:
    """Render a plain-text template (subject, text body) without HTML escaping: `&` stays `&`."""
    template = get_template(name)
    rendered = template.template.render(Context(context, autoescape=False))  # type: ignore[attr-defined]
    # Django marks template output safe; plain text is not safe HTML. A plain `str`, so that a page
    # that shows the text (a mail preview) escapes it.
    return str.__str__(rendered)


def render_mail(template: str, context: dict[str, Any], language: str) -> tuple[str, str, str]:
    with translation.override(language):
        ctx = {"site_url": settings.SITE_URL, **context}
        subject = one_line(render_plain(f"{template}_subject.txt", ctx))[:200]
        text = render_plain(f"{template}.txt", ctx)
        html = render_to_string(f"{template}.html", ctx)  # escaped: names and titles can hold markup
    return subject, text, html


def send_mail(
    *,
    to: Sequence[Recipient],
    template: str,
    context: dict[str, Any],
    language: str = "nl",
    attachments: Sequence[Attachment] = (),
    reply_to: str | None = None,
) -> None:
    """Render now (so the content is what the user saw), deliver through the task queue after commit."""
    subject, text, html = render_mail(template, context, language)
    payload = {
        "to": [r.header() for r in to],
        "subject": subject,
        "text": text,
        "html": html,
        "reply_to": [reply_to] if reply_to else [],
        "attachments": [
            {
                "filename": one_line(a.filename),
                "content": base64.b64encode(a.content).decode(),
                "mimetype": a.mimetype,
            }
            for a in attachments
        ],
    }
    from cim.core.tasks import deliver_mail

    transaction.on_commit(lambda: deliver_mail.enqueue(payload))
