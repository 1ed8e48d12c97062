"""Benchmarks of the scan on an edition of 400 participations with full answer history (built
here): autosave of one answer, the largest section page, workbook download and upload."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from bench.runner import Result, timed

if TYPE_CHECKING:
    from cim.editions.models import Edition, Participation

PARTICIPATIONS = 400
FLOOR = "floor: bare view (204)"


def build_edition() -> tuple[Edition, list[Participation]]:
    """A programme with one open edition of 400 participations, each with a complete scan whose
    answers were changed up to three times (about 26,000 revisions)."""
    from cim.accounts.models import User
    from cim.editions.models import Edition, Participation, ParticipationMember, Programme
    from cim.organisations.models import Organisation
    from cim.questionnaires.selectors import active_definition_row, parsed
    from cim.scan.models import Answer, AnswerRevision, Response
    from cim.scan.sample import sample_answers

    programme = Programme.objects.create(name="Benchmark", slug="bench-scan", contact_email="bench@example.nl")
    now = timezone.now()
    edition = Edition.objects.create(
        programme=programme,
        year=2026,
        title="Benchmark 2026",
        status="open",
        opens_at=now - dt.timedelta(days=60),
        submission_deadline=now + dt.timedelta(days=60),
    )
    row = active_definition_row(edition)
    assert row is not None, "the edition got no questionnaire"
    definition = parsed(row)
    organisations = list(Organisation.objects.filter(kind__in=["gemeente", "provincie"]).order_by("cbs_code"))
    for n in range(PARTICIPATIONS - len(organisations)):
        organisations.append(Organisation.objects.create(kind="waterschap", name=f"Waterschap Bench {n}"))
    organisations = organisations[:PARTICIPATIONS]
    participations = Participation.objects.bulk_create(
        [Participation(edition=edition, organisation=o, scan_status="in_progress") for o in organisations]
    )
    users = [User(email=f"bench{n}@example.nl", name=f"Penvoerder {n}") for n in range(len(participations))]
    for user in users:
        user.set_unusable_password()
    users = User.objects.bulk_create(users)
    ParticipationMember.objects.bulk_create(
        [
            ParticipationMember(participation=p, user=u, role="penvoerder")
            for p, u in zip(participations, users, strict=True)
        ]
    )
    responses = Response.objects.bulk_create([Response(participation=p, definition=row) for p in participations])
    rng = random.Random(400)  # noqa: S311 - benchmark data, not security
    answers: list[Answer] = []
    histories: list[list[object]] = []
    for response, user, organisation in zip(responses, users, organisations, strict=True):
        population = organisation.population or rng.randint(5_000, 200_000)
        maturity = rng.random()
        current = sample_answers(definition, population=population, maturity=maturity, rng=rng)
        earlier = [sample_answers(definition, population=population, maturity=rng.random(), rng=rng) for _ in range(2)]
        for key, value in current.items():
            older = [e[key] for e in earlier if key in e and e[key] != value]
            chain = [*older[: rng.randint(0, 2)], value]
            answers.append(
                Answer(
                    response=response,
                    question_key=key,
                    value=value,
                    version=len(chain),
                    updated_at=now,
                    updated_by=user,
                )
            )
            histories.append(chain)
    Answer.objects.bulk_create(answers, batch_size=2000)
    revisions = [
        AnswerRevision(
            answer=answer,
            version=version,
            old_value=chain[version - 2] if version > 1 else None,
            new_value=chain[version - 1],
            changed_at=now,
            changed_by=answer.updated_by,
            changed_by_label="bench",
        )
        for answer, chain in zip(answers, histories, strict=True)
        for version in range(1, len(chain) + 1)
    ]
    AnswerRevision.objects.bulk_create(revisions, batch_size=2000)
    return edition, participations


def _largest_section(definition, answers) -> str:  # type: ignore[no-untyped-def]
    """The section with the most inputs for this participation (grid cells and rows count)."""
    from cim.scan.workbook import cells_for

    return max(
        definition.sections, key=lambda s: sum(len(cells_for(q, answers.get(q.key), extra_rows=1)) for q in s.questions)
    ).key


def scan_suite() -> list[Result]:
    from cim.accounts.models import User
    from cim.questionnaires.selectors import edition_definition
    from cim.scan.models import AnswerRevision

    started = time.perf_counter()
    edition, participations = build_edition()
    build_seconds = time.perf_counter() - started
    revisions = AnswerRevision.objects.filter(answer__response__participation__edition=edition).count()
    participation = participations[0]
    user = User.objects.get(email="bench0@example.nl")
    client = Client()
    client.force_login(user)
    definition = edition_definition(edition)
    pk = participation.pk
    notes = f"{PARTICIPATIONS} participations, {revisions} revisions (built in {build_seconds:.0f} s)"
    results: list[Result] = []

    from cim.scan.models import Answer

    version = {"n": Answer.objects.get(response__participation=participation, question_key="tenders_count").version}
    counter = {"n": 0}

    def autosave() -> None:
        counter["n"] += 1
        response = client.post(
            f"/scan/{pk}/vraag/tenders_count/opslaan/",
            {"a-tenders_count": str(counter["n"]), "v-tenders_count": str(version["n"])},
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 200, response.status_code
        version["n"] = json.loads(response["HX-Trigger"])["cim:saved"]["version"]

    results.append(Result("scan: autosave one answer", timed(autosave, repeat=100), floor=FLOOR, notes=notes))

    from cim.scan.selectors import scan_data

    section = _largest_section(definition, scan_data(participation).values)

    def section_page() -> None:
        assert client.get(f"/scan/{pk}/onderdeel/{section}/").status_code == 200

    results.append(Result(f"scan: largest section page ({section})", timed(section_page, repeat=50), floor=FLOOR))

    content: dict[str, bytes] = {}

    def download() -> None:
        response = client.get(f"/scan/{pk}/werkboek.xlsx")
        assert response.status_code == 200
        content["xlsx"] = response.content

    results.append(Result("scan: workbook download", timed(download, repeat=20), floor=FLOOR))
    edited = _edited_workbook(content["xlsx"])

    def upload() -> None:
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = client.post(f"/scan/{pk}/werkboek/", {"file": SimpleUploadedFile("scan.xlsx", edited)})
        assert response.status_code == 302, response.status_code

    results.append(Result("scan: workbook upload (check and preview)", timed(upload, repeat=10, warmup=2), floor=FLOOR))

    def upload_and_apply() -> None:
        from django.core.files.uploadedfile import SimpleUploadedFile

        fresh = _edited_workbook(client.get(f"/scan/{pk}/werkboek.xlsx").content)
        location = client.post(f"/scan/{pk}/werkboek/", {"file": SimpleUploadedFile("scan.xlsx", fresh)})["Location"]
        assert client.post(location, {"action": "apply"}).status_code == 302

    results.append(
        Result("scan: workbook download, upload and apply", timed(upload_and_apply, repeat=10, warmup=1), floor=FLOOR)
    )
    return results


def _edited_workbook(content: bytes) -> bytes:
    """The workbook with a new amount in every euro cell of the categories sheet."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = next(ws for ws in workbook.worksheets if ws.title.startswith("5."))
    stamp = int(time.time() * 1000) % 1000
    for row in sheet.iter_rows(min_row=2):
        if str(row[0].value).endswith(".total"):
            row[3].value = 50_000_000 + stamp
        if str(row[0].value).endswith(".circular"):
            row[3].value = 1_000_000 + stamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


SUITES: list[Callable[[], list[Result]]] = [scan_suite]
