"""Every edition follows its timeline, enforced on the server: opening, closing, reopening,
releasing, feedback moments, extensions and login codes. The clock is set by each test."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from cim.audit.models import AuditEntry
from cim.core.errors import DomainError
from cim.editions.models import Edition, FeedbackMoment, LoginCode, Participation
from cim.editions.services import editions as services
from cim.editions.services.login_codes import login_code_issue
from cim.scan.services.submission import deadline_extend
from cim.testing import factories as f

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=AMS)


def planned_edition(status: str = "draft") -> Edition:
    """Opens in ten days, due in sixty, results fed back twenty days after the deadline."""
    today = timezone.localdate()
    edition = f.EditionFactory(
        status=status,
        opens_at=at(today + dt.timedelta(days=10), 9),
        submission_deadline=at(today + dt.timedelta(days=60), 17),
        closing_meeting_date=today + dt.timedelta(days=100),
    )
    FeedbackMoment.objects.create(
        edition=edition, date=today + dt.timedelta(days=80), kind=FeedbackMoment.Kind.RESULTS, description="Resultaten"
    )
    return edition


def step(edition: Edition, to: str, **kwargs) -> Edition:  # type: ignore[no-untyped-def]
    return services.edition_change_status(actor=None, edition=edition, to_status=to, **kwargs)


def test_opening_before_the_opening_date_needs_a_reason_and_moves_the_opening_to_now() -> None:
    edition = planned_edition()
    with pytest.raises(DomainError) as caught:
        step(edition, "open")
    assert caught.value.code == "reason_required"
    assert "Eerder openen kan alleen met een reden" in caught.value.message
    assert Edition.objects.get(pk=edition.pk).status == "draft"
    step(edition, "open", reason="Pilot met drie gemeenten")
    edition.refresh_from_db()
    assert edition.status == "open"
    assert edition.opens_at <= timezone.now()
    entry = AuditEntry.objects.get(action="edition.status_changed")
    assert entry.reason == "Pilot met drie gemeenten"
    assert "override" in entry.details
    assert "opens_at" in entry.details


def test_opening_on_its_date_needs_no_reason() -> None:
    edition = planned_edition()
    with time_machine.travel(edition.opens_at + dt.timedelta(minutes=1), tick=False):
        step(edition, "open")
    assert Edition.objects.get(pk=edition.pk).status == "open"
    assert AuditEntry.objects.get(action="edition.status_changed").reason == ""


def test_closing_before_the_deadline_needs_a_reason_a_second_close_is_refused() -> None:
    edition = planned_edition("open")
    with time_machine.travel(edition.opens_at + dt.timedelta(days=1), tick=False):
        with pytest.raises(DomainError, match="Sluiten vóór de inleverdatum kan alleen met een reden"):
            step(edition, "closed")
        step(edition, "closed", reason="Programma stopt", expected_status="open")
        with pytest.raises(DomainError) as caught:
            step(edition, "closed", reason="nogmaals", expected_status="open")
        assert caught.value.code == "stale"
        with pytest.raises(DomainError, match="heeft die status al"):
            step(edition, "closed", reason="nogmaals")
    assert AuditEntry.objects.filter(action="edition.status_changed").count() == 1


def test_closing_after_the_deadline_waits_for_running_extensions() -> None:
    edition = planned_edition("open")
    participation = f.ParticipationFactory(edition=edition)
    with time_machine.travel(edition.opens_at + dt.timedelta(days=1), tick=False):
        deadline_extend(
            actor=None,
            participation=participation,
            until=edition.submission_deadline + dt.timedelta(days=7),
            reason="Ziekte",
        )
    with (
        time_machine.travel(edition.submission_deadline + dt.timedelta(days=1), tick=False),
        pytest.raises(DomainError, match="Er lopen nog verlengingen tot"),
    ):
        step(edition, "closed")
    with time_machine.travel(edition.submission_deadline + dt.timedelta(days=8), tick=False):
        step(edition, "closed")
    assert Edition.objects.get(pk=edition.pk).status == "closed"


def test_a_closed_edition_reopens_until_its_results_are_released() -> None:
    edition = planned_edition("closed")
    with pytest.raises(DomainError, match="Geef een reden op"):
        step(edition, "open")
    step(edition, "open", reason="Correctie van Tiel")
    assert Edition.objects.get(pk=edition.pk).status == "open"
    with time_machine.travel(edition.submission_deadline + dt.timedelta(days=1), tick=False):
        step(edition, "closed")
        with pytest.raises(DomainError, match="nieuwe inleverdatum"):
            step(edition, "open", reason="Nog een correctie")
        later = timezone.now() + dt.timedelta(days=5)
        step(edition, "open", reason="Nog een correctie", new_deadline=later)
        assert Edition.objects.get(pk=edition.pk).submission_deadline == later
        step(edition, "closed", reason="klaar")
    moment = edition.feedback_moments.get()
    with time_machine.travel(at(moment.date), tick=False):
        step(edition, "released")
        with pytest.raises(DomainError) as caught:
            step(edition, "open", reason="Te laat")
    assert caught.value.code == "invalid_transition"
    assert Edition.objects.get(pk=edition.pk).status == "released"


def test_results_are_released_on_the_results_moment_or_earlier_only_with_a_reason() -> None:
    edition = planned_edition("closed")
    with pytest.raises(DomainError, match="Eerder vrijgeven kan alleen met een reden"):
        step(edition, "released")
    FeedbackMoment.objects.filter(edition=edition).delete()
    with pytest.raises(DomainError, match="nog geen terugkoppelmoment voor de resultaten") as caught:
        step(edition, "released", reason="Toch vrijgeven")
    assert caught.value.code == "invalid_transition"
    FeedbackMoment.objects.create(
        edition=edition, date=timezone.localdate() + dt.timedelta(days=80), kind="results", description="R"
    )
    step(edition, "released", reason="Besluit stuurgroep")
    entry = AuditEntry.objects.get(action="edition.status_changed")
    assert (entry.reason, entry.details["to"]) == ("Besluit stuurgroep", "released")


@pytest.mark.parametrize(
    ("days", "kind", "message"),
    [
        (5, "progress", "ligt vóór de opening van de editie"),
        (70, "progress", "ligt na de inleverdatum"),
        (30, "results", "moet na de inleverdatum"),
        (30, "onzin", "Kies het soort terugkoppelmoment"),
    ],
)
def test_feedback_moments_lie_in_order_within_the_edition(days: int, kind: str, message: str) -> None:
    edition = planned_edition()
    with pytest.raises(DomainError, match=message):
        services.feedback_moment_add(
            actor=None, edition=edition, date=timezone.localdate() + dt.timedelta(days=days), kind=kind, description="x"
        )
    assert edition.feedback_moments.count() == 1


def test_a_results_moment_stays_once_the_results_are_released() -> None:
    edition = planned_edition("released")
    with pytest.raises(DomainError, match="blijft in de planning"):
        services.feedback_moment_remove(actor=None, moment=edition.feedback_moments.get())
    assert edition.feedback_moments.count() == 1


def test_dates_in_the_wrong_order_or_the_past_change_nothing() -> None:
    edition = planned_edition()
    before = Edition.objects.get(pk=edition.pk).submission_deadline
    with pytest.raises(DomainError, match="ligt in het verleden"):
        services.edition_update(actor=None, edition=edition, submission_deadline=timezone.now() - dt.timedelta(days=1))
    with pytest.raises(Exception, match="De inleverdatum moet na de openingsdatum liggen"):
        services.edition_update(actor=None, edition=edition, opens_at=before + dt.timedelta(days=1))
    assert Edition.objects.get(pk=edition.pk).submission_deadline == before
    opened = planned_edition("open")
    with pytest.raises(DomainError, match="de openingsdatum ligt vast"):
        services.edition_update(actor=None, edition=opened, opens_at=opened.opens_at + dt.timedelta(days=1))
    released = planned_edition("released")
    with pytest.raises(DomainError, match="de planning van deze editie ligt vast"):
        services.edition_update(
            actor=None, edition=released, submission_deadline=released.submission_deadline + dt.timedelta(days=1)
        )


def test_an_extension_never_shortens_and_the_effective_deadline_is_never_before_the_editions() -> None:
    edition = planned_edition("open")
    participation = f.ParticipationFactory(edition=edition)
    with pytest.raises(DomainError, match="verlengen kan de termijn niet korter maken"):
        deadline_extend(
            actor=None,
            participation=participation,
            until=edition.submission_deadline - dt.timedelta(days=3),
            reason="Vakantie",
        )
    assert Participation.objects.get(pk=participation.pk).deadline_extended_to is None
    extended = edition.submission_deadline + dt.timedelta(days=3)
    deadline_extend(actor=None, participation=participation, until=extended, reason="Vakantie")
    # The edition's deadline moves later than the extension: the later one applies.
    later = edition.submission_deadline + dt.timedelta(days=10)
    services.edition_update(actor=None, edition=edition, submission_deadline=later)
    participation = Participation.objects.get(pk=participation.pk)
    assert participation.deadline_extended_to == extended
    assert participation.deadline == later


def test_codes_issued_before_the_opening_stay_valid_thirty_days_after_it_and_follow_a_later_opening(
    settings,
) -> None:  # type: ignore[no-untyped-def]
    settings.LOGIN_CODE_VALID_DAYS = 30
    today = timezone.localdate()
    edition = f.EditionFactory(
        status="draft",
        opens_at=at(today + dt.timedelta(days=90), 9),
        submission_deadline=at(today + dt.timedelta(days=200), 17),
    )
    participation = f.ParticipationFactory(edition=edition)
    login_code_issue(actor=None, participation=participation)
    code = LoginCode.objects.get(participation=participation)
    assert code.expires_at == edition.opens_at + dt.timedelta(days=30)
    services.edition_update(actor=None, edition=edition, opens_at=edition.opens_at + dt.timedelta(days=14))
    code.refresh_from_db()
    assert code.expires_at == edition.opens_at + dt.timedelta(days=44)
    # Once open, a code issued now is valid for the usual thirty days from now.
    open_edition = f.EditionFactory(status="open")
    other = f.ParticipationFactory(edition=open_edition, organisation=f.organisation("GM0268"))
    with time_machine.travel(timezone.now(), tick=False):
        login_code_issue(actor=None, participation=other)
        assert LoginCode.objects.get(participation=other).expires_at == timezone.now() + dt.timedelta(days=30)
