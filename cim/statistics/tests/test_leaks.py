"""A lone participant in a province: its euros must appear nowhere but on the staff pages."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from cim.core.formatting import format_euro
from cim.scoring.selectors import scores_for_edition
from cim.scoring.tests.factories import participants
from cim.statistics.selectors import published_release
from cim.statistics.services import compute_preview, statistics_publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def lone_utrecht(two_editions):  # type: ignore[no-untyped-def]
    """One Utrecht municipality joins in 2030, next to 28 Gelderland ones; both editions published."""
    (utrecht,) = participants(two_editions.edition, ["GM0307"])
    for edition in (two_editions.extras["earlier"], two_editions.edition):
        statistics_publish(actor=None, edition=edition, fingerprint=compute_preview(edition).fingerprint)
    two_editions.extras["utrecht"] = utrecht
    return two_editions


def test_the_lone_participants_euros_are_suppressed_everywhere_public(lone_utrecht, client_for) -> None:  # type: ignore[no-untyped-def]
    edition = lone_utrecht.edition
    record = scores_for_edition(edition)[lone_utrecht.extras["utrecht"].pk]
    secrets = [spend.total for spend in record.categories.values() if spend.total]
    secrets += [spend.circular for spend in record.categories.values() if spend.circular]
    assert secrets
    release = published_release(edition)
    assert release is not None
    total = release.tables["total_by_province"]
    assert all(total.value("PV26", column) is None for column in total.columns)
    published_values = {c.value for t in release.tables.values() for c in t.cells if c.value is not None}
    assert not published_values & set(secrets)

    public_texts = []
    for role in ("anonymous", "funder", "penvoerder"):
        client = client_for(role)
        public_texts.append(client.get(reverse("statistics:edition", args=[edition.pk])).content.decode())
        for key in release.tables:
            public_texts.append(
                client.get(reverse("statistics:download", args=[edition.pk, key, "json"])).content.decode()
            )
            public_texts.append(
                client.get(reverse("statistics:download", args=[edition.pk, key, "csv"])).content.decode()
            )
    public_texts.append(client_for("funder").get(reverse("statistics:funder", args=[edition.pk])).content.decode())
    for secret in secrets:
        for shown in (format_euro(secret, 0), format_euro(secret, 2), str(secret), json.dumps(str(secret))):
            assert not any(shown in text for text in public_texts), shown
    # Staff see it (audited) on the values page.
    staff = client_for("servicedesk").get(reverse("statistics:values", args=[edition.pk])).content.decode()
    assert any(format_euro(secret, 0) in staff for secret in secrets)
