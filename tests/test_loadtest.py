"""The load test's own logic (docs/performance.md): the verifier finds lost answers, the plan posts
what the server stores, the client reads forms like the browser, and the session store still
saves sessions. The load test itself is `make loadtest` (too slow for the suite)."""

from __future__ import annotations

import random

import pytest
from django.contrib.sessions.backends.base import SessionBase
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cim.accounts.sessions import SessionStore
from cim.questionnaires.selectors import edition_definition
from cim.scan.sample import sample_answers
from cim.scan.services.answers import answer_save
from loadtest.forms import form_fields, replace_answer
from loadtest.prepare import build_plan
from loadtest.verify import find_lost, stored_state


def test_the_verifier_passes_stored_answers_and_reports_missing_ones() -> None:
    acks = [
        {"participation": 1, "key": "a", "value": "x", "version": 2},
        {"participation": 1, "key": "b", "value": 5, "version": 1},
        {"participation": 2, "key": "a", "value": "y", "version": 3},
    ]
    revisions = {(1, "a", 2): "x", (1, "a", 3): "z", (1, "b", 1): 5}
    current = {(1, "a"): ("z", 3), (1, "b"): (5, 1)}  # a: a later own save; participation 2: nothing
    lost = find_lost(acks, revisions, current)
    assert [(x.participation, x.key, x.version) for x in lost] == [(2, "a", 3)]
    assert "no revision" in lost[0].reason
    # A revision with another value, a rolled-back current answer, a submission without the value.
    assert find_lost(acks[:1], {(1, "a", 2): "other"}, current)[0].reason == "revision 2 holds 'other'"
    assert "version 1" in find_lost(acks[:1], {(1, "a", 2): "x"}, {(1, "a"): ("old", 1)})[0].reason
    assert "same version" in find_lost(acks[:1], {(1, "a", 2): "x"}, {(1, "a"): ("q", 2)})[0].reason
    assert find_lost(acks[:1], revisions, current, submitted={1: {"a": "q"}})[0].reason == "submission holds 'q'"
    assert find_lost(acks[:1], revisions, current, submitted={1: {"a": "z"}}) == []  # the later own save
    assert find_lost(acks[:1], revisions, {(1, "a"): ("x", 2)}, submitted={1: {"a": "x"}}) == []


@pytest.mark.django_db
def test_the_verifier_checks_acknowledgements_against_the_database(world) -> None:  # type: ignore[no-untyped-def]
    p, user = world.participation, world.user("penvoerder")
    first = answer_save(user=user, participation=p, question_key="tenders_count", value=4, base_version=0)
    second = answer_save(user=user, participation=p, question_key="tenders_count", value=7, base_version=1)
    acks = [
        {"participation": p.pk, "key": "tenders_count", "value": 4, "version": first.version},
        {"participation": p.pk, "key": "tenders_count", "value": 7, "version": second.version},
    ]
    assert find_lost(acks, *stored_state(acks)) == []
    missing = [*acks, {"participation": p.pk, "key": "tenders_count", "value": 9, "version": 3}]
    lost = find_lost(missing, *stored_state(missing))
    assert [(x.key, x.version, x.value) for x in lost] == [("tenders_count", 3, 9)]


@pytest.mark.django_db
def test_the_plan_posts_inputs_the_server_stores_as_planned(world) -> None:  # type: ignore[no-untyped-def]
    definition = edition_definition(world.edition)
    rng = random.Random(3)
    current = sample_answers(definition, population=50_000, maturity=0.3, rng=rng)
    other = sample_answers(definition, population=50_000, maturity=0.9, rng=rng)
    plan = build_plan(definition, current, other, rng, per_section=3)
    changes = [c for step in plan for c in step["changes"]]
    assert len(changes) >= len(definition.sections)
    assert [step["section"] for step in plan] == list(definition.section_keys)
    for change in changes:
        assert change["value"] != current[change["key"]]
        assert all(name == f"a-{change['key']}" or name.startswith(f"a-{change['key']}-") for name in change["fields"])


def test_the_client_posts_the_form_as_the_browser_does() -> None:
    html = """<form id="other"><input name="x" value="1"></form>
    <form id="cim-scan-form"><input type="hidden" name="csrfmiddlewaretoken" value="t">
    <input name="a-q1" value="12"><input type="hidden" name="v-q1" value="3">
    <input type="checkbox" name="a-q2" value="x" checked><input type="checkbox" name="a-q2" value="y">
    <input type="radio" name="a-q3" value="ja"><input type="file" name="a-q4-file">
    <select name="a-q5"><option value="">-</option><option value="b" selected>B</option></select>
    <select name="a-q6"><option value="first">F</option></select>
    <textarea name="a-q7">lang &amp; kort</textarea>
    <template><input name="a-q8-__n__-x" value="nope"></template>
    <input name="a-q10" value="keep"><input name="a-q1-r-c" value="cell"></form>"""
    fields = form_fields(html)
    assert fields == [
        ("csrfmiddlewaretoken", "t"),
        ("a-q1", "12"),
        ("v-q1", "3"),
        ("a-q2", "x"),
        ("a-q5", "b"),
        ("a-q6", "first"),
        ("a-q7", "lang & kort"),
        ("a-q10", "keep"),
        ("a-q1-r-c", "cell"),
    ]
    replaced = replace_answer(fields, "q1", {"a-q1": ["99"]})
    assert ("a-q1", "99") in replaced
    assert ("a-q10", "keep") in replaced  # another question whose key starts the same
    assert ("a-q1", "12") not in replaced
    assert ("a-q1-r-c", "cell") not in replaced


@pytest.mark.django_db(transaction=True)  # outside a test transaction, as in a request
def test_sessions_are_saved_and_loaded_and_the_refresh_does_not_wait_for_the_disk() -> None:
    session: SessionBase = SessionStore()
    session["k"] = "v"
    session.create()
    session["k"] = "w"
    with CaptureQueriesContext(connection) as queries:
        session.save()
    assert SessionStore(session.session_key)["k"] == "w"
    asynchronous = any("synchronous_commit TO OFF" in q["sql"] for q in queries.captured_queries)
    assert asynchronous == (connection.vendor == "postgresql")
    session.delete()
    assert not SessionStore().exists(session.session_key)


def test_server_timing_is_opt_in_and_reports_the_time_in_django(rf) -> None:  # type: ignore[no-untyped-def]
    from django.conf import settings
    from django.http import HttpResponse

    from cim.core.middleware import ServerTimingMiddleware

    assert "cim.core.middleware.ServerTimingMiddleware" not in settings.MIDDLEWARE  # only with CIM_SERVER_TIMING
    response = ServerTimingMiddleware(lambda request: HttpResponse("ok"))(rf.get("/"))
    assert response["Server-Timing"].startswith("app;dur=")
    assert float(response["Server-Timing"].removeprefix("app;dur=")) >= 0
