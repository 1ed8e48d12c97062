"""The per-edition overview: every municipality with penvoerder, contact, code, scan progress,
open questions and registered columns; filterable; XLSX with formulas neutralised."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cim.audit.models import AuditEntry
from cim.core import registry
from cim.core.registry import OverviewColumn
from cim.editions.models import ScanStatus
from cim.servicedesk.services.threads import thread_open
from cim.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def overview_world(world):  # type: ignore[no-untyped-def]
    world.participation.scan_status = ScanStatus.IN_PROGRESS
    world.participation.scan_progress = 40
    world.participation.contact_name = '=HYPERLINK("http://evil","klik")'
    world.participation.save()
    thread_open(actor=world.user("penvoerder"), participation=world.participation, subject="Vraag", body="?")
    f.ParticipationFactory(edition=world.edition, organisation=f.organisation("GM0228"), contact_name="Eva Ede")
    column = OverviewColumn(
        key="masterclasses",
        label="Masterclass-aanwezigheid",
        values=lambda ps: {p.pk: f"{p.organisation.name}: 2 van 4" for p in ps},
    )
    registry.register_overview_column(column)
    yield world
    registry._overview_columns.pop("masterclasses", None)


def test_overview_lists_every_participation(overview_world, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for("servicedesk").get(reverse("servicedesk:staff_overview", args=[overview_world.edition.pk]))
    text = page.content.decode()
    assert "3 deelnemers" in text
    assert "Petra Penvoerder" in text
    assert "Eva Ede" in text
    assert "bezig (40%)" in text
    assert "Masterclass-aanwezigheid" in text
    assert "Arnhem: 2 van 4" in text
    assert f"?deelname={overview_world.participation.pk}" in text  # link to the open question


def test_filters(overview_world, client_for) -> None:  # type: ignore[no-untyped-def]
    desk = client_for("servicedesk")
    url = reverse("servicedesk:staff_overview", args=[overview_world.edition.pk])
    assert "1 deelnemer" in desk.get(url + "?vragen=yes").content.decode()
    assert "2 deelnemers" in desk.get(url + "?vragen=no").content.decode()
    assert "1 deelnemer" in desk.get(url + "?scan=in_progress").content.decode()
    assert "1 deelnemer" in desk.get(url + "?q=ede").content.decode()
    assert "2 deelnemers" in desk.get(url + "?penvoerder=registered").content.decode()
    assert "3 deelnemers" in desk.get(url + "?scan=<script>&vragen=99").content.decode()


def test_xlsx_export_neutralises_formulas_and_is_audited(overview_world, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("servicedesk").get(
        reverse("servicedesk:staff_overview_export", args=[overview_world.edition.pk]) + "?q=arnhem"
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Organisatie"
    assert rows[0][-1] == "Masterclass-aanwezigheid"
    assert len(rows) == 2
    arnhem = rows[1]
    assert arnhem[0] == "Arnhem"
    assert arnhem[4] == "Petra Penvoerder"
    assert arnhem[6].startswith("'=HYPERLINK")
    assert arnhem[10] == 40
    assert arnhem[12] == 1
    assert AuditEntry.objects.filter(action="confidential.export", details__what="servicedesk.overview").exists()


def test_overview_query_count_does_not_grow(world, client_for, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for code in ("GM0228", "GM0200", "GM0203", "GM0209", "GM0213", "GM0214", "GM0216"):
        p = f.ParticipationFactory(edition=world.edition, organisation=f.organisation(code))
        f.MemberFactory(participation=p)
    desk = client_for("servicedesk")
    url = reverse("servicedesk:staff_overview", args=[world.edition.pk])
    desk.get(url)
    with django_assert_max_num_queries(16):
        assert desk.get(url).status_code == 200


def test_staff_dashboard_links_to_the_overview(world, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for("servicedesk").get(reverse("portal:dashboard")).content.decode()
    assert reverse("servicedesk:staff_overview", args=[world.edition.pk]) in page
    assert "Overzicht Monitor 2030" in page
