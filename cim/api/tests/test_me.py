"""The authenticated API for a penvoerder's own participations, answers and scores."""

from __future__ import annotations

import pytest

from cim.audit.models import AuditEntry
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition
from cim.scan.services.answers import answers_save
from cim.scoring.selectors import score_of
from cim.scoring.tests.factories import sample_for, submit
from cim.testing import factories as f
from cim.testing.world import (
    ANALYST,
    ANONYMOUS,
    CONTRIBUTOR,
    FOREIGN_PENVOERDER,
    FOREIGN_STAFF,
    FUNDER,
    PENVOERDER,
    SERVICE_DESK,
)

pytestmark = pytest.mark.django_db


def me(participation_id: int | None = None, part: str = "") -> str:
    base = "/api/v1/me/participations/"
    if participation_id is None:
        return base
    return f"{base}{participation_id}/" + (f"{part}/" if part else "")


def release(edition):  # type: ignore[no-untyped-def]
    Edition.objects.filter(pk=edition.pk).update(status=EditionStatus.RESULTS_RELEASED)


def test_the_penvoerder_lists_only_own_participations(world, client_for):  # type: ignore[no-untyped-def]
    # An earlier edition of the same organisation, in which the penvoerder had no role.
    earlier = f.EditionFactory(programme=world.programme, year=world.edition.year - 1)
    f.ParticipationFactory(edition=earlier, organisation=world.participation.organisation)
    body = client_for(PENVOERDER).get(me()).json()
    assert body["count"] == 1
    [item] = body["results"]
    assert item["id"] == world.participation.pk
    assert item["organisation"]["cbs_code"] == "GM0202"
    assert item["edition"]["id"] == world.edition.pk
    assert item["answers_url"] == me(world.participation.pk, "answers")
    foreign = client_for(FOREIGN_PENVOERDER).get(me()).json()
    assert [p["id"] for p in foreign["results"]] == [world.foreign_participation.pk]


@pytest.mark.parametrize("role", [CONTRIBUTOR, SERVICE_DESK, ANALYST, FUNDER, FOREIGN_STAFF])
def test_other_roles_get_an_empty_list(world, client_for, role):  # type: ignore[no-untyped-def]
    body = client_for(role).get(me()).json()
    assert body == {"count": 0, "next": None, "previous": None, "results": []}


def test_anonymous_gets_403_in_json(world, client_for):  # type: ignore[no-untyped-def]
    response = client_for(ANONYMOUS).get(me())
    assert response.status_code == 403
    assert response.json()["detail"]


def test_answers_are_the_current_answers_as_json(world, client_for):  # type: ignore[no-untyped-def]
    participation = world.participation
    sample = sample_for(participation, 0.6)
    answers_save(
        user=world.user(PENVOERDER),
        participation=participation,
        changes={key: (value, 0) for key, value in sample.items()},
    )
    response = client_for(PENVOERDER).get(me(participation.pk, "answers"))
    assert response.status_code == 200
    body = response.json()
    assert body["participation"] == participation.pk
    keys = [a["key"] for a in body["answers"]]
    assert keys
    assert set(keys) <= set(sample)
    first = body["answers"][0]
    assert set(first) == {"key", "number", "question", "type", "value"}
    assert first["question"]


def test_answers_of_a_foreign_participation_are_a_404_and_audited(world, client_for):  # type: ignore[no-untyped-def]
    for part in ("", "answers", "scores"):
        response = client_for(PENVOERDER).get(me(world.foreign_participation.pk, part))
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
    assert AuditEntry.objects.filter(action="access.denied", actor=world.user(PENVOERDER)).count() == 3


def test_scores_only_after_the_results_are_released(world, client_for):  # type: ignore[no-untyped-def]
    submit(world.participation, maturity=0.7)
    client = client_for(PENVOERDER)
    before = client.get(me(world.participation.pk, "scores"))
    assert before.status_code == 404
    assert before.json() == {"detail": "Voor deze deelname zijn (nog) geen scores beschikbaar."}
    release(world.edition)
    body = client.get(me(world.participation.pk, "scores")).json()
    score = score_of(world.participation)
    assert score is not None
    assert body["overall"] == str(score.overall)
    assert body["stage"] == score.stage
    assert body["complete"] == score.complete
    assert set(body["categories"]) == set(score.categories)


def test_no_score_no_scores(world, client_for):  # type: ignore[no-untyped-def]
    release(world.edition)
    assert client_for(PENVOERDER).get(me(world.participation.pk, "scores")).status_code == 404


def test_staff_do_not_read_a_participation_through_the_api(world, client_for):  # type: ignore[no-untyped-def]
    submit(world.participation)
    release(world.edition)
    for role in (SERVICE_DESK, ANALYST):
        for part in ("", "answers", "scores"):
            assert client_for(role).get(me(world.participation.pk, part)).status_code == 404


def test_filters_and_bad_paging_are_refused(world, client_for):  # type: ignore[no-untyped-def]
    client = client_for(PENVOERDER)
    assert client.get(me() + "?organisation=1").status_code == 400
    assert client.get(me(world.participation.pk, "answers") + "?question=x").status_code == 400
    assert client.get(me() + "?limit=nul").status_code == 400
    assert client.get(me() + f"?limit={10**30}").status_code == 200
    assert client.get(me(10**17)).status_code == 404


def test_the_own_data_api_is_throttled_per_user(world, client_for, settings):  # type: ignore[no-untyped-def]
    settings.API_THROTTLE_RATES = {"api_me": "2/min"}
    client = client_for(PENVOERDER)
    assert [client.get(me()).status_code for _ in range(3)] == [200, 200, 429]
    # Another user has a budget of its own.
    assert client_for(FOREIGN_PENVOERDER).get(me()).status_code == 200


def test_query_counts(world, client_for, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    submit(world.participation)
    release(world.edition)
    sample = sample_for(world.participation, 0.6)
    answers_save(
        user=world.user(PENVOERDER),
        participation=world.participation,
        changes={key: (value, 0) for key, value in sample.items()},
    )
    client = client_for(PENVOERDER)
    client.get(me())  # warm the questionnaire definition cache
    client.get(me(world.participation.pk, "answers"))
    for path in (
        me(),
        me(world.participation.pk),
        me(world.participation.pk, "answers"),
        me(world.participation.pk, "scores"),
    ):
        with django_assert_max_num_queries(12):
            assert client.get(path).status_code == 200
