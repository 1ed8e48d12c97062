"""Saving answers: history, stale versions, sections, closed scans, refused values."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cim.core.errors import DomainError
from cim.editions.models import Participation, ScanStatus
from cim.scan.models import Answer, AnswerRevision
from cim.scan.services.answers import AnswerRejected, answer_save

pytestmark = pytest.mark.django_db


def save(user, participation, key, value, base):  # type: ignore[no-untyped-def]
    return answer_save(user=user, participation=participation, question_key=key, value=value, base_version=base)


def test_every_change_is_kept_with_who_and_when(world, penvoerder, contributor) -> None:  # type: ignore[no-untyped-def]
    p = world.participation
    first = save(penvoerder, p, "procurement_spend_total", "1000.00", 0)
    second = save(contributor, p, "procurement_spend_total", "2500000000.00", first.version)
    assert (first.status, second.status, second.version) == ("saved", "saved", 2)
    revisions = list(AnswerRevision.objects.filter(answer__question_key="procurement_spend_total").order_by("version"))
    assert [(r.old_value, r.new_value, r.changed_by) for r in revisions] == [
        (None, "1000.00", penvoerder),
        ("1000.00", "2500000000.00", contributor),
    ]
    p.refresh_from_db()
    assert p.scan_status == ScanStatus.IN_PROGRESS
    assert 0 < p.scan_progress < 100


def test_a_save_based_on_a_stale_version_is_a_conflict_never_an_overwrite(world, penvoerder, contributor) -> None:  # type: ignore[no-untyped-def]
    p = world.participation
    save(penvoerder, p, "respondent_role", "Inkoper", 0)
    save(contributor, p, "respondent_role", "Beleidsmedewerker", 1)
    outcome = save(penvoerder, p, "respondent_role", "Teamleider", 1)
    assert outcome.status == "conflict"
    assert outcome.conflict.mine == "Teamleider"
    assert outcome.conflict.theirs == "Beleidsmedewerker"
    assert outcome.conflict.changed_by == contributor.display_name
    assert Answer.objects.get(question_key="respondent_role").value == "Beleidsmedewerker"
    # The person chooses to keep their own value: a save based on the current version.
    kept = save(penvoerder, p, "respondent_role", "Teamleider", outcome.conflict.version)
    assert kept.status == "saved"
    assert Answer.objects.get(question_key="respondent_role").value == "Teamleider"


def test_two_people_editing_different_cells_of_a_grid_are_merged(world, penvoerder, contributor) -> None:  # type: ignore[no-untyped-def]
    p = world.participation
    save(penvoerder, p, "category_spend", {"gww": {"total": "100.00"}}, 0)
    save(contributor, p, "category_spend", {"gww": {"total": "100.00"}, "energy": {"total": "50.00"}}, 1)
    outcome = save(penvoerder, p, "category_spend", {"gww": {"total": "100.00", "circular": "10.00"}}, 1)
    assert outcome.status == "saved"
    assert Answer.objects.get(question_key="category_spend").value == {
        "gww": {"total": "100.00", "circular": "10.00"},
        "energy": {"total": "50.00"},
    }


def test_the_same_value_twice_is_one_change(world, penvoerder) -> None:  # type: ignore[no-untyped-def]
    save(penvoerder, world.participation, "tenders_count", 12, 0)
    again = save(penvoerder, world.participation, "tenders_count", 12, 0)
    assert again.status == "unchanged"
    assert AnswerRevision.objects.count() == 1


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("procurement_spend_total", "-1.00", "negatief"),
        ("procurement_spend_total", "1000000000000.01", "groter dan"),
        ("procurement_spend_total", ["1"], "in cijfers"),
        ("circular_share_estimate", "101", "tussen 0 en 100"),
        ("tenders_count", "veel", "geheel getal"),
        ("procurement_organisation", "unknown", "mogelijke antwoorden"),
        ("category_spend", {"gww": {"total": "100.00", "circular": "150.00"}}, "groter dan"),
        ("category_spend", {"nope": {"total": "1.00"}}, "geen rij"),
        ("respondent_role", "x" * 151, "hoogstens"),
    ],
)
def test_bad_values_are_refused_and_change_nothing(world, penvoerder, key, value, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AnswerRejected) as info:
        save(penvoerder, world.participation, key, value, 0)
    assert message in info.value.message
    assert not Answer.objects.exists()


def test_budget_above_total_spend_is_refused_whatever_the_order(world, penvoerder) -> None:  # type: ignore[no-untyped-def]
    p = world.participation
    save(penvoerder, p, "budget_circular", "5000.00", 0)  # no total yet: fine
    with pytest.raises(AnswerRejected):
        save(penvoerder, p, "procurement_spend_total", "1000.00", 0)
    assert Answer.objects.filter(question_key="procurement_spend_total").count() == 0


def test_scripts_are_stored_as_text(world, penvoerder) -> None:  # type: ignore[no-untyped-def]
    save(penvoerder, world.participation, "lessons", "<script>alert('x')</script>", 0)
    assert Answer.objects.get(question_key="lessons").value == "<script>alert('x')</script>"


def test_contributors_edit_only_their_sections(world, contributor) -> None:  # type: ignore[no-untyped-def]
    member = world.participation.members.get(user=contributor)
    member.sections = ["categories"]
    member.save()
    from cim.access.actor import forget_actor

    forget_actor(contributor)
    save(contributor, world.participation, "category_spend", {"gww": {"total": "1.00"}}, 0)
    with pytest.raises(DomainError) as info:
        save(contributor, world.participation, "procurement_spend_total", "1.00", 0)
    assert "onderdeel" in info.value.message
    assert not Answer.objects.filter(question_key="procurement_spend_total").exists()


def test_people_of_another_organisation_cannot_save(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError):
        save(world.user("foreign_penvoerder"), world.participation, "tenders_count", 1, 0)
    with pytest.raises(DomainError):
        save(world.user("servicedesk"), world.participation, "tenders_count", 1, 0)
    assert not Answer.objects.exists()


def test_closed_edition_after_deadline_and_after_submit_are_read_only(world, penvoerder) -> None:  # type: ignore[no-untyped-def]
    p = world.participation
    p.edition.status = "closed"
    p.edition.save()
    with pytest.raises(DomainError, match="gesloten"):
        save(penvoerder, p, "tenders_count", 1, 0)
    p.edition.status = "open"
    p.edition.submission_deadline = timezone.now() - dt.timedelta(minutes=1)
    p.edition.opens_at = timezone.now() - dt.timedelta(days=10)
    p.edition.save()
    p = Participation.objects.get(pk=p.pk)
    with pytest.raises(DomainError, match="inleverdatum"):
        save(penvoerder, p, "tenders_count", 1, 0)
    p.deadline_extended_to = timezone.now() + dt.timedelta(days=3)
    p.save()
    assert save(penvoerder, p, "tenders_count", 1, 0).status == "saved"
    p.scan_status = ScanStatus.SUBMITTED
    p.save()
    with pytest.raises(DomainError, match="ingediend"):
        save(penvoerder, p, "tenders_count", 2, 1)


def test_unknown_questions_are_refused(world, penvoerder) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError):
        save(penvoerder, world.participation, "no_such_question", 1, 0)


def test_autosave_query_count_does_not_grow_with_the_data(
    world, penvoerder, fill, complete_answers, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    from cim.access.actor import forget_actor

    def version() -> int:
        return Answer.objects.get(question_key="tenders_count").version

    save(penvoerder, world.participation, "tenders_count", 1, 0)
    forget_actor(penvoerder)
    with django_assert_max_num_queries(14) as few:
        assert save(penvoerder, world.participation, "tenders_count", 2, 1).status == "saved"
    fill(complete_answers)
    for n in range(10):
        save(penvoerder, world.participation, "tenders_count", 100 + n, version())
    assert Answer.objects.count() > 30
    current = version()
    forget_actor(penvoerder)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert save(penvoerder, world.participation, "tenders_count", 99, current).status == "saved"
