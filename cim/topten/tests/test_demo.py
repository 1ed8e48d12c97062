"""The demo data of this room: consents, published Top 10s for the editions whose closing meeting
has passed (with an anonymous rank and a Top 3 lesson), an embargoed one for the open edition."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cim.core import registry
from cim.core.demo import DemoContext
from cim.editions.models import Edition
from cim.topten.models import NamingConsent, PublishedRank, PublishedTopTen
from cim.topten.selectors import published_top_ten


@pytest.mark.django_db
def test_demo_seed_publishes_past_top_tens_keeps_the_current_one_embargoed_and_is_idempotent(client) -> None:  # type: ignore[no-untyped-def]
    def counts() -> tuple[int, int, int]:
        return NamingConsent.objects.count(), PublishedTopTen.objects.count(), PublishedRank.objects.count()

    for round_ in range(2):
        ctx = DemoContext()
        for seed in registry.demo_seeders():
            seed(ctx)
        if round_ == 0:
            first = counts()
    assert counts() == first
    editions = {e.year: e for e in Edition.objects.filter(programme__slug="gelderland")}
    oldest, previous, latest = sorted(editions)
    assert set(PublishedTopTen.objects.values_list("edition__year", flat=True)) == {oldest, previous}
    current = editions[latest]
    assert NamingConsent.objects.filter(participation__edition=current).exists()
    assert published_top_ten(current.pk) is None
    assert client.get(reverse("topten:detail", args=["gelderland", current.year])).status_code == 404
    for year in (oldest, previous):
        data = published_top_ten(editions[year].pk)
        assert data is not None
        assert len(data.entries) >= 10
        assert any(not entry.named for entry in data.entries)
    assert any(entry.lessons for entry in published_top_ten(editions[oldest].pk).top_three)  # type: ignore[union-attr]
    page = client.get(reverse("topten:detail", args=["gelderland", oldest]))
    assert "anonieme gemeente" in page.content.decode()


@pytest.mark.django_db
def test_the_data_export_holds_the_choice_and_the_published_place(world) -> None:  # type: ignore[no-untyped-def]
    from cim.core.registry import DataScope, data_export_parts
    from cim.topten.tests.helpers import published_directly

    NamingConsent.objects.create(participation=world.participation, named=True, changed_at=world.edition.opens_at)
    published_directly(
        world.edition,
        [(1, world.foreign_participation.organisation, False), (2, world.participation.organisation, True)],
    )
    part = next(p for p in data_export_parts() if p.code == "top10")
    files = {
        f.path: f.content.decode("utf-8-sig")
        for f in part.files(
            DataScope(
                organisation=world.participation.organisation,
                programme=world.programme,
                participations=[world.participation],
            )
        )
    }
    assert "ja" in files["top10/toestemming.csv"]
    places = files["top10/plaatsen.csv"].splitlines()
    assert len(places) == 2  # header and our own line only
    assert places[1].split(",")[1] == "2"
