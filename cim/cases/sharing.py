"""The road of a lesson to sharing under the Chatham House Rule. Plain Python, no database.

    author writes (draft) ─ submits ─▶ submitted ─ staff de-identify and send ─▶ awaiting approval
    awaiting approval ─ author approves the exact text ─▶ shared
    awaiting approval ─ author asks for changes ─▶ submitted
    any change to the shared version after approval ─▶ submitted or awaiting approval again
    the organisation withdraws ─▶ draft (no longer shared)

What the author approves is a digest of everything the shared page shows (title, texts, phase,
tags). A lesson is shared only while that digest equals the approved one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cim.core.errors import DomainError


class LessonStatus(models.TextChoices):
    DRAFT = "draft", gettext_lazy("concept")
    SUBMITTED = "submitted", gettext_lazy("ingediend, wordt geanonimiseerd")
    AWAITING_APPROVAL = "awaiting_approval", gettext_lazy("wacht op goedkeuring van de auteur")
    SHARED = "shared", gettext_lazy("gedeeld")


STAFF_EDITABLE = frozenset({LessonStatus.SUBMITTED, LessonStatus.AWAITING_APPROVAL, LessonStatus.SHARED})


@dataclass(frozen=True)
class SharedVersion:
    """Everything a reader of the shared lesson sees."""

    title: str
    tried: str
    worked: str
    did_not_work: str
    obstacles: str
    phase: str
    tags: tuple[str, ...]  # tag keys

    def digest(self) -> str:
        data = asdict(self)
        data["tags"] = sorted(self.tags)
        encoded = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(encoded.encode()).hexdigest()


def check_author_may_edit(status: str) -> None:
    if status != LessonStatus.DRAFT:
        raise DomainError(
            _(
                "Deze les is ingediend om te delen en kan niet meer gewijzigd worden. Trek hem eerst in als u iets wilt aanpassen."
            )
        )


def check_submit(status: str) -> None:
    if status != LessonStatus.DRAFT:
        raise DomainError(_("Deze les is al ingediend om te delen."))


def check_staff_may_edit(status: str) -> None:
    if status not in STAFF_EDITABLE:
        raise DomainError(_("Deze les is (nog) niet ingediend om te delen; de auteur werkt er nog aan."))


def status_after_staff_save(*, current: str, new_digest: str, approved_digest: str, send: bool) -> LessonStatus:
    """Staff saved the shared version; `send` asks the author to approve it."""
    check_staff_may_edit(current)
    unchanged_since_approval = bool(approved_digest) and new_digest == approved_digest
    if current == LessonStatus.SHARED and unchanged_since_approval:
        return LessonStatus.SHARED
    if send:
        return LessonStatus.AWAITING_APPROVAL
    return LessonStatus.SUBMITTED


def check_approval(*, status: str, current_digest: str, approved_version: str) -> None:
    if status == LessonStatus.SHARED:
        raise DomainError(_("Deze les is al gedeeld."))
    if status != LessonStatus.AWAITING_APPROVAL:
        raise DomainError(_("Er ligt geen versie ter goedkeuring klaar."))
    if approved_version != current_digest:
        raise DomainError(
            _(
                "De versie om te delen is gewijzigd nadat u de pagina opende. Lees de nieuwe versie en keur die opnieuw goed."
            )
        )


def check_request_changes(status: str) -> None:
    if status != LessonStatus.AWAITING_APPROVAL:
        raise DomainError(_("Er ligt geen versie ter goedkeuring klaar."))


def check_withdraw(status: str) -> None:
    if status == LessonStatus.DRAFT:
        raise DomainError(_("Deze les is niet ingediend en wordt niet gedeeld."))
