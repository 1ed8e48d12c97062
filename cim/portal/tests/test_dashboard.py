"""The dashboard shows each role its own panel."""

import re

import pytest

from cim.editions.models import Participation
from cim.testing.world import ANALYST, CONTRIBUTOR, FUNDER, PENVOERDER, SERVICE_DESK

pytestmark = pytest.mark.django_db


def test_analyst_sees_the_editions_of_their_programme_with_counts(world, client_for) -> None:  # type: ignore[no-untyped-def]
    Participation.objects.filter(pk=world.participation.pk).update(scan_status="submitted")
    html = client_for(ANALYST).get("/dashboard/").content.decode()
    assert "Edities van uw programma" in html
    assert "Uw account heeft nog geen rol" not in html
    row = html[html.index(world.edition.title) :]
    cells = [c.split("</td>")[0] for c in row.split('<td class="cim-num">')[1:6]]
    assert cells == ["2", "2", "2", "2", "1"]  # participants, monitor, masterclasses, with penvoerder, submitted
    assert "Ander programma" not in html
    # Analysts have no management pages; they do read the score tables (cim/reports).
    assert not re.search(r'href="/beheer/(?!edities/\d+/scores/)', html)


def test_each_role_sees_its_panel(world, client_for) -> None:  # type: ignore[no-untyped-def]
    assert "Edities en deelname" in client_for(SERVICE_DESK).get("/dashboard/").content.decode()
    penvoerder = client_for(PENVOERDER).get("/dashboard/").content.decode()
    assert "U bent penvoerder." in penvoerder
    assert "Uiterste inleverdatum" in penvoerder
    assert "Terugkoppeling" in penvoerder  # the world's feedback moment
    assert "U werkt mee als collega." in client_for(CONTRIBUTOR).get("/dashboard/").content.decode()
    funder = client_for(FUNDER).get("/dashboard/").content.decode()
    assert "Gepubliceerde cijfers" in funder
    assert "Gelderland" in funder
    assert "Nijmegen" not in funder
    assert "Arnhem" not in funder


def test_dashboard_query_count(world, client_for, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = client_for(SERVICE_DESK)
    # 18: a fixed number per panel, not growing with the data; the panels share one read of the
    # editions (access.scoping.editions_newest_first; it was 22 when each read its own).
    with django_assert_max_num_queries(20):
        client.get("/dashboard/")
