"""Statistics enter the ledger only after the edition's deadline and once every submitted scan
is scored; before that staff can preview, and nothing is published. Reopened scans are named."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cim.core.errors import DomainError
from cim.disclosure.models import PublishedTable
from cim.editions.models import Edition, Participation, ScanStatus
from cim.scoring.models import Score
from cim.statistics.services import compute_preview, statistics_publish

pytestmark = pytest.mark.django_db


def still_open(edition: Edition) -> Edition:
    Edition.objects.filter(pk=edition.pk).update(
        status="open", submission_deadline=timezone.now() + dt.timedelta(days=20)
    )
    edition.refresh_from_db()
    return edition


def test_before_the_deadline_staff_preview_but_nothing_enters_the_ledger(two_editions, client_for) -> None:  # type: ignore[no-untyped-def]
    edition = still_open(two_editions.edition)
    desk = two_editions.users["servicedesk"]
    preview = compute_preview(edition)
    assert preview.result is not None  # the preview is computed
    assert not preview.publishable
    assert "nog niet voorbij" in preview.readiness.blockers[0]
    with pytest.raises(DomainError, match="publiceren kan na de inleverdatum"):
        statistics_publish(actor=desk, edition=edition, fingerprint=preview.fingerprint)
    page = client_for("servicedesk").get(reverse("statistics:preview", args=[edition.pk])).content.decode()
    assert "publiceren kan na de inleverdatum" in page
    assert "Dit is een voorbeeld; er wordt nog niets gepubliceerd." in page
    assert 'name="fingerprint"' not in page
    response = client_for("servicedesk").post(
        reverse("statistics:publish", args=[edition.pk]), {"fingerprint": preview.fingerprint}, follow=True
    )
    assert "publiceren kan na de inleverdatum" in response.content.decode()
    assert not PublishedTable.objects.filter(edition=edition).exists()
    # After the deadline the same figures can be published.
    with time_machine.travel(edition.submission_deadline + dt.timedelta(hours=1), tick=False):
        preview = compute_preview(edition)
        assert preview.publishable
        statistics_publish(actor=desk, edition=edition, fingerprint=preview.fingerprint)
    assert PublishedTable.objects.filter(edition=edition).exists()


def test_an_unscored_submission_blocks_publication(two_editions) -> None:  # type: ignore[no-untyped-def]
    edition = two_editions.edition
    Score.objects.filter(edition=edition).order_by("pk").first().delete()  # type: ignore[union-attr]
    preview = compute_preview(edition)
    assert preview.readiness.blockers == [
        "1 ingediende scan is nog niet gescoord; publiceren kan als elke ingediende scan een score heeft."
    ]
    with pytest.raises(DomainError, match="nog niet gescoord"):
        statistics_publish(actor=two_editions.users["servicedesk"], edition=edition, fingerprint=preview.fingerprint)
    assert not PublishedTable.objects.filter(edition=edition).exists()


def test_publishing_while_scans_are_reopened_warns_and_names_them(two_editions, client_for) -> None:  # type: ignore[no-untyped-def]
    edition = two_editions.edition
    reopened = Participation.objects.filter(edition=edition, scan_status=ScanStatus.SUBMITTED).order_by("pk").first()
    assert reopened is not None
    Participation.objects.filter(pk=reopened.pk).update(scan_status=ScanStatus.REOPENED)
    Score.objects.filter(participation=reopened).delete()  # reopening removes the score
    preview = compute_preview(edition)
    assert preview.readiness.reopened == [reopened.organisation.name]
    assert preview.publishable
    page = client_for("servicedesk").get(reverse("statistics:preview", args=[edition.pk])).content.decode()
    assert "heropend voor een correctie" in page
    assert reopened.organisation.name in page
