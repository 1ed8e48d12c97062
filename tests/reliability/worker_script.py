"""Run by tests/reliability/test_killed_worker.py in a separate process against a real database
(DATABASE_URL): `setup`, `save N` (pause for ever after the N-th write of an answer save, waiting
to be killed) and `check`. Prints one JSON line per step."""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django

django.setup()

from django.db import connection  # noqa: E402

WRITES = ("INSERT", "UPDATE", "DELETE")


def _state(participation_id: int, key: str) -> dict:
    from cim.editions.models import Participation
    from cim.scan.models import Answer, AnswerRevision

    answer = Answer.objects.filter(response__participation_id=participation_id, question_key=key).first()
    revisions = (
        list(
            AnswerRevision.objects.filter(answer=answer).order_by("version").values("version", "old_value", "new_value")
        )
        if answer
        else []
    )
    participation = Participation.objects.get(pk=participation_id)
    return {
        "value": answer.value if answer else None,
        "version": answer.version if answer else 0,
        "revisions": revisions,
        "progress": participation.scan_progress,
    }


def setup() -> dict:
    from cim.questionnaires import model as qm
    from cim.questionnaires.selectors import edition_definition
    from cim.scan.services.answers import answer_save
    from cim.testing.world import PENVOERDER, build_world

    world = build_world()
    definition = edition_definition(world.edition)
    key = next(q.key for q in definition.questions if q.type == qm.TEXT)
    user = world.user(PENVOERDER)
    answer_save(user=user, participation=world.participation, question_key=key, value="oud", base_version=0)
    return {"participation": world.participation.pk, "user": user.pk, "key": key}


def save(participation_id: int, user_id: int, key: str, pause_after: int) -> dict:
    from cim.accounts.models import User
    from cim.editions.models import Participation
    from cim.scan.models import Answer
    from cim.scan.services.answers import answer_save

    writes = 0

    def pause_after_nth_write(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        nonlocal writes
        result = execute(sql, params, many, context)
        if sql.lstrip().upper().startswith(WRITES) and "cim_cache" not in sql:
            writes += 1
            if writes == pause_after:
                print(json.dumps({"paused_after": writes, "sql": sql[:80]}), flush=True)
                time.sleep(120)  # the test kills us here, inside the transaction
        return result

    user = User.objects.get(pk=user_id)
    participation = Participation.objects.get(pk=participation_id)
    version = Answer.objects.get(response__participation_id=participation_id, question_key=key).version
    with connection.execute_wrapper(pause_after_nth_write):
        outcome = answer_save(
            user=user, participation=participation, question_key=key, value="nieuw", base_version=version
        )
    return {"done": outcome.status, "writes": writes}


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "setup":
        print(json.dumps(setup()), flush=True)
    elif command == "save":
        print(json.dumps(save(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5]))), flush=True)
    elif command == "check":
        print(json.dumps(_state(int(sys.argv[2]), sys.argv[4]), default=str), flush=True)
