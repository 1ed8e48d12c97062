from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition
from cim.organisations.models import Organisation
from cim.scoring.tests.factories import participants
from cim.testing import factories as f


def gelderland_codes() -> list[str]:
    return list(
        Organisation.objects.filter(province__cbs_code="PV25", kind="gemeente")
        .exclude(cbs_code__in=["GM0202", "GM0268"])
        .order_by("cbs_code")
        .values_list("cbs_code", flat=True)
    )


def release(edition: Edition) -> Edition:
    """Released as in life: its deadline has passed (statistics open to the ledger only then)."""
    Edition.objects.filter(pk=edition.pk).update(
        status=EditionStatus.RESULTS_RELEASED, submission_deadline=timezone.now() - dt.timedelta(days=1)
    )
    edition.refresh_from_db()
    return edition


@pytest.fixture
def two_editions(world) -> Any:  # type: ignore[no-untyped-def]
    """The world's programme with an earlier edition (2029: 24 Gelderland municipalities) and the
    world's edition (2030: Arnhem, Nijmegen and 26 others; a panel of 18), all submitted."""
    codes = gelderland_codes()
    earlier = f.EditionFactory(programme=world.programme, year=2029)
    participants(earlier, codes[:24], maturity=None)
    participants(world.edition, ["GM0202", "GM0268", *codes[6:32]])
    release(earlier)
    release(world.edition)
    world.extras["earlier"] = earlier
    return world


@pytest.fixture
def published(two_editions) -> Any:  # type: ignore[no-untyped-def]
    """Both editions' statistics published, oldest first."""
    from cim.statistics.services import compute_preview, statistics_publish

    desk = two_editions.users["servicedesk"]
    for edition in (two_editions.extras["earlier"], two_editions.edition):
        statistics_publish(actor=desk, edition=edition, fingerprint=compute_preview(edition).fingerprint)
    return two_editions
