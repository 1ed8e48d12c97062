"""Demo answers: complete and varied for the closed editions (submitted), partial for the open
one (some municipalities not started, some half way, a few submitted). Idempotent: scans that
exist are left alone."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from cim.core.demo import DemoContext, edition_seed
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition, Participation, ParticipationMember, ScanStatus
from cim.questionnaires.selectors import active_definition_row, parsed
from cim.scan import logic
from cim.scan.models import Answer, AnswerRevision, Response, Submission
from cim.scan.sample import sample_answers
from cim.scan.services.submission import RECEIPT_ALPHABET

SHOWCASE = ("GM0202", "GM0268", "GM0301")


def maturity_of(cbs_code: str, nth: int) -> float:
    """A stable starting point per municipality that grows a little with every edition (`nth`
    counts from 0, the demo's first edition)."""
    base = random.Random(f"maturity-{cbs_code}").uniform(0.05, 0.8)
    return min(1.0, base + 0.08 * nth)


def seed(ctx: DemoContext) -> None:
    editions: dict[int, Edition] = ctx.data.get("editions", {})
    for nth, year in enumerate(sorted(editions)):
        edition = editions[year]
        row = active_definition_row(edition)
        if row is None:
            continue
        definition = parsed(row)
        # Indexed over every participation, so a second run picks the same ones and adds nothing.
        participations = list(
            Participation.objects.filter(edition=edition, takes_monitor=True)
            .select_related("organisation")
            .prefetch_related("members__user")
            .order_by("organisation__cbs_code")
        )
        started = set(
            Response.objects.filter(participation__edition=edition).values_list("participation_id", flat=True)
        )
        for index, participation in enumerate(participations):
            if participation.pk in started:
                continue
            members = [m for m in participation.members.all() if m.is_active]
            penvoerder = next((m.user for m in members if m.role == ParticipationMember.Role.PENVOERDER), None)
            if penvoerder is None:
                continue  # not registered yet: nothing filled in
            colleague = next((m.user for m in members if m.role == ParticipationMember.Role.CONTRIBUTOR), None)
            org = participation.organisation
            rng = random.Random(f"{org.cbs_code}-{edition_seed(nth)}")
            is_open = edition.status == EditionStatus.OPEN
            if is_open and org.cbs_code not in SHOWCASE and index % 5 == 1:
                continue  # registered, not started
            if is_open:
                completeness = 0.55 if org.cbs_code in SHOWCASE else rng.choice([0.15, 0.3, 0.5, 0.7, 0.9, 1.0])
            else:
                completeness = 1.0
            answers = sample_answers(
                definition,
                population=org.population or 20_000,
                maturity=maturity_of(org.cbs_code or str(org.pk), nth),
                rng=rng,
                completeness=completeness,
                slug=org.name.lower().replace(" ", "-"),
            )
            submit = not is_open or (completeness == 1.0 and org.cbs_code not in SHOWCASE and rng.random() < 0.6)
            _store(participation, row.pk, definition, answers, penvoerder, colleague, rng, submit=submit)
    ctx.notes.append("Demo scans: submitted answers for the closed editions, partial answers for the open one.")


@transaction.atomic
def _store(
    participation: Participation,
    definition_id: int,
    definition: Any,
    answers: dict[str, Any],
    penvoerder: Any,
    colleague: Any,
    rng: random.Random,
    *,
    submit: bool,
) -> None:
    edition = participation.edition
    start = edition.opens_at
    end = (
        min(edition.submission_deadline, timezone.now())
        if edition.status == EditionStatus.OPEN
        else edition.submission_deadline
    )
    if end <= start:
        end = start + dt.timedelta(days=7)
    span = (end - start).total_seconds()
    response = Response.objects.create(participation=participation, definition_id=definition_id)
    rows: list[Answer] = []
    history: list[tuple[int, list[tuple[Any, Any, Any, Any]]]] = []
    latest = start
    for key, value in answers.items():
        question = definition.question(key)
        who = colleague if colleague is not None and question.section_key in ("categories", "projects") else penvoerder
        when = start + dt.timedelta(seconds=rng.uniform(0.05, 0.85) * span)
        changes = []
        if rng.random() < 0.3 and question.spec is not None:
            # An earlier, different answer: the history shows old → new.
            earlier = sample_answers(definition, population=50_000, maturity=rng.random(), rng=rng).get(key)
            if earlier is not None and earlier != value:
                changes.append((None, earlier, penvoerder, when - dt.timedelta(days=rng.randint(1, 20))))
        changes.append((changes[-1][1] if changes else None, value, who, when))
        latest = max(latest, when)
        rows.append(
            Answer(
                response=response, question_key=key, value=value, version=len(changes), updated_at=when, updated_by=who
            )
        )
        history.append((len(rows) - 1, changes))
    Answer.objects.bulk_create(rows)
    revisions = []
    for position, changes in history:
        answer = rows[position]
        for version, (old, new, who, when) in enumerate(changes, start=1):
            revisions.append(
                AnswerRevision(
                    answer=answer,
                    version=version,
                    old_value=old,
                    new_value=new,
                    changed_at=when,
                    changed_by=who,
                    changed_by_label=who.display_name,
                    source=AnswerRevision.Source.DEMO,
                )
            )
    AnswerRevision.objects.bulk_create(revisions)
    progress = logic.progress(definition, answers).percent
    if submit and not logic.issues(definition, answers):
        submitted_at = min(end, latest + dt.timedelta(days=rng.randint(1, 10)))
        Submission.objects.create(
            response=response,
            number=1,
            receipt_code=f"CIM-{edition.year}-" + "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(8)),
            submitted_at=submitted_at,
            submitted_by=penvoerder,
            answers=answers,
        )
        Participation.objects.filter(pk=participation.pk).update(
            scan_status=ScanStatus.SUBMITTED, scan_progress=100, submitted_at=submitted_at
        )
    else:
        Participation.objects.filter(pk=participation.pk).update(
            scan_status=ScanStatus.IN_PROGRESS, scan_progress=progress
        )
