"""Prepare the PostgreSQL database of the load test (docs/performance.md, "Load test").

    .venv/bin/python -m loadtest.prepare --users 200 --out var/loadtest

Drops and creates the database (default ``cim_loadtest`` on 127.0.0.1:5432, user postgres),
migrates it and seeds one open edition whose deadline is an hour away, with one participation,
one penvoerder and one complete scan (every question answered, version 1) per simulated user.
Writes ``users.json``: per penvoerder the e-mail address, password, a session created on the
server (the usual way in: see LOGIN in locustfile.py) and the plan of answer changes to type: in
the last hour the scan is nearly done, so each penvoerder revisits a few sections (``--sections``,
default 3, chosen at random, in order) and changes up to ``--changes-per-section`` answers there.

A plan change is what the browser posts for one question (the ``a-<key>...`` inputs) together
with the value the server makes of it (parsed here with the same code the server uses), so the
verifier can compare like with like. Only questions that no condition and no cross-question check
depends on are changed, so every save is accepted and the scan stays submittable.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "cim_loadtest"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def database_url(name: str = DEFAULT_DB) -> str:
    return os.environ.get("LOADTEST_DATABASE_URL") or f"{PG_SERVER}/{name}"


def recreate_database(url: str) -> None:
    import psycopg

    server, _, name = url.rpartition("/")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- what the browser posts for one answer -------------------------------------------------------
def _cell_text(spec: Any, wire: Any) -> list[str]:
    from cim.questionnaires import model as m
    from cim.questionnaires import values

    if values.is_empty(wire):
        return [""]
    if spec.type == m.YES_NO:
        return ["ja" if wire else "nee"]
    if spec.type == m.MULTI_CHOICE:
        return [str(v) for v in wire]
    return [values.input_text(spec, wire)]


def posted_fields(question: Any, wire: Any) -> dict[str, list[str]]:
    """The ``a-`` inputs of one question as the section form has them filled in."""
    from cim.questionnaires import inputs
    from cim.questionnaires import model as m

    key = question.key
    if question.spec is not None:
        return {inputs.name(key): _cell_text(question.spec, wire)}
    fields: dict[str, list[str]] = {}
    if question.type == m.GRID:
        for row in question.rows:
            for column in question.columns:
                cell = (wire or {}).get(row.key, {}).get(column.key)
                fields[inputs.name(key, row.key, column.key)] = _cell_text(column.spec, cell)
        return fields
    if question.type == m.REPEATING:
        for index, row in enumerate(wire or []):
            for column in question.columns:
                fields[inputs.name(key, index, column.key)] = _cell_text(column.spec, row.get(column.key))
        return fields
    raise ValueError(f"not typed in the load test: {question.type}")


def server_value(question: Any, fields: dict[str, list[str]]) -> Any:
    """What the autosave view makes of these inputs (parse, then the same check as the save)."""
    from django.http import QueryDict

    from cim.questionnaires import inputs, values

    data = QueryDict(mutable=True)
    for name, items in fields.items():
        data.setlist(name, items)
    value, errors = inputs.parse_question(question, data)
    if errors:
        raise ValueError(f"{question.key}: {errors}")
    return values.check_question(question, value)


def changeable_keys(definition: Any) -> set[str]:
    """Questions whose change cannot hide or show others nor break a check across questions."""
    from cim.questionnaires import model as m

    used: set[str] = set()
    for question in definition.questions:
        if question.show_if is not None:
            used.add(question.show_if.question)
    for check in definition.checks:
        used.update(check.questions)
        if check.equals_question:
            used.add(check.equals_question)
    return {q.key for q in definition.questions if q.key not in used and q.type != m.EVIDENCE}


def build_plan(
    definition: Any,
    current: dict[str, Any],
    other: dict[str, Any],
    rng: random.Random,
    per_section: int,
    sections: int | None = None,
) -> list[dict[str, Any]]:
    """Per section (in order; `sections` of them chosen at random, or all): up to `per_section`
    changes of visible, changeable answers."""
    from cim.scan import logic

    keys = changeable_keys(definition)
    state = dict(current)
    plan = []
    chosen = definition.sections
    if sections is not None and sections < len(chosen):
        picked = set(rng.sample(range(len(chosen)), sections))
        chosen = tuple(s for i, s in enumerate(chosen) if i in picked)
    for section in chosen:
        candidates = [
            q
            for q in section.questions
            if q.key in keys and q.key in current and q.key in other and other[q.key] != current[q.key]
        ]
        rng.shuffle(candidates)
        changes = []
        for question in candidates[:per_section]:
            fields = posted_fields(question, other[question.key])
            value = server_value(question, fields)
            if value == state.get(question.key):
                continue
            trial = {**state, question.key: value}
            if logic.hard_check_errors(definition, trial, question.key):
                continue
            state = trial
            changes.append({"key": question.key, "fields": fields, "value": value})
        plan.append({"section": section.key, "changes": changes})
    return plan


# --- seeding -------------------------------------------------------------------------------------
def seed(users: int, per_section: int, password: str, sections: int | None = None) -> list[dict[str, Any]]:
    from allauth.account.models import EmailAddress
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from cim.accounts.models import User
    from cim.editions.models import Edition, Participation, ParticipationMember, Programme
    from cim.organisations.models import Organisation
    from cim.questionnaires.selectors import active_definition_row, parsed
    from cim.scan.models import Answer, AnswerRevision, Response
    from cim.scan.sample import sample_answers

    now = timezone.now()
    programme = Programme.objects.create(name="Load test", slug="loadtest", contact_email="loadtest@example.nl")
    edition = Edition.objects.create(
        programme=programme,
        year=now.year,
        title=f"Load test {now.year}",
        status="open",
        opens_at=now - dt.timedelta(days=60),
        submission_deadline=now + dt.timedelta(hours=1, minutes=30),  # the last hour before the deadline
    )
    row = active_definition_row(edition)
    assert row is not None, "the edition got no questionnaire"
    definition = parsed(row)
    organisations = list(Organisation.objects.filter(kind="gemeente").order_by("cbs_code")[:users])
    for n in range(users - len(organisations)):
        organisations.append(Organisation.objects.create(kind="waterschap", name=f"Waterschap Load {n}"))
    participations = Participation.objects.bulk_create(
        [
            Participation(edition=edition, organisation=o, scan_status="in_progress", scan_progress=100)
            for o in organisations
        ]
    )
    hashed = make_password(password)  # hashed once: 200 PBKDF2 rounds would take minutes
    people = User.objects.bulk_create(
        [
            User(email=f"penvoerder{n}@loadtest.example.nl", name=f"Penvoerder {n}", password=hashed)
            for n in range(users)
        ]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, primary=True, verified=True) for u in people], ignore_conflicts=True
    )
    ParticipationMember.objects.bulk_create(
        [
            ParticipationMember(participation=p, user=u, role="penvoerder")
            for p, u in zip(participations, people, strict=True)
        ]
    )
    responses = Response.objects.bulk_create([Response(participation=p, definition=row) for p in participations])
    rng = random.Random(200)  # noqa: S311 - test data, not security
    answers: list[Answer] = []
    plans = []
    for response, user, organisation in zip(responses, people, organisations, strict=True):
        population = organisation.population or rng.randint(5_000, 200_000)
        current = sample_answers(definition, population=population, maturity=rng.random(), rng=rng)
        other = sample_answers(definition, population=population, maturity=rng.random(), rng=rng)
        plans.append(build_plan(definition, current, other, rng, per_section, sections))
        answers.extend(
            Answer(response=response, question_key=k, value=v, version=1, updated_at=now, updated_by=user)
            for k, v in current.items()
        )
    Answer.objects.bulk_create(answers, batch_size=2000)
    AnswerRevision.objects.bulk_create(
        [
            AnswerRevision(
                answer=a,
                version=1,
                old_value=None,
                new_value=a.value,
                changed_at=now,
                changed_by=a.updated_by,
                changed_by_label="loadtest",
            )
            for a in answers
        ],
        batch_size=2000,
    )
    result = []
    for participation, user, plan in zip(participations, people, plans, strict=True):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.set_expiry(4 * 3600)
        session.create()
        result.append(
            {
                "email": user.email,
                "password": password,
                "session": session.session_key,
                "participation": participation.pk,
                "plan": plan,
            }
        )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--changes-per-section", type=int, default=3)
    parser.add_argument(
        "--sections",
        type=int,
        default=3,
        help="sections each penvoerder revisits (0: all); the scan is complete already",
    )
    parser.add_argument("--out", default=str(ROOT / "var" / "loadtest"))
    parser.add_argument("--database", default=DEFAULT_DB)
    args = parser.parse_args(argv)
    url = database_url(args.database)
    started = time.perf_counter()
    recreate_database(url)
    setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    password = "loadtest-" + "".join(random.SystemRandom().choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(16))
    users = seed(args.users, args.changes_per_section, password, args.sections or None)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "users.json").write_text(json.dumps({"database": url, "users": users}, indent=1))
    changes = sum(len(s["changes"]) for u in users for s in u["plan"])
    print(
        f"prepared {url}: {len(users)} penvoerders, {changes} planned changes, "
        f"in {time.perf_counter() - started:.0f} s -> {out / 'users.json'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
