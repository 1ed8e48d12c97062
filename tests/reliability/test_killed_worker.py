"""An answer save interrupted by a killed worker leaves the old or the new value, never a broken
one: a separate process saves an answer and is killed (SIGKILL) after each write statement of the
transaction in turn; every time, the answer, its revision rows and the progress stay consistent."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("worker_script.py")

pytestmark = pytest.mark.django_db(transaction=True)


def database_url(tmp_path: Path) -> str:
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
        return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    url = f"sqlite:///{tmp_path / 'worker.sqlite3'}"
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env_for(url), cwd=ROOT, check=True, timeout=300
    )
    return url


def env_for(url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="config.settings", PYTHONPATH=str(ROOT))
    return env


def run(url: str, *args: object) -> dict:
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(SCRIPT), *map(str, args)],
        env=env_for(url),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def consistent(state: dict) -> None:
    revisions = state["revisions"]
    assert revisions, state
    assert [r["version"] for r in revisions] == list(range(1, len(revisions) + 1)), state
    assert state["version"] == revisions[-1]["version"], state
    assert state["value"] == revisions[-1]["new_value"], state
    for earlier, later in itertools.pairwise(revisions):
        assert later["old_value"] == earlier["new_value"], state


def test_killed_save_leaves_the_old_or_the_new_answer(tmp_path: Path) -> None:
    url = database_url(tmp_path)
    ids = run(url, "setup")
    args = (ids["participation"], ids["user"], ids["key"])
    start = run(url, "check", *args)
    assert start["value"] == "oud"
    consistent(start)

    killed_at = []
    for n in range(1, 20):
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, str(SCRIPT), "save", *map(str, args), str(n)],
            env=env_for(url),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = json.loads(process.stdout.readline())
        if "done" in line:  # fewer than n writes: the save ran to the end
            process.wait(timeout=60)
            break
        assert line["paused_after"] == n
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        killed_at.append(line["sql"])
        state = run(url, "check", *args)
        assert state["value"] == "oud", f"killed after write {n} ({line['sql']}): {state}"
        assert state["revisions"] == start["revisions"]
        assert state["progress"] == start["progress"]
        consistent(state)
    assert len(killed_at) >= 3, killed_at  # the answer, its revision and the progress at least
    final = run(url, "check", *args)
    assert final["value"] == "nieuw"
    assert final["version"] == start["version"] + 1
    consistent(final)
