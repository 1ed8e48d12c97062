"""Builds what the scan pages show: sections with progress, questions with their inputs, state,
history link and previous answer. Views stay thin; reads go through selectors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils import timezone

from cim.access.actor import Actor
from cim.access.roles import Perm
from cim.editions.models import Participation
from cim.questionnaires import model as m
from cim.questionnaires.rendering import QuestionView, question_view
from cim.scan import logic, rules
from cim.scan.selectors import PreviousAnswer, ScanData, open_submission, previous_answers, scan_data
from cim.scan.services.answers import Conflict


@dataclass
class SectionLink:
    section: m.Section
    url: str
    percent: int
    done: int
    total: int
    current: bool = False
    editable: bool = True


@dataclass
class ScanPage:
    participation: Participation
    data: ScanData
    definition: m.Definition
    progress: logic.Progress
    sections: list[SectionLink]
    perms: frozenset[Perm]
    block_reason: str | None
    role: str | None
    assigned: tuple[str, ...]
    submission: Any = None
    questions: list[QuestionView] = field(default_factory=list)
    section: m.Section | None = None
    section_editable: bool = False
    issues: list[logic.Issue] = field(default_factory=list)

    @property
    def can_edit(self) -> bool:
        return Perm.EDIT_SCAN in self.perms and self.block_reason is None

    @property
    def can_submit(self) -> bool:
        return Perm.SUBMIT_SCAN in self.perms and self.block_reason is None

    @property
    def is_member(self) -> bool:
        return self.role is not None

    def may_edit(self, section_key: str) -> bool:
        return self.can_edit and rules.may_edit_section(role=self.role, sections=self.assigned, section_key=section_key)

    @property
    def next_section(self) -> SectionLink | None:
        keys = [s.section.key for s in self.sections]
        if self.section is None or self.section.key not in keys:
            return None
        index = keys.index(self.section.key)
        return self.sections[index + 1] if index + 1 < len(self.sections) else None

    @property
    def previous_section(self) -> SectionLink | None:
        keys = [s.section.key for s in self.sections]
        if self.section is None or self.section.key not in keys:
            return None
        index = keys.index(self.section.key)
        return self.sections[index - 1] if index > 0 else None


def scan_page(actor: Actor, participation: Participation, *, current_section: str = "") -> ScanPage | None:
    data = scan_data(participation)
    if data.definition is None:
        return None
    definition = data.definition
    answers = data.values
    progress = logic.progress(definition, answers)
    perms = actor.participation_perms(
        participation_id=participation.pk,
        programme_id=participation.edition.programme_id,
        organisation_id=participation.organisation_id,
    )
    membership = actor.membership(participation.pk)
    block = rules.edit_block_reason(
        edition_status=participation.edition.status,
        participation_active=participation.status == Participation.Status.ACTIVE,
        takes_monitor=participation.takes_monitor,
        scan_status=participation.scan_status,
        opens_at=participation.edition.opens_at,
        deadline=participation.deadline,
        now=timezone.now(),
    )
    page = ScanPage(
        participation=participation,
        data=data,
        definition=definition,
        progress=progress,
        sections=[],
        perms=perms,
        block_reason=block,
        role=str(membership.role) if membership else None,
        assigned=membership.sections if membership else (),
        section=definition.section(current_section) if current_section else None,
    )
    for section in definition.sections:
        done, total = progress.sections.get(section.key, (0, 0))
        page.sections.append(
            SectionLink(
                section,
                reverse("scan:section", args=[participation.pk, section.key]),
                progress.section_percent(section.key),
                done,
                total,
                current=section.key == current_section,
                editable=page.may_edit(section.key),
            )
        )
    return page


def with_submission(page: ScanPage) -> ScanPage:
    page.submission = open_submission(page.participation)
    return page


def build_section(
    page: ScanPage,
    section: m.Section,
    *,
    posted: Any = None,
    field_errors: dict[str, str] | None = None,
    question_errors: dict[str, list[str]] | None = None,
    conflicts: dict[str, Conflict] | None = None,
    with_previous: bool = True,
) -> None:
    """The question views of one section, with the scan's extras (autosave, status, history,
    previous answer)."""
    page.section = section
    page.section_editable = page.may_edit(section.key)
    answers = page.data.values
    visible = logic.visible_keys(page.definition, answers)
    editable = page.may_edit(section.key)
    previous: dict[str, PreviousAnswer] = (
        previous_answers(page.participation, page.definition) if with_previous and editable else {}
    )
    pk = page.participation.pk
    documents = _document_urls(page)
    for question in section.questions:
        answer = page.data.answers.get(question.key)
        issues = (
            [i.message for i in logic.question_issues(question, answers.get(question.key)) if i.kind == "invalid"]
            if question.key in visible
            else []
        )
        qv = question_view(
            question,
            answers.get(question.key),
            definition=page.definition,
            version=answer.version if answer else 0,
            visible=question.key in visible,
            editable=editable,
            posted=posted,
            field_errors=field_errors,
            errors=(question_errors or {}).get(question.key, []),
        )
        qv.extras = {
            "template": "scan/includes/question_extras.html",
            "autosave_url": reverse("scan:autosave", args=[pk, question.key]) if editable else "",
            "history_url": reverse("scan:history", args=[pk, question.key]),
            "carry_url": reverse("scan:carry", args=[pk, question.key]),
            "question_url": reverse("scan:question", args=[pk, question.key]),
            "answer": answer,
            "previous": previous.get(question.key),
            "previous_same": question.key in previous and previous[question.key].value == answers.get(question.key),
            "conflict": (conflicts or {}).get(question.key),
            "issues": issues if not qv.errors else [],
            "document_url": documents.get(question.key, ""),
        }
        page.questions.append(qv)


def _document_urls(page: ScanPage) -> dict[str, str]:
    urls = {}
    for key, answer in page.data.answers.items():
        value = answer.value
        if isinstance(value, dict) and "document" in value:
            urls[key] = reverse("scan:document", args=[page.participation.pk, value["document"]])
    return urls


def question_block(page: ScanPage, key: str, **kwargs: Any) -> QuestionView | None:
    question = page.definition.question(key)
    if question is None:
        return None
    section = page.definition.section(question.section_key)
    assert section is not None
    build_section(page, section, **kwargs)
    return next((qv for qv in page.questions if qv.key == key), None)


def review(page: ScanPage) -> list[tuple[m.Section, list[logic.Issue]]]:
    issues = logic.issues(page.definition, page.data.values)
    page.issues = issues
    return [(s, [i for i in issues if i.section_key == s.key]) for s in page.definition.sections]


def answer_sheet(definition: m.Definition, answers: dict[str, Any]) -> list[tuple[m.Section, list[QuestionView]]]:
    """Every shown question with its answer, read-only: for the receipt (page, PDF, staff view)."""
    visible = logic.visible_keys(definition, answers)
    return [
        (
            section,
            [
                question_view(question, answers.get(question.key), editable=False)
                for question in section.questions
                if question.key in visible
            ],
        )
        for section in definition.sections
    ]
