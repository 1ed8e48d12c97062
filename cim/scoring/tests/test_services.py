"""Scores are stored on submission, removed when the scan is reopened, recomputed per edition,
and read as plain data by other rooms."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cim.audit.models import AuditEntry
from cim.editions.models import Participation
from cim.questionnaires.selectors import edition_definition
from cim.scan.logic import python_values
from cim.scan.services.answers import answers_save
from cim.scan.services.submission import response_reopen, response_submit
from cim.scoring.engine import compute
from cim.scoring.method import method_of
from cim.scoring.models import Score
from cim.scoring.selectors import ScoreRecord, score_of, scores_for_edition
from cim.scoring.services import rescore_edition

from .factories import participants, sample_for

pytestmark = pytest.mark.django_db

GELDERLAND = ["GM0200", "GM0203", "GM0209", "GM0213", "GM0214", "GM0221"]


def test_submitting_the_scan_stores_its_score(world) -> None:  # type: ignore[no-untyped-def]
    answers = sample_for(world.participation, maturity=0.7)
    penvoerder = world.user("penvoerder")
    answers_save(user=penvoerder, participation=world.participation, changes={k: (v, 0) for k, v in answers.items()})
    response_submit(user=penvoerder, participation=world.participation)
    score = Score.objects.get(participation=world.participation)
    definition = edition_definition(world.edition)
    expected = compute(method_of(definition), definition, python_values(definition, answers))
    assert score.overall == expected.overall
    assert score.strategic == expected.levels["strategic"]
    assert score.circular_share == expected.circular_share
    assert score.stage == expected.stage
    assert score.definition_checksum == definition.checksum

    # Reopened: no score until it is submitted again.
    response_reopen(actor=world.user("servicedesk"), participation=world.participation, reason="Bedrag klopt niet")
    assert not Score.objects.filter(participation=world.participation).exists()
    response_submit(user=penvoerder, participation=Participation.objects.get(pk=world.participation.pk))
    assert Score.objects.get(participation=world.participation).overall == expected.overall


def test_rescore_edition_recomputes_every_submitted_scan(world) -> None:  # type: ignore[no-untyped-def]
    others = participants(world.edition, GELDERLAND)
    Score.objects.filter(participation=others[0]).update(overall=Decimal("1.0"))
    withdrawn = others[1]
    Participation.objects.filter(pk=withdrawn.pk).update(status=Participation.Status.WITHDRAWN)
    out = StringIO()
    call_command("rescore_edition", str(world.edition.year), stdout=out)
    assert f"gld {world.edition.year}: 5 scores computed." in out.getvalue()
    assert Score.objects.filter(edition=world.edition).count() == 5
    assert Score.objects.get(participation=others[0]).overall != Decimal("1.0")
    assert not Score.objects.filter(participation=withdrawn).exists()
    assert AuditEntry.objects.filter(action="scoring.edition_rescored").exists()
    assert rescore_edition(edition=world.edition) == 5  # the same again: idempotent


def test_rescore_edition_needs_an_existing_unambiguous_edition(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match="No edition 2099"):
        call_command("rescore_edition", "2099")


def test_scores_for_edition_gives_plain_records_in_one_query(world, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    created = participants(world.edition, GELDERLAND[:4])
    with django_assert_num_queries(1):
        records = scores_for_edition(world.edition)
    assert set(records) == {p.pk for p in created}
    record = records[created[0].pk]
    assert isinstance(record, ScoreRecord)
    assert record.organisation_id == created[0].organisation_id
    assert set(record.themes) >= {"general_policy", "chain", "actions", "results", "attention"}
    assert set(record.focus_areas) == {"policy", "planning", "integration", "actions", "results", "attention"}
    assert set(record.stages) == set(record.themes)
    assert set(record.categories) == {"gww", "buildings", "facilities", "mobility", "energy"}
    assert record.categories["gww"].total is not None
    assert record.complete
    assert score_of(created[0]) == record


def test_a_fault_in_scoring_never_blocks_the_submission(world, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    from cim.scoring import services

    def broken(**kwargs):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("a bug in a scoring rule")

    monkeypatch.setattr(services, "score_submission", broken)
    answers = sample_for(world.participation, maturity=0.4)
    penvoerder = world.user("penvoerder")
    answers_save(user=penvoerder, participation=world.participation, changes={k: (v, 0) for k, v in answers.items()})
    outcome = response_submit(user=penvoerder, participation=world.participation)
    assert outcome.created
    assert not Score.objects.exists()
    assert "could not be scored" in caplog.text
    monkeypatch.undo()
    assert rescore_edition(edition=world.edition) == 1  # scored once the fault is fixed
