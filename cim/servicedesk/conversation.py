"""The rules of a service-desk conversation. Plain Python: no database.

Statuses: a new question waits for the service desk; a public answer from staff makes it wait
for the municipality; the municipality's reply makes it wait for staff again. Closed threads take
no replies until staff reopen them. Internal notes never change the status.
"""

from __future__ import annotations

import re
from enum import StrEnum

from django.db import models
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

MAX_SUBJECT = 200
MAX_BODY = 10_000
MAX_ATTACHMENTS = 3
MAX_MAIL_ATTACHMENT_BYTES = 5 * 1024 * 1024
QUESTION_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$")


class ThreadStatus(models.TextChoices):
    NEW = "new", _("nieuw")
    WAITING_STAFF = "waiting_staff", _("wacht op ons")
    WAITING_MUNICIPALITY = "waiting_municipality", _("wacht op de gemeente")
    CLOSED = "closed", _("gesloten")

    @property
    def member_label(self) -> str:
        """How the organisation sees the status (it is not 'waiting for us' from their side)."""
        return str(MEMBER_LABELS[self])


MEMBER_LABELS = {
    ThreadStatus.NEW: _("verstuurd"),
    ThreadStatus.WAITING_STAFF: _("in behandeling"),
    ThreadStatus.WAITING_MUNICIPALITY: _("beantwoord"),
    ThreadStatus.CLOSED: _("gesloten"),
}
OPEN_STATUSES = (ThreadStatus.NEW, ThreadStatus.WAITING_STAFF, ThreadStatus.WAITING_MUNICIPALITY)


class Side(StrEnum):
    MEMBER = "member"
    STAFF = "staff"


class ClosedThread(Exception):
    """A reply to a closed thread."""


def status_after_message(current: str, *, side: Side, internal: bool = False, close: bool = False) -> ThreadStatus:
    """The thread's status after a message; raises ClosedThread for a reply to a closed thread."""
    status = ThreadStatus(current)
    if internal:
        return status
    if status == ThreadStatus.CLOSED:
        raise ClosedThread
    if side == Side.STAFF:
        return ThreadStatus.CLOSED if close else ThreadStatus.WAITING_MUNICIPALITY
    return ThreadStatus.NEW if status == ThreadStatus.NEW else ThreadStatus.WAITING_STAFF


def valid_question_key(key: str) -> bool:
    return bool(QUESTION_KEY.match(key or ""))


def clean_question_key(key: str | None) -> str:
    """The key when it is well formed, else ''."""
    key = (key or "").strip()
    return key if valid_question_key(key) else ""


def safe_return_path(path: str | None) -> str:
    """A local path (`/scan/…?x=1`) to return to, or '' for anything else (other hosts, schemes,
    protocol-relative URLs, control characters)."""
    path = (path or "").strip()
    if not path.startswith("/") or path.startswith("//") or len(path) > 500:
        return ""
    if any(ord(ch) < 32 or ch == "\\" for ch in path):
        return ""
    if not url_has_allowed_host_and_scheme(path, allowed_hosts=set()):
        return ""
    return path


def one_line(text: str) -> str:
    """Subjects are one line: line breaks and control characters become spaces."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f]+", " ", text or "").split())
