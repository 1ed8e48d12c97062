"""Writes to lessons: the author's text, submission, de-identification by staff, the author's
approval of the exact shared version, withdrawal, and the Top 10 consent. See cim/cases/sharing.py."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cim.access.actor import load_actor
from cim.access.roles import Perm, Role
from cim.audit.log import record
from cim.cases import sharing
from cim.cases.models import Lesson, Project, Tag
from cim.cases.selectors import Owner
from cim.cases.services.common import clean_or_refuse, user_or_none
from cim.cases.sharing import LessonStatus
from cim.cases.text import normalise
from cim.cases.vocabulary import Phase
from cim.core.errors import DomainError
from cim.core.mail import Recipient, send_mail
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition, Participation

TEXT_FIELDS = ("tried", "worked", "did_not_work", "obstacles")
MAX_TAGS = 12


@dataclass(frozen=True)
class _Text:
    """A lesson's text as written (by the author, or by staff for the shared version), checked."""

    title: str
    texts: dict[str, str]  # tried, worked, did_not_work, obstacles
    phase: str
    tags: list[Tag]


def _checked(
    *, title: str, tried: str, worked: str, did_not_work: str, obstacles: str, phase: str, tags: Iterable[Tag]
) -> _Text:
    texts = {
        name: normalise(str(value or ""))
        for name, value in zip(TEXT_FIELDS, (tried, worked, did_not_work, obstacles), strict=True)
    }
    tag_list = list(tags)
    if not " ".join(title.split()):
        raise DomainError(_("Geef de les een titel."))
    if not texts["tried"].strip():
        raise DomainError(_("Beschrijf wat er is geprobeerd."))
    if phase and phase not in Phase.values:
        raise DomainError(_("Kies een fase uit de lijst."))
    if len(tag_list) > MAX_TAGS:
        raise DomainError(_("Kies hoogstens %(n)s labels.") % {"n": MAX_TAGS})
    return _Text(title, texts, phase, tag_list)


def _save(lesson: Lesson, tags: list[Tag]) -> None:
    clean_or_refuse(lesson)
    lesson.save()
    lesson.tags.set(tags)


def _check_project(project: Project | None, *, programme_id: int, organisation_id: int | None) -> None:
    if project is not None and (project.programme_id != programme_id or project.organisation_id != organisation_id):
        raise DomainError(_("Kies een project van uw eigen organisatie."))


def _audit(action: str, *, actor: Any, lesson: Lesson, **details: Any) -> None:
    record(
        action,
        actor=actor,
        obj=lesson,
        organisation=lesson.organisation,
        programme=lesson.programme,
        details=details or None,
    )


@transaction.atomic
def lesson_create(
    *,
    actor: Any,
    owner: Owner,
    title: str,
    tried: str,
    worked: str = "",
    did_not_work: str = "",
    obstacles: str = "",
    phase: str = "",
    tags: Iterable[Tag] = (),
    project: Project | None = None,
) -> Lesson:
    text = _checked(
        title=title, tried=tried, worked=worked, did_not_work=did_not_work, obstacles=obstacles, phase=phase, tags=tags
    )
    _check_project(
        project,
        programme_id=owner.programme.pk,
        organisation_id=owner.organisation.pk if owner.organisation else None,
    )
    if Lesson.objects.filter(
        programme=owner.programme, organisation=owner.organisation, title__iexact=" ".join(title.split())
    ).exists():  # also stops a double click from writing the lesson twice
        raise DomainError(_("Er is al een les met deze titel. Kies een andere titel of open de bestaande les."))
    lesson = Lesson(
        programme=owner.programme,
        organisation=owner.organisation,
        edition=owner.edition,
        project=project,
        author=user_or_none(actor),
        title=text.title,
        phase=text.phase,
        **text.texts,
    )
    _save(lesson, text.tags)
    _audit("cases.lesson_created", actor=actor, lesson=lesson)
    return lesson


@transaction.atomic
def lesson_update(
    *,
    actor: Any,
    lesson: Lesson,
    title: str,
    tried: str,
    worked: str = "",
    did_not_work: str = "",
    obstacles: str = "",
    phase: str = "",
    tags: Iterable[Tag] = (),
    project: Project | None = None,
) -> Lesson:
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    sharing.check_author_may_edit(lesson.status)
    text = _checked(
        title=title, tried=tried, worked=worked, did_not_work=did_not_work, obstacles=obstacles, phase=phase, tags=tags
    )
    _check_project(project, programme_id=lesson.programme_id, organisation_id=lesson.organisation_id)
    lesson.title, lesson.phase, lesson.project = text.title, text.phase, project
    for name, value in text.texts.items():
        setattr(lesson, name, value)
    _save(lesson, text.tags)
    _audit("cases.lesson_updated", actor=actor, lesson=lesson)
    return lesson


@transaction.atomic
def lesson_submit(*, actor: Any, lesson: Lesson) -> Lesson:
    """The author offers the lesson for sharing; the shared version starts as a copy of the text."""
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    sharing.check_submit(lesson.status)
    lesson.shared_title = lesson.title
    for name in TEXT_FIELDS:
        setattr(lesson, f"shared_{name}", getattr(lesson, name))
    lesson.status = LessonStatus.SUBMITTED
    lesson.submitted_at = timezone.now()
    lesson.author_note = ""
    lesson.save()
    _audit("cases.lesson_submitted", actor=actor, lesson=lesson)
    return lesson


@transaction.atomic
def lesson_save_shared(
    *,
    actor: Any,
    lesson: Lesson,
    title: str,
    tried: str,
    worked: str = "",
    did_not_work: str = "",
    obstacles: str = "",
    phase: str = "",
    tags: Iterable[Tag] = (),
    send: bool = False,
) -> Lesson:
    """Staff edit the de-identified version; `send` asks the author to approve it.

    Any change to what readers would see after the author's approval takes the lesson out of
    sharing until the author approves again.
    """
    if not load_actor(actor).can_in_programme(Perm.EDIT_ORGANISATION_CONTENT, lesson.programme_id):
        raise DomainError(_("Alleen medewerkers van het programma bewerken de versie om te delen."))
    lesson = Lesson.objects.select_for_update(of=("self",)).select_related("author").get(pk=lesson.pk)
    sharing.check_staff_may_edit(lesson.status)
    text = _checked(
        title=title, tried=tried, worked=worked, did_not_work=did_not_work, obstacles=obstacles, phase=phase, tags=tags
    )
    before = lesson.shared_version().digest()
    previous_status = lesson.status
    lesson.shared_title, lesson.phase = text.title, text.phase
    for name, value in text.texts.items():
        setattr(lesson, f"shared_{name}", value)
    new_digest = lesson.shared_version([t.key for t in text.tags]).digest()
    lesson.status = sharing.status_after_staff_save(
        current=previous_status, new_digest=new_digest, approved_digest=lesson.approved_digest, send=send
    )
    newly_sent = lesson.status == LessonStatus.AWAITING_APPROVAL and (
        previous_status != LessonStatus.AWAITING_APPROVAL or new_digest != before
    )
    if newly_sent:
        lesson.sent_for_approval_at = timezone.now()
        lesson.author_note = ""
    lesson.reviewed_by = user_or_none(actor)
    _save(lesson, text.tags)
    if new_digest != before:
        _audit("cases.lesson_shared_version_saved", actor=actor, lesson=lesson, status=lesson.status)
    if newly_sent:
        _audit("cases.lesson_sent_for_approval", actor=actor, lesson=lesson)
        _mail_author(lesson)
    return lesson


def _mail_author(lesson: Lesson) -> None:
    author = lesson.author
    if author is None or not author.is_active or not author.email:
        return
    send_mail(
        to=[Recipient(author.email, author.display_name)],
        template="cases/mail/lesson_approval",
        context={"lesson": lesson, "url": reverse("cases:lesson", args=[lesson.pk])},
        language=author.language,
    )


def may_approve(user: Any, lesson: Lesson) -> bool:
    """The author approves; when the author no longer works on the organisation's content, the
    organisation's penvoerder (or, for staff write-ups, the programme's service desk) does."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if lesson.author_id == user.pk:
        return True
    author_active = False
    if lesson.author is not None and lesson.author.is_active:
        author_actor = load_actor(lesson.author)
        if lesson.organisation_id is None:
            author_active = author_actor.can_in_programme(Perm.EDIT_ORGANISATION_CONTENT, lesson.programme_id)
        else:
            author_active = Perm.EDIT_ORGANISATION_CONTENT in author_actor.organisation_perms(
                programme_id=lesson.programme_id, organisation_id=lesson.organisation_id
            )
    if author_active:
        return False
    actor = load_actor(user)
    if lesson.organisation_id is None:
        return actor.can_in_programme(Perm.EDIT_ORGANISATION_CONTENT, lesson.programme_id)
    return any(
        m.role == Role.PENVOERDER
        and m.organisation_id == lesson.organisation_id
        and m.programme_id == lesson.programme_id
        for m in actor.memberships.values()
    )


@transaction.atomic
def lesson_approve(*, actor: Any, lesson: Lesson, version: str) -> Lesson:
    """The author approves exactly the version they read (`version` is its digest): now it is shared."""
    lesson = Lesson.objects.select_for_update(of=("self",)).select_related("author").get(pk=lesson.pk)
    if not may_approve(actor, lesson):
        raise DomainError(_("Alleen de auteur van de les kan de versie om te delen goedkeuren."))
    current = lesson.shared_version().digest()
    sharing.check_approval(status=lesson.status, current_digest=current, approved_version=str(version)[:64])
    now = timezone.now()
    lesson.status = LessonStatus.SHARED
    lesson.approved_digest = current
    lesson.approved_at = now
    lesson.approved_by = actor
    lesson.shared_at = lesson.shared_at or now
    lesson.author_note = ""
    lesson.save()
    _audit("cases.lesson_approved", actor=actor, lesson=lesson, version=current)
    return lesson


@transaction.atomic
def lesson_request_changes(*, actor: Any, lesson: Lesson, note: str) -> Lesson:
    lesson = Lesson.objects.select_for_update(of=("self",)).select_related("author").get(pk=lesson.pk)
    if not may_approve(actor, lesson):
        raise DomainError(_("Alleen de auteur van de les kan om wijzigingen vragen."))
    sharing.check_request_changes(lesson.status)
    note = " ".join(normalise(note).split())
    if not note:
        raise DomainError(_("Schrijf wat er anders moet."))
    lesson.status = LessonStatus.SUBMITTED
    lesson.author_note = note[:1000]
    lesson.save()
    _audit("cases.lesson_changes_requested", actor=actor, lesson=lesson)
    return lesson


@transaction.atomic
def lesson_withdraw(*, actor: Any, lesson: Lesson) -> Lesson:
    """Stop sharing (or stop the road to sharing): the lesson is the organisation's draft again."""
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    sharing.check_withdraw(lesson.status)
    was_shared = lesson.status == LessonStatus.SHARED
    lesson.status = LessonStatus.DRAFT
    lesson.approved_digest = ""
    lesson.approved_at = None
    lesson.approved_by = None
    lesson.sent_for_approval_at = None
    lesson.top10_edition = None
    lesson.save()
    _audit("cases.lesson_withdrawn", actor=actor, lesson=lesson, was_shared=was_shared)
    return lesson


def top10_editions(user: Any, lesson: Lesson) -> list[Edition]:
    """Editions for whose Top 10 page `user`, as penvoerder, may share this lesson."""
    if lesson.organisation_id is None:
        return []
    actor = load_actor(user)
    ids = [
        m.participation_id
        for m in actor.memberships.values()
        if m.role == Role.PENVOERDER
        and m.organisation_id == lesson.organisation_id
        and m.programme_id == lesson.programme_id
    ]
    return [
        p.edition
        for p in Participation.objects.filter(pk__in=ids)
        .exclude(edition__status=EditionStatus.ARCHIVED)
        .select_related("edition")
        .order_by("-edition__year")
    ]


@transaction.atomic
def lesson_set_top10(*, actor: Any, lesson: Lesson, edition: Edition | None) -> Lesson:
    """The penvoerder agrees (or no longer agrees) to show this shared lesson, with the
    organisation's name, on the Top 10 page of `edition`."""
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    allowed = top10_editions(actor, lesson)
    if not allowed:
        raise DomainError(_("Alleen de penvoerder van de organisatie kan een les delen voor de Top 10-pagina."))
    if edition is None:
        if lesson.top10_edition_id is None:
            raise DomainError(_("Deze les was niet gedeeld voor de Top 10-pagina."))
        previous = lesson.top10_edition_id
        lesson.top10_edition = None
        lesson.save(update_fields=["top10_edition", "updated_at"])
        _audit("cases.lesson_top10_cleared", actor=actor, lesson=lesson, edition=previous)
        return lesson
    if edition.pk not in {e.pk for e in allowed}:
        raise DomainError(_("Kies een editie waarin u penvoerder bent."))
    if lesson.status != LessonStatus.SHARED:
        raise DomainError(_("Alleen een gedeelde (geanonimiseerde en goedgekeurde) les kan op de Top 10-pagina."))
    lesson.top10_edition = edition
    lesson.save(update_fields=["top10_edition", "updated_at"])
    _audit("cases.lesson_top10_marked", actor=actor, lesson=lesson, edition=edition.pk)
    return lesson
