"""The permission world with something in every room: scan answers with history and an evidence
document, a conversation with an attachment and an internal note, a suggestion, registrations,
a project and lessons. Used by the data-rights, backup and attack tests."""

from __future__ import annotations

import random
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from cim.questionnaires import model as qm
from cim.questionnaires.selectors import edition_definition
from cim.scan.models import Answer
from cim.scan.sample import sample_answers
from cim.scan.services.answers import answers_save
from cim.scan.services.evidence import evidence_upload
from cim.servicedesk.services.suggestions import suggestion_submit
from cim.servicedesk.services.threads import thread_open, thread_reply_staff
from cim.testing.world import PENVOERDER, SERVICE_DESK, World

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_upload(name: str = "bewijs.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def fill_scan(w: World, participation: Any = None, user: Any = None, seed: int = 7) -> dict[str, Any]:
    participation = participation or w.participation
    user = user or w.user(PENVOERDER)
    definition = edition_definition(participation.edition)
    answers = sample_answers(definition, population=160_000, maturity=0.6, rng=random.Random(seed))
    evidence = [q.key for q in definition.questions if q.type == qm.EVIDENCE]
    answers = {k: v for k, v in answers.items() if k not in evidence}
    answers_save(user=user, participation=participation, changes={k: (v, 0) for k, v in answers.items()})
    # A second round of changes, so that there is history.
    versions = dict(Answer.objects.filter(response__participation=participation).values_list("question_key", "version"))
    texts = [q for q in definition.questions if q.type in (qm.TEXT, qm.LONG_TEXT)]
    if texts:
        key = texts[0].key
        answers_save(user=user, participation=participation, changes={key: ("Tweede versie", versions.get(key, 0))})
    if evidence:
        evidence_upload(
            user=user, participation=participation, question_key=evidence[0], upload=pdf_upload(), base_version=0
        )
    return answers


def populate(w: World) -> World:
    """Fill every room for the world's own participation (Arnhem); once per world."""
    if w.extras.get("populated"):
        return w
    from cim.cases.tests import objects as cases_objects
    from cim.events.tests.world import events_world

    penvoerder, desk = w.user(PENVOERDER), w.user(SERVICE_DESK)
    fill_scan(w)
    thread = thread_open(
        actor=penvoerder,
        participation=w.participation,
        subject="Vraag over de inkoopcijfers",
        body="Welke cijfers bedoelt u bij vraag 3?",
        attachments=[pdf_upload("offerte.pdf")],
    )
    thread_reply_staff(actor=desk, thread=thread, body="Interne notitie: bel terug", internal=True)
    thread_reply_staff(actor=desk, thread=thread, body="De cijfers van het afgelopen jaar.")
    suggestion_submit(actor=penvoerder, participation=w.participation, body="Voeg een vraag over hergebruik toe.")
    events_world(w)
    cases_objects.project(w)
    cases_objects.shared_lesson(w)
    w.extras["populated"] = True
    w.extras["thread"] = thread
    return w
