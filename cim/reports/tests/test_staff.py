"""Programme staff: every score of an edition in a sortable table, an XLSX export (audited), and the
dashboard links; members see their reports on the dashboard."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cim.audit.models import AuditEntry
from cim.scoring.models import Score

pytestmark = pytest.mark.django_db


def names_in_order(html: str, names: list[str]) -> list[str]:
    return sorted(names, key=html.index)


def test_the_score_table_sorts_and_every_view_is_audited(released, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("reports:staff_scores", args=[released.edition.pk])
    scores = {
        s.participation.organisation.name: s.overall
        for s in Score.objects.select_related("participation__organisation")
    }
    client = client_for("analyst")
    html = client.get(url).content.decode()
    assert "11 ingediende scans met een score." in html
    by_score = sorted(scores, key=lambda n: (-scores[n], n))
    assert names_in_order(html, list(scores)) == by_score  # highest first by default
    assert 'aria-sort="descending"' in html
    html = client.get(url + "?sorteer=naam&richting=op").content.decode()
    assert names_in_order(html, list(scores)) == sorted(scores, key=str.lower)
    assert 'aria-sort="ascending"' in html
    html = client.get(url + "?sorteer=totaal&richting=op").content.decode()
    assert names_in_order(html, list(scores))[0] == min(scores, key=lambda n: (scores[n], n))
    # Nonsense parameters fall back to the default order.
    html = client.get(url + "?sorteer=<script>&richting=x").content.decode()
    assert "<script>" not in html
    assert names_in_order(html, list(scores)) == by_score
    assert f'href="{reverse("reports:report", args=[released.participation.pk])}"' in html
    assert AuditEntry.objects.filter(action="reports.scores_viewed").count() == 4


def test_the_export_has_every_score_and_is_audited(released, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("servicedesk").get(reverse("reports:staff_scores_export", args=[released.edition.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    for column in (
        "Organisatie",
        "Totaalscore",
        "Fase",
        "Strategisch niveau",
        "Algemeen beleid",
        "Acties",
        "Circulair aandeel (%)",
    ):
        assert column in header
    assert len(rows) == 1 + Score.objects.count()
    arnhem = next(r for r in rows if r[0] == "Arnhem")
    assert arnhem[header.index("Totaalscore")] == float(Score.objects.get(participation=released.participation).overall)
    entry = AuditEntry.objects.get(action="reports.scores_exported")
    assert entry.details["scores"] == 11


def test_dashboards_link_to_reports_and_score_tables(released, client_for) -> None:  # type: ignore[no-untyped-def]
    html = client_for("penvoerder").get(reverse("portal:dashboard")).content.decode()
    assert "Uw terugkoppeling" in html
    assert reverse("reports:report", args=[released.participation.pk]) in html
    html = client_for("analyst").get(reverse("portal:dashboard")).content.decode()
    assert reverse("reports:staff_scores", args=[released.edition.pk]) in html


def test_before_release_the_dashboard_says_when_the_report_comes(world, client_for) -> None:  # type: ignore[no-untyped-def]
    from django.utils import formats

    html = client_for("contributor").get(reverse("portal:dashboard")).content.decode()
    when = formats.date_format(world.feedback_moment.date, "j F Y")
    assert f"het rapport komt bij de terugkoppeling op {when}" in html


def test_the_score_table_reads_a_constant_number_of_queries(
    released, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    from cim.scoring.tests.factories import participants

    from .conftest import GELDERLAND

    client = client_for("servicedesk")
    url = reverse("reports:staff_scores", args=[released.edition.pk])
    client.get(url)
    with django_assert_max_num_queries(20) as before:
        client.get(url)
    participants(released.edition, GELDERLAND[10:15])
    with django_assert_max_num_queries(20) as after:
        client.get(url)
    assert len(after.captured_queries) == len(before.captured_queries)


def test_the_export_neutralises_formulas(released, client_for) -> None:  # type: ignore[no-untyped-def]
    from cim.organisations.models import Organisation

    Organisation.objects.filter(pk=released.participation.organisation_id).update(name='=HYPERLINK("http://evil","x")')
    response = client_for("servicedesk").get(reverse("reports:staff_scores_export", args=[released.edition.pk]))
    names = [row[0] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    assert '\'=HYPERLINK("http://evil","x")' in names
    assert not any(str(n).startswith("=") for n in names)
