"""Consent and publication: the rules, the audit, and that refused writes change nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from cim.audit.models import AuditEntry
from cim.core.errors import DomainError
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Participation
from cim.scoring.models import Score
from cim.testing import factories as f
from cim.testing.world import CONTRIBUTOR, FOREIGN_PENVOERDER, PENVOERDER, SERVICE_DESK
from cim.topten import services
from cim.topten.models import NamingConsent, PublishedRank, PublishedTopTen
from cim.topten.selectors import computed_ranking, published_top_ten
from cim.topten.tests.helpers import CODES, closed_edition, scored

pytestmark = pytest.mark.django_db


# --- Consent -----------------------------------------------------------------------------------


def test_consent_default_is_not_named_and_the_penvoerder_changes_it_with_an_audit(world) -> None:
    penvoerder = world.user(PENVOERDER)
    assert not NamingConsent.objects.exists()
    consent, changed = services.consent_set(actor=penvoerder, participation=world.participation, named=True)
    assert changed
    assert consent.named
    assert consent.changed_by == penvoerder
    consent, changed = services.consent_set(actor=penvoerder, participation=world.participation, named=False)
    assert changed
    assert not consent.named
    actions = sorted(AuditEntry.objects.filter(action__startswith="topten.").values_list("action", flat=True))
    assert actions == ["topten.consent_given", "topten.consent_withdrawn"]
    assert AuditEntry.objects.get(action="topten.consent_given").organisation == world.participation.organisation


def test_a_first_no_is_recorded_and_a_repeated_submit_changes_nothing(world) -> None:
    penvoerder = world.user(PENVOERDER)
    _, changed = services.consent_set(actor=penvoerder, participation=world.participation, named=False)
    assert changed
    assert AuditEntry.objects.filter(action="topten.consent_refused").count() == 1
    before = NamingConsent.objects.get().changed_at
    _, changed = services.consent_set(actor=penvoerder, participation=world.participation, named=False)
    assert not changed
    assert NamingConsent.objects.get().changed_at == before
    assert AuditEntry.objects.filter(action__startswith="topten.consent").count() == 1


@pytest.mark.parametrize("role", [CONTRIBUTOR, FOREIGN_PENVOERDER, SERVICE_DESK])
def test_only_the_organisations_penvoerder_consents(world, role) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError, match="Alleen de penvoerder"):
        services.consent_set(actor=world.user(role), participation=world.participation, named=True)
    assert not NamingConsent.objects.exists()


def test_consent_cannot_change_after_publication(world) -> None:
    services.consent_set(actor=world.user(PENVOERDER), participation=world.participation, named=True)
    PublishedTopTen.objects.create(
        edition=world.edition,
        published_at=timezone.now(),
        minimum_level_score=Decimal(25),
        size=10,
        eligible_count=0,
        checksum="0" * 64,
    )
    with pytest.raises(DomainError, match="al bekendgemaakt"):
        services.consent_set(actor=world.user(PENVOERDER), participation=world.participation, named=False)
    assert NamingConsent.objects.get().named is True


def test_a_withdrawn_participation_cannot_consent(world) -> None:
    penvoerder = world.user(PENVOERDER)
    Participation.objects.filter(pk=world.participation.pk).update(status=Participation.Status.WITHDRAWN)
    world.participation.refresh_from_db()
    with pytest.raises(DomainError):
        services.consent_set(actor=penvoerder, participation=world.participation, named=True)
    assert not NamingConsent.objects.exists()


# --- Publication -------------------------------------------------------------------------------


@pytest.fixture
def desk(world):  # type: ignore[no-untyped-def]
    return world.user(SERVICE_DESK)


@pytest.fixture
def edition(world):  # type: ignore[no-untyped-def]
    edition = closed_edition(programme=world.programme)
    for index, code in enumerate(CODES[:12]):
        scored(edition, code, str(90 - index * 3), named=index % 4 != 1)
    return edition


def test_publish_freezes_the_reviewed_ranking_with_an_audit(edition, desk) -> None:
    review = computed_ranking(edition)
    top_ten = services.top_ten_publish(actor=desk, edition=edition, checksum=review.checksum)
    rows = list(PublishedRank.objects.filter(top_ten=top_ten).order_by("order"))
    assert [(r.position, r.organisation_id, r.named) for r in rows] == [
        (line.rank, line.organisation_id, line.named) for line in review.lines
    ]
    assert len(rows) == 10
    assert all(r.name == "" for r in rows if not r.named)
    assert top_ten.minimum_level_score == Decimal("20.0")
    assert top_ten.eligible_count == 12
    entry = AuditEntry.objects.get(action="topten.published")
    assert entry.details["checksum"] == review.checksum
    assert len(entry.details["ranks"]) == 10


def test_rescoring_after_publication_does_not_change_the_published_top_ten(edition, desk) -> None:
    services.top_ten_publish(actor=desk, edition=edition, checksum=computed_ranking(edition).checksum)
    before = published_top_ten(edition.pk)
    Score.objects.filter(edition=edition).update(overall=Decimal("10.0"))
    Score.objects.filter(participation__organisation__cbs_code=CODES[11]).update(overall=Decimal("99.9"))
    NamingConsent.objects.update(named=True)
    assert published_top_ten(edition.pk) == before


def test_publish_before_the_closing_meeting_is_refused_with_the_date(world, desk) -> None:
    edition = closed_edition(programme=world.programme, closing=timezone.localdate() + dt.timedelta(days=1))
    scored(edition, CODES[0], "80", named=True)
    with pytest.raises(DomainError, match="geheim tot de slotbijeenkomst"):
        services.top_ten_publish(actor=desk, edition=edition, checksum=computed_ranking(edition).checksum)
    assert not PublishedTopTen.objects.exists()
    assert not AuditEntry.objects.filter(action="topten.published").exists()


def test_publish_on_the_closing_meeting_day_is_allowed(world, desk) -> None:
    edition = closed_edition(programme=world.programme, closing=timezone.localdate())
    scored(edition, CODES[0], "80", named=True)
    services.top_ten_publish(actor=desk, edition=edition, checksum=computed_ranking(edition).checksum)
    assert PublishedTopTen.objects.filter(edition=edition).exists()


def test_the_closing_date_is_a_dutch_calendar_day(world, desk) -> None:
    edition = closed_edition(programme=world.programme, closing=dt.date(2031, 3, 12))
    assert services.publish_refusal(edition, on=dt.date(2031, 3, 11))
    assert services.publish_refusal(edition, on=dt.date(2031, 3, 12)) is None


@pytest.mark.parametrize("status", [EditionStatus.DRAFT, EditionStatus.OPEN])
def test_publish_while_the_edition_is_open_is_refused(world, desk, status) -> None:  # type: ignore[no-untyped-def]
    edition = closed_edition(programme=world.programme)
    edition.status = status
    edition.save()
    scored(edition, CODES[0], "80")
    with pytest.raises(DomainError, match="open voor invullen"):
        services.top_ten_publish(actor=desk, edition=edition, checksum=computed_ranking(edition).checksum)
    assert not PublishedTopTen.objects.exists()


def test_publish_without_a_closing_meeting_date_is_refused(world, desk) -> None:
    edition = closed_edition(programme=world.programme)
    edition.closing_meeting_date = None
    edition.save()
    scored(edition, CODES[0], "80")
    with pytest.raises(DomainError, match="slotbijeenkomst"):
        services.top_ten_publish(actor=desk, edition=edition, checksum=computed_ranking(edition).checksum)


def test_a_duplicate_publish_changes_nothing(edition, desk) -> None:
    checksum = computed_ranking(edition).checksum
    first = services.top_ten_publish(actor=desk, edition=edition, checksum=checksum)
    rows = list(PublishedRank.objects.values_list("pk", "position", "organisation_id", "named"))
    with pytest.raises(DomainError, match="al bekendgemaakt"):
        services.top_ten_publish(actor=desk, edition=edition, checksum=checksum)
    assert list(PublishedTopTen.objects.all()) == [first]
    assert list(PublishedRank.objects.values_list("pk", "position", "organisation_id", "named")) == rows
    assert AuditEntry.objects.filter(action="topten.published").count() == 1


def test_a_stale_review_is_refused_when_a_consent_changed_since(edition, desk) -> None:
    checksum = computed_ranking(edition).checksum
    NamingConsent.objects.filter(participation__organisation__cbs_code=CODES[1]).update(named=True)
    with pytest.raises(DomainError, match="veranderd sinds u de ranglijst bekeek"):
        services.top_ten_publish(actor=desk, edition=edition, checksum=checksum)
    assert not PublishedTopTen.objects.exists()


def test_a_stale_review_is_refused_when_a_score_changed_since(edition, desk) -> None:
    checksum = computed_ranking(edition).checksum
    Score.objects.filter(participation__organisation__cbs_code=CODES[11]).update(overall=Decimal("99.0"))
    with pytest.raises(DomainError):
        services.top_ten_publish(actor=desk, edition=edition, checksum=checksum)
    assert not PublishedTopTen.objects.exists()


@pytest.mark.parametrize("checksum", ["", "x" * 64, '=HYPERLINK("x")', None, 12])
def test_a_bad_checksum_is_refused(edition, desk, checksum) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError):
        services.top_ten_publish(actor=desk, edition=edition, checksum=checksum)
    assert not PublishedTopTen.objects.exists()


def test_only_the_programmes_service_desk_publishes(world, edition) -> None:
    for user in (world.user("analyst"), world.user("foreign_staff"), world.user(PENVOERDER)):
        with pytest.raises(DomainError, match="servicedesk"):
            services.top_ten_publish(actor=user, edition=edition, checksum=computed_ranking(edition).checksum)
    assert not PublishedTopTen.objects.exists()


def test_nothing_to_publish_without_an_eligible_participant(world, desk) -> None:
    edition = closed_edition(programme=world.programme)
    scored(edition, CODES[0], "80", "90", "10")
    with pytest.raises(DomainError, match="Geen enkele deelnemer"):
        services.top_ten_publish(actor=desk, edition=edition, checksum=computed_ranking(edition).checksum)


# --- The computed ranking ------------------------------------------------------------------------


def test_computed_ranking_applies_eligibility_and_counts_exclusions(world, settings) -> None:
    edition = closed_edition(programme=world.programme)
    scored(edition, CODES[0], "90", complete=False)
    scored(edition, CODES[1], "85", "95", "15")
    scored(edition, CODES[2], "70", named=True)
    scored(edition, CODES[3], "70")
    withdrawn = scored(edition, CODES[4], "99")
    Participation.objects.filter(pk=withdrawn.pk).update(status=Participation.Status.WITHDRAWN)
    reopened = scored(edition, CODES[5], "98")
    Participation.objects.filter(pk=reopened.pk).update(scan_status="reopened")
    f.ParticipationFactory(edition=edition, organisation=f.organisation(CODES[6]))  # never submitted
    review = computed_ranking(edition)
    assert [(line.rank, line.name, line.named) for line in review.lines] == [
        (1, "Zutphen", True),
        (1, "Ede", False),
    ]
    assert review.excluded == {"incomplete": 1, "below_minimum": 1, "not_submitted": 2}
    settings.TOPTEN_MIN_LEVEL_SCORE = 10
    review = computed_ranking(edition)
    assert review.minimum == Decimal("10.0")
    assert next(line.name for line in review.lines) == "Nijmegen"


@pytest.mark.parametrize("value", ["abc", -1, 101, None])
def test_a_wrong_minimum_setting_fails_loudly(world, settings, value) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ImproperlyConfigured

    settings.TOPTEN_MIN_LEVEL_SCORE = value
    with pytest.raises(ImproperlyConfigured):
        computed_ranking(world.edition)


def test_computed_ranking_query_count(world, django_assert_max_num_queries) -> None:
    edition = closed_edition(programme=world.programme)
    for index, code in enumerate(CODES):
        scored(edition, code, str(50 + index), named=index % 2 == 0)
    with django_assert_max_num_queries(3):
        computed_ranking(edition)
